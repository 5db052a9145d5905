import Models
import YAMLTree

/// One place where a workload or ServiceAccount names a Secret.
struct SecretReference: Sendable {
    enum Via: String, Sendable {
        case envKey = "env secretKeyRef", envFrom = "envFrom secretRef", volume = "secret volume"
        case projected = "projected volume", imagePullSecret = "imagePullSecrets"
        case serviceAccountSecret = "ServiceAccount secrets"
    }

    var via: Via
    var secretName: String
    /// The key asked for, when the reference names one (`secretKeyRef.key`, `items[].key`).
    var key: String?
    var keyNode: YAMLNode?
    var nameNode: YAMLNode
    var optional: Bool
    var container: String?
    /// The pod volume, for volume and projected references.
    var volumeName: String?
}

enum SecretReferences {
    /// Whether `of(_:)` can find any reference in the resource: a ServiceAccount or a resource
    /// with pod templates.
    static func mayReference(_ resource: Resource) -> Bool {
        resource.hasPodTemplates || resource.kind == "ServiceAccount"
    }

    /// Every Secret reference of a resource, in document order.
    static func of(_ resource: Resource) -> [SecretReference] {
        var refs: [SecretReference] = []
        var volumeName: String?
        func add(_ via: SecretReference.Via, _ nameNode: YAMLNode?, key: YAMLNode? = nil, optional: YAMLNode? = nil,
                 container: String? = nil) {
            guard let nameNode, let name = nameNode.scalar, !name.isEmpty else { return }
            refs.append(SecretReference(via: via, secretName: name, key: key?.scalar, keyNode: key,
                                        nameNode: nameNode, optional: optional?.boolValue ?? false, container: container,
                                        volumeName: via == .volume || via == .projected ? volumeName : nil))
        }
        if resource.kind == "ServiceAccount" {
            for s in resource["secrets"]?.listItems ?? [] { add(.serviceAccountSecret, s["name"]) }
            for s in resource["imagePullSecrets"]?.listItems ?? [] { add(.imagePullSecret, s["name"]) }
            return refs
        }
        for spec in PodSpec.all(of: resource) {
            for container in spec.allContainers {
                for env in container.env {
                    if let ref = env["valueFrom"]?["secretKeyRef"] {
                        add(.envKey, ref["name"], key: ref["key"], optional: ref["optional"], container: container.name)
                    }
                }
                for source in container.envFrom {
                    if let ref = source["secretRef"] { add(.envFrom, ref["name"], optional: ref["optional"], container: container.name) }
                }
            }
            for volume in spec.volumes {
                volumeName = volume["name"]?.scalar
                if let secret = volume["secret"] {
                    let items = secret["items"]?.listItems ?? []
                    if items.isEmpty { add(.volume, secret["secretName"], optional: secret["optional"]) }
                    for item in items { add(.volume, secret["secretName"], key: item["key"], optional: secret["optional"]) }
                }
                for source in volume["projected"]?["sources"]?.listItems ?? [] {
                    guard let secret = source["secret"] else { continue }
                    let items = secret["items"]?.listItems ?? []
                    if items.isEmpty { add(.projected, secret["name"], optional: secret["optional"]) }
                    for item in items { add(.projected, secret["name"], key: item["key"], optional: secret["optional"]) }
                }
            }
            for s in spec.imagePullSecrets { add(.imagePullSecret, s["name"]) }
        }
        return refs
    }
}
