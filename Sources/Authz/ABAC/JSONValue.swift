/// A parsed JSON value with the byte offset where it starts in its line.
struct JSONValue: Sendable {
    enum Kind: Sendable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([JSONValue])
        case object([Member])
    }

    struct Member: Sendable {
        var key: String
        var keyOffset: Int
        var value: JSONValue
    }

    var kind: Kind
    var offset: Int

    var typeName: String {
        switch kind {
        case .string: return "string"
        case .number: return "number"
        case .bool: return "boolean"
        case .null: return "null"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

struct JSONParseError: Error, Sendable {
    var message: String
    var offset: Int
}

/// A small strict JSON parser (RFC 8259) over bytes, for one line of an ABAC policy file. It never traps: nesting is
/// limited, invalid UTF-8 inside strings becomes U+FFFD (as Go's decoder does) and is reported through
/// `sawInvalidUTF8`, and every error carries the byte offset where it was found.
struct JSONParser {
    static let maxDepth = 100

    private let bytes: [UInt8]
    private var pos: Int
    private let end: Int
    private(set) var sawInvalidUTF8 = false
    private(set) var invalidUTF8Offset = 0

    init(bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.pos = start
        self.end = end
    }

    /// Parses exactly one value surrounded by optional whitespace.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if pos < end {
            throw JSONParseError(message: "unexpected \(describe(bytes[pos])) after the JSON value", offset: pos)
        }
        return value
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "character '\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while pos < end, bytes[pos] == 0x20 || bytes[pos] == 0x09 || bytes[pos] == 0x0A || bytes[pos] == 0x0D {
            pos += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard pos < end else { throw JSONParseError(message: "unexpected end of line, expected a value", offset: pos) }
        let start = pos
        switch bytes[pos] {
        case UInt8(ascii: "{"):
            guard depth < JSONParser.maxDepth else { throw JSONParseError(message: "nesting deeper than \(JSONParser.maxDepth) levels", offset: pos) }
            return JSONValue(kind: .object(try parseObject(depth: depth + 1)), offset: start)
        case UInt8(ascii: "["):
            guard depth < JSONParser.maxDepth else { throw JSONParseError(message: "nesting deeper than \(JSONParser.maxDepth) levels", offset: pos) }
            return JSONValue(kind: .array(try parseArray(depth: depth + 1)), offset: start)
        case UInt8(ascii: "\""):
            return JSONValue(kind: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONValue(kind: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONValue(kind: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONValue(kind: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try parseNumber()), offset: start)
        default:
            throw JSONParseError(message: "unexpected \(describe(bytes[pos])), expected a value", offset: pos)
        }
    }

    private mutating func expectLiteral(_ word: String) throws(JSONParseError) {
        let start = pos
        for expected in word.utf8 {
            guard pos < end, bytes[pos] == expected else {
                throw JSONParseError(message: "invalid literal, expected \(word)", offset: pos < end ? pos : start)
            }
            pos += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> [JSONValue.Member] {
        pos += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if pos < end, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            return members
        }
        while true {
            skipWhitespace()
            guard pos < end else { throw JSONParseError(message: "unexpected end of line inside an object", offset: pos) }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                throw JSONParseError(message: "unexpected \(describe(bytes[pos])), expected a quoted field name", offset: pos)
            }
            let keyOffset = pos
            let key = try parseString()
            skipWhitespace()
            guard pos < end, bytes[pos] == UInt8(ascii: ":") else {
                throw JSONParseError(message: "expected ':' after field name \"\(key)\"", offset: pos)
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONValue.Member(key: key, keyOffset: keyOffset, value: value))
            skipWhitespace()
            guard pos < end else { throw JSONParseError(message: "unexpected end of line inside an object", offset: pos) }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                return members
            }
            throw JSONParseError(message: "unexpected \(describe(bytes[pos])), expected ',' or '}'", offset: pos)
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> [JSONValue] {
        pos += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if pos < end, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard pos < end else { throw JSONParseError(message: "unexpected end of line inside an array", offset: pos) }
            if bytes[pos] == UInt8(ascii: ",") {
                pos += 1
                continue
            }
            if bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                return items
            }
            throw JSONParseError(message: "unexpected \(describe(bytes[pos])), expected ',' or ']'", offset: pos)
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> String {
        let start = pos
        func digits(_ pos: inout Int, _ bytes: [UInt8], _ end: Int) -> Int {
            let s = pos
            while pos < end, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") { pos += 1 }
            return pos - s
        }
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < end, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") else {
            throw JSONParseError(message: "invalid number", offset: pos)
        }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            _ = digits(&pos, bytes, end)
        }
        if pos < end, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits(&pos, bytes, end) > 0 else { throw JSONParseError(message: "invalid number: digits expected after '.'", offset: pos) }
        }
        if pos < end, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < end, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits(&pos, bytes, end) > 0 else { throw JSONParseError(message: "invalid number: digits expected in exponent", offset: pos) }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let open = pos
        pos += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard pos < end else { throw JSONParseError(message: "unterminated string", offset: open) }
            let byte = bytes[pos]
            switch byte {
            case UInt8(ascii: "\""):
                pos += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                scalars.append(try parseEscape())
            case 0..<0x20:
                throw JSONParseError(message: "control character 0x\(String(byte, radix: 16, uppercase: true)) in string", offset: pos)
            case 0..<0x80:
                scalars.append(Unicode.Scalar(byte))
                pos += 1
            default:
                scalars.append(decodeUTF8Scalar())
            }
        }
    }

    /// Decodes one UTF-8 sequence at `pos`; an invalid one yields U+FFFD and consumes one byte.
    private mutating func decodeUTF8Scalar() -> Unicode.Scalar {
        let lead = bytes[pos]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return invalidUTF8()
        }
        guard pos + length <= end else { return invalidUTF8() }
        for i in 1..<length {
            let b = bytes[pos + i]
            guard b & 0xC0 == 0x80 else { return invalidUTF8() }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return invalidUTF8() }
        pos += length
        return scalar
    }

    private mutating func invalidUTF8() -> Unicode.Scalar {
        if !sawInvalidUTF8 {
            sawInvalidUTF8 = true
            invalidUTF8Offset = pos
        }
        pos += 1
        return "\u{FFFD}"
    }

    private mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        let start = pos
        pos += 1
        guard pos < end else { throw JSONParseError(message: "unterminated escape", offset: start) }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHex4(escapeStart: start)
            if (0xD800..<0xDC00).contains(first) {
                // A high surrogate needs a following \uDC00-\uDFFF; otherwise it decodes to U+FFFD, as in Go.
                if pos + 1 < end, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                    let save = pos
                    pos += 2
                    let second = try parseHex4(escapeStart: save)
                    if (0xDC00..<0xE000).contains(second) {
                        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
                    }
                    pos = save
                }
                return "\u{FFFD}"
            }
            return Unicode.Scalar(first) ?? "\u{FFFD}"
        default:
            throw JSONParseError(message: "invalid escape '\\\(describe(c))' in string", offset: start)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw JSONParseError(message: "invalid \\u escape", offset: escapeStart) }
            let b = bytes[pos]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw JSONParseError(message: "invalid \\u escape", offset: escapeStart)
            }
            value = value << 4 | digit
            pos += 1
        }
        return value
    }
}
