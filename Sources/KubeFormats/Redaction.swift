// Redaction for messages and reports: a secret is never printed, only a short prefix and its length.

public enum Redaction {
    /// Shows at most the first 4 characters (fewer for short values: at most a third of the value,
    /// never a control character), then `…` and the length in characters, e.g. `AKIA… (20 chars)`.
    /// An empty value renders as `(empty)`.
    public static func redact(_ value: String) -> String {
        // Printable ASCII (most secrets: tokens, keys, passwords): a character is a byte, and
        // none is a control or format character, so the prefix is the first bytes. Counting
        // and walking Characters cost several thousand instructions a value.
        let ascii = value.withUTF8Bytes { bytes -> String? in
            guard !bytes.contains(where: { $0 < 0x20 || $0 > 0x7E }) else { return nil }
            return rendered(prefix: String(decoding: bytes.prefix(shown(of: bytes.count)), as: UTF8.self), count: bytes.count)
        }
        if let ascii { return ascii }
        let count = value.count
        var prefix = ""
        for ch in value.prefix(shown(of: count)) {
            if ch.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.properties.generalCategory == .format }) { break }
            prefix.append(ch)
        }
        return rendered(prefix: prefix, count: count)
    }

    /// How many characters of a value of `count` characters may be shown.
    private static func shown(of count: Int) -> Int { min(4, count / 3) }

    private static func rendered(prefix: String, count: Int) -> String {
        count == 0 ? "(empty)" : "\(prefix)… (\(count) char\(count == 1 ? "" : "s"))"
    }

    /// Redacts the part of `value` at `range` (offsets in Unicode scalars, as `CredentialMatch`
    /// reports them).
    public static func redact(_ value: String, scalarRange range: Range<Int>) -> String {
        let scalars = value.unicodeScalars
        let lo = max(0, min(range.lowerBound, scalars.count))
        let hi = max(lo, min(range.upperBound, scalars.count))
        let start = scalars.index(scalars.startIndex, offsetBy: lo)
        let end = scalars.index(start, offsetBy: hi - lo)
        return redact(String(scalars[start..<end]))
    }
}
