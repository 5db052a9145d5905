import FuzzSupport
import Engine
import Models
import Rules
import YAMLTree

// bytes → node tree → typed resources → schema validation, then every built-in rule
// through the Checker on the same bytes as one input file.
let limits = ParseLimits(maxFileBytes: 1 << 20, maxDocuments: 200, maxDepth: 256,
                         maxAliasExpansion: 10_000, maxScalarBytes: 64 << 10)

let checker: Checker = {
    var options = CheckOptions()
    options.limits = limits
    return Checker(rules: BuiltinRules.all, options: options)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecode(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var sink = 0
    let stream = YAMLParser.parse(bytes, file: "fuzz.yaml", limits: limits)
    for document in stream.documents {
        let (resources, issues) = ResourceDecoder.resources(in: document)
        sink &+= issues.count
        for resource in resources { sink &+= SchemaValidator.validate(resource).count }
    }
    let result = checker.check([SourceInput(name: "fuzz.yaml", bytes: bytes)])
    for finding in result.findings { sink &+= "\(finding)".utf8.count }
    return sink == -1 ? 1 : 0
}

/// Program entry (see FuzzSupport.h): libFuzzer's driver with this harness.
@_cdecl("fuzz_decode_main")
func fuzzMain_decode(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzDecode(data, size)
    }
}
