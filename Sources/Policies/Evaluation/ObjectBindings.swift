import CEL
import Models

/// The data variables every policy sees for one resource.
enum ObjectBindings {
    static func object(_ resource: Resource) -> CELValue {
        YAMLCEL.value(resource.node)
    }

    /// The repository's Namespace object, a minimal one when the repository has none, null
    /// for cluster-scoped resources.
    static func namespaceObject(_ namespace: String?, _ env: PolicyEnvironment) -> CELValue {
        namespace.map(env.namespaceObject) ?? .null
    }

    /// `request` for a CREATE of the manifest by an anonymous offline user.
    static func request(_ r: RequestAttributes) -> CELValue {
        let kind = CELValue.map(["group": .string(r.group), "version": .string(r.version), "kind": .string(r.type.kind)])
        let resource = CELValue.map(["group": .string(r.group), "version": .string(r.version),
                                     "resource": .string(r.type.plural)])
        return .map([
            "kind": kind, "resource": resource, "subResource": .string(""),
            "requestKind": kind, "requestResource": resource, "requestSubResource": .string(""),
            "name": .string(r.name), "namespace": .string(r.namespace ?? ""),
            "operation": .string(r.operation),
            "userInfo": .map(["username": .string(""), "uid": .string(""), "groups": .list([])]),
            "dryRun": .bool(false), "options": .map([:]),
        ])
    }
}
