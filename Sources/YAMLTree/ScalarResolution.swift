/// How Kubernetes' decoder (YAML 1.1 rules, as in go-yaml v2 behind sigs.k8s.io/yaml) reads a
/// scalar. The difference from YAML 1.2 matters: `yes`, `no`, `on`, `off`, `y` and `n` are
/// booleans there, and `010` is octal.
public enum ResolvedType: Sendable, Hashable {
    case null, bool, int, float, string
}

extension YAMLNode {
    /// The type the Kubernetes decoder gives this scalar. Quoted and block scalars and
    /// scalars tagged `!!str` are strings; plain scalars are resolved by YAML 1.1 rules.
    public var resolvedType: ResolvedType { document.resolvedType(of: id) }

    /// The boolean value of a scalar that resolves to bool.
    public var boolValue: Bool? {
        guard resolvedType == .bool, let first = scalarBytes.first else { return nil }
        // true, yes, y, on (any case form) are true; `o` needs the second letter.
        switch first | 0x20 {
        case UInt8(ascii: "t"), UInt8(ascii: "y"): return true
        case UInt8(ascii: "o"): return scalarBytes.count == 2  // "on" vs "off"
        default: return false
        }
    }

    /// The integer value of a scalar that resolves to int (decimal, 0x hex, 0o/leading-0 octal,
    /// 0b binary, underscores ignored). nil if it does not fit in Int64.
    public var intValue: Int64? {
        guard resolvedType == .int else { return nil }
        // Read from the bytes in place: ports, replicas and counts are read on every resource.
        return withScalarBytes { bytes -> Int64? in
            var i = 0
            let n = bytes.count
            var negative = false
            if i < n, bytes[i] == UInt8(ascii: "-") {
                negative = true
                i += 1
            } else if i < n, bytes[i] == UInt8(ascii: "+") {
                i += 1
            }
            var radix: UInt64 = 10
            if n - i >= 2, bytes[i] == UInt8(ascii: "0") {
                switch bytes[i + 1] {
                case UInt8(ascii: "x"): radix = 16; i += 2
                case UInt8(ascii: "b"): radix = 2; i += 2
                case UInt8(ascii: "o"): radix = 8; i += 2
                default: break
                }
            }
            // YAML 1.1: a leading 0 followed by more digits (underscores aside) is octal.
            if radix == 10, i < n, bytes[i] == UInt8(ascii: "0"), bytes[(i + 1)...].contains(where: { $0 != UInt8(ascii: "_") }) {
                radix = 8
                i += 1
            }
            var magnitude: UInt64 = 0
            var sawDigit = false
            while i < n {
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "_") { continue }
                guard let digit = Self.digitValue(c), digit < radix else { return nil }
                let (shifted, o1) = magnitude.multipliedReportingOverflow(by: radix)
                let (sum, o2) = shifted.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                magnitude = sum
                sawDigit = true
            }
            guard sawDigit else { return nil }
            if negative {
                return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
            }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }
    }

    private static func digitValue(_ c: UInt8) -> UInt64? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): UInt64(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): UInt64(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): UInt64(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The numeric value of a scalar that resolves to int or float.
    public var doubleValue: Double? {
        switch resolvedType {
        case .int: return intValue.map(Double.init)
        case .float:
            guard let text = scalar?.filter({ $0 != "_" }) else { return nil }
            switch text.lowercased() {
            case ".inf", "+.inf": return .infinity
            case "-.inf": return -.infinity
            case ".nan": return .nan
            default: return Double(text)
            }
        default: return nil
        }
    }

    /// True for a plain scalar that YAML 1.1 reads as a boolean although it is not spelled
    /// `true`/`false` (`yes`, `No`, `on`, `y`, …): the usual reason an env value or label
    /// meant as text is rejected by the API server.
    public var isYAML11OnlyBoolean: Bool { document.isYAML11OnlyBoolean(id) }
}

extension YAMLDocument {
    /// `YAMLNode.resolvedType` of node `id`.
    public func resolvedType(of id: UInt32) -> ResolvedType {
        let r = nodes[Int(id)]
        guard r.kind == .scalar else { return .string }
        if r.hasTag, let tag = tags[id] {
            switch tag {
            case "tag:yaml.org,2002:str": return .string
            case "tag:yaml.org,2002:int": return .int
            case "tag:yaml.org,2002:float": return .float
            case "tag:yaml.org,2002:bool": return .bool
            case "tag:yaml.org,2002:null": return .null
            default: break
            }
        }
        guard r.style == .plain else { return .string }
        return bytes.withUnsafeBufferPointer { buffer in
            resolvePlainScalar(UnsafeBufferPointer(rebasing: buffer[Int(r.first) ..< Int(r.first + r.count)]))
        }
    }

    /// `YAMLNode.isYAML11OnlyBoolean` of node `id`.
    public func isYAML11OnlyBoolean(_ id: UInt32) -> Bool {
        guard resolvedType(of: id) == .bool, nodes[Int(id)].style == .plain else { return false }
        return withScalarBytes(of: id) { bytes in
            let lower = bytes.map { $0 | 0x20 }
            return lower != Array("true".utf8) && lower != Array("false".utf8)
        }
    }
}

@inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

private func matches(_ s: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
    for w in words where w.utf8CodeUnitCount == s.count {
        let p = w.utf8Start
        var i = 0
        while i < s.count, s[i] == p[i] { i += 1 }
        if i == s.count { return true }
    }
    return false
}

private let nullWords: [StaticString] = ["~", "null", "Null", "NULL"]
private let boolWords: [StaticString] = [
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
]
private let floatWords: [StaticString] = [
    ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
]

/// YAML 1.1 resolution of a plain scalar, scanning bytes without allocating.
func resolvePlainScalar(_ s: UnsafeBufferPointer<UInt8>) -> ResolvedType {
    if s.isEmpty { return .null }
    let first = s[0]
    // Fast exit for the common case: text starting with a letter that no keyword starts with.
    switch first {
    case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
        if matches(s, nullWords) { return .null }
        if matches(s, boolWords) { return .bool }
        return .string
    case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "t"), UInt8(ascii: "T"),
         UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "f"), UInt8(ascii: "F"):
        return matches(s, boolWords) ? .bool : .string
    case UInt8(ascii: "."):
        if matches(s, floatWords) { return .float }
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
        if matches(s, floatWords) { return .float }
    default:
        if !isDigit(first) { return .string }
    }
    return resolveNumber(s)
}

private func resolveNumber(_ s: UnsafeBufferPointer<UInt8>) -> ResolvedType {
    var i = 0
    if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") { i = 1 }
    guard i < s.count else { return .string }
    // Prefixed integers: 0x, 0o, 0b.
    if s.count - i > 2, s[i] == UInt8(ascii: "0") {
        let p = s[i + 1]
        var valid: ((UInt8) -> Bool)?
        if p == UInt8(ascii: "x") {
            valid = { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) }
        } else if p == UInt8(ascii: "o") {
            valid = { $0 >= 0x30 && $0 <= 0x37 }
        } else if p == UInt8(ascii: "b") {
            valid = { $0 == 0x30 || $0 == 0x31 }
        }
        if let valid {
            var j = i + 2
            while j < s.count, valid(s[j]) || s[j] == UInt8(ascii: "_") { j += 1 }
            return j == s.count ? .int : .string
        }
    }
    // Decimal int or float: digits/underscores, optional fraction, optional exponent.
    var sawDigit = false
    var sawDot = false
    var sawExponent = false
    while i < s.count {
        let b = s[i]
        if isDigit(b) { sawDigit = true }
        else if b == UInt8(ascii: "_") { if !sawDigit { return .string } }
        else if b == UInt8(ascii: "."), !sawDot, !sawExponent { sawDot = true }
        else if b | 0x20 == UInt8(ascii: "e"), sawDigit, !sawExponent {
            sawExponent = true
            if i + 1 < s.count, s[i + 1] == UInt8(ascii: "+") || s[i + 1] == UInt8(ascii: "-") { i += 1 }
            guard i + 1 < s.count, isDigit(s[i + 1]) else { return .string }
        } else {
            return .string
        }
        i += 1
    }
    guard sawDigit else { return sawDot ? .string : .string }
    return sawDot || sawExponent ? .float : .int
}
