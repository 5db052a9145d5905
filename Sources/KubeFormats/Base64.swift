// Base64 as the API server decodes Secret `data`: Go's `encoding/base64.StdEncoding` (RFC 4648
// standard alphabet, `=` padding required). Differences from Go, both deliberate:
// - Go skips `\r` and `\n` anywhere in the input; by default these are rejected here, because
//   the YAML layer has already folded the scalar and a line break left inside is a mistake
//   (`allowLineBreaks: true` restores Go's behaviour).
// - Like Go's non-strict `StdEncoding`, non-zero unused bits in the last quantum are accepted.

public enum Base64 {
    /// Validates `value` as standard, padded base64. Codes: `base64.bad-character`,
    /// `base64.bad-padding`, `base64.missing-padding`, `base64.trailing-data`.
    public static func validate(_ value: String, allowLineBreaks: Bool = false) -> FormatIssue? {
        value.withUTF8Bytes { b in
            if case .failure(let issue) = decodeBytes(b, alphabet: .standard, requirePadding: true,
                                                      allowLineBreaks: allowLineBreaks, output: false) {
                return issue
            }
            return nil
        }
    }

    /// Decodes standard, padded base64 (see `validate`).
    public static func decode(_ value: String, allowLineBreaks: Bool = false) -> Result<[UInt8], FormatIssue> {
        value.withUTF8Bytes { b in
            decodeBytes(b, alphabet: .standard, requirePadding: true, allowLineBreaks: allowLineBreaks, output: true)
        }
    }

    /// Decodes base64url (RFC 4648 §5) with optional padding, as used in JWT segments.
    public static func decodeURLSafe(_ value: String) -> Result<[UInt8], FormatIssue> {
        value.withUTF8Bytes { b in
            decodeBytes(b, alphabet: .url, requirePadding: false, allowLineBreaks: false, output: true)
        }
    }

    /// Encodes bytes as standard, padded base64.
    public static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)], 0x3D, 0x3D]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [table[Int(n >> 18)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], 0x3D]
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Internals

    enum Alphabet { case standard, url }

    private static let standardTable: [UInt8] = makeTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    private static let urlTable: [UInt8] = makeTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    private static func makeTable(_ chars: String) -> [UInt8] {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in chars.utf8.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }

    static func decodeBytes(_ b: UnsafeBufferPointer<UInt8>, alphabet: Alphabet, requirePadding: Bool,
                            allowLineBreaks: Bool, output: Bool) -> Result<[UInt8], FormatIssue> {
        let table = alphabet == .standard ? standardTable : urlTable
        var out: [UInt8] = []
        if output { out.reserveCapacity(b.count / 4 * 3 + 3) }
        var quantum: UInt32 = 0
        var inQuantum = 0  // symbols of the current quantum seen so far
        var quantumStart = 0
        var i = 0
        func fail(_ code: String, _ message: String, _ at: Int) -> Result<[UInt8], FormatIssue> {
            .failure(FormatIssue(code: code, message: message, offset: scalarOffset(b, at)))
        }
        while i < b.count {
            let c = b[i]
            if allowLineBreaks && (c == 0x0A || c == 0x0D) { i += 1; continue }
            let v = table[Int(c)]
            if v != 0xFF {
                if inQuantum == 0 { quantumStart = i }
                quantum = quantum << 6 | UInt32(v)
                inQuantum += 1
                if inQuantum == 4 {
                    if output { out += [UInt8(quantum >> 16), UInt8(quantum >> 8 & 0xFF), UInt8(quantum & 0xFF)] }
                    quantum = 0
                    inQuantum = 0
                }
                i += 1
                continue
            }
            if c == 0x3D {  // '='
                if inQuantum < 2 {
                    return fail("base64.bad-padding",
                                "'=' padding can only end a group of four characters after at least two symbols", i)
                }
                // Need 4 - inQuantum '=' in total (skipping line breaks when allowed).
                var needed = 4 - inQuantum
                var j = i
                while needed > 0 {
                    while allowLineBreaks && j < b.count && (b[j] == 0x0A || b[j] == 0x0D) { j += 1 }
                    if j == b.count {
                        return fail("base64.missing-padding", "incomplete padding: expected another '='", j)
                    }
                    if b[j] != 0x3D { return fail("base64.bad-padding", "expected '=' to complete the padding", j) }
                    needed -= 1
                    j += 1
                }
                while allowLineBreaks && j < b.count && (b[j] == 0x0A || b[j] == 0x0D) { j += 1 }
                if j < b.count { return fail("base64.trailing-data", "data after the '=' padding", j) }
                if output { appendPartial(&out, quantum, inQuantum) }
                return .success(out)
            }
            let what = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D ? "whitespace is not allowed inside base64"
                : "\(describeScalar(at: i, in: b)) is not a \(alphabet == .standard ? "standard" : "base64url") base64 character"
            let hint = alphabet == .standard && (c == 0x2D || c == 0x5F) ? " (looks like base64url; Secret data uses the standard alphabet with '+' and '/')" : ""
            return fail("base64.bad-character", what + hint, i)
        }
        if inQuantum != 0 {
            if requirePadding || inQuantum == 1 {
                let missing = 4 - inQuantum
                let message = inQuantum == 1
                    ? "truncated: a group of four ends after one character"
                    : "missing padding: add \(missing) '=' (the length must be a multiple of 4)"
                let code = inQuantum == 1 ? "base64.truncated" : "base64.missing-padding"
                return .failure(FormatIssue(code: code, message: message,
                                            offset: scalarOffset(b, inQuantum == 1 ? quantumStart : b.count)))
            }
            if output { appendPartial(&out, quantum, inQuantum) }
        }
        return .success(out)
    }

    private static func appendPartial(_ out: inout [UInt8], _ quantum: UInt32, _ n: Int) {
        if n == 2 {
            out.append(UInt8(quantum >> 4 & 0xFF))
        } else if n == 3 {
            out += [UInt8(quantum >> 10 & 0xFF), UInt8(quantum >> 2 & 0xFF)]
        }
    }
}
