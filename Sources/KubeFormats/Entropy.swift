// Shannon entropy over bytes, as secret scanners use it to tell random-looking strings from words.
// No Foundation: log2 is computed here from the float's exponent and an atanh series.

public enum Entropy {
    /// Which character set a candidate string uses; thresholds differ per set.
    public enum Alphabet: String, Sendable, Hashable {
        /// Only `[0-9a-fA-F]`.
        case hex
        /// Only `[A-Za-z0-9+/=_-]` (standard and URL-safe base64).
        case base64
        /// Anything else (passwords with punctuation, non-ASCII…).
        case other
    }

    /// Values shorter than this are never judged high-entropy.
    public static let minimumLength = 8
    /// Entropy threshold caps per alphabet (detect-secrets uses 3.0 for hex and 4.5 for base64).
    public static let hexThreshold = 3.0
    public static let base64Threshold = 4.5
    public static let otherThreshold = 4.0
    /// Short strings cannot reach the caps (n distinct characters give at most log2(n) bits), so
    /// the threshold is `min(cap, ratio × log2(min(n, alphabet size)))`.
    public static let ratio = 0.8

    /// Shannon entropy in bits per byte of the UTF-8 encoding (equal to bits per character for
    /// ASCII). 0 for an empty string.
    public static func shannon(_ value: String) -> Double {
        value.withUTF8Bytes { shannon(bytes: $0) }
    }

    static func shannon(bytes: UnsafeBufferPointer<UInt8>) -> Double {
        shannon(bytes: bytes, 0, bytes.count)
    }

    static func shannon(bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double {
        let n = end - start
        guard n > 0 else { return 0 }
        // H = log2(n) - Σ c·log2(c) / n over the byte counts c: one logarithm per distinct
        // count, read from a table for the small counts values have, instead of log2(c/n) per
        // distinct byte (a series each); the counts live on the stack, not in a new array.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for i in start..<end { counts[Int(bytes[i])] &+= 1 }
            var sum = 0.0
            for c in counts where c > 1 {
                let count = Int(c)
                sum += Double(count) * (count < log2Table.count ? log2Table[count] : log2(Double(count)))
            }
            return max(0, log2(Double(n)) - sum / Double(n))
        }
    }

    /// log2 of 0…256 (0 for 0), for the byte counts of `shannon`.
    private static let log2Table: [Double] = (0 ... 256).map { $0 == 0 ? 0 : log2(Double($0)) }

    /// The alphabet of `value`.
    public static func alphabet(of value: String) -> Alphabet {
        value.withUTF8Bytes { alphabet(bytes: $0, 0, $0.count) }
    }

    static func alphabet(bytes b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Alphabet {
        var hex = true
        for i in start..<end {
            let c = b[i]
            if isHexDigit(c) { continue }
            hex = false
            if isAlnum(c) || c == 0x2B || c == 0x2F || c == 0x3D || c == 0x5F || c == 0x2D { continue }
            return .other
        }
        return hex ? .hex : .base64
    }

    /// The entropy a string of `length` characters over `alphabet` must exceed to count as random.
    public static func threshold(length: Int, alphabet: Alphabet) -> Double {
        let (cap, size): (Double, Int) = switch alphabet {
        case .hex: (hexThreshold, 16)
        case .base64: (base64Threshold, 64)
        case .other: (otherThreshold, 94)
        }
        return min(cap, ratio * log2(Double(max(1, min(length, size)))))
    }

    /// True when `value` is at least `minimumLength` long and its entropy reaches the threshold
    /// for its alphabet.
    public static func isHighEntropy(_ value: String) -> Bool {
        value.withUTF8Bytes { isHighEntropy(bytes: $0, 0, $0.count) }
    }

    static func isHighEntropy(bytes b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n >= minimumLength else { return false }
        let a = alphabet(bytes: b, start, end)
        return shannon(bytes: b, start, end) >= threshold(length: n, alphabet: a)
    }

    /// log2 without Foundation: x = m·2^e with m in [1, 2); ln m = 2·atanh((m-1)/(m+1)).
    static func log2(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return x == 0 ? -.infinity : .nan }
        let e = Double(x.exponent)
        let m = x.significand
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        while k < 60 {
            let add = term / k
            sum += add
            if abs(add) < 1e-17 { break }
            term *= t2
            k += 2
        }
        return e + 2 * sum / 0.693_147_180_559_945_309_417_232_121_458
    }
}
