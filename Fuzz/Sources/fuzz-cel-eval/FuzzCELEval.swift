import FuzzSupport
import CEL

// Compile and evaluate fuzzed expressions over a fixed object, with a cost limit: an
// expression must either finish, fail with an error, or stop at the cost budget.
let options: CELOptions = {
    var o = CELOptions()
    o.costLimit = 100_000
    return o
}()

func map(_ pairs: [(String, CELValue)]) -> CELValue {
    var m = CELMap()
    for (k, v) in pairs { m.insert(key: .string(k), value: v) }
    return .map(m)
}

let variables: [String: CELValue] = {
    let container = map([
        ("name", .string("app")), ("image", .string("nginx:1.25")),
        ("ports", .list([map([("containerPort", .int(80))]), map([("containerPort", .int(443))])])),
        ("securityContext", map([("privileged", .bool(false)), ("runAsUser", .int(1000))])),
    ])
    let object = map([
        ("apiVersion", .string("apps/v1")), ("kind", .string("Deployment")),
        ("metadata", map([("name", .string("web")), ("namespace", .string("default")),
                          ("labels", map([("app", .string("web")), ("tier", .string("front"))]))])),
        ("spec", map([("replicas", .int(3)),
                      ("template", map([("spec", map([("containers", .list([container, container]))]))]))])),
    ])
    return [
        "object": object, "oldObject": .null,
        "x": .int(7), "u": .uint(7), "d": .double(2.5), "s": .string("héllo wörld"),
        "b": .bytes([0, 1, 2, 255]),
        "list": .list((0 ..< 100).map { .int(Int64($0)) }),
        "strs": .list(["a", "b", "c", "a.b", "", "😀"].map { .string($0) }),
        "m": map([("k", .string("v")), ("n", .int(1)), ("nested", map([("a", .list([.null, .bool(true)]))]))]),
    ]
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCELEval(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var sink = 0
    do throws(CELCompileError) {
        let program = try CELProgram.compile(source, options: options)
        switch program.evaluate(variables) {
        case .success(let value): sink &+= "\(value)".utf8.count
        case .failure(let error): sink &+= "\(error)".utf8.count
        }
    } catch {
        sink &+= 1
    }
    return sink == -1 ? 1 : 0
}

/// Program entry (see FuzzSupport.h): libFuzzer's driver with this harness.
@_cdecl("fuzz_cel_eval_main")
func fuzzMain_cel_eval(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzCELEval(data, size)
    }
}
