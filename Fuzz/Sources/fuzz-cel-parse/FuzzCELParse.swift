import FuzzSupport
import CEL

// CEL lexer and parser (macros expanded), then the compiler without evaluation.
let options: CELOptions = {
    var o = CELOptions()
    o.unknownFunctionsAreCompileErrors = false
    return o
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCELParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var sink = 0
    do throws(CELCompileError) {
        let ast = try CELParser.parse(source, options: options)
        sink &+= ast.height
    } catch {
        sink &+= "\(error)".utf8.count
    }
    do throws(CELCompileError) {
        _ = try CELProgram.compile(source, options: options)
    } catch {
        sink &+= 1
    }
    return sink == -1 ? 1 : 0
}

/// Program entry (see FuzzSupport.h): libFuzzer's driver with this harness.
@_cdecl("fuzz_cel_parse_main")
func fuzzMain_cel_parse(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzCELParse(data, size)
    }
}
