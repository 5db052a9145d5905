import XCTest
@testable import Authz

final class ConversionTests: XCTestCase {
    static func v1(_ spec: String) -> String {
        #"{"apiVersion":"abac.authorization.kubernetes.io/v1beta1","kind":"Policy","spec":"# + spec + "}"
    }

    static let gridPolicy = [
        "# grid input",
        v1(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*"}"#),
        v1(#"{"group":"dev","readonly":true,"namespace":"team","resource":"pods"}"#),
        v1(#"{"user":"system:serviceaccount:team:app","namespace":"team","resource":"deployments","apiGroup":"apps"}"#),
        v1(#"{"user":"bob","resource":"nodes"}"#),
        v1(#"{"group":"ops","resource":"*","apiGroup":"*"}"#),
        v1(#"{"user":"carol","group":"dev","namespace":"*","resource":"secrets"}"#),
        v1(#"{"user":"*","readonly":true,"nonResourcePath":"/foo/*"}"#),
        v1(#"{"group":"system:unauthenticated","readonly":true,"nonResourcePath":"/version"}"#),
        v1(#"{"user":"bob","namespace":"other","resource":"widgets","apiGroup":"example.com"}"#),
        v1(#"{"user":"bob","namespace":"team","resource":"pods","nonResourcePath":"/metrics"}"#),
        #"{"user":"bob","readonly":true,"namespace":"projectCaribou"}"#,
        v1(#"{"namespace":"*","resource":"*"}"#),
        #"{"group":"ops","resource":"secrets"}"#,
        v1(#"{"group":"*","namespace":"*","resource":"namespaces","readonly":true}"#),
        v1(#"{"user":"dave","namespace":"","resource":"*","apiGroup":"rbac.authorization.k8s.io"}"#),
    ].joined(separator: "\n")

    func testEquivalenceGrid() {
        let (policies, diagnostics) = ABACPolicyFile.parse(bytes: Array(ConversionTests.gridPolicy.utf8), file: "grid.jsonl")
        XCTAssertEqual(diagnostics, [])
        let conversion = ABACToRBAC.convert(policies)
        let abac = AuthorizationModel(abacPolicies: policies, includeBuiltIns: false)
        let rbac = AuthorizationModel(roles: conversion.roles, bindings: conversion.bindings, includeBuiltIns: false)

        let users: [UserInfo] = [
            .user("alice"), .user("bob"), .user("carol", groups: ["dev"]), .user("carol"), .user("erin", groups: ["dev"]),
            .user("olga", groups: ["ops"]), .user("dave"), .serviceAccount(namespace: "team", name: "app"),
            .serviceAccount(namespace: "kube-system", name: "default"), .anonymous,
        ]
        let verbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "escalate"]
        let namespaces = ["team", "other", "projectCaribou"]
        let resources: [(String, String)] = [
            ("", "pods"), ("", "pods/exec"), ("", "pods/log"), ("", "pods/bogus"), ("", "secrets"), ("", "configmaps"),
            ("", "nodes"), ("", "nodes/proxy"), ("", "namespaces"), ("", "persistentvolumes"), ("", "namespaces/status"),
            ("apps", "deployments"), ("apps", "deployments/scale"), ("apps", "deployments/bogus"),
            ("example.com", "widgets"), ("example.com", "widgets/status"), ("example.com", "widgets/custom"),
            ("rbac.authorization.k8s.io", "clusterroles"), ("rbac.authorization.k8s.io", "roles"),
            ("metrics.k8s.io", "pods"), ("example.com", "nodes"),
        ]
        var requests: [AccessRequest] = []
        for (group, combined) in resources {
            let parts = combined.split(separator: "/").map(String.init)
            let resource = parts[0]
            let sub = parts.count > 1 ? parts[1] : ""
            for verb in verbs {
                func add(_ ns: String, _ name: String = "") {
                    requests.append(AccessRequest(verb: verb, apiGroup: group, resource: resource, subresource: sub, namespace: ns, name: name))
                }
                if resource == "namespaces" && group.isEmpty {
                    // One namespace object: its name is the request namespace; lists and creates have none.
                    if ["list", "watch", "create", "deletecollection"].contains(verb) { add("") } else { namespaces.forEach { add($0, $0) } }
                } else if KnownResources.isNamespaced(resource, group: group) == false {
                    add("", verb == "list" || verb == "watch" || verb == "create" ? "" : "x")
                } else {
                    for ns in namespaces {
                        add(ns, ["list", "watch", "create", "deletecollection"].contains(verb) ? "" : "x")
                    }
                    if verb == "list" || verb == "watch" { add("") }
                }
            }
        }
        for path in ["/version", "/version/", "/foo", "/foo/", "/foo/bar", "/metrics", "/metrics/x", "/api", "/healthz"] {
            for verb in ["get", "post", "put", "delete"] { requests.append(AccessRequest(verb: verb, path: path)) }
        }

        var compared = 0
        var declared = 0
        var bothAllowed = 0
        var usedKinds = Set<ConversionDifference.Kind>()
        for user in users {
            for request in requests {
                compared += 1
                let allowedByABAC = abac.authorize(request, user: user).allowed
                let allowedByRBAC = rbac.authorize(request, user: user).allowed
                if allowedByRBAC && allowedByABAC { bothAllowed += 1 }
                if allowedByRBAC {
                    XCTAssertTrue(allowedByABAC, "RBAC output grants more than ABAC: \(user) \(request)")
                }
                if allowedByABAC && !allowedByRBAC {
                    let covering = conversion.differences.filter { $0.covers(request, user: user) }
                    XCTAssertFalse(covering.isEmpty, "undeclared difference: \(user) \(request)")
                    covering.forEach { usedKinds.insert($0.kind) }
                    declared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 5000)
        XCTAssertGreaterThan(declared, 0)
        XCTAssertGreaterThan(bothAllowed, 5 * declared, "most grants carry over exactly")
        print("grid: \(compared) compared, \(bothAllowed) allowed by both, \(declared) declared differences")
        XCTAssertEqual(usedKinds, [.unlistedSubresources, .userAndGroup, .noNamespace])
        // Every YAML comment for a difference is in the output.
        for difference in conversion.differences {
            XCTAssertTrue(conversion.yaml.contains(difference.explanation), difference.explanation)
        }
    }

    func testGoldenYAML() {
        let input = [
            "# sample",
            ConversionTests.v1(#"{"user":"alice","namespace":"*","resource":"*","apiGroup":"*"}"#),
            ConversionTests.v1(#"{"group":"dev","readonly":true,"namespace":"team","resource":"deployments","apiGroup":"apps","nonResourcePath":"/healthz"}"#),
            ConversionTests.v1(#"{"user":"system:serviceaccount:kube-system:default","group":"admins","resource":"nodes"}"#),
            ConversionTests.v1(#"{"user":"*","readonly":true,"nonResourcePath":"/version"}"#),
            ConversionTests.v1(#"{"resource":"pods"}"#),
        ].joined(separator: "\n")
        let policies = ABACPolicyFile.parse(bytes: Array(input.utf8), file: "dir/abac-policy.jsonl").policies
        let conversion = ABACToRBAC.convert(policies)
        XCTAssertEqual(conversion, ABACToRBAC.convert(policies.reversed()), "deterministic")
        XCTAssertEqual(conversion.yaml, ConversionTests.golden)
    }

    static let golden = """
    # RBAC equivalent of ABAC policies, generated by palisade (abac to-rbac).
    # Each ABAC line becomes a role and a binding; comments say where RBAC grants less than ABAC did.

    # From dir/abac-policy.jsonl:2: ABAC line 2 (v1beta1): user=alice namespace=* resource=* apiGroup=*
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: abac-policy-2
    rules:
    - apiGroups: ["*"]
      resources: ["*"]
      verbs: ["*"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      name: abac-policy-2
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: abac-policy-2
    subjects:
    - kind: User
      apiGroup: rbac.authorization.k8s.io
      name: alice

    # From dir/abac-policy.jsonl:3: ABAC line 3 (v1beta1): group=dev namespace=team resource=deployments apiGroup=apps nonResourcePath=/healthz readonly
    # Difference: ABAC ignores subresources, so deployments also granted every subresource; RBAC lists them: deployments/scale, deployments/status. Other subresources are not granted.
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: abac-policy-3
      namespace: team
    rules:
    - apiGroups: ["apps"]
      resources: ["deployments", "deployments/scale", "deployments/status"]
      verbs: ["get", "list", "watch"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: abac-policy-3
      namespace: team
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: Role
      name: abac-policy-3
    subjects:
    - kind: Group
      apiGroup: rbac.authorization.k8s.io
      name: dev
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: abac-policy-3-cluster
    rules:
    - nonResourceURLs: ["/healthz"]
      verbs: ["get", "list", "watch"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      name: abac-policy-3-cluster
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: abac-policy-3-cluster
    subjects:
    - kind: Group
      apiGroup: rbac.authorization.k8s.io
      name: dev

    # From dir/abac-policy.jsonl:4: ABAC line 4 (v1beta1): user=system:serviceaccount:kube-system:default group=admins resource=nodes
    # Difference: ABAC allowed user system:serviceaccount:kube-system:default only while in group admins; RBAC cannot require both, so the roles below are left unbound. Bind them to the user or the group only if that is acceptable.
    # Difference: ABAC ignores subresources, so nodes also granted every subresource; RBAC lists them: nodes/proxy, nodes/status. Other subresources are not granted.
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: abac-policy-4
    rules:
    - apiGroups: [""]
      resources: ["nodes", "nodes/proxy", "nodes/status"]
      verbs: ["*"]

    # From dir/abac-policy.jsonl:5: ABAC line 5 (v1beta1): user=* nonResourcePath=/version readonly
    # ABAC "*" (or a legacy line without subject) means every authenticated user: group system:authenticated.
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata:
      name: abac-policy-5
    rules:
    - nonResourceURLs: ["/version"]
      verbs: ["get", "list", "watch"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      name: abac-policy-5
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: abac-policy-5
    subjects:
    - kind: Group
      apiGroup: rbac.authorization.k8s.io
      name: "system:authenticated"

    # From dir/abac-policy.jsonl:6: ABAC line 6 (v1beta1): resource=pods
    # This line can never match (it has no subject, or neither resource nor nonResourcePath); nothing to convert.

    """
}
