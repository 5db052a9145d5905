// Type conversions: int, uint, double, string, bytes, bool, dyn, type, timestamp, duration.

func registerConversions(_ t: inout FunctionTable) {
    t.unary("int") { x, _ throws(CELError) in
        switch x {
        case .int: return x
        case .uint(let u):
            guard u <= UInt64(Int64.max) else { throw CELError.invalidArgument("int range error: \(u)") }
            return .int(Int64(u))
        case .double(let d):
            // Strictly inside (minInt, maxInt): both ends round to ±2^63 as doubles.
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                throw CELError.invalidArgument("int range error: \(d)")
            }
            return .int(Int64(d))
        case .string(let s):
            guard let i = Int64(s) else { throw CELError.invalidArgument("cannot convert '\(s)' to int") }
            return .int(i)
        case .timestamp(let ts): return .int(ts.seconds)
        default: throw argumentError("int", [x])
        }
    }
    t.unary("uint") { x, _ throws(CELError) in
        switch x {
        case .uint: return x
        case .int(let i):
            guard i >= 0 else { throw CELError.invalidArgument("uint range error: \(i)") }
            return .uint(UInt64(i))
        case .double(let d):
            guard d.isFinite, d > -1, d < 1.8446744073709551616e19 else {
                throw CELError.invalidArgument("uint range error: \(d)")
            }
            return .uint(UInt64(d))
        case .string(let s):
            guard let u = UInt64(s) else { throw CELError.invalidArgument("cannot convert '\(s)' to uint") }
            return .uint(u)
        default: throw argumentError("uint", [x])
        }
    }
    t.unary("double") { x, _ throws(CELError) in
        switch x {
        case .double: return x
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
            guard let d = parseDouble(s) else { throw CELError.invalidArgument("cannot convert '\(s)' to double") }
            return .double(d)
        default: throw argumentError("double", [x])
        }
    }
    t.unary("string") { x, _ throws(CELError) in .string(try convertToString(x)) }
    t.unary("bytes") { x, _ throws(CELError) in
        switch x {
        case .bytes: return x
        case .string(let s): return .bytes(Array(s.utf8))
        default: throw argumentError("bytes", [x])
        }
    }
    t.unary("bool") { x, _ throws(CELError) in
        switch x {
        case .bool: return x
        case .string(let s):
            switch s {
            case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
            case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
            default: throw CELError.invalidArgument("cannot convert '\(s)' to bool")
            }
        default: throw argumentError("bool", [x])
        }
    }
    t.unary("dyn") { x, _ in x }
    t.unary("type") { x, _ in .type(x.type) }
    t.unary("timestamp") { x, _ throws(CELError) in
        switch x {
        case .timestamp: return x
        case .string(let s):
            guard let ts = CELTimestamp.parse(s) else {
                throw CELError.invalidArgument("timestamp('\(s)'): invalid RFC 3339 timestamp or out of range")
            }
            return .timestamp(ts)
        case .int(let i): return .timestamp(try CELTimestamp(seconds: i))
        default: throw argumentError("timestamp", [x])
        }
    }
    t.unary("duration") { x, _ throws(CELError) in
        switch x {
        case .duration: return x
        case .string(let s):
            guard let d = CELDuration.parse(s) else {
                throw CELError.invalidArgument("duration('\(s)'): invalid duration or out of range")
            }
            return .duration(d)
        default: throw argumentError("duration", [x])
        }
    }
}

/// Go `strconv.ParseFloat` accepts the same forms as Swift plus `Inf`/`Infinity` spellings.
func parseDouble(_ s: String) -> Double? {
    guard !s.isEmpty, !s.hasPrefix("0x"), !s.hasPrefix("-0x"), !s.contains(" ") else { return nil }
    return Double(s)
}

func convertToString(_ v: CELValue) throws(CELError) -> String {
    switch v {
    case .string(let s): return s
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return formatDouble(d)
    case .bytes(let b):
        guard let s = decodeUTF8Strict(b) else {
            throw CELError.invalidArgument("invalid UTF-8 in bytes, cannot convert to string")
        }
        return s
    case .timestamp(let ts): return ts.description
    case .duration(let d): return d.description
    case .type(let t): return t.name
    case .object(let o):
        if let s = o.stringValue { return s }
        throw CELError.noOverload("string", [v])
    default:
        throw CELError.noOverload("string", [v])
    }
}

/// Go's `strconv.FormatFloat(d, 'g', -1, 64)`: shortest digits, exponent form when the
/// decimal exponent is below -4 or at least 21.
func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
    if d == 0 { return d.sign == .minus ? "-0" : "0" }
    let (digits, exponent) = shortestDigits(d.magnitude)
    let sign = d < 0 ? "-" : ""
    if exponent < -4 || exponent >= 21 {
        var mantissa = String(digits.first!)
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let e = abs(exponent)
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }
    return sign + positional(digits, exponent)
}

/// Digits without leading/trailing zeros and the decimal exponent of the first digit.
func shortestDigits(_ d: Double) -> (digits: String, exponent: Int) {
    // Swift's description is the shortest round-tripping representation.
    let text = "\(d)"
    var mantissa = text
    var exp = 0
    if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = String(text[..<eIndex])
        exp = Int(text[text.index(after: eIndex)...]) ?? 0
    }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts[0])
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var all = intPart + fracPart
    var pointPos = intPart.count + exp  // digits before the decimal point
    while all.hasPrefix("0") && all.count > 1 { all.removeFirst(); pointPos -= 1 }
    while all.hasSuffix("0") && all.count > 1 { all.removeLast() }
    return (all, pointPos - 1)
}

/// Formats digits with the first digit at decimal exponent `exponent`, without exponent notation.
func positional(_ digits: String, _ exponent: Int) -> String {
    if exponent < 0 {
        return "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    if digits.count <= exponent + 1 {
        return digits + String(repeating: "0", count: exponent + 1 - digits.count)
    }
    let cut = digits.index(digits.startIndex, offsetBy: exponent + 1)
    return String(digits[..<cut]) + "." + String(digits[cut...])
}

/// UTF-8 decoding that fails on malformed input instead of inserting U+FFFD.
func decodeUTF8Strict(_ bytes: [UInt8]) -> String? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var s = ""
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue(let v): s.unicodeScalars.append(v)
        case .emptyInput: return s
        case .error: return nil
        }
    }
}
