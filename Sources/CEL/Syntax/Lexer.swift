// Tokenizer for CEL source text. Works on Unicode scalars so token offsets double as
// user-facing columns, and string literals can keep arbitrary code points.

enum TokenKind: Equatable, Sendable {
    case identifier(String)
    /// Backtick-quoted field name (``a.`b-c` ``), only valid after `.`.
    case quotedIdentifier(String)
    /// Integer magnitude; the sign is applied by the parser so `-9223372036854775808` fits.
    case int(UInt64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case punct(String)
    case eof
}

struct Token: Sendable {
    var kind: TokenKind
    /// 0-based offset in Unicode scalars from the start of the expression.
    var offset: Int
}

struct Lexer {
    private let chars: [Unicode.Scalar]
    private var pos = 0

    init(_ scalars: [Unicode.Scalar]) { self.chars = scalars }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let i = pos + ahead
        return i < chars.count ? chars[i] : nil
    }

    /// Reads all tokens; the last one is `.eof`.
    mutating func tokenize() throws(CELCompileError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                pos += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { pos += 1 }
            } else {
                return
            }
        }
    }

    private func error(_ message: String, at offset: Int) -> CELCompileError {
        CELCompileError(message: message, offset: offset)
    }

    private mutating func next() throws(CELCompileError) -> Token {
        skipTrivia()
        let start = pos
        guard let c = peek() else { return Token(kind: .eof, offset: start) }

        if c.isDigitASCII || (c == "." && (peek(1)?.isDigitASCII ?? false)) {
            return Token(kind: try number(), offset: start)
        }
        if c.isIdentStart {
            // String/bytes prefixes: r, R, b, B and combinations (br, rb, ...).
            var look = 0
            var raw = false, bytes = false
            while look < 2, let p = peek(look), "rRbB".unicodeScalars.contains(p) {
                if p == "r" || p == "R" { if raw { break }; raw = true } else { if bytes { break }; bytes = true }
                look += 1
            }
            if look > 0, let q = peek(look), q == "\"" || q == "'" {
                pos += look
                return Token(kind: try quoted(raw: raw, bytes: bytes, start: start), offset: start)
            }
            var name = ""
            while let d = peek(), d.isIdentContinue { name.unicodeScalars.append(d); pos += 1 }
            return Token(kind: .identifier(name), offset: start)
        }
        if c == "\"" || c == "'" {
            return Token(kind: try quoted(raw: false, bytes: false, start: start), offset: start)
        }
        if c == "`" {
            pos += 1
            var name = ""
            while let d = peek(), d != "`" {
                guard d.isIdentContinue || d == "." || d == "-" || d == "/" || d == " " else {
                    throw error("invalid character in quoted identifier", at: pos)
                }
                name.unicodeScalars.append(d); pos += 1
            }
            guard peek() == "`", !name.isEmpty else { throw error("unterminated quoted identifier", at: start) }
            pos += 1
            return Token(kind: .quotedIdentifier(name), offset: start)
        }
        let two = peek(1).map { String(c) + String($0) } ?? ""
        if ["==", "!=", "<=", ">=", "&&", "||", ".?", "[?"].contains(two) {
            // `[?` and `.?` only form optional syntax when followed by something other than `?`-less text;
            // the parser decides, so emit them as single tokens.
            pos += 2
            return Token(kind: .punct(two), offset: start)
        }
        if "+-*/%!<>?:.,()[]{}=".unicodeScalars.contains(c) {
            pos += 1
            return Token(kind: .punct(String(c)), offset: start)
        }
        throw error("unexpected character '\(c.escaped(asASCII: false))'", at: start)
    }

    private mutating func number() throws(CELCompileError) -> TokenKind {
        let start = pos
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            pos += 2
            var value: UInt64 = 0
            var digits = 0
            while let d = peek(), let v = d.hexValue {
                let (m, o1) = value.multipliedReportingOverflow(by: 16)
                let (s, o2) = m.addingReportingOverflow(UInt64(v))
                if o1 || o2 { throw error("integer literal out of range", at: start) }
                value = s; digits += 1; pos += 1
            }
            if digits == 0 { throw error("invalid hex literal", at: start) }
            if let u = peek(), u == "u" || u == "U" { pos += 1; return .uint(value) }
            try rejectTrailingIdent()
            return .int(value)
        }
        var text = ""
        var isDouble = false
        while let d = peek(), d.isDigitASCII { text.unicodeScalars.append(d); pos += 1 }
        if peek() == ".", let d = peek(1), d.isDigitASCII {
            isDouble = true
            text += "."; pos += 1
            while let d = peek(), d.isDigitASCII { text.unicodeScalars.append(d); pos += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            var look = 1
            if let s = peek(1), s == "+" || s == "-" { look = 2 }
            if let d = peek(look), d.isDigitASCII {
                isDouble = true
                for _ in 0..<look { text.unicodeScalars.append(peek()!); pos += 1 }
                while let d = peek(), d.isDigitASCII { text.unicodeScalars.append(d); pos += 1 }
            } else {
                throw error("malformed exponent in number", at: start)
            }
        }
        if isDouble {
            try rejectTrailingIdent()
            guard let v = Double(text) else { throw error("invalid double literal", at: start) }
            return .double(v)
        }
        guard let v = UInt64(text) else { throw error("integer literal out of range", at: start) }
        if let u = peek(), u == "u" || u == "U" { pos += 1; return .uint(v) }
        try rejectTrailingIdent()
        return .int(v)
    }

    /// `12abc` is one malformed token, not `12` followed by `abc`.
    private func rejectTrailingIdent() throws(CELCompileError) {
        if let c = peek(), c.isIdentStart { throw error("invalid number literal", at: pos) }
    }

    private mutating func quoted(raw: Bool, bytes: Bool, start: Int) throws(CELCompileError) -> TokenKind {
        guard let quote = peek() else { throw error("unterminated string", at: start) }
        let triple = peek(1) == quote && peek(2) == quote
        pos += triple ? 3 : 1
        var scalars: [Unicode.Scalar] = []
        var rawBytes: [UInt8] = []
        func append(_ s: Unicode.Scalar) {
            if bytes { rawBytes.append(contentsOf: Array(String(s).utf8)) } else { scalars.append(s) }
        }
        while true {
            guard let c = peek() else { throw error("unterminated string literal", at: start) }
            if c == quote {
                if !triple { pos += 1; break }
                if peek(1) == quote && peek(2) == quote { pos += 3; break }
            }
            if !triple && (c == "\n" || c == "\r") { throw error("newline in string literal", at: pos) }
            if c == "\\" && raw {
                // Raw strings keep the backslash, but an escaped quote still does not end the literal.
                append(c); pos += 1
                if let n = peek(), n == quote || n == "\\" { append(n); pos += 1 }
                continue
            }
            if c == "\\" {
                let escStart = pos
                pos += 1
                guard let e = peek() else { throw error("unterminated string literal", at: start) }
                pos += 1
                switch e {
                case "a": append("\u{07}")
                case "b": append("\u{08}")
                case "f": append("\u{0C}")
                case "n": append("\n")
                case "r": append("\r")
                case "t": append("\t")
                case "v": append("\u{0B}")
                case "\\", "?", "\"", "'", "`": append(e)
                case "x", "X", "u", "U":
                    let count = (e == "x" || e == "X") ? 2 : (e == "u" ? 4 : 8)
                    if bytes && count != 2 { throw error("unicode escape not allowed in bytes literal", at: escStart) }
                    var v: UInt32 = 0
                    for _ in 0..<count {
                        guard let h = peek(), let d = h.hexValue else { throw error("invalid escape sequence", at: escStart) }
                        v = v * 16 + UInt32(d); pos += 1
                    }
                    if bytes { rawBytes.append(UInt8(v)) } else {
                        guard let s = Unicode.Scalar(v) else { throw error("invalid unicode code point in escape", at: escStart) }
                        scalars.append(s)
                    }
                case "0", "1", "2", "3":
                    var v = UInt32(e.value - 48)
                    for _ in 0..<2 {
                        guard let o = peek(), o.value >= 48, o.value <= 55 else { throw error("invalid octal escape", at: escStart) }
                        v = v * 8 + (o.value - 48); pos += 1
                    }
                    if bytes { rawBytes.append(UInt8(v)) } else {
                        guard let s = Unicode.Scalar(v) else { throw error("invalid octal escape", at: escStart) }
                        scalars.append(s)
                    }
                default:
                    throw error("invalid escape sequence '\\\(e)'", at: escStart)
                }
                continue
            }
            append(c); pos += 1
        }
        if bytes { return .bytes(rawBytes) }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return .string(s)
    }
}

extension Unicode.Scalar {
    var isDigitASCII: Bool { value >= 48 && value <= 57 }
    var isIdentStart: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) || value == 95 }
    var isIdentContinue: Bool { isIdentStart || isDigitASCII }
    var hexValue: Int? {
        switch value {
        case 48...57: return Int(value - 48)
        case 65...70: return Int(value - 55)
        case 97...102: return Int(value - 87)
        default: return nil
        }
    }
}
