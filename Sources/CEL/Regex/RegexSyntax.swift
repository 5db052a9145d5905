// Parser for RE2 regular-expression syntax. It rejects what RE2 rejects (backreferences,
// lookaround, possessive and doubled repetition, counts above 1000) so that patterns
// behave the same as in Kubernetes.

/// A set of code points as sorted, non-overlapping closed ranges.
struct ScalarSet: Sendable, Equatable {
    var ranges: [ClosedRange<UInt32>] = []

    mutating func add(_ r: ClosedRange<UInt32>) { ranges.append(r) }
    mutating func add(_ s: ScalarSet) { ranges.append(contentsOf: s.ranges) }

    /// Sorts and merges the ranges (call once after building).
    func normalized() -> ScalarSet {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<UInt32>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return ScalarSet(ranges: out)
    }

    func inverted() -> ScalarSet {
        let n = normalized()
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in n.ranges {
            if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
            next = r.upperBound &+ 1
            if r.upperBound == 0x10FFFF { next = 0x110000 }
        }
        if next <= 0x10FFFF { out.append(next...0x10FFFF) }
        return ScalarSet(ranges: out)
    }

    /// Adds the other-case forms of every letter (for `(?i)`), bounded in size.
    func caseFolded() -> ScalarSet {
        var out = self
        var budget = 5000
        for r in ranges {
            for v in r {
                budget -= 1
                if budget < 0 { return out.normalized() }
                guard let s = Unicode.Scalar(v) else { continue }
                for other in caseVariants(s) where other != s { out.add(other.value...other.value) }
            }
        }
        return out.normalized()
    }

    func contains(_ v: UInt32) -> Bool {
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < ranges[mid].lowerBound { hi = mid - 1 } else if v > ranges[mid].upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}

func caseVariants(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = [s]
    for mapped in [s.properties.lowercaseMapping, s.properties.uppercaseMapping] {
        let scalars = Array(mapped.unicodeScalars)
        if scalars.count == 1, !out.contains(scalars[0]) { out.append(scalars[0]) }
    }
    return out
}

indirect enum RegexNode: Sendable {
    case empty
    case set(ScalarSet)
    case concat([RegexNode])
    case alternate([RegexNode])
    case repeated(RegexNode, min: Int, max: Int?, greedy: Bool)
    case group(RegexNode)
    case assertion(RegexAssertion)
}

enum RegexAssertion: Sendable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
}

struct RegexFlags {
    var caseInsensitive = false
    var multiLine = false
    var dotAll = false
    var ungreedy = false
}

struct RegexSyntaxError: Error, CustomStringConvertible {
    let description: String
}

struct RegexParser {
    private let p: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    init(_ pattern: String) { p = Array(pattern.unicodeScalars) }

    static func parse(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        let node = try parser.alternation(RegexFlags())
        if parser.i < parser.p.count { throw RegexSyntaxError(description: "unexpected ): \(pattern)") }
        return node
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < p.count ? p[i + k] : nil }

    private mutating func alternation(_ flags: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw RegexSyntaxError(description: "expression nests too deeply") }
        var flags = flags
        var branches: [RegexNode] = [try concatenation(&flags)]
        while peek() == "|" {
            i += 1
            branches.append(try concatenation(&flags))
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func concatenation(_ flags: inout RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            if c == "(" && peek(1) == "?" , let changed = try flagGroup(&flags) {
                if let changed { items.append(try quantifiers(changed, flags)) }
                continue
            }
            var atom = try self.atom(flags)
            atom = try quantifiers(atom, flags)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    /// Handles `(?flags)` (returns .some(nil)) and `(?flags:re)` (returns the group);
    /// returns nil for other `(?` forms.
    private mutating func flagGroup(_ flags: inout RegexFlags) throws(RegexSyntaxError) -> RegexNode?? {
        var k = i + 2
        var newFlags = flags
        var negate = false
        var sawFlag = false
        while k < p.count {
            switch p[k] {
            case "i": newFlags.caseInsensitive = !negate; sawFlag = true
            case "m": newFlags.multiLine = !negate; sawFlag = true
            case "s": newFlags.dotAll = !negate; sawFlag = true
            case "U": newFlags.ungreedy = !negate; sawFlag = true
            case "-":
                if negate { throw RegexSyntaxError(description: "invalid or unsupported Perl syntax") }
                negate = true
                sawFlag = false
            case ")":
                if !sawFlag && (negate || k == i + 2) { throw RegexSyntaxError(description: "invalid or unsupported Perl syntax") }
                i = k + 1
                flags = newFlags
                return .some(nil)
            case ":":
                if negate && !sawFlag { throw RegexSyntaxError(description: "invalid or unsupported Perl syntax") }
                i = k + 1
                let inner = try alternation(newFlags)
                guard peek() == ")" else { throw RegexSyntaxError(description: "missing closing )") }
                i += 1
                return .some(.group(inner))
            default:
                return nil
            }
            k += 1
        }
        throw RegexSyntaxError(description: "missing closing )")
    }

    private mutating func quantifiers(_ atom: RegexNode, _ flags: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        var node = atom
        var lastWasRepeat = false
        while let c = peek() {
            var minCount = 0, maxCount: Int? = nil
            let start = i
            switch c {
            case "*": i += 1
            case "+": minCount = 1; i += 1
            case "?": maxCount = 1; i += 1
            case "{":
                guard let (lo, hi, end) = parseCount() else { return node }  // literal `{`
                minCount = lo; maxCount = hi; i = end
                if lo > 1000 || (hi ?? 0) > 1000 || (hi != nil && hi! < lo) {
                    throw RegexSyntaxError(description: "invalid repeat count")
                }
            default: return node
            }
            if lastWasRepeat {
                throw RegexSyntaxError(description: "invalid nested repetition operator: \(String(String.UnicodeScalarView(p[start..<i])))")
            }
            if case .assertion = node, c != "{" {
                // RE2 allows repeating empty-width assertions; nothing special to do.
            }
            var greedy = !flags.ungreedy
            if peek() == "?" { i += 1; greedy.toggle() }
            node = .repeated(node, min: minCount, max: maxCount, greedy: greedy)
            lastWasRepeat = true
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil if the brace does not start a valid count.
    private func parseCount() -> (Int, Int?, Int)? {
        var k = i + 1
        func number() -> Int? {
            var v = 0, digits = 0
            while k < p.count, p[k].isDigitASCII {
                v = min(v * 10 + Int(p[k].value - 48), 100_000); digits += 1; k += 1
            }
            return digits > 0 ? v : nil
        }
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if k < p.count && p[k] == "," {
            k += 1
            hi = number()
        }
        guard k < p.count && p[k] == "}" else { return nil }
        return (lo, hi, k + 1)
    }

    private func literal(_ s: Unicode.Scalar, _ flags: RegexFlags) -> RegexNode {
        var set = ScalarSet()
        set.add(s.value...s.value)
        return .set(flags.caseInsensitive ? set.caseFolded() : set)
    }

    private mutating func atom(_ flags: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        guard let c = peek() else { throw RegexSyntaxError(description: "unexpected end") }
        switch c {
        case "(":
            i += 1
            if peek() == "?" {
                if peek(1) == "P" && peek(2) == "<" { i += 3; try groupName() } else if peek(1) == "<" && peek(2) != "=" && peek(2) != "!" {
                    i += 2; try groupName()
                } else {
                    throw RegexSyntaxError(description: "invalid or unsupported Perl syntax: (?\(peek(1).map { String($0) } ?? "")")
                }
            }
            let inner = try alternation(flags)
            guard peek() == ")" else { throw RegexSyntaxError(description: "missing closing )") }
            i += 1
            return .group(inner)
        case ")":
            throw RegexSyntaxError(description: "unexpected )")
        case "*", "+", "?":
            throw RegexSyntaxError(description: "missing argument to repetition operator: \(c)")
        case "{":
            if parseCount() != nil { throw RegexSyntaxError(description: "missing argument to repetition operator") }
            i += 1
            return literal(c, flags)
        case ".":
            i += 1
            var set = ScalarSet()
            if flags.dotAll { set.add(0...0x10FFFF) } else { set.add(0...9); set.add(11...0x10FFFF) }
            return .set(set)
        case "^":
            i += 1
            return .assertion(flags.multiLine ? .beginLine : .beginText)
        case "$":
            i += 1
            return .assertion(flags.multiLine ? .endLine : .endText)
        case "[":
            return .set(try charClass(flags))
        case "\\":
            return try escape(flags)
        default:
            i += 1
            return literal(c, flags)
        }
    }

    private mutating func groupName() throws(RegexSyntaxError) {
        var name = ""
        while let c = peek(), c != ">" {
            guard c.isIdentContinue else { throw RegexSyntaxError(description: "invalid named capture") }
            name.unicodeScalars.append(c); i += 1
        }
        guard peek() == ">", !name.isEmpty else { throw RegexSyntaxError(description: "invalid named capture") }
        i += 1
    }

    private mutating func escape(_ flags: RegexFlags) throws(RegexSyntaxError) -> RegexNode {
        i += 1
        guard let c = peek() else { throw RegexSyntaxError(description: "trailing backslash at end of expression") }
        switch c {
        case "A": i += 1; return .assertion(.beginText)
        case "z": i += 1; return .assertion(.endText)
        case "b": i += 1; return .assertion(.wordBoundary)
        case "B": i += 1; return .assertion(.notWordBoundary)
        case "Q":
            i += 1
            var items: [RegexNode] = []
            while let d = peek() {
                if d == "\\" && peek(1) == "E" { i += 2; break }
                items.append(literal(d, flags)); i += 1
            }
            return .concat(items)
        default:
            i -= 1
            let set = try classEscape(flags)
            return .set(set)
        }
    }

    /// An escape valid both inside and outside brackets; `i` is at the backslash.
    private mutating func classEscape(_ flags: RegexFlags) throws(RegexSyntaxError) -> ScalarSet {
        i += 1
        guard let c = peek() else { throw RegexSyntaxError(description: "trailing backslash at end of expression") }
        i += 1
        var set = ScalarSet()
        func single(_ v: UInt32) -> ScalarSet {
            var s = ScalarSet(); s.add(v...v)
            return flags.caseInsensitive ? s.caseFolded() : s
        }
        switch c {
        case "d", "D": set.add(48...57)
        case "s", "S": for v: UInt32 in [9, 10, 12, 13, 32] { set.add(v...v) }
        case "w", "W": set.add(48...57); set.add(65...90); set.add(97...122); set.add(95...95)
        case "p", "P":
            set = try unicodeClass()
            return c == "P" ? set.inverted() : set.normalized()
        case "a": return single(7)
        case "f": return single(12)
        case "t": return single(9)
        case "n": return single(10)
        case "r": return single(13)
        case "v": return single(11)
        case "x":
            var v: UInt32 = 0
            if peek() == "{" {
                i += 1
                var digits = 0
                while let h = peek(), let d = h.hexValue { v = v * 16 + UInt32(d); i += 1; digits += 1; if v > 0x10FFFF { break } }
                guard peek() == "}", digits > 0, v <= 0x10FFFF else { throw RegexSyntaxError(description: "invalid escape sequence") }
                i += 1
            } else {
                for _ in 0..<2 {
                    guard let h = peek(), let d = h.hexValue else { throw RegexSyntaxError(description: "invalid escape sequence") }
                    v = v * 16 + UInt32(d); i += 1
                }
            }
            return single(v)
        case "0"..."7":
            // A lone non-zero digit would be a backreference, which RE2 does not support.
            if c != "0" && !(peek().map { $0.value >= 48 && $0.value <= 55 } ?? false) {
                throw RegexSyntaxError(description: "invalid escape sequence: \\\(c) (backreferences are not supported)")
            }
            var v = c.value - 48
            for _ in 0..<2 {
                guard let o = peek(), o.value >= 48, o.value <= 55 else { break }
                v = v * 8 + (o.value - 48); i += 1
            }
            return single(v)
        default:
            // Escaped punctuation is literal; escaped letters and digits must be known.
            if c.value < 128 && !c.isIdentContinue {
                return single(c.value)
            }
            throw RegexSyntaxError(description: "invalid escape sequence: \\\(c)")
        }
        return c.properties.isUppercase ? set.inverted() : set.normalized()
    }

    private mutating func unicodeClass() throws(RegexSyntaxError) -> ScalarSet {
        var name = ""
        if peek() == "{" {
            i += 1
            while let c = peek(), c != "}" { name.unicodeScalars.append(c); i += 1 }
            guard peek() == "}" else { throw RegexSyntaxError(description: "invalid character class range") }
            i += 1
        } else if let c = peek() {
            name = String(c); i += 1
        }
        var negate = false
        if name.hasPrefix("^") { negate = true; name.removeFirst() }
        guard let set = UnicodeClasses.set(named: name) else {
            throw RegexSyntaxError(description: "invalid character class range: \\p{\(name)}")
        }
        return negate ? set.inverted() : set
    }

    private mutating func charClass(_ flags: RegexFlags) throws(RegexSyntaxError) -> ScalarSet {
        i += 1
        var negated = false
        if peek() == "^" { negated = true; i += 1 }
        var set = ScalarSet()
        var first = true
        while true {
            guard let c = peek() else { throw RegexSyntaxError(description: "missing closing ]") }
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "[" && peek(1) == ":" {
                if let posix = try posixClass() { set.add(posix); continue }
            }
            var lo: ScalarSet
            var loValue: UInt32?
            if c == "\\" {
                lo = try classEscape(RegexFlags())
                if lo.ranges.count == 1, lo.ranges[0].count == 1 { loValue = lo.ranges[0].lowerBound }
            } else {
                i += 1
                loValue = c.value
                lo = ScalarSet(ranges: [c.value...c.value])
            }
            if peek() == "-", let after = peek(1), after != "]", let loV = loValue {
                i += 1
                var hiValue: UInt32
                if after == "\\" {
                    let hi = try classEscape(RegexFlags())
                    guard hi.ranges.count == 1, hi.ranges[0].count == 1 else {
                        throw RegexSyntaxError(description: "invalid character class range")
                    }
                    hiValue = hi.ranges[0].lowerBound
                } else {
                    i += 1
                    hiValue = after.value
                }
                guard loV <= hiValue else { throw RegexSyntaxError(description: "invalid character class range") }
                set.add(loV...hiValue)
            } else {
                set.add(lo)
            }
        }
        var result = set.normalized()
        if flags.caseInsensitive { result = result.caseFolded() }
        if negated {
            result = result.inverted()
            // A negated class never matches newline unless (?s)... RE2 keeps \n in [^a]; match it.
        }
        return result
    }

    /// `[:alpha:]` inside a bracket expression; `i` is at the `[`.
    private mutating func posixClass() throws(RegexSyntaxError) -> ScalarSet? {
        var k = i + 2
        var name = ""
        while k < p.count, p[k] != ":" { name.unicodeScalars.append(p[k]); k += 1 }
        guard k + 1 < p.count, p[k + 1] == "]" else { return nil }
        var negate = false
        if name.hasPrefix("^") { negate = true; name.removeFirst() }
        var set = ScalarSet()
        switch name {
        case "alnum": set.add(48...57); set.add(65...90); set.add(97...122)
        case "alpha": set.add(65...90); set.add(97...122)
        case "ascii": set.add(0...127)
        case "blank": set.add(9...9); set.add(32...32)
        case "cntrl": set.add(0...31); set.add(127...127)
        case "digit": set.add(48...57)
        case "graph": set.add(33...126)
        case "lower": set.add(97...122)
        case "print": set.add(32...126)
        case "punct": set.add(33...47); set.add(58...64); set.add(91...96); set.add(123...126)
        case "space": set.add(9...13); set.add(32...32)
        case "upper": set.add(65...90)
        case "word": set.add(48...57); set.add(65...90); set.add(97...122); set.add(95...95)
        case "xdigit": set.add(48...57); set.add(65...70); set.add(97...102)
        default: throw RegexSyntaxError(description: "invalid character class range: [:\(name):]")
        }
        i = k + 2
        return negate ? set.inverted() : set.normalized()
    }
}
