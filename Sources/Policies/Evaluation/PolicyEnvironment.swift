import Authz
import CEL
import Engine
import Models

/// What evaluation needs from the whole run, indexed once per run: Namespaces (for
/// `namespaceObject` and namespace selectors), kinds (for resource matching), candidate
/// param objects, and the authorization model.
struct PolicyEnvironment: Sendable {
    let namespaces: [String: Resource]
    let kinds: KindTable
    let authorization: AuthorizationModel
    /// `namespaceObject` per namespace name, converted once per run.
    private let namespaceObjects: [String: CELValue]
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
        var objects: [String: CELValue] = [:]
        for r in all {
            guard let ns = r.namespace, objects[ns] == nil else { continue }
            objects[ns] = namespaces[ns].map { YAMLCEL.value($0.node) } ?? Self.minimalNamespace(ns)
        }
        namespaceObjects = objects
        self.byKind = byKind
        kinds = KindTable(customResourceDefinitions: byKind["CustomResourceDefinition"] ?? [])
        authorization = set.authorization
    }

    /// The repository's Namespace object, else a minimal one (the API server's would exist).
    func namespaceObject(_ name: String) -> CELValue {
        namespaceObjects[name] ?? Self.minimalNamespace(name)
    }

    static func minimalNamespace(_ name: String) -> CELValue {
        .map(["apiVersion": .string("v1"), "kind": .string("Namespace"), "metadata": .map(["name": .string(name)])])
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
