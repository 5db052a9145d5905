@testable import Authz

func at(_ line: Int, _ file: String = "rbac.yaml") -> Origin { Origin(file: file, line: line, column: 1) }

func rule(
    _ verbs: [String], _ groups: [String] = [""], _ resources: [String] = [], names: [String] = [], line: Int = 1
) -> PolicyRule {
    PolicyRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names, origin: at(line))
}

func urlRule(_ verbs: [String], _ urls: [String], line: Int = 1) -> PolicyRule {
    PolicyRule(verbs: verbs, nonResourceURLs: urls, origin: at(line))
}

func get(_ resource: String, group: String = "", ns: String = "", name: String = "", verb: String = "get") -> AccessRequest {
    let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
    return AccessRequest(verb: verb, apiGroup: group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : "", namespace: ns, name: name)
}

let alice = UserInfo.user("alice", groups: ["dev"])
let bob = UserInfo.user("bob")
