import FuzzSupport
import Authz
import YAMLTree

// ABAC policy-file reader (one JSON object per line), then the matcher and the
// ABAC → RBAC conversion; the conversion's YAML must itself parse cleanly.
let requests: [(AccessRequest, UserInfo)] = [
    (AccessRequest(verb: "get", resource: "pods", namespace: "default", name: "p"),
     UserInfo(name: "alice", groups: ["system:authenticated"])),
    (AccessRequest(verb: "list", apiGroup: "apps", resource: "deployments", subresource: "scale"),
     UserInfo(name: "system:serviceaccount:kube-system:default", groups: ["system:serviceaccounts"])),
    (AccessRequest(verb: "get", path: "/healthz"), UserInfo(name: "bob", groups: [])),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzABAC(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var sink = ABACPolicyFile.looksLikeABAC(bytes: bytes) ? 1 : 0
    let (policies, diagnostics) = ABACPolicyFile.parse(bytes: bytes, file: "policy.jsonl")
    sink &+= diagnostics.count
    for policy in policies {
        for (request, user) in requests where policy.allows(request, user: user) { sink &+= 1 }
    }
    let conversion = ABACToRBAC.convert(policies)
    let rendered = YAMLParser.parse(Array(conversion.yaml.utf8), file: "rbac.yaml")
    if !rendered.diagnostics.isEmpty {
        fatalError("ABAC → RBAC output does not parse: \(rendered.diagnostics)\n\(conversion.yaml)")
    }
    return sink == -1 ? 1 : 0
}

/// Program entry (see FuzzSupport.h): libFuzzer's driver with this harness.
@_cdecl("fuzz_abac_main")
func fuzzMain_abac(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzABAC(data, size)
    }
}
