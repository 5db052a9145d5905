import Models
import YAMLTree

/// The service account a pod runs as, as the API server resolves it: `serviceAccountName`,
/// else the deprecated `serviceAccount`, else `default`.
struct PodServiceAccount {
    /// The name, "default" when none is given.
    let name: String
    /// The node naming it, nil when the pod falls back to `default`.
    let node: YAMLNode?

    init(_ spec: PodSpec) {
        for candidate in [spec.serviceAccountName, spec.serviceAccount] {
            if let node = candidate, let text = node.scalar, !text.isEmpty, node.resolvedType != .null {
                name = text
                self.node = node
                return
            }
        }
        name = "default"
        node = nil
    }

    var isDefault: Bool { name == "default" }
}
