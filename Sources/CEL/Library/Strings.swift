// Core string functions and the cel-go strings extension (indices count code points).

func registerStrings(_ t: inout FunctionTable) {
    t.binary("contains", receiver: true) { x, y, cx throws(CELError) in
        guard case .string(let s) = x, case .string(let sub) = y else { throw argumentError("contains", [x, y]) }
        try chargeData(cx, s.utf8.count)
        return .bool(sub.isEmpty || indexOf(Array(s.unicodeScalars), Array(sub.unicodeScalars), from: 0) != nil)
    }
    t.binary("startsWith", receiver: true) { x, y, _ throws(CELError) in
        guard case .string(let s) = x, case .string(let p) = y else { throw argumentError("startsWith", [x, y]) }
        return .bool(s.utf8.starts(with: p.utf8))
    }
    t.binary("endsWith", receiver: true) { x, y, _ throws(CELError) in
        guard case .string(let s) = x, case .string(let p) = y else { throw argumentError("endsWith", [x, y]) }
        return .bool(s.utf8.reversed().starts(with: p.utf8.reversed()))
    }
    t.binary("charAt", receiver: true) { x, y, _ throws(CELError) in
        guard case .string(let s) = x, case .int(let i) = y else { throw argumentError("charAt", [x, y]) }
        let chars = Array(s.unicodeScalars)
        guard i >= 0 && i <= chars.count else { throw CELError.invalidArgument("index out of range: \(i)") }
        return .string(i == chars.count ? "" : String(chars[Int(i)]))
    }
    for arity in [1, 2] {
        t.receiver("indexOf", arity: arity) { a, cx throws(CELError) in
            if case .list = a[0], arity == 1 { return try Lists.indexOf(a, last: false) }
            guard case .string(let s) = a[0], case .string(let sub) = a[1] else { throw argumentError("indexOf", a) }
            let chars = Array(s.unicodeScalars)
            try chargeData(cx, chars.count)
            var start = 0
            if arity == 2 {
                guard case .int(let i) = a[2] else { throw argumentError("indexOf", a) }
                guard i >= 0 && i <= chars.count else { throw CELError.invalidArgument("index out of range: \(i)") }
                start = Int(i)
            }
            return .int(Int64(indexOf(chars, Array(sub.unicodeScalars), from: start) ?? -1))
        }
        t.receiver("lastIndexOf", arity: arity) { a, cx throws(CELError) in
            if case .list = a[0], arity == 1 { return try Lists.indexOf(a, last: true) }
            guard case .string(let s) = a[0], case .string(let sub) = a[1] else { throw argumentError("lastIndexOf", a) }
            let chars = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
            try chargeData(cx, chars.count)
            var start = chars.count
            if arity == 2 {
                guard case .int(let i) = a[2] else { throw argumentError("lastIndexOf", a) }
                guard i >= 0 && i <= chars.count else { throw CELError.invalidArgument("index out of range: \(i)") }
                start = Int(i)
            }
            var i = min(start, chars.count - needle.count)
            while i >= 0 {
                if chars[i..<(i + needle.count)].elementsEqual(needle) { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        }
    }
    t.unary("lowerAscii", receiver: true) { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("lowerAscii", [x]) }
        return .string(mapASCII(s) { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
    }
    t.unary("upperAscii", receiver: true) { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("upperAscii", [x]) }
        return .string(mapASCII(s) { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 })
    }
    for arity in [2, 3] {
        t.receiver("replace", arity: arity) { a, cx throws(CELError) in
            guard case .string(let s) = a[0], case .string(let old) = a[1], case .string(let new) = a[2] else {
                throw argumentError("replace", a)
            }
            var limit = Int64.max
            if arity == 3 { guard case .int(let n) = a[3] else { throw argumentError("replace", a) }; limit = n < 0 ? .max : n }
            try chargeData(cx, s.utf8.count)
            return .string(try replace(s, old, new, limit: limit, cx))
        }
        t.receiver("split", arity: arity - 1) { a, cx throws(CELError) in
            guard case .string(let s) = a[0], case .string(let sep) = a[1] else { throw argumentError("split", a) }
            var limit = Int64.max
            if arity == 3 { guard case .int(let n) = a[2] else { throw argumentError("split", a) }; limit = n < 0 ? .max : n }
            try chargeData(cx, s.utf8.count)
            return .list(split(s, sep, limit: limit).map { .string($0) })
        }
        t.receiver("substring", arity: arity - 1) { a, _ throws(CELError) in
            guard case .string(let s) = a[0], case .int(let start) = a[1] else { throw argumentError("substring", a) }
            let chars = Array(s.unicodeScalars)
            var end = Int64(chars.count)
            if arity == 3 { guard case .int(let e) = a[2] else { throw argumentError("substring", a) }; end = e }
            guard start >= 0 && start <= chars.count else { throw CELError.invalidArgument("index out of range: \(start)") }
            guard end >= 0 && end <= chars.count else { throw CELError.invalidArgument("index out of range: \(end)") }
            guard start <= end else { throw CELError.invalidArgument("invalid substring range. start: \(start), end: \(end)") }
            return .string(scalarsToString(chars[Int(start)..<Int(end)]))
        }
    }
    t.unary("trim", receiver: true) { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("trim", [x]) }
        let chars = Array(s.unicodeScalars)
        var lo = 0, hi = chars.count
        while lo < hi && isUnicodeSpace(chars[lo]) { lo += 1 }
        while hi > lo && isUnicodeSpace(chars[hi - 1]) { hi -= 1 }
        return .string(scalarsToString(chars[lo..<hi]))
    }
    for arity in [0, 1] {
        t.receiver("join", arity: arity) { a, cx throws(CELError) in
            guard case .list(let items) = a[0] else { throw argumentError("join", a) }
            var sep = ""
            if arity == 1 { guard case .string(let s) = a[1] else { throw argumentError("join", a) }; sep = s }
            var parts: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw argumentError("join", a) }
                parts.append(s)
            }
            let joined = parts.joined(separator: sep)
            try chargeData(cx, joined.utf8.count)
            return .string(joined)
        }
    }
    t.unary("reverse", receiver: true) { x, _ throws(CELError) in
        switch x {
        case .string(let s): return .string(scalarsToString(Array(s.unicodeScalars.reversed())[...]))
        case .list(let l): return .list(l.reversed())
        default: throw argumentError("reverse", [x])
        }
    }
    t.unary("strings.quote") { x, _ throws(CELError) in
        guard case .string(let s) = x else { throw argumentError("strings.quote", [x]) }
        return .string(quote(s))
    }
    t.binary("format", receiver: true) { x, y, cx throws(CELError) in
        guard case .string(let s) = x, case .list(let args) = y else { throw argumentError("format", [x, y]) }
        try chargeData(cx, s.utf8.count)
        return .string(try StringFormatter.format(s, args))
    }
}

func scalarsToString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var s = ""
    s.unicodeScalars.append(contentsOf: scalars)
    return s
}

func indexOf(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], from start: Int) -> Int? {
    if needle.isEmpty { return start }
    guard hay.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= hay.count {
        if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

private func mapASCII(_ s: String, _ f: (UInt8) -> UInt8) -> String {
    String(decoding: s.utf8.map { $0 < 128 ? f($0) : $0 }, as: UTF8.self)
}

private func replace(_ s: String, _ old: String, _ new: String, limit: Int64, _ cx: EvalContext) throws(CELError) -> String {
    if limit == 0 { return s }
    let hay = Array(s.unicodeScalars), needle = Array(old.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0, done: Int64 = 0
    while i <= hay.count {
        if done < limit, let j = indexOf(hay, needle, from: i) {
            out.append(contentsOf: hay[i..<j])
            out.append(contentsOf: new.unicodeScalars)
            done += 1
            if needle.isEmpty {
                // Go inserts the replacement between every code point.
                if j < hay.count { out.append(hay[j]) }
                i = j + 1
            } else {
                i = j + needle.count
            }
            try chargeData(cx, new.utf8.count)
        } else {
            out.append(contentsOf: hay[i...])
            break
        }
    }
    return String(out)
}

private func split(_ s: String, _ sep: String, limit: Int64) -> [String] {
    if limit == 0 { return [] }
    let hay = Array(s.unicodeScalars), needle = Array(sep.unicodeScalars)
    var parts: [String] = []
    if needle.isEmpty {
        for (k, c) in hay.enumerated() {
            if Int64(parts.count) == limit - 1 { parts.append(scalarsToString(hay[k...])); return parts }
            parts.append(String(c))
        }
        return parts
    }
    var i = 0
    while Int64(parts.count) < limit - 1, let j = indexOf(hay, needle, from: i) {
        parts.append(scalarsToString(hay[i..<j]))
        i = j + needle.count
    }
    parts.append(scalarsToString(hay[i...]))
    return parts
}

/// Unicode White_Space, as Go's `strings.TrimSpace` uses.
func isUnicodeSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}

/// Go-style double-quoted string with escapes (`strings.quote`).
func quote(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        default:
            if c.value < 0x20 || c.value == 0x7F {
                let hex = String(c.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }
    return out + "\""
}
