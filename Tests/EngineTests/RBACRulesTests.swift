import Authz
import Engine
import Foundation
import Models
@testable import Rules
import XCTest
import YAMLTree

/// The RBAC and ABAC rules beyond their examples: each rule's focused analysis finds exactly what the full analysis
/// finds for its id, severities by scope, suppression, context files, the ABAC reader and legacy-mode notes.
final class RBACRulesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var rbacRules: [any Rule] { RBACRules.all }

    func check(_ files: [(String, String)], only ids: Set<String>? = nil, context: [(String, String)] = [],
               strict: Bool = false) -> [Finding] {
        var options = CheckOptions()
        if let ids { options.selection.only = ids }
        options.context.strictReferences = strict
        let inputs = files.map { SourceInput(name: $0.0, bytes: Array($0.1.utf8)) }
        let contextInputs = context.map { SourceInput(name: $0.0, bytes: Array($0.1.utf8)) }
        return Checker(rules: BuiltinRules.all, options: options).check(inputs, context: contextInputs).findings
    }

    /// A resource set built as the CLI builds it.
    func resourceSet(_ files: [(String, [UInt8])]) -> ResourceSet {
        var resources: [Resource] = []
        var abac: [ABACPolicy] = []
        for (name, bytes) in files {
            if name.hasSuffix(".jsonl") || ABACPolicyFile.looksLikeABAC(bytes: bytes) {
                abac += ABACPolicyFile.parse(bytes: bytes, file: name).policies
                continue
            }
            for document in YAMLParser.parse(bytes, file: name).documents {
                resources += ResourceDecoder.resources(in: document).resources
            }
        }
        return ResourceSet(resources: resources, abacPolicies: abac)
    }

    // MARK: Focused analysis equals the full analysis

    func testFocusedAnalysisMatchesFullAnalysisOnEveryExampleAndFixture() throws {
        var corpora: [[(String, [UInt8])]] = []
        for rule in BuiltinRules.all where rule.metadata.area == "rbac" || rule.metadata.area == "abac" {
            for example in rule.metadata.triggering + rule.metadata.nonTriggering {
                corpora.append([("example.yaml", Array(example.yaml.utf8))])
            }
        }
        _ = FileManager.default.changeCurrentDirectoryPath(Self.root.path)
        let fixtureFiles = try InputDiscovery.inputs(for: ["fixtures"])
        let fixtures = fixtureFiles.compactMap { input -> (String, [UInt8])? in
            guard case .success(let bytes) = input.read(maxBytes: 1 << 24) else { return nil }
            return (input.name, bytes)
        }
        corpora.append(fixtures)
        corpora.append(fixtures.filter { $0.0.hasPrefix("fixtures/rbac/") })
        // All examples in one set: objects of different examples interact (aggregation, bound roles).
        corpora.append(corpora.dropLast(2).enumerated().flatMap { i, files in files.map { ("example-\(i).yaml", $0.1) } })

        var compared = 0
        for files in corpora {
            let set = resourceSet(files)
            let full = RiskAnalysis(model: set.authorization).issues()
            for rule in BuiltinRules.all {
                let focused: [AuthzIssue]
                if let r = rule as? RBACAnalysisRule { focused = r.issues(in: set) } else if let r = rule as? MissingRoleRule { focused = r.issues(in: set) } else { continue }
                let id = rule.metadata.id
                XCTAssertEqual(focused.filter { $0.id == id }, full.filter { $0.id == id },
                               "\(id) on \(files.map(\.0).prefix(3))")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 1000)
    }

    func testEveryCatalogueEntryAndIssueIDHasARule() {
        let ids = Set(BuiltinRules.all.map(\.metadata.id))
        for permission in SensitivePermission.catalogue {
            XCTAssertTrue(ids.contains(permission.rbacIssueID), permission.rbacIssueID)
            XCTAssertTrue(ids.contains(permission.abacIssueID), permission.abacIssueID)
        }
        for id in [RiskAnalysis.clusterAdminBindingID, RiskAnalysis.IntegrityIssueID.missingRole, RiskAnalysis.ABACIssueID.legacyLine,
                   ABACPolicyFile.IssueID.invalidUTF8, ABACPolicyFile.IssueID.unknownKind, "abac-legacy-mode"] {
            XCTAssertTrue(ids.contains(id), id)
        }
    }

    // MARK: Findings

    static let secretReader = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: secret-reader
        rules:
        - apiGroups: [""]
          resources: ["secrets"]
          verbs: ["get", "list", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: notebook-reads-secrets
          namespace: ml-dev
        subjects:
        - kind: ServiceAccount
          name: notebook
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: secret-reader
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: trainer-reads-all-secrets
          annotations:
            palisade.dev/ignore: "rbac-secret-read"
            palisade.dev/ignore-reason: "the trainer syncs credentials of every team"
        subjects:
        - kind: ServiceAccount
          name: trainer
          namespace: ml-prod
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: secret-reader
        """

    func testSeverityByScopeResourceAndSuppression() {
        var options = CheckOptions()
        options.selection.only = ["rbac-secret-read"]
        let result = Checker(rules: BuiltinRules.all, options: options)
            .check([SourceInput(name: "rbac.yaml", bytes: Array(Self.secretReader.utf8))])
        XCTAssertEqual(result.findings.map { "\($0.position) \($0.severity) \($0.resource?.name ?? "")" },
                       ["10:1 warning notebook-reads-secrets"])
        XCTAssertEqual(result.findings.first?.fieldPath, "")
        // The cluster-wide grant is an error, suppressed by the binding's annotation.
        XCTAssertEqual(result.suppressed.map { "\($0.position) \($0.severity)" }, ["23:1 error"])
    }

    func testFieldPathPointsIntoTheBinding() {
        let found = check([("rbac.yaml", Self.secretReader)], only: ["rbac-default-serviceaccount", "rbac-serviceaccount-without-namespace"])
        XCTAssertEqual(found, [])
        let broken = Self.secretReader.replacingOccurrences(of: "  name: trainer\n  namespace: ml-prod\n", with: "  name: trainer\n")
        let findings = check([("rbac.yaml", broken)], only: ["rbac-serviceaccount-without-namespace"])
        XCTAssertEqual(findings.map { "\($0.position) \($0.fieldPath ?? "-")" }, ["31:3 subjects[0]"])
    }

    func testContextFilesAreNotReported() {
        let found = check([("other.yaml", RBACIntegrityRules.podReader)], only: ["rbac-secret-read"],
                          context: [("rbac.yaml", Self.secretReader)])
        XCTAssertEqual(found, [])
    }

    func testDisablingOneIDKeepsTheOthers() {
        func ids(disabled: Set<String>) -> Set<String> {
            var options = CheckOptions()
            options.selection.disabled = disabled
            return Set(Checker(rules: BuiltinRules.all, options: options)
                .check([SourceInput(name: "rbac.yaml", bytes: Array(Self.secretReader.utf8)),
                        SourceInput(name: "policy.jsonl", bytes: Array(ABACRules.podReaderLine.utf8))]).findings.map(\.ruleID))
        }
        XCTAssertTrue(ids(disabled: []).isSuperset(of: ["rbac-secret-read", "abac-legacy-mode"]))
        let without = ids(disabled: ["rbac-secret-read"])
        XCTAssertFalse(without.contains("rbac-secret-read"))
        XCTAssertTrue(without.contains("abac-legacy-mode"))
    }

    func testMissingRoleNeedsRolesOfThatKindOrStrictReferences() {
        let binding = AuthzExamples.roleBinding("notebook-runs-jobs", roleRef: "ClusterRole", "job-runner", subjects: RBACIntegrityRules.notebookSubject)
        XCTAssertEqual(check([("b.yaml", binding)], only: ["rbac-missing-role"]).count, 0)
        XCTAssertEqual(check([("b.yaml", binding)], only: ["rbac-missing-role"], strict: true).map(\.position.description), ["10:3"])
    }

    // MARK: ABAC

    func testInvalidUTF8InAnABACLine() {
        var bytes = Array(AuthzExamples.abacLine(#""user": "alice", "namespace": "ml-prod", "resource": "pods", "readonly": true"#).utf8)
        let alice = Array("alice".utf8)
        let start = (0 ..< bytes.count - alice.count).first { Array(bytes[$0 ..< $0 + alice.count]) == alice }!
        bytes[start + 1] = 0xFF
        var options = CheckOptions()
        options.selection.only = ["abac-invalid-utf8"]
        let found = Checker(rules: BuiltinRules.all, options: options).check([SourceInput(name: "policy.jsonl", bytes: bytes)]).findings
        XCTAssertEqual(found.map { "\($0.ruleID) \($0.position) \($0.severity)" }, ["abac-invalid-utf8 1:\(start + 2) warning"])
    }

    /// A `.jsonl` of ordinary manifests is not an ABAC policy file: read as ABAC, a
    /// ClusterRole's `"*"` fields were reported as cluster-admin-equivalent ABAC grants.
    func testJSONLinesOfManifestsAreNotReadAsABAC() {
        let manifests = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"b"}}
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"x"},"rules":[]}
            """
        let found = check([("objects.jsonl", manifests)])
        XCTAssertFalse(found.contains { $0.ruleID.hasPrefix("abac-") }, "\(found.map(\.ruleID))")
        XCTAssertEqual(found.map { "\($0.ruleID) \($0.position)" }, ["yaml-syntax 2:1"])
        // An ABAC policy file keeps its extension's meaning, malformed lines included, and a
        // line with a wrong apiVersion among ABAC lines is a mistake in the policy file.
        let mixed = check([("policy.jsonl", ABACRules.podReaderLine + "\n" + #"{"apiVersion": "abac.authorization.k8s.io/v1beta1", "kind": "Policy", "spec": {"user": "bob", "namespace": "*", "resource": "*"}}"#)],
                          only: ["abac-legacy-mode", "yaml-syntax", "missing-name"])
        XCTAssertEqual(mixed.map(\.ruleID), ["abac-legacy-mode"])
        let abac = check([("policy.jsonl", "{not json\n" + ABACRules.podReaderLine)], only: ["abac-malformed-line", "abac-legacy-mode"])
        XCTAssertEqual(Set(abac.map(\.ruleID)), ["abac-malformed-line", "abac-legacy-mode"])
    }

    func testLegacyModeOncePerFileAtTheFirstPolicy() {
        let policy = "# old cluster\n\n" + ABACRules.podReaderLine + "\n" + ABACRules.podReaderLine + "\n"
        let found = check([("a.jsonl", policy), ("b.jsonl", ABACRules.podReaderLine)], only: ["abac-legacy-mode"])
        XCTAssertEqual(found.map { "\($0.file):\($0.position) \($0.severity)" }, ["a.jsonl:3:1 info", "b.jsonl:1:1 info"])
        XCTAssertTrue(found[0].message.contains("(2 policies)"), found[0].message)
        XCTAssertTrue(found[0].message.contains("palisade abac to-rbac a.jsonl"), found[0].message)
    }

    func testMLPlatformFixtureFindings() throws {
        _ = FileManager.default.changeCurrentDirectoryPath(Self.root.path)
        let inputs = try InputDiscovery.inputs(for: ["fixtures/ml-platform"])
        var options = CheckOptions()
        options.selection.only = Set(RBACRules.all.map(\.metadata.id))
        let found = Checker(rules: BuiltinRules.all, options: options).check(inputs).findings
        let summary = Set(found.map { "\($0.ruleID) \($0.file):\($0.position.line)" })
        XCTAssertTrue(summary.contains("rbac-secret-read fixtures/ml-platform/rbac.yaml:34"), "\(summary)")
        XCTAssertTrue(summary.contains("abac-full-access fixtures/ml-platform/abac-policy.jsonl:2"), "\(summary)")
        XCTAssertTrue(summary.contains("abac-serviceaccount-full-access fixtures/ml-platform/abac-policy.jsonl:3"), "\(summary)")
        XCTAssertTrue(summary.contains("abac-legacy-mode fixtures/ml-platform/abac-policy.jsonl:2"), "\(summary)")
    }
}
