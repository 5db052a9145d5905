/// Bounds that keep hostile input from exhausting time or memory. Every bound, when hit,
/// becomes a diagnostic naming the file and position; nothing traps.
public struct ParseLimits: Sendable, Hashable {
    /// Files larger than this are not parsed.
    public var maxFileBytes: Int
    /// Documents per file (a stream of 10^6 tiny documents is an attack on the checker).
    public var maxDocuments: Int
    /// Nesting of mappings and sequences. Later layers recurse over the tree, so this bound
    /// is what keeps every recursive walk off the end of the stack.
    public var maxDepth: Int
    /// Nodes that aliases may add by expansion, per document ("billion laughs" guard).
    public var maxAliasExpansion: Int
    /// Bytes in one scalar.
    public var maxScalarBytes: Int

    public init(
        maxFileBytes: Int = 64 << 20,
        maxDocuments: Int = 100_000,
        maxDepth: Int = 256,
        maxAliasExpansion: Int = 100_000,
        maxScalarBytes: Int = 16 << 20
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDocuments = maxDocuments
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxScalarBytes = maxScalarBytes
    }

    public static let `default` = ParseLimits()
}
