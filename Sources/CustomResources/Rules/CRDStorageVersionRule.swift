import Engine
import Models

/// A CRD without exactly one storage version.
public struct CRDStorageVersionRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["CustomResourceDefinition"]) }

    public let metadata = RuleMetadata(
        id: "crd-storage-version", area: "custom-resources", severity: .error,
        summary: "CRD must have exactly one storage version",
        rationale: "etcd stores every object of a CRD in one version; the API server rejects a CRD with no version marked storage: true, or with more than one.",
        remediation: "Mark exactly one version storage: true (usually the newest stable one) and the others storage: false.",
        triggering: [
            RuleExample(Examples.definition(versions: """
                  - name: v1beta1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """), at: "15:14"),
            RuleExample(Examples.definition(versions: """
                  - name: v1
                    served: true
                    storage: false
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """), at: "8:3"),
        ],
        nonTriggering: [
            RuleExample(Examples.crd),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.kind == "CustomResourceDefinition", let spec = resource.spec else { return }
        let versions = spec["versions"]?.listItems ?? []
        guard !versions.isEmpty else {
            report.report("the CRD defines no versions", at: spec.keyNode("versions") ?? resource["spec"] ?? resource.node,
                          in: resource)
            return
        }
        let storage = versions.filter { $0["storage"]?.boolValue == true }
        if storage.isEmpty {
            report.report("no version is marked storage: true; exactly one must be",
                          at: spec.keyNode("versions") ?? spec, in: resource)
        }
        let first = storage.first?["name"]?.scalar ?? "?"
        for extra in storage.dropFirst() {
            report.report("version \(extra["name"]?.scalar ?? "?") is a second storage version (\(first) is one already); exactly one may be",
                          at: extra["storage"] ?? extra, in: resource)
        }
    }
}
