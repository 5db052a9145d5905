// Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`) with exact decimal arithmetic.
//
// A quantity is held as a signed count of nano-units in 128 bits: Kubernetes rounds any
// precision below 1n up to 1n when parsing, so every parsed value is an exact multiple of
// 10^-9, and 128 bits cover magnitudes far beyond Kubernetes' int64 range.

/// How a quantity was written; it decides the canonical suffix style.
public enum QuantityFormat: Sendable, Hashable {
    case decimalSI  // 100m, 1k, 5G
    case binarySI  // 512Mi, 1Gi
    case decimalExponent  // 1e3, 12e6
}

public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// 0-based offset (in characters) of the first bad character, when known.
    public let offset: Int?

    public var description: String {
        offset.map { "\(message) (at offset \($0))" } ?? message
    }
}

public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The value in units of 10^-9.
    let nanos: WideInt
    public let format: QuantityFormat

    init(nanos: WideInt, format: QuantityFormat) {
        self.nanos = nanos
        self.format = format
    }

    /// An integer quantity in decimal SI form.
    public init(_ value: Int64) {
        // |Int64| * 1e9 < 2^127, so this never overflows.
        nanos = WideInt(value).multiplied(by: 1_000_000_000) ?? WideInt(0)
        format = .decimalSI
    }

    public var isZero: Bool { nanos.magnitude.isZero }
    /// -1, 0 or 1.
    public var sign: Int { isZero ? 0 : (nanos.negative ? -1 : 1) }

    public static func == (a: Quantity, b: Quantity) -> Bool { a.nanos == b.nanos }
    public func hash(into hasher: inout Hasher) { hasher.combine(nanos) }
    public static func < (a: Quantity, b: Quantity) -> Bool { a.nanos < b.nanos }

    /// Sum, keeping this quantity's format; nil if the result is out of range.
    public func adding(_ other: Quantity) -> Quantity? {
        (nanos + other.nanos).map { Quantity(nanos: $0, format: format) }
    }

    public func subtracting(_ other: Quantity) -> Quantity? {
        (nanos + other.nanos.negated).map { Quantity(nanos: $0, format: format) }
    }

    /// The value as an integer, or nil if it has a fractional part or does not fit.
    public func asInteger() -> Int64? {
        let (units, rest) = nanos.magnitude.divided(by: 1_000_000_000)
        guard rest == 0, units.hi == 0 else { return nil }
        if nanos.negative {
            return units.lo <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- units.lo) : nil
        }
        return units.lo <= UInt64(Int64.max) ? Int64(units.lo) : nil
    }

    /// True when the quantity is an integer that fits in Int64.
    public var isInteger: Bool { asInteger() != nil }

    public var asApproximateDouble: Double {
        let m = Double(nanos.magnitude.hi) * 18446744073709551616.0 + Double(nanos.magnitude.lo)
        return (nanos.negative ? -m : m) / 1e9
    }

    /// Canonical text, as Kubernetes prints it: `1536Mi`, `100m`, `1500`, `1e3`.
    public var description: String {
        if isZero { return "0" }
        let sign = nanos.negative ? "-" : ""
        let magnitude = nanos.magnitude
        if format == .binarySI {
            let (units, rest) = magnitude.divided(by: 1_000_000_000)
            // Fractions and values below 1024 are clearer in decimal form.
            if rest == 0 && !(units < U128(1024)) {
                var value = units
                var power = 0
                while power < 6 {
                    let (q, r) = value.divided(by: 1024)
                    if r != 0 { break }
                    value = q
                    power += 1
                }
                return sign + value.decimalString + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
            }
        }
        // mantissa * 10^exponent with the exponent a multiple of 3 (as large as possible).
        var mantissa = magnitude
        var exponent = -9
        while true {
            let (q, r) = mantissa.divided(by: 1000)
            if r != 0 { break }
            mantissa = q
            exponent += 3
        }
        if format == .decimalExponent {
            return sign + mantissa.decimalString + (exponent == 0 ? "" : "e\(exponent)")
        }
        while exponent > 18, let m = mantissa.multiplied(by: 1000) {
            mantissa = m
            exponent -= 3
        }
        let suffixes = [-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
        return sign + mantissa.decimalString + (suffixes[exponent] ?? "e\(exponent)")
    }

    /// Parses Kubernetes quantity syntax: `<signedNumber><suffix>`.
    /// Decimal SI suffixes (`m` = 10^-3, `k` = 10^3, …); a switch, not a table, since every
    /// container's requests and limits are parsed.
    private static func siExponent(_ suffix: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard suffix.count <= 1 else { return nil }
        guard let c = suffix.first else { return 0 }
        switch c {
        case UInt8(ascii: "n"): return -9
        case UInt8(ascii: "u"): return -6
        case UInt8(ascii: "m"): return -3
        case UInt8(ascii: "k"): return 3
        case UInt8(ascii: "M"): return 6
        case UInt8(ascii: "G"): return 9
        case UInt8(ascii: "T"): return 12
        case UInt8(ascii: "P"): return 15
        case UInt8(ascii: "E"): return 18
        default: return nil
        }
    }

    /// Binary SI suffixes: `Ki` = 1024^1 … `Ei` = 1024^6.
    private static func binaryExponent(_ suffix: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard suffix.count == 2, suffix.last == UInt8(ascii: "i") else { return nil }
        switch suffix.first {
        case UInt8(ascii: "K"): return 1
        case UInt8(ascii: "M"): return 2
        case UInt8(ascii: "G"): return 3
        case UInt8(ascii: "T"): return 4
        case UInt8(ascii: "P"): return 5
        case UInt8(ascii: "E"): return 6
        default: return nil
        }
    }

    public static func parse(_ text: String) -> Result<Quantity, QuantityError> {
        text.withUTF8Bytes { parse(utf8: $0) }
    }

    /// The quantity written in the UTF-8 bytes `chars`: read in place, so the rules that parse
    /// every request and limit of a repository make no String or array for one.
    public static func parse(utf8 chars: UnsafeBufferPointer<UInt8>) -> Result<Quantity, QuantityError> {
        func fail(_ message: String, _ at: Int?) -> Result<Quantity, QuantityError> {
            .failure(QuantityError(message: "quantity '\(String(decoding: chars, as: UTF8.self))': \(message)", offset: at))
        }
        if chars.isEmpty { return fail("empty string", 0) }
        var i = 0
        var negative = false
        if chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-") { negative = chars[0] == UInt8(ascii: "-"); i = 1 }
        var digits = U128(0)
        var digitCount = 0, fractionDigits = 0
        var sawPoint = false
        var dropped = false  // non-zero digits beyond 38 significant ones cannot be represented
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: ".") {
                if sawPoint { return fail("more than one decimal point", i) }
                sawPoint = true
            } else if c >= 48 && c <= 57 {
                digitCount += 1
                if sawPoint { fractionDigits += 1 }
                guard let d = digits.multiplied(by: 10).flatMap({ $0 + U128(UInt64(c - 48)) }) else {
                    if sawPoint { fractionDigits -= 1; if c != 48 { dropped = true }; i += 1; continue }
                    return fail("number is too large", i)
                }
                digits = d
            } else {
                break
            }
            i += 1
        }
        if digitCount == 0 { return fail("expected a number", i < chars.count ? i : 0) }
        let suffixStart = i
        let suffix = chars[i...]
        var exponent10 = 0, binaryPower = 0
        var format = QuantityFormat.decimalSI
        if let e = siExponent(suffix) {
            exponent10 = e
        } else if let p = binaryExponent(suffix) {
            binaryPower = p
            format = .binarySI
        } else if i < chars.count, chars[i] == UInt8(ascii: "e") || chars[i] == UInt8(ascii: "E") {
            let rest = chars[(i + 1)...]
            var sign = 1
            var k = i + 1
            if let s = rest.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { sign = s == UInt8(ascii: "-") ? -1 : 1; k += 1 }
            guard k < chars.count else { return fail("missing exponent digits", k) }
            var e = 0
            while k < chars.count {
                guard chars[k] >= 48 && chars[k] <= 57 else { return fail("invalid exponent", k) }
                e = min(e * 10 + Int(chars[k] - 48), 10_000)
                k += 1
            }
            exponent10 = sign * e
            format = .decimalExponent
        } else {
            return fail("unknown suffix '\(String(decoding: suffix, as: UTF8.self))'", suffixStart)
        }
        // nanos = digits * 1024^binaryPower * 10^(exponent10 - fractionDigits + 9)
        var value: U128? = digits
        for _ in 0..<binaryPower { value = value?.multiplied(by: 1024) }
        let shift = exponent10 - fractionDigits + 9
        if shift >= 0 {
            for _ in 0..<min(shift, 60) { value = value?.multiplied(by: 10) }
            if shift >= 60 && !(value?.isZero ?? true) { value = nil }
        } else if var v = value {
            // Precision below 1n rounds up (away from zero), as Kubernetes does.
            var inexact = dropped
            for _ in 0..<min(-shift, 60) {
                let (q, r) = v.divided(by: 10)
                if r != 0 { inexact = true }
                v = q
            }
            if inexact { v = (v + U128(1)) ?? v }
            value = v
        }
        guard let magnitude = value else { return fail("number is too large", 0) }
        return .success(Quantity(nanos: WideInt(negative: negative, magnitude: magnitude), format: format))
    }
}

/// Unsigned 128-bit integer with overflow-checked operations (portable to macOS 13,
/// where the standard library's UInt128 is unavailable).
struct U128: Sendable, Hashable, Comparable {
    var hi: UInt64
    var lo: UInt64

    init(_ v: UInt64) { hi = 0; lo = v }
    init(hi: UInt64, lo: UInt64) { self.hi = hi; self.lo = lo }

    var isZero: Bool { hi == 0 && lo == 0 }

    static func < (a: U128, b: U128) -> Bool { (a.hi, a.lo) < (b.hi, b.lo) }

    static func + (a: U128, b: U128) -> U128? {
        let (lo, carry) = a.lo.addingReportingOverflow(b.lo)
        let (hi1, o1) = a.hi.addingReportingOverflow(b.hi)
        let (hi, o2) = hi1.addingReportingOverflow(carry ? 1 : 0)
        return o1 || o2 ? nil : U128(hi: hi, lo: lo)
    }

    /// a - b for a >= b.
    static func - (a: U128, b: U128) -> U128 {
        let (lo, borrow) = a.lo.subtractingReportingOverflow(b.lo)
        return U128(hi: a.hi &- b.hi &- (borrow ? 1 : 0), lo: lo)
    }

    func multiplied(by m: UInt64) -> U128? {
        let low = lo.multipliedFullWidth(by: m)
        let high = hi.multipliedFullWidth(by: m)
        guard high.high == 0 else { return nil }
        let (h, o) = high.low.addingReportingOverflow(low.high)
        return o ? nil : U128(hi: h, lo: low.low)
    }

    func divided(by d: UInt64) -> (quotient: U128, remainder: UInt64) {
        let (qh, rh) = hi.quotientAndRemainder(dividingBy: d)
        let (ql, rl) = d.dividingFullWidth((rh, lo))
        return (U128(hi: qh, lo: ql), rl)
    }

    var decimalString: String {
        if hi == 0 { return String(lo) }
        var digits: [Character] = []
        var v = self
        while !v.isZero {
            let (q, r) = v.divided(by: 10)
            digits.append(Character(String(r)))
            v = q
        }
        return String(digits.reversed())
    }
}

/// Sign-magnitude 128-bit integer.
struct WideInt: Sendable, Hashable, Comparable {
    let negative: Bool
    let magnitude: U128

    init(negative: Bool, magnitude: U128) {
        self.negative = negative && !magnitude.isZero  // a single zero
        self.magnitude = magnitude
    }

    init(_ v: Int64) { self.init(negative: v < 0, magnitude: U128(v.magnitude)) }

    var negated: WideInt { WideInt(negative: !negative, magnitude: magnitude) }

    func multiplied(by m: UInt64) -> WideInt? {
        magnitude.multiplied(by: m).map { WideInt(negative: negative, magnitude: $0) }
    }

    static func < (a: WideInt, b: WideInt) -> Bool {
        if a.negative != b.negative { return a.negative }
        return a.negative ? b.magnitude < a.magnitude : a.magnitude < b.magnitude
    }

    static func + (a: WideInt, b: WideInt) -> WideInt? {
        if a.negative == b.negative {
            return (a.magnitude + b.magnitude).map { WideInt(negative: a.negative, magnitude: $0) }
        }
        if a.magnitude < b.magnitude { return WideInt(negative: b.negative, magnitude: b.magnitude - a.magnitude) }
        return WideInt(negative: a.negative, magnitude: a.magnitude - b.magnitude)
    }
}
