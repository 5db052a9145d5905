#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One YAML document held in three flat buffers rather than a tree of objects: a node is a
/// 20-byte record, children are ranges of one shared index buffer and scalar text stays as
/// UTF-8 bytes in one arena until a caller asks for a `String`. Building it costs a handful of
/// appends per node instead of an allocation per node, and the whole document is released at
/// once when its last `YAMLNode` goes away.
public final class YAMLDocument: Sendable {
    /// The file the document came from, as named to the user.
    public let file: String
    /// 0-based index of the document in its stream (after empty documents are skipped).
    public let index: Int
    /// Comments directly before the document that look like `# Source: path` (helm template).
    public let sourceComment: String?

    // Storage the document allocates and frees itself, immutable in between. Arrays held
    // here cost a retain and a release of their storage each time a lookup read them in place
    // (`withUnsafeBufferPointer` on a stored array): a few per key compared, hundreds of
    // thousands per run. Ids come from the builder of the document and are in range.
    @usableFromInline nonisolated(unsafe) let nodes: UnsafeBufferPointer<RawNode>
    @usableFromInline nonisolated(unsafe) let children: UnsafeBufferPointer<UInt32>
    @usableFromInline nonisolated(unsafe) let bytes: UnsafeBufferPointer<UInt8>
    let tags: [UInt32: String]
    public let rootID: UInt32

    /// A document holding copies of `nodes`, `children` and `bytes`, in one block of memory:
    /// one allocation instead of three per document (the checker makes one per document
    /// parsed and one per document it keeps), and a resource's tree read from one place.
    init(file: String, index: Int, sourceComment: String?, nodes: UnsafeBufferPointer<RawNode>,
         children: UnsafeBufferPointer<UInt32>, bytes: UnsafeBufferPointer<UInt8>, tags: [UInt32: String], rootID: UInt32) {
        precondition(Int(rootID) < nodes.count)
        self.file = file
        self.index = index
        self.sourceComment = sourceComment
        // Nodes first (the strictest alignment), then children, then bytes; never empty, so
        // the block always has an address to free.
        let nodeBytes = nodes.count * MemoryLayout<RawNode>.stride
        let childBytes = children.count * MemoryLayout<UInt32>.stride
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(1, nodeBytes + childBytes + bytes.count),
                                                     alignment: max(MemoryLayout<RawNode>.alignment, MemoryLayout<UInt32>.alignment))
        self.nodes = Self.place(nodes, at: block)
        self.children = Self.place(children, at: block + nodeBytes)
        self.bytes = Self.place(bytes, at: block + nodeBytes + childBytes)
        self.tags = tags
        self.rootID = rootID
    }

    deinit {
        // `nodes` starts the block (see `init`).
        UnsafeMutableRawPointer(mutating: UnsafeRawPointer(nodes.baseAddress!)).deallocate()
    }

    private static func place<T: BitwiseCopyable>(_ source: UnsafeBufferPointer<T>, at address: UnsafeMutableRawPointer) -> UnsafeBufferPointer<T> {
        let typed = address.bindMemory(to: T.self, capacity: source.count)
        if let base = source.baseAddress { typed.initialize(from: base, count: source.count) }
        return UnsafeBufferPointer(start: typed, count: source.count)
    }

    public var root: YAMLNode { YAMLNode(document: self, id: rootID) }

    /// A document of one empty sequence (see `SequenceItems.empty`).
    static let empty: YAMLDocument = [RawNode(kind: .sequence, style: .plain, hasTag: false, line: 1, column: 1, first: 0, count: 0)]
        .withUnsafeBufferPointer { nodes in
            YAMLDocument(file: "", index: 0, sourceComment: nil, nodes: nodes, children: UnsafeBufferPointer(start: nil, count: 0),
                         bytes: UnsafeBufferPointer(start: nil, count: 0), tags: [:], rootID: 0)
        }

    /// The id of the value whose key's bytes are `wanted` in mapping `mapping` (the first on
    /// duplicates), or nil. The hottest lookup of the rules: it reads the raw buffers and
    /// compares a key's bytes only when its length matches.
    @usableFromInline
    func valueID(forKey wanted: UnsafeBufferPointer<UInt8>, inMapping mapping: UInt32) -> UInt32? {
        pairSlot(forKey: wanted, inMapping: mapping).map { children[$0 + 1] }
    }

    /// The id of the key node whose bytes are `wanted` in mapping `mapping`, or nil.
    @usableFromInline
    func keyID(forKey wanted: UnsafeBufferPointer<UInt8>, inMapping mapping: UInt32) -> UInt32? {
        pairSlot(forKey: wanted, inMapping: mapping).map { children[$0] }
    }

    /// Where in `children` the pair with key `wanted` of mapping `mapping` starts. The scan
    /// reads only the mapping's run of `children`, where each pair carries its key's print:
    /// a key's node record and bytes lie elsewhere (between the values' subtrees), and
    /// reading them for every pair made this lookup, the rules' most frequent, wait on memory.
    private func pairSlot(forKey wanted: UnsafeBufferPointer<UInt8>, inMapping mapping: UInt32) -> Int? {
        nodes.withUnsafeBufferPointer { nodes -> Int? in
            let r = nodes[Int(mapping)]
            guard r.kind == .mapping else { return nil }
            let print = keyPrint(of: wanted)
            return children.withUnsafeBufferPointer { children -> Int? in
                var i = Int(r.first)
                let end = i + pairStride * Int(r.count)
                while i < end {
                    if children[i + 2] == print {
                        let k = nodes[Int(children[i])]
                        if k.kind == .scalar, Int(k.count) == wanted.count,
                           wanted.isEmpty || sameBytes(bytes.baseAddress! + Int(k.first), wanted.baseAddress!, wanted.count) {
                            return i
                        }
                    }
                    i += pairStride
                }
                return nil
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
        let end = i + pairStride * Int(r.count)
        while i < end {
            try body(children[i], children[i + 1])
            i += pairStride
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

/// Slots of `children` per mapping pair: key id, value id, key print.
@usableFromInline let pairStride = 3

/// Whether `count` bytes at `a` and `b` are equal. Keys are short (a few to twenty bytes):
/// compared eight bytes at a time inline, a call to `memcmp` cost more than the comparison.
/// Public for the schema's field lookup, which compares keys the same way.
@inlinable @inline(__always)
public func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    @inline(__always) func same<T: FixedWidthInteger>(_ type: T.Type, at i: Int) -> Bool {
        UnsafeRawPointer(a + i).loadUnaligned(as: T.self) == UnsafeRawPointer(b + i).loadUnaligned(as: T.self)
    }
    // The tail is compared as the last whole word, overlapping bytes already compared.
    if count >= 8 {
        var i = 0
        while i + 8 <= count {
            if !same(UInt64.self, at: i) { return false }
            i += 8
        }
        return i == count || same(UInt64.self, at: count - 8)
    }
    if count >= 4 { return same(UInt32.self, at: 0) && same(UInt32.self, at: count - 4) }
    if count >= 2 { return same(UInt16.self, at: 0) && same(UInt16.self, at: count - 2) }
    return count == 0 || a[0] == b[0]
}

/// Copies `count` bytes between buffers that do not overlap. Most scalars are a few to a
/// few dozen bytes: copied inline, as two words that may overlap in the middle, instead of
/// a call to `memmove` for each one.
@inline(__always)
func copyBytes(to destination: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
    @inline(__always) func move<T: FixedWidthInteger>(_ type: T.Type, at i: Int) {
        UnsafeMutableRawPointer(destination + i).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: T.self), as: T.self)
    }
    switch count {
    case 0: return
    case 1: destination[0] = source[0]
    case 2 ..< 4: move(UInt16.self, at: 0); move(UInt16.self, at: count - 2)
    case 4 ..< 8: move(UInt32.self, at: 0); move(UInt32.self, at: count - 4)
    case 8 ... 16: move(UInt64.self, at: 0); move(UInt64.self, at: count - 8)
    default: destination.update(from: source, count: count)
    }
}

/// A key's bytes folded into 32 bits (length, first, middle and last byte), stored beside
/// each pair so a lookup compares key bytes only for the pair that is most likely the one.
/// A key that is not a scalar gets a print no lookup can confirm: lookups check the kind.
@inline(__always)
func keyPrint(of key: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let n = key.count
    guard n > 0 else { return 0 }
    return UInt32(truncatingIfNeeded: min(n, 255)) | UInt32(key[0]) << 8 | UInt32(key[n / 2]) << 16 | UInt32(key[n - 1]) << 24
}

public enum NodeKind: UInt8, Sendable, BitwiseCopyable {
    case scalar, mapping, sequence
}

public enum ScalarStyle: UInt8, Sendable, BitwiseCopyable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// Storage of one node. `first`/`count`: for a scalar, the byte range in `bytes`; for a
/// mapping, `count` pairs at `children[first ..< first + pairStride*count]`, each its key's
/// id, its value's id and its key's print (`keyPrint(of:)`); for a sequence, `count` items at
/// `children[first ..< first + count]`.
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
        return ArraySlice(document.bytes[Int(r.first) ..< Int(r.first + r.count)])
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

    /// Whether both nodes are scalars with the same bytes (Go's string equality, which is
    /// what Kubernetes compares names with), without building Strings.
    public func scalarBytesEqual(_ other: YAMLNode) -> Bool {
        guard isScalar, other.isScalar, count == other.count else { return false }
        return count == 0 || withScalarBytes { a in other.withScalarBytes { b in sameBytes(a.baseAddress!, b.baseAddress!, a.count) } }
    }

    /// Whether the scalar's text equals `text`, compared as bytes without building a String.
    public func scalarEquals(_ text: String) -> Bool {
        let r = raw
        guard r.kind == .scalar else { return false }
        return text.withUTF8Bytes { wanted in
            guard wanted.count == Int(r.count) else { return false }
            return wanted.isEmpty || sameBytes(document.bytes.baseAddress! + Int(r.first), wanted.baseAddress!, wanted.count)
        }
    }

    // MARK: Mappings

    /// Key/value pairs of a mapping, in source order; empty for other kinds.
    public var pairs: MappingPairs { MappingPairs(node: self) }

    /// Items of a sequence, in order; empty for other kinds.
    @inlinable public var items: SequenceItems { SequenceItems(node: self) }

    /// The value for a key of a mapping, comparing key bytes without allocating. Inlinable:
    /// in the caller's code, a node used only to look further (`node["a"]?["b"]`) or to read
    /// a scalar borrows its parent's document instead of retaining and releasing it.
    @inlinable
    public subscript(key: String) -> YAMLNode? {
        let document = self.document
        let found = key.withUTF8Bytes { document.valueID(forKey: $0, inMapping: id) }
        return found.map { YAMLNode(document: document, id: $0) }
    }

    /// The key node for a key of a mapping (for findings that point at the key itself).
    @inlinable
    public func keyNode(_ key: String) -> YAMLNode? {
        let document = self.document
        let found = key.withUTF8Bytes { document.keyID(forKey: $0, inMapping: id) }
        return found.map { YAMLNode(document: document, id: $0) }
    }
}

/// The pairs of a mapping. Its iterator and `SequenceItems` are inlinable, like key lookup:
/// a node handed out by a loop over a list or a mapping then borrows the document instead of
/// retaining it, when the loop body only reads through it.
public struct MappingPairs: Sequence, Sendable {
    @usableFromInline let node: YAMLNode

    public var count: Int { node.raw.kind == .mapping ? Int(node.raw.count) : 0 }

    @inlinable
    public consuming func makeIterator() -> Iterator {
        let r = node.raw
        let start = Int(r.first)
        return Iterator(document: node.document, cursor: start,
                        end: r.kind == .mapping ? start + pairStride * Int(r.count) : start)
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let document: YAMLDocument
        @usableFromInline var cursor: Int
        @usableFromInline let end: Int

        @inlinable
        init(document: YAMLDocument, cursor: Int, end: Int) {
            self.document = document
            self.cursor = cursor
            self.end = end
        }

        @inlinable
        public mutating func next() -> (key: YAMLNode, value: YAMLNode)? {
            guard cursor < end else { return nil }
            defer { cursor += pairStride }
            return (YAMLNode(document: document, id: document.children[cursor]),
                    YAMLNode(document: document, id: document.children[cursor + 1]))
        }
    }
}

public struct SequenceItems: RandomAccessCollection, Sendable {
    @usableFromInline let node: YAMLNode
    @usableFromInline let base: Int

    /// No items, for a list that is absent: typed views hand out item views rather than
    /// arrays of nodes (an allocation per container's ports, env, mounts…).
    public static let empty = SequenceItems(node: YAMLNode(document: YAMLDocument.empty, id: 0))

    @inlinable
    init(node: YAMLNode) {
        self.node = node
        let r = node.raw
        base = Int(r.first)
        endIndex = r.kind == .sequence ? Int(r.count) : 0
    }

    @inlinable public var startIndex: Int { 0 }
    public let endIndex: Int

    @inlinable
    public subscript(position: Int) -> YAMLNode {
        YAMLNode(document: node.document, id: node.document.children[base + position])
    }
}

/// Two nodes are the same node when they are the same id of the same document (ids alone
/// repeat from document to document).
extension YAMLNode: Hashable {
    public static func == (a: YAMLNode, b: YAMLNode) -> Bool { a.document === b.document && a.id == b.id }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(document))
        hasher.combine(id)
    }
}

/// A dotted path (`spec.containers[0].image`) written as bytes and made a String once.
public struct YAMLPathText {
    private var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(64) }

    /// A step into a mapping: the key's text, or nil for a key that is not a scalar (`?`).
    public mutating func appendKey(_ key: UnsafeBufferPointer<UInt8>?) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: ".")) }
        if let key { bytes.append(contentsOf: key) } else { bytes.append(UInt8(ascii: "?")) }
    }

    /// A step into a sequence: `[index]`.
    public mutating func appendIndex(_ index: Int) {
        bytes.append(UInt8(ascii: "["))
        if index < 0 {
            bytes.append(contentsOf: String(index).utf8)
        } else {
            // Digits written directly, most significant first: a String per index cost more
            // than the rest of the path.
            var divisor = 1
            while divisor <= index / 10 { divisor *= 10 }
            var rest = index
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            } while divisor > 0
        }
        bytes.append(UInt8(ascii: "]"))
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
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
        var steps: [YAMLPathStep] = []
        let document = self.document
        let found = descend(to: target.id, key: { steps.append(.key(YAMLNode(document: document, id: $0))) },
                            index: { steps.append(.index($0)) })
        return found ? steps : nil
    }

    /// The dotted path of `target` below this node (`spec.containers[0].image`, "" for the
    /// node itself), written straight from the key bytes; nil when `target` is not below it
    /// by `descent(to:)`'s rule. A non-scalar key is written `?`.
    public func descentPathText(to target: YAMLNode) -> String? {
        guard target.document === document else { return nil }
        var path = YAMLPathText()
        let document = self.document
        let found = document.bytes.withUnsafeBufferPointer { bytes in
            document.nodes.withUnsafeBufferPointer { nodes in
                descend(to: target.id, key: { key in
                    let k = nodes[Int(key)]
                    path.appendKey(k.kind == .scalar ? UnsafeBufferPointer(rebasing: bytes[Int(k.first) ..< Int(k.first + k.count)]) : nil)
                }, index: { path.appendIndex($0) })
            }
        }
        return found ? path.text : nil
    }

    /// Walks from this node down to node `wanted`, reporting each key taken (by key node id)
    /// and each index; false when `wanted` is not below this node by the id-order rule.
    private func descend(to wanted: UInt32, key: (UInt32) -> Void, index: (Int) -> Void) -> Bool {
        var current = id
        return document.nodes.withUnsafeBufferPointer { nodes in
            document.children.withUnsafeBufferPointer { children in
                // The last of `count` children (`stride` apart from `start`) whose id is not
                // past the target, by binary search; a wrong turn taken because of an alias
                // ends in false.
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
                        guard let pair = lastNotPast(start, Int(r.count), pairStride) else { return false }
                        let k = children[start + pairStride * pair], value = children[start + pairStride * pair + 1]
                        key(k)
                        if k == wanted { return true }
                        guard value <= wanted else { return false }
                        current = value
                    case .sequence:
                        guard let item = lastNotPast(start, Int(r.count), 1) else { return false }
                        index(item)
                        current = children[start + item]
                    case .scalar:
                        return false
                    }
                }
                return true
            }
        }
    }
}

/// A pair of a mapping, named by the mapping and the pair's key node: the key alone is not
/// enough, since an aliased key node can stand in several mappings.
public struct MappingPair: Sendable, Hashable {
    public let mapping: UInt32
    public let key: UInt32

    public init(mapping: UInt32, key: UInt32) {
        self.mapping = mapping
        self.key = key
    }
}

extension YAMLDocument {
    /// A new document holding only the subtree at `root`, without the mapping pairs in
    /// `omitted`: what a caller keeps of a document once most of it has been checked.
    /// Nodes keep their positions, tags and styles, and ids stay in document order (so
    /// `descent(to:)` works on the copy); a node shared through an alias is copied once.
    /// `scratch` is working storage a caller reuses across copies, and afterwards maps the
    /// old ids to the new (`SubtreeScratch.newID(of:)`); the copy itself is held in buffers of
    /// exactly its size, since it is kept.
    public func subtree(at root: UInt32, omitting omitted: [MappingPair], scratch: inout SubtreeScratch) -> YAMLDocument {
        scratch.prepare(for: self)
        // Omitted pairs as positions in `children`, sorted: the copy asks about each pair of
        // each mapping it copies, and the same answer both times it looks.
        var slots: [Int] = []
        slots.reserveCapacity(omitted.count)
        for pair in omitted {
            let r = nodes[Int(pair.mapping)]
            guard r.kind == .mapping else { continue }
            let start = Int(r.first)
            for p in 0 ..< Int(r.count) where children[start + pairStride * p] == pair.key { slots.append(start + pairStride * p) }
        }
        slots.sort()
        // Once each: the copy walks them in order beside each mapping's pairs.
        if slots.count > 1 {
            var unique = 1
            for i in 1 ..< slots.count where slots[i] != slots[unique - 1] {
                slots[unique] = slots[i]
                unique += 1
            }
            slots.removeLast(slots.count - unique)
        }
        var copy = (root: UInt32(0), nodes: 0, children: 0, bytes: 0)
        nodes.withUnsafeBufferPointer { oldNodes in
            children.withUnsafeBufferPointer { oldChildren in
                bytes.withUnsafeBufferPointer { oldBytes in
                    scratch.nodes.withUnsafeMutableBufferPointer { newNodes in
                        scratch.children.withUnsafeMutableBufferPointer { newChildren in
                            scratch.bytes.withUnsafeMutableBufferPointer { newBytes in
                                scratch.newID.withUnsafeMutableBufferPointer { newID in
                                    scratch.touched.withUnsafeMutableBufferPointer { touched in
                                        slots.withUnsafeBufferPointer { omittedSlots in
                                            var writer = SubtreeWriter(
                                                old: oldNodes, oldChildren: oldChildren, oldBytes: oldBytes,
                                                nodes: newNodes, children: newChildren, bytes: newBytes, newID: newID,
                                                touched: touched, omittedSlots: omittedSlots)
                                            copy.root = writer.visit(root)
                                            copy.nodes = writer.nodeCount
                                            copy.children = writer.childCount
                                            copy.bytes = writer.byteCount
                                            scratch.touchedCount = writer.touchedCount
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // By the nodes copied, not by the source's tags: a list's items are copied one by one.
        var newTags: [UInt32: String] = [:]
        if !tags.isEmpty {
            for i in 0 ..< scratch.touchedCount {
                let old = scratch.touched[i]
                if nodes[Int(old)].hasTag, let id = scratch.newID(of: old), let tag = tags[old] { newTags[id] = tag }
            }
        }
        return scratch.nodes.withUnsafeBufferPointer { nodes in
            scratch.children.withUnsafeBufferPointer { children in
                scratch.bytes.withUnsafeBufferPointer { bytes in
                    YAMLDocument(file: file, index: index, sourceComment: sourceComment,
                                 nodes: UnsafeBufferPointer(rebasing: nodes[0 ..< copy.nodes]),
                                 children: UnsafeBufferPointer(rebasing: children[0 ..< copy.children]),
                                 bytes: UnsafeBufferPointer(rebasing: bytes[0 ..< copy.bytes]), tags: newTags, rootID: copy.root)
                }
            }
        }
    }
}

/// Working storage of `YAMLDocument.subtree(at:omitting:scratch:)`, and the
/// map from the ids of the last copy's source to its own.
public struct SubtreeScratch {
    static let unvisited = UInt32.max
    var nodes: [RawNode] = []
    var children: [UInt32] = []
    var bytes: [UInt8] = []
    /// Old id → new id; `unvisited` for nodes not copied.
    var newID: [UInt32] = []
    /// The ids set in `newID` since it was last cleared: copies of several subtrees of one
    /// document (the items of a `List`) clear only these, not the whole map, so copying every
    /// item of a large list stays linear.
    var touched: [UInt32] = []
    var touchedCount = 0
    /// The document `newID` maps from, held so its identity stays its own.
    var source: YAMLDocument?

    public init() {}

    /// The id in the last copy of node `id` of its source, or nil when it was not copied.
    public func newID(of id: UInt32) -> UInt32? {
        let new = newID[Int(id)]
        return new == Self.unvisited ? nil : new
    }

    /// Storage for a copy from `document`: a copy never holds more than its source, so
    /// storage of the source's size is written through pointers, with no growth or uniqueness
    /// checks per node.
    mutating func prepare(for document: YAMLDocument) {
        let nodeCount = document.nodes.count
        if nodes.count < nodeCount {
            nodes.append(contentsOf: repeatElement(RawNode(kind: .scalar, style: .plain, hasTag: false, line: 0, column: 0,
                                                           first: 0, count: 0), count: nodeCount - nodes.count))
        }
        if children.count < document.children.count {
            children.append(contentsOf: repeatElement(0, count: document.children.count - children.count))
        }
        if bytes.count < document.bytes.count {
            bytes.append(contentsOf: repeatElement(0, count: document.bytes.count - bytes.count))
        }
        if touched.count < nodeCount { touched.append(contentsOf: repeatElement(0, count: nodeCount - touched.count)) }
        if source === document {
            for i in 0 ..< touchedCount { newID[Int(touched[i])] = Self.unvisited }
        } else {
            newID.removeAll(keepingCapacity: true)
            newID.append(contentsOf: repeatElement(Self.unvisited, count: nodeCount))
            source = document
        }
        touchedCount = 0
    }
}

/// Copies nodes from a document's buffers into a `SubtreeScratch`'s.
private struct SubtreeWriter {
    let old: UnsafeBufferPointer<RawNode>
    let oldChildren: UnsafeBufferPointer<UInt32>
    let oldBytes: UnsafeBufferPointer<UInt8>
    let nodes: UnsafeMutableBufferPointer<RawNode>
    let children: UnsafeMutableBufferPointer<UInt32>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let newID: UnsafeMutableBufferPointer<UInt32>
    let touched: UnsafeMutableBufferPointer<UInt32>
    /// Positions in `oldChildren` of the pairs left out, sorted.
    let omittedSlots: UnsafeBufferPointer<Int>
    var nodeCount = 0
    var childCount = 0
    var byteCount = 0
    var touchedCount = 0

    init(old: UnsafeBufferPointer<RawNode>, oldChildren: UnsafeBufferPointer<UInt32>, oldBytes: UnsafeBufferPointer<UInt8>,
         nodes: UnsafeMutableBufferPointer<RawNode>, children: UnsafeMutableBufferPointer<UInt32>,
         bytes: UnsafeMutableBufferPointer<UInt8>, newID: UnsafeMutableBufferPointer<UInt32>,
         touched: UnsafeMutableBufferPointer<UInt32>, omittedSlots: UnsafeBufferPointer<Int>) {
        self.old = old
        self.oldChildren = oldChildren
        self.oldBytes = oldBytes
        self.nodes = nodes
        self.children = children
        self.bytes = bytes
        self.newID = newID
        self.touched = touched
        self.omittedSlots = omittedSlots
    }

    /// The index of the first omitted slot at or after `slot` (binary search: a few slots).
    func firstOmitted(atOrAfter slot: Int) -> Int {
        var lo = 0, hi = omittedSlots.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if omittedSlots[mid] < slot { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Copies node `id` and what it keeps below it; returns its new id. The node is added
    /// before its children, as the parser numbers them, and a collection's slots in
    /// `children` are reserved before its children add theirs.
    mutating func visit(_ id: UInt32) -> UInt32 {
        // Seen before, through an alias.
        if newID[Int(id)] != SubtreeScratch.unvisited { return newID[Int(id)] }
        var r = old[Int(id)]
        let mine = UInt32(nodeCount)
        touched[touchedCount] = id
        touchedCount += 1
        newID[Int(id)] = mine
        nodeCount += 1
        switch r.kind {
        case .scalar:
            let start = Int(r.first), count = Int(r.count)
            r.first = UInt32(byteCount)
            if count > 0 {
                copyBytes(to: bytes.baseAddress! + byteCount, from: oldBytes.baseAddress! + start, count: count)
            }
            byteCount += count
            nodes[Int(mine)] = r
        case .sequence:
            let start = Int(r.first), count = Int(r.count)
            let slot = childCount
            r.first = UInt32(slot)
            nodes[Int(mine)] = r
            childCount += count
            for i in 0 ..< count { children[slot + i] = visit(oldChildren[start + i]) }
        case .mapping:
            let start = Int(r.first), pairs = Int(r.count)
            // The omitted slots of this mapping are a run of the sorted list, met in order.
            var omitted = firstOmitted(atOrAfter: start)
            let omittedEnd = firstOmitted(atOrAfter: start + pairStride * pairs)
            let kept = pairs - (omittedEnd - omitted)
            var slot = childCount
            r.first = UInt32(slot)
            r.count = UInt32(kept)
            nodes[Int(mine)] = r
            childCount += pairStride * kept
            for p in 0 ..< pairs {
                let old = start + pairStride * p
                if omitted < omittedEnd, omittedSlots[omitted] == old {
                    omitted += 1
                    continue
                }
                children[slot] = visit(oldChildren[old])
                children[slot + 1] = visit(oldChildren[old + 1])
                children[slot + 2] = oldChildren[old + 2]
                slot += pairStride
            }
        }
        return mine
    }
}

extension String {
    /// Runs `body` over the UTF-8 bytes in place when the string is native (every String
    /// made in Swift is), instead of copying it to call the mutating `withUTF8`: key lookups
    /// by String are the rules' most frequent call, and the copy cost a retain and a release.
    @inlinable @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }
}
