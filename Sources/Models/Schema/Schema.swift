/// Field tables for strict decoding of the modelled kinds, written from the Kubernetes API
/// reference. They drive "unknown field" and "wrong type" findings with a field path and a
/// "did you mean" suggestion; typed models read values separately.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KubeFormats
import YAMLTree

// Only the cases that nest a FieldType are boxed: the scalar cases stay plain tags and
// `.object` a class reference. The schema walk reads each schema's `walkTypes` instead,
// which copy as plain words.

/// The JSON type a field accepts, as the API server's decoder sees it.
public enum FieldType: Sendable {
    case string
    case integer
    /// int or float (e.g. `resource.k8s.io` weights); YAML ints are accepted.
    case number
    case boolean
    /// `IntOrString` (ports, maxSurge, …): an integer or a string.
    case intOrString
    /// `resource.Quantity`: a string or a number; syntax is checked by rules, not here.
    case quantity
    /// A value whose shape is not checked (`x-kubernetes-preserve-unknown-fields`, raw JSON).
    case any
    case object(ObjectSchema)
    indirect case array(FieldType)
    /// `map[string]T`, e.g. labels (`.map(.string)`).
    indirect case map(FieldType)
}

/// One object type (`Container`, `PodSpec`, …) and its fields, in API-reference order.
public final class ObjectSchema: Sendable {
    public let name: String
    public let fields: [(name: String, type: FieldType)]
    /// Field names as bytes, back to back, with an open-addressing table over them (slot →
    /// field index + 1, 0 = empty), so the schema walk finds a key's field from the YAML
    /// bytes without making a String.
    private let nameStore: [UInt8]
    private let nameStarts: [Int32]
    private let slots: [Int32]
    /// `fields[i].type` as the schema walk reads it, with no reference counting.
    let walkTypes: [WalkType]
    /// The boxes `walkTypes` names for list and map elements, kept alive with the schema.
    private let walkBoxes: [WalkTypeBox]

    public convenience init(_ name: String, _ fields: KeyValuePairs<String, FieldType>) {
        self.init(name, fields: fields.map { (name: $0.key, type: $0.value) })
    }

    private init(_ name: String, fields: [(name: String, type: FieldType)]) {
        self.name = name
        self.fields = fields
        var store: [UInt8] = []
        var starts: [Int32] = [0]
        for field in fields {
            store.append(contentsOf: field.name.utf8)
            starts.append(Int32(store.count))
        }
        nameStore = store
        nameStarts = starts
        var size = 8
        while size < 2 * fields.count { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        store.withUnsafeBufferPointer { bytes in
            for i in fields.indices {
                let name = UnsafeBufferPointer(rebasing: bytes[Int(starts[i]) ..< Int(starts[i + 1])])
                var slot = Int(Self.hash(name) & UInt64(size - 1))
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = Int32(i + 1)
            }
        }
        self.slots = slots
        var boxes: [WalkTypeBox] = []
        walkTypes = fields.map { WalkType($0.type, boxes: &boxes) }
        walkBoxes = boxes
    }

    /// The length and four of the bytes, mixed by one multiplication: a schema walk hashes
    /// every key of every manifest, and for tables of a few dozen names (probed, then compared
    /// in full) this separates them as well as hashing every byte did, at a fixed cost.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        guard n > 0 else { return 0 }
        let x = UInt64(truncatingIfNeeded: n) | UInt64(bytes[0]) << 8 | UInt64(bytes[n - 1]) << 16
            | UInt64(bytes[n / 2]) << 24 | UInt64(bytes[n / 4]) << 32 | UInt64(bytes[(3 * n) / 4]) << 40
        return (x &* 0x9E37_79B9_7F4A_7C15) >> 32
    }

    /// The type of the field whose name is `name` (UTF-8), if the object has it.
    public func field(named name: UnsafeBufferPointer<UInt8>) -> FieldType? {
        fieldIndex(named: name).map { fields[$0].type }
    }

    /// The index in `fields` (and `walkTypes`) of the field whose name is `name` (UTF-8).
    public func fieldIndex(named name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Int(Self.hash(name) & UInt64(mask))
        return nameStore.withUnsafeBufferPointer { store -> Int? in
            slots.withUnsafeBufferPointer { slots -> Int? in
                nameStarts.withUnsafeBufferPointer { starts -> Int? in
                    while true {
                        let entry = Int(slots[slot])
                        if entry == 0 { return nil }
                        let start = Int(starts[entry - 1]), end = Int(starts[entry])
                        if end - start == name.count,
                           name.isEmpty || sameBytes(store.baseAddress! + start, name.baseAddress!, name.count) {
                            return entry - 1
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// A type with this one's fields plus `extra` (e.g. `EphemeralContainer` is a `Container`
    /// with `targetContainerName`), kept in name order.
    public func extended(_ name: String, with extra: KeyValuePairs<String, FieldType>) -> ObjectSchema {
        let all = fields + extra.map { (name: $0.key, type: $0.value) }
        return ObjectSchema(name, fields: all.sorted { $0.name < $1.name })
    }

    public func field(named name: String) -> FieldType? {
        name.withUTF8Bytes { field(named: $0) }
    }
}

/// A field's type as the schema walk reads it: `FieldType` with its references unmanaged, so
/// reading one copies plain words. The walk read a type for every field of every resource, and
/// copying a `FieldType` retained and released the schema or box it names each time. The
/// references stay valid because the schema that holds a `WalkType` also holds the
/// `FieldType` it came from (which keeps the child schema alive) and the element boxes.
enum WalkType: @unchecked Sendable {
    case string, integer, number, boolean, intOrString, quantity, any
    case object(Unmanaged<ObjectSchema>)
    case array(Unmanaged<WalkTypeBox>)
    case map(Unmanaged<WalkTypeBox>)

    init(_ type: FieldType, boxes: inout [WalkTypeBox]) {
        switch type {
        case .string: self = .string
        case .integer: self = .integer
        case .number: self = .number
        case .boolean: self = .boolean
        case .intOrString: self = .intOrString
        case .quantity: self = .quantity
        case .any: self = .any
        case .object(let schema): self = .object(.passUnretained(schema))
        case .array(let element):
            let box = WalkTypeBox(WalkType(element, boxes: &boxes))
            boxes.append(box)
            self = .array(.passUnretained(box))
        case .map(let element):
            let box = WalkTypeBox(WalkType(element, boxes: &boxes))
            boxes.append(box)
            self = .map(.passUnretained(box))
        }
    }
}

/// The element type of a list or map in a `WalkType`.
final class WalkTypeBox: @unchecked Sendable {
    let type: WalkType
    init(_ type: WalkType) { self.type = type }
}
