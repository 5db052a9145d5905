/// A problem found while reading YAML, before any Kubernetes meaning is attached.
public struct YAMLDiagnostic: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// libyaml refused the text (bad indentation, tabs, unclosed quotes, …).
        case syntax
        /// Bytes that are not text in a supported encoding.
        case encoding
        /// A mapping repeats a key; Kubernetes' decoder rejects the document.
        case duplicateKey
        /// Aliases would expand past `ParseLimits.maxAliasExpansion`.
        case aliasBomb
        /// An alias names an anchor that was never defined, or one on a node that contains it (a cycle).
        case unknownAnchor
        /// A `ParseLimits` bound other than alias expansion was hit.
        case limit
    }

    public var kind: Kind
    public var message: String
    public var position: SourcePosition
    /// Where a related node is, e.g. the first occurrence of a duplicated key.
    public var related: SourcePosition?

    public init(kind: Kind, message: String, position: SourcePosition, related: SourcePosition? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
        self.related = related
    }
}
