/// Field tables for strict decoding of the modelled kinds, written from the Kubernetes API
/// reference. They drive "unknown field" and "wrong type" findings with a field path and a
/// "did you mean" suggestion; typed models read values separately.

/// The JSON type a field accepts, as the API server's decoder sees it.
public indirect enum FieldType: Sendable {
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
    case array(FieldType)
    /// `map[string]T`, e.g. labels (`.map(.string)`).
    case map(FieldType)
}

/// One object type (`Container`, `PodSpec`, …) and its fields, in API-reference order.
public final class ObjectSchema: Sendable {
    public let name: String
    public let fields: [(name: String, type: FieldType)]
    private let index: [String: Int]

    public convenience init(_ name: String, _ fields: KeyValuePairs<String, FieldType>) {
        self.init(name, fields: fields.map { (name: $0.key, type: $0.value) })
    }

    private init(_ name: String, fields: [(name: String, type: FieldType)]) {
        self.name = name
        self.fields = fields
        var index: [String: Int] = [:]
        index.reserveCapacity(fields.count)
        for (i, field) in fields.enumerated() { index[field.name] = i }
        self.index = index
    }

    /// A type with this one's fields plus `extra` (e.g. `EphemeralContainer` is a `Container`
    /// with `targetContainerName`), kept in name order.
    public func extended(_ name: String, with extra: KeyValuePairs<String, FieldType>) -> ObjectSchema {
        let all = fields + extra.map { (name: $0.key, type: $0.value) }
        return ObjectSchema(name, fields: all.sorted { $0.name < $1.name })
    }

    public func field(named name: String) -> FieldType? {
        index[name].map { fields[$0].type }
    }
}
