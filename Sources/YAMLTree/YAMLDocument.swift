/// One YAML document held in flat arrays rather than a tree of objects: a node is a 20-byte
/// record, children are ranges of one shared index array and scalar text stays as UTF-8
/// bytes in one arena until a caller asks for a `String`. Building it costs a handful of
/// array appends per node instead of an allocation per node, and the whole document is
/// released at once when its last `YAMLNode` goes away.
public final class YAMLDocument: Sendable {
    /// The file the document came from, as named to the user.
    public let file: String
    /// 0-based index of the document in its stream (after empty documents are skipped).
    public let index: Int
    /// Comments directly before the document that look like `# Source: path` (helm template).
    public let sourceComment: String?

    @usableFromInline let nodes: [RawNode]
    @usableFromInline let children: [UInt32]
    @usableFromInline let bytes: [UInt8]
    let tags: [UInt32: String]
    let rootID: UInt32

    init(file: String, index: Int, sourceComment: String?, nodes: [RawNode], children: [UInt32],
         bytes: [UInt8], tags: [UInt32: String], rootID: UInt32) {
        self.file = file
        self.index = index
        self.sourceComment = sourceComment
        self.nodes = nodes
        self.children = children
        self.bytes = bytes
        self.tags = tags
        self.rootID = rootID
    }

    public var root: YAMLNode { YAMLNode(document: self, id: rootID) }

    /// The id of the value whose key's bytes are `wanted` in mapping `mapping` (the first on
    /// duplicates), or nil. The hottest lookup of the rules: it reads the raw buffers and
    /// compares a key's bytes only when its length matches.
    func valueID(forKey wanted: UnsafeBufferPointer<UInt8>, inMapping mapping: UInt32) -> UInt32? {
        nodes.withUnsafeBufferPointer { nodes -> UInt32? in
            let r = nodes[Int(mapping)]
            guard r.kind == .mapping else { return nil }
            return children.withUnsafeBufferPointer { children -> UInt32? in
                bytes.withUnsafeBufferPointer { bytes -> UInt32? in
                    let length = wanted.count
                    var i = Int(r.first)
                    let end = i + 2 * Int(r.count)
                    while i < end {
                        let k = nodes[Int(children[i])]
                        if Int(k.count) == length, k.kind == .scalar {
                            let base = Int(k.first)
                            var j = 0
                            while j < length, bytes[base + j] == wanted[j] { j += 1 }
                            if j == length { return children[i + 1] }
                        }
                        i += 2
                    }
                    return nil
                }
            }
        }
    }

    /// Number of nodes stored (aliases share their target, so this is not the expanded size).
    public var nodeCount: Int { nodes.count }
    /// Bytes held for scalar text.
    public var scalarBytes: Int { bytes.count }
}

/// Node-id access for walks over a whole document (schema validation): the document is
/// held once by the walker instead of retained and released with every `YAMLNode` made.
extension YAMLDocument {
    /// The node with id `id`.
    public func node(_ id: UInt32) -> YAMLNode { YAMLNode(document: self, id: id) }

    @inlinable public func kind(of id: UInt32) -> NodeKind { nodes[Int(id)].kind }

    /// Calls `body` with the key and value ids of each pair of mapping `id`, in order.
    @inlinable
    public func forEachPair(of id: UInt32, _ body: (_ key: UInt32, _ value: UInt32) throws -> Void) rethrows {
        let r = nodes[Int(id)]
        guard r.kind == .mapping else { return }
        var i = Int(r.first)
        let end = i + 2 * Int(r.count)
        while i < end {
            try body(children[i], children[i + 1])
            i += 2
        }
    }

    /// Calls `body` with the index and id of each item of sequence `id`, in order.
    @inlinable
    public func forEachItem(of id: UInt32, _ body: (_ index: Int, _ item: UInt32) throws -> Void) rethrows {
        let r = nodes[Int(id)]
        guard r.kind == .sequence else { return }
        let first = Int(r.first)
        for i in 0 ..< Int(r.count) { try body(i, children[first + i]) }
    }

    /// Calls `body` with the UTF-8 bytes of scalar `id` in place (empty for collections).
    @inlinable
    public func withScalarBytes<R>(of id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = nodes[Int(id)]
        return try bytes.withUnsafeBufferPointer { buffer in
            guard r.kind == .scalar else { return try body(UnsafeBufferPointer(rebasing: buffer[0 ..< 0])) }
            return try body(UnsafeBufferPointer(rebasing: buffer[Int(r.first) ..< Int(r.first + r.count)]))
        }
    }
}

public enum NodeKind: UInt8, Sendable, BitwiseCopyable {
    case scalar, mapping, sequence
}

public enum ScalarStyle: UInt8, Sendable, BitwiseCopyable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// Storage of one node. `first`/`count`: for a scalar, the byte range in `bytes`; for a
/// mapping, `count` key/value pairs at `children[first ..< first + 2*count]`; for a sequence,
/// `count` items at `children[first ..< first + count]`.
@usableFromInline
struct RawNode: Sendable, BitwiseCopyable {
    @usableFromInline var kind: NodeKind
    var style: ScalarStyle
    var hasTag: Bool
    var line: UInt32
    var column: UInt32
    @usableFromInline var first: UInt32
    @usableFromInline var count: UInt32
}

/// A cheap view of one node of a `YAMLDocument`. Copying it copies a reference and an index.
public struct YAMLNode: Sendable {
    public let document: YAMLDocument
    public let id: UInt32

    public init(document: YAMLDocument, id: UInt32) {
        self.document = document
        self.id = id
    }

    @inlinable var raw: RawNode { document.nodes[Int(id)] }

    public var kind: NodeKind { raw.kind }
    public var style: ScalarStyle { raw.style }
    public var isScalar: Bool { raw.kind == .scalar }
    public var isMapping: Bool { raw.kind == .mapping }
    public var isSequence: Bool { raw.kind == .sequence }

    public var position: SourcePosition {
        let r = raw
        return SourcePosition(line: Int(r.line), column: Int(r.column))
    }

    public var file: String { document.file }

    /// The explicit tag (`!!str`, `!custom`), if one was written.
    public var tag: String? { raw.hasTag ? document.tags[id] : nil }

    /// Number of pairs (mapping), items (sequence) or bytes (scalar).
    public var count: Int { Int(raw.count) }

    // MARK: Scalars

    /// The scalar's text as UTF-8 bytes; empty for collections.
    public var scalarBytes: ArraySlice<UInt8> {
        let r = raw
        guard r.kind == .scalar else { return [] }
        return document.bytes[Int(r.first) ..< Int(r.first + r.count)]
    }

    /// Calls `body` with the scalar's UTF-8 bytes in place (empty for collections): no copy,
    /// no String, for lookups keyed by bytes.
    @inlinable
    public func withScalarBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try document.withScalarBytes(of: id, body)
    }

    /// The scalar's text; nil for collections.
    public var scalar: String? {
        let r = raw
        guard r.kind == .scalar else { return nil }
        return document.bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(r.first) ..< Int(r.first + r.count)]),
                   as: UTF8.self)
        }
    }

    /// Whether the scalar's text equals `text`, compared as bytes without building a String.
    public func scalarEquals(_ text: String) -> Bool {
        let r = raw
        guard r.kind == .scalar else { return false }
        var text = text
        return text.withUTF8 { wanted in
            guard wanted.count == Int(r.count) else { return false }
            return document.bytes.withUnsafeBufferPointer { buffer in
                var i = 0
                let base = Int(r.first)
                while i < wanted.count {
                    if buffer[base + i] != wanted[i] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    // MARK: Mappings

    /// Key/value pairs of a mapping, in source order; empty for other kinds.
    public var pairs: MappingPairs { MappingPairs(node: self) }

    /// Items of a sequence, in order; empty for other kinds.
    public var items: SequenceItems { SequenceItems(node: self) }

    /// The value for a key of a mapping, comparing key bytes without allocating.
    public subscript(key: String) -> YAMLNode? {
        let document = self.document
        var key = key
        let found = key.withUTF8 { document.valueID(forKey: $0, inMapping: id) }
        return found.map { YAMLNode(document: document, id: $0) }
    }

    /// The key node for a key of a mapping (for findings that point at the key itself).
    public func keyNode(_ key: String) -> YAMLNode? {
        for (k, _) in pairs where k.scalarEquals(key) { return k }
        return nil
    }
}

public struct MappingPairs: Sequence, Sendable {
    let node: YAMLNode

    public var count: Int { node.raw.kind == .mapping ? Int(node.raw.count) : 0 }

    public func makeIterator() -> Iterator {
        let r = node.raw
        let start = Int(r.first)
        return Iterator(document: node.document, cursor: start,
                        end: r.kind == .mapping ? start + 2 * Int(r.count) : start)
    }

    public struct Iterator: IteratorProtocol {
        let document: YAMLDocument
        var cursor: Int
        let end: Int

        public mutating func next() -> (key: YAMLNode, value: YAMLNode)? {
            guard cursor < end else { return nil }
            defer { cursor += 2 }
            return (YAMLNode(document: document, id: document.children[cursor]),
                    YAMLNode(document: document, id: document.children[cursor + 1]))
        }
    }
}

public struct SequenceItems: RandomAccessCollection, Sendable {
    let node: YAMLNode
    let base: Int

    init(node: YAMLNode) {
        self.node = node
        let r = node.raw
        base = Int(r.first)
        endIndex = r.kind == .sequence ? Int(r.count) : 0
    }

    public var startIndex: Int { 0 }
    public let endIndex: Int

    public subscript(position: Int) -> YAMLNode {
        YAMLNode(document: node.document, id: node.document.children[base + position])
    }
}

/// One step from a collection to one of its children.
public enum YAMLPathStep: Sendable {
    /// Into a mapping: the key node of the pair taken.
    case key(YAMLNode)
    /// Into a sequence: the item's index.
    case index(Int)
}

extension YAMLNode {
    /// The steps from this node down to `target`, or nil when `target` is not below it.
    ///
    /// Node ids are given in document order, so a subtree's ids follow its root's: at each
    /// level the path goes into the last child whose id is not past the target. That reads
    /// the flat arrays directly, with no search. Aliases break the order (an alias reuses an
    /// earlier node), so a nil answer may still mean "reachable through an alias".
    public func descent(to target: YAMLNode) -> [YAMLPathStep]? {
        guard target.document === document else { return nil }
        let wanted = target.id
        var steps: [YAMLPathStep] = []
        var current = id
        let nodes = document.nodes
        let children = document.children
        // The last of `count` children (`stride` apart from `start`) whose id is not past the
        // target, by binary search; a wrong turn taken because of an alias ends in nil.
        func lastNotPast(_ start: Int, _ count: Int, _ stride: Int) -> Int? {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if children[start + mid * stride] <= wanted { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? nil : lo - 1
        }
        while current != wanted {
            let r = nodes[Int(current)]
            let start = Int(r.first)
            switch r.kind {
            case .mapping:
                guard let pair = lastNotPast(start, Int(r.count), 2) else { return nil }
                let key = children[start + 2 * pair], value = children[start + 2 * pair + 1]
                steps.append(.key(YAMLNode(document: document, id: key)))
                if key == wanted { return steps }
                guard value <= wanted else { return nil }
                current = value
            case .sequence:
                guard let item = lastNotPast(start, Int(r.count), 1) else { return nil }
                steps.append(.index(item))
                current = children[start + item]
            case .scalar:
                return nil
            }
        }
        return steps
    }
}
