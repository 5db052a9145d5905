import Authz
import Engine
import Models

/// What evaluation needs from the whole run, indexed once per run: Namespaces (for
/// `namespaceObject` and namespace selectors), kinds (for resource matching), candidate
/// param objects, and the authorization model.
struct PolicyEnvironment: Sendable {
    let namespaces: [String: Resource]
    let kinds: KindTable
    let authorization: AuthorizationModel
    private let byKind: [String: [Resource]]

    init(set: ResourceSet, supportResources: [Resource]) {
        let all = supportResources + set.resources
        var namespaces: [String: Resource] = [:]
        var byKind: [String: [Resource]] = [:]
        for r in all {
            byKind[r.kind, default: []].append(r)
            if r.kind == "Namespace", r.apiVersion == "v1", let name = r.name, namespaces[name] == nil { namespaces[name] = r }
        }
        self.namespaces = namespaces
        self.byKind = byKind
        kinds = KindTable(customResourceDefinitions: byKind["CustomResourceDefinition"] ?? [])
        authorization = set.authorization
    }

    func objects(apiVersion: String, kind: String) -> [Resource] {
        (byKind[kind] ?? []).filter { $0.apiVersion == apiVersion }
    }

    func type(of resource: Resource) -> ResourceType {
        kinds.type(group: resource.identity.group, kind: resource.kind, hasNamespace: resource.namespace != nil)
    }

    /// Labels of the resource's Namespace; empty when the repository does not define it.
    func namespaceLabels(_ name: String) -> [String: String] {
        namespaces[name]?.metadata.labels.dictionary ?? [:]
    }
}
