import Foundation  // String(format:) for %f/%e rounding identical to C/Go; not on a hot path.

// `string.format(list)` of the cel-go strings extension: %s %d %f %e %b %o %x %X and %%.

enum StringFormatter {
    static func format(_ template: String, _ args: [CELValue]) throws(CELError) -> String {
        let chars = Array(template.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0, argIndex = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else { out.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { throw CELError.invalidArgument("could not parse formatting clause: missing verb") }
            if chars[i] == "%" { out.append("%"); i += 1; continue }
            var precision: Int?
            if chars[i] == "." {
                i += 1
                var p = 0, digits = 0
                while i < chars.count, chars[i].isDigitASCII, digits < 4 { p = p * 10 + Int(chars[i].value - 48); i += 1; digits += 1 }
                precision = p
            }
            guard i < chars.count else { throw CELError.invalidArgument("could not parse formatting clause: missing verb") }
            let verb = chars[i]
            i += 1
            guard "sdfeboxX".unicodeScalars.contains(verb) else {
                throw CELError.invalidArgument("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
            guard argIndex < args.count else { throw CELError.invalidArgument("index \(argIndex) out of range") }
            let arg = args[argIndex]
            argIndex += 1
            out.append(contentsOf: try clause(verb, precision, arg).unicodeScalars)
        }
        return String(out)
    }

    private static func special(_ d: Double) -> String? {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    private static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ arg: CELValue) throws(CELError) -> String {
        let given = arg.typeName
        switch verb {
        case "s":
            return try asString(arg)
        case "d":
            switch arg {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d) where special(d) != nil: return special(d)!
            default: throw formatting("decimal clause can only be used on integers, was given \(given)")
            }
        case "f", "e":
            let d: Double
            switch arg {
            case .double(let x): d = x
            case .int(let x): d = Double(x)
            case .uint(let x): d = Double(x)
            default:
                let what = verb == "f" ? "fixed-point" : "scientific"
                throw formatting("\(what) clause can only be used on doubles, was given \(given)")
            }
            if let s = special(d) { return s }
            return String(format: "%.\(precision ?? 6)\(verb)", d)
        case "b":
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 2)
            case .uint(let u): return String(u, radix: 2)
            case .bool(let b): return b ? "1" : "0"
            default: throw formatting("only integers and bools can be formatted as binary, was given \(given)")
            }
        case "o":
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 8)
            case .uint(let u): return String(u, radix: 8)
            default: throw formatting("octal clause can only be used on integers, was given \(given)")
            }
        default:  // x, X
            let upper = verb == "X"
            var text: String
            switch arg {
            case .int(let i): text = (i < 0 ? "-" : "") + String(i.magnitude, radix: 16)
            case .uint(let u): text = String(u, radix: 16)
            case .string(let s): text = hexBytes(Array(s.utf8))
            case .bytes(let b): text = hexBytes(b)
            default:
                throw formatting("only integers, byte buffers, and strings can be formatted as hex, was given \(given)")
            }
            if upper { text = text.uppercased() }
            return text
        }
    }

    private static func hexBytes(_ b: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var s = ""
        for x in b { s.append(digits[Int(x >> 4)]); s.append(digits[Int(x & 15)]) }
        return s
    }

    private static func formatting(_ message: String) -> CELError {
        .invalidArgument("error during formatting: \(message)")
    }

    /// `%s` text: lists and maps recursively, map entries sorted by their key text.
    static func asString(_ v: CELValue) throws(CELError) -> String {
        switch v {
        case .null: return "null"
        case .double(let d): return special(d) ?? formatDouble(d)
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .list(let items):
            var parts: [String] = []
            for x in items { parts.append(try asString(x)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map, .hostMap:
            var parts: [(String, String)] = []
            var failure: CELError?
            forEachMapEntry(v) { k, value in
                do throws(CELError) {
                    parts.append((try asString(k), try asString(value)))
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            if let failure { throw failure }
            parts.sort { $0.0 < $1.0 }
            return "{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .string, .bool, .int, .uint, .timestamp, .duration, .type:
            return try convertToString(v)
        case .object(let o) where o.stringValue != nil:
            return o.stringValue!
        default:
            throw formatting("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given \(v.typeName)")
        }
    }
}
