// Shared result type and byte-level helpers for every validator in this module.
//
// Offsets: every `offset` in this module counts Unicode scalars (code points) from the start of
// the value, 0-based. That is the unit libyaml uses for its column marks, so the caller can add
// it to the column of the scalar's first character (for plain and single-line quoted scalars).

/// Why a value was rejected: a stable machine-readable `code`, a human `message`, and where
/// useful the 0-based offset (in Unicode scalars) of the offending character inside the value.
public struct FormatIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier, e.g. `name.invalid-character`, `cron.range`, `base64.bad-character`.
    public let code: String
    /// One sentence for a human, without the value itself (the caller decides what to show).
    public let message: String
    /// 0-based offset in Unicode scalars of the first offending character, or nil when the
    /// problem is the value as a whole (empty, too few fields…).
    public let offset: Int?

    public init(code: String, message: String, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(message) (at offset \(offset))" }
        return message
    }
}

// MARK: - Helpers

extension String {
    /// Runs `body` over the UTF-8 bytes without copying when the string is native.
    /// Inlinable so that other modules specialize it (a generic call across modules cost more
    /// than the copy it avoids).
    @inlinable @inline(__always)
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }
}

/// Converts a UTF-8 byte offset into a Unicode scalar offset.
@inline(__always)
func scalarOffset(_ bytes: UnsafeBufferPointer<UInt8>, _ byteOffset: Int) -> Int {
    var n = 0
    var i = 0
    let end = min(byteOffset, bytes.count)
    while i < end {
        if bytes[i] & 0xC0 != 0x80 { n += 1 }
        i += 1
    }
    return n
}

/// A short printable rendering of one character for messages: `'x'`, or `U+00E9` for
/// anything outside printable ASCII.
func describeScalar(at byteOffset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
    let b = bytes[byteOffset]
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    if b == 0x20 { return "space" }
    if b < 0x80 { return "U+" + hex4(UInt32(b)) }
    // Decode one scalar from the UTF-8 sequence (invalid sequences cannot occur in a String).
    var it = bytes[byteOffset...].makeIterator()
    var dec = UTF8()
    if case .scalarValue(let s) = dec.decode(&it) { return "U+" + hex4(s.value) }
    return "a non-ASCII character"
}

private func hex4(_ v: UInt32) -> String {
    let digits = Array("0123456789ABCDEF")
    var s = ""
    var started = false
    for shift in stride(from: 20, through: 0, by: -4) {
        let d = Int((v >> UInt32(shift)) & 0xF)
        if d != 0 || started || shift <= 12 {
            started = true
            s.append(digits[d])
        }
    }
    return s
}

@inline(__always) func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
@inline(__always) func isAlnum(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
}
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) func isAlpha(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
@inline(__always) func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
}
@inline(__always) func asciiLower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
@inline(__always) func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

/// True when `bytes[at...]` starts with `lit` (exact bytes).
@inline(__always)
func hasBytes(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, _ lit: StaticString) -> Bool {
    let n = lit.utf8CodeUnitCount
    guard at >= 0, at + n <= bytes.count else { return false }
    let p = lit.utf8Start
    for k in 0..<n where bytes[at + k] != p[k] { return false }
    return true
}

/// True when `bytes[at...]` starts with `lit`, ASCII case-insensitively (`lit` must be lowercase).
@inline(__always)
func hasBytesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, _ lit: StaticString) -> Bool {
    let n = lit.utf8CodeUnitCount
    guard at >= 0, at + n <= bytes.count else { return false }
    let p = lit.utf8Start
    for k in 0..<n where asciiLower(bytes[at + k]) != p[k] { return false }
    return true
}

/// Byte offset of the first occurrence of `lit` at or after `from`, ASCII case-insensitive.
func findIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lit: StaticString, from: Int = 0) -> Int? {
    let n = lit.utf8CodeUnitCount
    guard n > 0, bytes.count >= n else { return nil }
    let first = lit.utf8Start[0]
    var i = max(0, from)
    while i + n <= bytes.count {
        if asciiLower(bytes[i]) == first && hasBytesIgnoringCase(bytes, at: i, lit) { return i }
        i += 1
    }
    return nil
}
