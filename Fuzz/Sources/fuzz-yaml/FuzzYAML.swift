import FuzzSupport
import YAMLTree

// bytes → node tree. Small limits so the fuzzer spends its time on structure, not on
// megabyte scalars; every node is visited so lazily built parts are exercised too.
let limits = ParseLimits(maxFileBytes: 1 << 20, maxDocuments: 1_000, maxDepth: 256,
                         maxAliasExpansion: 10_000, maxScalarBytes: 64 << 10)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let stream = YAMLParser.parse(bytes, file: "fuzz.yaml", limits: limits)
    var sink = 0
    for document in stream.documents { sink &+= document.fuzzVisit() }
    for diagnostic in stream.diagnostics { sink &+= "\(diagnostic)".utf8.count }
    return sink == -1 ? 1 : 0
}

extension YAMLDocument {
    /// Touches every node (kind, position, tag, scalar text and its resolved type).
    func fuzzVisit() -> Int { root.fuzzVisit() }
}

extension YAMLNode {
    func fuzzVisit() -> Int {
        var sink = position.line &+ position.column &+ (tag?.utf8.count ?? 0)
        switch kind {
        case .scalar:
            sink &+= scalar?.utf8.count ?? 0
            sink &+= scalarBytes.count
            if boolValue != nil { sink &+= 1 }
            if intValue != nil { sink &+= 2 }
            if doubleValue != nil { sink &+= 3 }
            if isYAML11OnlyBoolean { sink &+= 4 }
            _ = resolvedType
        case .mapping:
            for (key, value) in pairs {
                sink &+= key.fuzzVisit() &+ value.fuzzVisit()
                if let k = key.scalar { sink &+= (self[k] != nil ? 1 : 0) }
            }
        case .sequence:
            for item in items { sink &+= item.fuzzVisit() }
        }
        return sink
    }
}

/// Program entry (see FuzzSupport.h): libFuzzer's driver with this harness.
@_cdecl("fuzz_yaml_main")
func fuzzMain_yaml(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzYAML(data, size)
    }
}
