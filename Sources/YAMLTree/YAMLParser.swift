import CYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documents of one YAML stream and what went wrong while reading it. Documents that
/// were complete before a syntax error are kept, so their resources are still checked.
public struct YAMLStream: Sendable {
    public var documents: [YAMLDocument]
    public var diagnostics: [YAMLDiagnostic]
}

/// Reads YAML (and JSON, which is YAML) with libyaml's event API into `YAMLDocument`s.
public enum YAMLParser {
    public static func parse(_ bytes: [UInt8], file: String, limits: ParseLimits = .default) -> YAMLStream {
        if bytes.count > limits.maxFileBytes {
            return YAMLStream(documents: [], diagnostics: [YAMLDiagnostic(
                kind: .limit,
                message: "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes; not parsed",
                position: .start)])
        }
        if let diagnostic = binaryContentDiagnostic(bytes) {
            return YAMLStream(documents: [], diagnostics: [diagnostic])
        }
        var builder = TreeBuilder(file: file, input: bytes, limits: limits)
        builder.run()
        return YAMLStream(documents: builder.documents, diagnostics: builder.diagnostics)
    }

    /// NUL bytes never occur in YAML text (UTF-16 input is recognised by its BOM, and
    /// libyaml decodes it); a NUL in UTF-8 input means a binary file.
    static func binaryContentDiagnostic(_ bytes: [UInt8]) -> YAMLDiagnostic? {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return nil
        }
        // memchr: a byte-at-a-time search costs as much as a fifth of libyaml's own parse.
        let found = bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let nul = found else { return nil }
        return YAMLDiagnostic(kind: .encoding,
                              message: "binary content: NUL byte at offset \(nul); not a YAML or JSON text file",
                              position: position(ofByteOffset: nul, in: bytes))
    }
}

/// Builds flat documents from libyaml events. Children of open collections are gathered on
/// one shared stack and moved into the document's child array when the collection closes,
/// so each child list is contiguous and no per-collection array is allocated. The per-document
/// arrays are `GrowableBuffer`s reused by every document of the stream; a finished document
/// gets exact-size copies.
private struct TreeBuilder {
    let file: String
    let input: [UInt8]
    let limits: ParseLimits

    var documents: [YAMLDocument] = []
    var diagnostics: [YAMLDiagnostic] = []

    // Per-document state.
    var nodes = GrowableBuffer<RawNode>(capacity: 1024)
    var children = GrowableBuffer<UInt32>(capacity: 1024)
    var bytes = GrowableBuffer<UInt8>(capacity: 8192)
    var tags: [UInt32: String] = [:]
    /// Expanded size of each node (aliases counted at their target's size), saturating; kept
    /// only once the document has an anchor, since only anchored nodes are ever expanded
    /// (their subtrees start after the anchor, so they are all counted).
    var sizes = GrowableBuffer<UInt32>(capacity: 16)
    var tracksSizes = false
    var anchors: [String: UInt32] = [:]
    var pending = GrowableBuffer<UInt32>(capacity: 256)
    /// Open collections: node id and where its children start in `pending`.
    var open = GrowableBuffer<OpenCollection>(capacity: 32)
    var aliasExpansion = 0
    var documentFailed = false
    var documentIndex = 0
    var rawDocumentCount = 0
    var documentStartOffset = 0
    var firstNodeOffset: Int?
    var previousDocumentEndOffset = 0

    struct OpenCollection: BitwiseCopyable {
        var id: UInt32
        var pendingStart: Int
    }

    init(file: String, input: [UInt8], limits: ParseLimits) {
        self.file = file
        self.input = input
        self.limits = limits
    }

    mutating func run() {
        defer {
            nodes.deallocate()
            children.deallocate()
            bytes.deallocate()
            sizes.deallocate()
            pending.deallocate()
            open.deallocate()
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            diagnostics.append(YAMLDiagnostic(kind: .limit, message: "could not initialise the YAML parser",
                                              position: .start))
            return
        }
        defer { yaml_parser_delete(&parser) }
        input.withUnsafeBufferPointer { buffer in
            // libyaml reads the buffer in place; an empty input still needs a valid pointer.
            let empty: [UInt8] = [0]
            if buffer.isEmpty {
                empty.withUnsafeBufferPointer { e in
                    yaml_parser_set_input_string(&parser, e.baseAddress, 0)
                    loop(&parser)
                }
            } else {
                yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
                loop(&parser)
            }
        }
    }

    private mutating func loop(_ parser: inout yaml_parser_t) {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportParserError(parser)
                return
            }
            let done = event.type == YAML_STREAM_END_EVENT
            let keepGoing = handle(&event)
            yaml_event_delete(&event)
            if done || !keepGoing { return }
        }
    }

    private mutating func reportParserError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        var message = problem
        let pos: SourcePosition
        switch parser.error {
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset rather than a mark.
            let error = readerError(problem: problem, offset: parser.problem_offset, value: Int(parser.problem_value), in: input)
            diagnostics.append(YAMLDiagnostic(kind: .encoding, message: "not valid UTF-8/UTF-16 text: \(error.message)",
                                              position: error.position))
            return
        case YAML_MEMORY_ERROR:
            pos = .start
            message = "out of memory while parsing"
        default:
            var problemPosition = SourcePosition(line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1)
            if let context = parser.context.map({ String(cString: $0) }) {
                let cpos = SourcePosition(line: parser.context_mark.line + 1, column: parser.context_mark.column + 1)
                // An unclosed quote or bracket is only noticed at the end of the stream; the
                // place to fix is where it was opened.
                if problem.contains("end of stream") {
                    message = "\(problem) \(context) opened here"
                    problemPosition = cpos
                } else {
                    message = "\(context) at \(cpos), \(problem)"
                }
            }
            pos = problemPosition
        }
        diagnostics.append(YAMLDiagnostic(kind: .syntax, message: message, position: pos))
    }

    /// Handles one event; false stops the stream (a limit that makes going on pointless).
    /// Inlined into the event loop: called for every event, its entry and exit alone cost
    /// about a sixth of its instructions.
    @inline(__always)
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        let mark = event.start_mark
        switch event.type {
        case YAML_SCALAR_EVENT:
            if firstNodeOffset == nil { firstNodeOffset = Int(mark.index) }
            guard !documentFailed else { return true }
            let s = event.data.scalar
            let length = Int(s.length)
            if length > limits.maxScalarBytes {
                fail(.limit, "scalar of \(length) bytes is over the limit of \(limits.maxScalarBytes) bytes", mark)
                return true
            }
            let start = UInt32(bytes.count)
            if length > 0, let value = s.value { bytes.append(value, count: length) }
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let id = addNode(RawNode(kind: .scalar, style: style, hasTag: s.tag != nil,
                                     line: UInt32(mark.line + 1), column: UInt32(mark.column + 1),
                                     first: start, count: UInt32(length)), tag: s.tag)
            if let anchor = s.anchor { register(anchor: anchor, id: id) }
            pending.append(id)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if firstNodeOffset == nil { firstNodeOffset = Int(mark.index) }
            guard !documentFailed else { return true }
            if open.count >= limits.maxDepth {
                // Stop the whole stream: libyaml's scanner slows down quadratically on deep
                // flow nesting, and text past this point cannot be read reliably anyway.
                fail(.limit, "nesting deeper than \(limits.maxDepth) levels; the rest of the file is not checked", mark)
                return false
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            let id = addNode(RawNode(kind: isMapping ? .mapping : .sequence, style: .plain, hasTag: tag != nil,
                                     line: UInt32(mark.line + 1), column: UInt32(mark.column + 1),
                                     first: 0, count: 0), tag: tag)
            if let anchor { register(anchor: anchor, id: id) }
            open.append(OpenCollection(id: id, pendingStart: pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard !documentFailed, open.count > 0 else { return true }
            open.count -= 1
            let closed = open[open.count]
            closeCollection(id: closed.id, pendingStart: closed.pendingStart)
            pending.append(closed.id)
        case YAML_ALIAS_EVENT:
            guard !documentFailed else { return true }
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let target = anchors[name] else {
                fail(.unknownAnchor, "alias *\(name) refers to an anchor that is not defined", mark)
                return true
            }
            // An alias to a collection that is still open would make the tree a cycle, and every
            // recursive walk (decoder, rules, reporters) would never end.
            for i in 0 ..< open.count where open[i].id == target {
                fail(.unknownAnchor, "alias *\(name) refers to a node that contains it (recursive alias); document not checked",
                     mark)
                return true
            }
            let added = Int(sizes[Int(target)])
            aliasExpansion = aliasExpansion > Int.max - added ? Int.max : aliasExpansion + added
            if aliasExpansion > limits.maxAliasExpansion {
                fail(.aliasBomb,
                     "aliases expand to more than \(limits.maxAliasExpansion) nodes (alias bomb); document not checked",
                     mark)
                return true
            }
            pending.append(target)
        case YAML_DOCUMENT_START_EVENT:
            rawDocumentCount += 1
            if rawDocumentCount > limits.maxDocuments {
                diagnostics.append(YAMLDiagnostic(
                    kind: .limit,
                    message: "more than \(limits.maxDocuments) documents in one file; the rest are not read",
                    position: SourcePosition(line: mark.line + 1, column: mark.column + 1)))
                return false
            }
            startDocument(at: Int(mark.index))
        case YAML_DOCUMENT_END_EVENT:
            finishDocument(endOffset: Int(event.end_mark.index))
        default:
            break
        }
        return true
    }

    private mutating func startDocument(at offset: Int) {
        clearDocument()
        tags.removeAll(keepingCapacity: true)
        anchors.removeAll(keepingCapacity: true)
        aliasExpansion = 0
        documentFailed = false
        documentStartOffset = offset
        firstNodeOffset = nil
    }

    private mutating func clearDocument() {
        nodes.count = 0
        children.count = 0
        bytes.count = 0
        sizes.count = 0
        tracksSizes = false
        pending.count = 0
        open.count = 0
    }

    private mutating func finishDocument(endOffset: Int) {
        defer { previousDocumentEndOffset = endOffset }
        guard !documentFailed, pending.count > 0 else { return }
        let root = pending[0]
        // An empty document (`---` alone, or only comments) has a null scalar root: skip it.
        let r = nodes[Int(root)]
        if r.kind == .scalar, r.count == 0, r.style == .plain, !r.hasTag { return }
        let doc = YAMLDocument(file: file, index: documentIndex,
                               sourceComment: helmSourceComment(from: previousDocumentEndOffset,
                                                                to: firstNodeOffset ?? documentStartOffset),
                               nodes: nodes.slice(0 ..< nodes.count), children: children.slice(0 ..< children.count),
                               bytes: bytes.slice(0 ..< bytes.count),
                               tags: tags, rootID: root)
        documentIndex += 1
        documents.append(doc)
    }

    /// Finds `# Source: path` (written by `helm template`) in the text between two documents.
    private func helmSourceComment(from start: Int, to end: Int) -> String? {
        guard start < end, end <= input.count else { return nil }
        // Compared in place: this runs between every two documents, mostly over a bare `---`.
        let marker: StaticString = "# Source: "
        let markerCount = marker.utf8CodeUnitCount
        var i = start
        var found: String?
        while i + markerCount <= end {
            if input[i] == UInt8(ascii: "#"), input.withUnsafeBufferPointer({ sameBytes($0.baseAddress! + i, marker.utf8Start, markerCount) }) {
                var j = i + markerCount
                while j < end, input[j] != 0x0A, input[j] != 0x0D { j += 1 }
                found = String(decoding: input[(i + markerCount) ..< j], as: UTF8.self)
                i = j
            } else {
                i += 1
            }
        }
        return found
    }

    private mutating func fail(_ kind: YAMLDiagnostic.Kind, _ message: String, _ mark: yaml_mark_t) {
        documentFailed = true
        diagnostics.append(YAMLDiagnostic(kind: kind, message: message,
                                          position: SourcePosition(line: mark.line + 1, column: mark.column + 1)))
        clearDocument()
    }

    @inline(__always)
    private mutating func addNode(_ node: RawNode, tag: UnsafeMutablePointer<yaml_char_t>?) -> UInt32 {
        let id = UInt32(nodes.count)
        nodes.append(node)
        // A new node counts itself; a collection's size is summed when it closes.
        if tracksSizes { sizes.append(1) }
        if let tag { tags[id] = String(cString: tag) }
        return id
    }

    private mutating func register(anchor: UnsafeMutablePointer<yaml_char_t>, id: UInt32) {
        if !tracksSizes {
            tracksSizes = true
            sizes.count = 0
            sizes.append(repeating: 1, count: nodes.count)
        }
        anchors[String(cString: anchor)] = id
    }

    private mutating func closeCollection(id: UInt32, pendingStart: Int) {
        var node = nodes[Int(id)]
        node.first = UInt32(children.count)
        if node.kind == .mapping {
            // Each pair with its key's print (see `pairStride`), written first: the duplicate
            // check then compares prints, and reads two keys' nodes only when they match.
            if writePairs(from: pendingStart) {
                children.count = Int(node.first)
                let merged = applyMergeKeys(pending.slice(pendingStart ..< pending.count))
                pending.count = pendingStart
                merged.withUnsafeBufferPointer { pending.append($0.baseAddress!, count: $0.count) }
                // A merged mapping's keys are merge keys only if a merged source had one as a key.
                _ = writePairs(from: pendingStart)
            }
            checkDuplicateKeys(pendingStart, prints: Int(node.first))
            node.count = UInt32((pending.count - pendingStart) / 2)
        } else {
            node.count = UInt32(pending.count - pendingStart)
            children.append(pending.base + pendingStart, count: pending.count - pendingStart)
        }
        if tracksSizes {
            var size: UInt32 = 1
            for i in pendingStart ..< pending.count {
                let (sum, overflow) = size.addingReportingOverflow(sizes[Int(pending[i])])
                size = overflow ? UInt32.max : sum
            }
            sizes[Int(id)] = size
        }
        nodes[Int(id)] = node
        pending.count = pendingStart
    }

    /// Appends the pairs gathered in `pending` from `start` to `children` as key, value and
    /// key print; returns whether one of the keys is a merge key (`<<`).
    private mutating func writePairs(from start: Int) -> Bool {
        let pairs = (pending.count - start) / 2
        let out = children.reserve(pairStride * pairs)
        var sawMergeKey = false
        for p in 0 ..< pairs {
            let key = pending[start + 2 * p]
            let k = nodes[Int(key)]
            var print = UInt32.max
            if k.kind == .scalar {
                print = keyPrint(of: UnsafeBufferPointer(start: bytes.base + Int(k.first), count: Int(k.count)))
                // The print says "two bytes, both `<`"; the full test stays the judge, should
                // the print ever stop encoding short keys exactly.
                if print == Self.mergeKeyPrint, isMergeKey(key) { sawMergeKey = true }
            }
            out[pairStride * p] = key
            out[pairStride * p + 1] = pending[start + 2 * p + 1]
            out[pairStride * p + 2] = print
        }
        children.count += pairStride * pairs
        return sawMergeKey
    }

    /// The print of `<<`, which no other key has (same length, same three bytes).
    static let mergeKeyPrint: UInt32 = [UInt8(ascii: "<"), UInt8(ascii: "<")].withUnsafeBufferPointer { keyPrint(of: $0) }

    @inline(__always)
    private func isMergeKey(_ id: UInt32) -> Bool {
        let n = nodes[Int(id)]
        return n.count == 2 && n.kind == .scalar && n.style == .plain
            && bytes[Int(n.first)] == UInt8(ascii: "<") && bytes[Int(n.first) + 1] == UInt8(ascii: "<")
    }

    /// YAML merge keys (`<<: *defaults`), which Kubernetes' decoder honours: keys written in
    /// the mapping win over merged ones, and earlier merged mappings win over later ones.
    private func applyMergeKeys(_ pairs: UnsafeBufferPointer<UInt32>) -> [UInt32] {
        var own: [UInt32] = []
        var sources: [UInt32] = []
        for i in stride(from: 0, to: pairs.count - 1, by: 2) {
            if isMergeKey(pairs[i]) {
                let value = nodes[Int(pairs[i + 1])]
                if value.kind == .mapping {
                    sources.append(pairs[i + 1])
                } else if value.kind == .sequence {
                    for j in 0 ..< Int(value.count) {
                        let item = children[Int(value.first) + j]
                        if nodes[Int(item)].kind == .mapping { sources.append(item) }
                    }
                }
            } else {
                own.append(pairs[i])
                own.append(pairs[i + 1])
            }
        }
        var result = own
        for source in sources {
            let s = nodes[Int(source)]
            for j in 0 ..< Int(s.count) {
                let key = children[Int(s.first) + pairStride * j]
                let present = stride(from: 0, to: result.count - 1, by: 2).contains { keysEqual(result[$0], key) }
                if !present {
                    result.append(key)
                    result.append(children[Int(s.first) + pairStride * j + 1])
                }
            }
        }
        return result
    }

    @inline(__always)
    private func keysEqual(_ a: UInt32, _ b: UInt32) -> Bool {
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.count == y.count, x.kind == .scalar, y.kind == .scalar else { return false }
        return sameBytes(bytes.base + Int(x.first), bytes.base + Int(y.first), Int(x.count))
    }

    private func keyHash(_ id: UInt32) -> UInt64 {
        let n = nodes[Int(id)]
        var h: UInt64 = 0xcbf29ce484222325
        if n.kind != .scalar { return UInt64(id) }
        for i in Int(n.first) ..< Int(n.first + n.count) {
            h = (h ^ UInt64(bytes[i])) &* 0x100000001b3
        }
        return h
    }

    /// Reports keys of the mapping closing (pairs in `pending` from `start`) that repeat an
    /// earlier key: pairwise for small mappings, by hash for large ones. `prints` is where its
    /// pairs start in `children` (just written by `writePairs`): keys with different prints differ.
    private mutating func checkDuplicateKeys(_ start: Int, prints: Int) {
        let n = (pending.count - start) / 2
        guard n > 1 else { return }
        if n <= 16 {
            for j in 1 ..< n {
                let later = pending[start + 2 * j]
                let print = children[prints + pairStride * j + 2]
                for i in 0 ..< j where children[prints + pairStride * i + 2] == print {
                    let earlier = pending[start + 2 * i]
                    if keysEqual(earlier, later) {
                        reportDuplicate(earlier, later)
                        break
                    }
                }
            }
            return
        }
        var seen: [UInt64: [UInt32]] = [:]
        for j in 0 ..< n {
            let key = pending[start + 2 * j]
            let h = keyHash(key)
            if let earlier = seen[h]?.first(where: { keysEqual($0, key) }) {
                reportDuplicate(earlier, key)
            } else {
                seen[h, default: []].append(key)
            }
        }
    }

    private mutating func reportDuplicate(_ first: UInt32, _ second: UInt32) {
        let a = nodes[Int(first)], b = nodes[Int(second)]
        let name = String(decoding: bytes.slice(Int(b.first) ..< Int(b.first + b.count)), as: UTF8.self)
        diagnostics.append(YAMLDiagnostic(
            kind: .duplicateKey,
            message: "duplicate key \"\(name)\" (first defined at \(a.line):\(a.column))",
            position: SourcePosition(line: Int(b.line), column: Int(b.column)),
            related: SourcePosition(line: Int(a.line), column: Int(a.column))))
    }
}
