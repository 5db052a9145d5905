// Runtime values of CEL (langdef §Values).

public enum CELValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    /// Sizes and indices count Unicode code points.
    case string(String)
    case bytes([UInt8])
    case list([CELValue])
    case map(CELMap)
    /// A map the host provides lazily (e.g. a YAML node); never converted as a whole. Held
    /// inline, not boxed: policies make one for every mapping of a manifest they read.
    case hostMap(CELHostMap)
    case type(CELType)
    case timestamp(CELTimestamp)
    case duration(CELDuration)
    /// `optional.of(x)` is `.optional(x)`, `optional.none()` is `.optional(nil)`.
    indirect case optional(CELValue?)
    /// Library values without literal syntax: quantities, IPs, CIDRs, URLs.
    indirect case object(any CELObject)
}

/// One map of a host object: the host and where in it the map is. A host that holds many
/// maps (a YAML document holds one per mapping node) tells them apart by `position`; a host
/// that is one map ignores it. Copying one is a single retain of the host, with no box and
/// no witness-table call, which matters because evaluation copies values at every step.
public struct CELHostMap: Sendable {
    public let host: any CELMapHost
    public let position: UInt32
    /// Nesting below the value the host first handed out, for hosts that bound it.
    public let depth: UInt16

    public init(_ host: any CELMapHost, position: UInt32 = 0, depth: UInt16 = 0) {
        self.host = host
        self.position = position
        self.depth = depth
    }

    /// The value for `key`, or nil when the key is absent.
    public func value(forKey key: String) -> CELValue? { host.value(forKey: key, in: self) }
    /// All keys, in a stable order (used by iteration, equality and `size`).
    public var keys: [String] { host.keys(in: self) }
    public var count: Int { host.count(in: self) }
    /// Like `value(forKey:)` but may report an error (e.g. a lazily computed variable that failed).
    public func lookup(_ key: String) -> Result<CELValue, CELError>? { host.lookup(key, in: self) }
    /// `lookup(key)` on behalf of an expression evaluated with `activation` (see `CELMapHost`).
    public func lookup(_ key: String, in activation: CELActivation) -> Result<CELValue, CELError>? {
        host.lookup(key, in: self, activation: activation)
    }
    /// Whether `key` is present (`has(m.key)`).
    public func hasKey(_ key: String) -> Bool { host.hasKey(key, in: self) }
    /// The host object, so a host can recognise its own maps without a dynamic cast.
    public var hostIdentity: ObjectIdentifier { ObjectIdentifier(host) }
}

/// An object that provides maps with string keys, read lazily during evaluation (see
/// `CELHostMap`). A class: a map value holds a reference to it.
public protocol CELMapHost: AnyObject, Sendable {
    /// The value for `key` in `map`, or nil when the key is absent.
    func value(forKey key: String, in map: CELHostMap) -> CELValue?
    /// All keys of `map`, in a stable order (used by iteration, equality and `size`).
    func keys(in map: CELHostMap) -> [String]
    func count(in map: CELHostMap) -> Int
    /// Like `value(forKey:in:)` but may report an error (e.g. a lazily computed variable
    /// that failed). The default wraps `value(forKey:in:)`.
    func lookup(_ key: String, in map: CELHostMap) -> Result<CELValue, CELError>?
    /// `lookup(key, in: map)` on behalf of an expression evaluated with `activation`: a map
    /// whose values are expressions over the same bindings (Kubernetes' `variables`)
    /// evaluates them there instead of assembling the bindings again. The default ignores
    /// the activation.
    func lookup(_ key: String, in map: CELHostMap, activation: CELActivation) -> Result<CELValue, CELError>?
    /// Whether `key` is present (`has(m.key)`), as `lookup(key, in: map) != nil`: a value
    /// computed lazily counts as present even when computing it fails. A host that can answer
    /// without making the value (a YAML mapping) answers directly.
    func hasKey(_ key: String, in map: CELHostMap) -> Bool
}

extension CELMapHost {
    public func count(in map: CELHostMap) -> Int { keys(in: map).count }
    public func lookup(_ key: String, in map: CELHostMap) -> Result<CELValue, CELError>? {
        value(forKey: key, in: map).map { .success($0) }
    }
    public func lookup(_ key: String, in map: CELHostMap, activation: CELActivation) -> Result<CELValue, CELError>? {
        lookup(key, in: map)
    }
    public func hasKey(_ key: String, in map: CELHostMap) -> Bool {
        lookup(key, in: map) != nil
    }
}

/// Opaque library values (Quantity, IP, CIDR, URL, ...).
public protocol CELObject: Sendable {
    var celType: CELType { get }
    func isEqual(to other: any CELObject) -> Bool
    /// Text for `string(x)`, when the type supports it.
    var stringValue: String? { get }
}

extension CELObject {
    public var stringValue: String? { nil }
}

/// A CEL type value, identified by its name (`int`, `list`, `google.protobuf.Timestamp`, ...).
public struct CELType: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    public static let int = CELType("int")
    public static let uint = CELType("uint")
    public static let double = CELType("double")
    public static let bool = CELType("bool")
    public static let string = CELType("string")
    public static let bytes = CELType("bytes")
    public static let list = CELType("list")
    public static let map = CELType("map")
    public static let null = CELType("null_type")
    public static let type = CELType("type")
    public static let timestamp = CELType("google.protobuf.Timestamp")
    public static let duration = CELType("google.protobuf.Duration")
    public static let optional = CELType("optional_type")

    /// Names usable as identifiers in expressions (`type(x) == int`).
    static let builtinByName: [String: CELType] = {
        var d: [String: CELType] = [:]
        for t in [int, uint, double, bool, string, bytes, list, map, null, type, timestamp, duration, optional,
                  CELType("net.IP"), CELType("net.CIDR"), CELType("kubernetes.Quantity"), CELType("kubernetes.URL")] {
            d[t.name] = t
        }
        return d
    }()
}

extension CELValue {
    public var type: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map, .hostMap: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .optional: return .optional
        case .object(let o): return o.celType
        }
    }

    /// Short type name for error messages.
    var typeName: String { type.name }

    /// Convenience initializers for host code.
    public init(_ s: String) { self = .string(s) }
    public init(_ i: Int) { self = .int(Int64(i)) }
    public init(_ b: Bool) { self = .bool(b) }
    public init(_ d: Double) { self = .double(d) }

    /// Plain map from string keys, preserving the given order.
    public static func map(_ pairs: KeyValuePairs<String, CELValue>) -> CELValue {
        var m = CELMap()
        for (k, v) in pairs { _ = m.insert(key: .string(k), value: v) }
        return .map(m)
    }
}

/// Keys of a map normalised so that numerically equal int/uint/double keys collide.
/// Strings compare by code points (CEL does no Unicode normalisation, unlike Swift's `==`).
enum MapKey: Hashable, Sendable {
    case int(Int64)
    /// Only for uint values above Int64.max; smaller ones normalise to `.int`.
    case bigUInt(UInt64)
    case bool(Bool)
    case string(String)

    init?(_ value: CELValue) {
        switch value {
        case .int(let i): self = .int(i)
        case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .bigUInt(u)
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    /// Lookup key for a double: only integral values can match an int or uint key.
    init?(lookup value: CELValue) {
        if case .double(let d) = value {
            guard d.rounded() == d else { return nil }
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 {
                self = .int(Int64(d))
            } else if d >= 0 && d < 1.8446744073709551616e19 {
                self = .bigUInt(UInt64(d))
            } else {
                return nil
            }
            return
        }
        self.init(value)
    }
}

/// An insertion-ordered map with CEL key equality.
public struct CELMap: Sendable {
    public struct Entry: Sendable {
        public var key: CELValue
        public var value: CELValue
    }
    public private(set) var entries: [Entry] = []
    private var index: [MapKey: Int] = [:]

    public init() {}

    public var count: Int { entries.count }

    /// Inserts a new entry; returns false (leaving the map unchanged) when the key is
    /// already present or not a valid key type.
    @discardableResult
    public mutating func insert(key: CELValue, value: CELValue) -> Bool {
        guard let k = MapKey(key), index[k] == nil else { return false }
        index[k] = entries.count
        entries.append(Entry(key: key, value: value))
        return true
    }

    /// Sets the value for a key, replacing an existing one.
    mutating func set(key: CELValue, value: CELValue) {
        guard let k = MapKey(key) else { return }
        if let i = index[k] { entries[i].value = value } else {
            index[k] = entries.count
            entries.append(Entry(key: key, value: value))
        }
    }

    public subscript(key: CELValue) -> CELValue? {
        guard let k = MapKey(lookup: key), let i = index[k] else { return nil }
        return entries[i].value
    }

    public subscript(key: String) -> CELValue? { self[.string(key)] }

    public static func isValidKey(_ v: CELValue) -> Bool { MapKey(v) != nil }
}

extension MapKey {
    static func == (a: MapKey, b: MapKey) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.bigUInt(let x), .bigUInt(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return sameUTF8(x, y)
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let i): hasher.combine(0); hasher.combine(i)
        case .bigUInt(let u): hasher.combine(1); hasher.combine(u)
        case .bool(let b): hasher.combine(2); hasher.combine(b)
        case .string(let s):
            hasher.combine(3)
            for byte in s.utf8 { hasher.combine(byte) }
        }
    }
}
