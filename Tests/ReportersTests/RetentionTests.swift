import Engine
import Foundation
import Reporters
import RuleCatalogue
import Rules
import XCTest

/// Once a file is checked the checker keeps a reduced copy of each workload for the
/// cross-resource rules (`Retention`). These tests hold it to its promise: nothing any rule,
/// suppression or audit reads is lost.
final class RetentionTests: XCTestCase {
    override func setUp() {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(GoldenTests.root.path))
    }

    private func check(_ inputs: [SourceInput], whole: Bool) -> CheckResult {
        var options = CheckOptions()
        options.selection.enabled = ["all"]
        options.keepsWholeDocuments = whole
        return Checker(rules: RuleCatalogue.builtin, options: options).check(inputs)
    }

    /// Every rule, those off by default included, over every fixture: the same findings, the
    /// same suppressions and the same Secret inventory with reduced and with whole documents.
    func testEveryRuleFindsTheSameWithReducedDocuments() throws {
        let inputs = try InputDiscovery.inputs(for: ["fixtures"])
        let reduced = check(inputs, whole: false)
        let whole = check(inputs, whole: true)
        XCTAssertGreaterThan(whole.findings.count, 100)
        XCTAssertEqual(JSONReporter().render(reduced, rules: []), JSONReporter().render(whole, rules: []))
        XCTAssertEqual(SecretInventoryReport.json(SecretInventory.build(reduced.resourceSet)),
                       SecretInventoryReport.json(SecretInventory.build(whole.resourceSet)))
        XCTAssertFalse(SecretInventory.build(whole.resourceSet).entries.isEmpty)
        // The reduction did happen: the fixtures' workloads hold fields no set rule reads.
        let nodes = { (r: CheckResult) in r.resourceSet.resources.reduce(0) { $0 + $1.node.document.nodeCount } }
        XCTAssertLessThan(nodes(reduced), nodes(whole))
    }

    func testWorkloadsKeepReferencesAndPositionsAndLoseTheRest() throws {
        let manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              managedFields: [{manager: kubectl}]
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: web}}
                spec:
                  serviceAccountName: web
                  securityContext: {runAsNonRoot: true}
                  containers:
                  - name: main
                    image: web:1
                    ports: [{name: http, containerPort: 8080}]
                    env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                    resources: {limits: {memory: 1Gi}}
                    livenessProbe: {httpGet: {port: http}}
            status: {replicas: 2}
            ---
            apiVersion: example.com/v1
            kind: Deployment
            metadata: {name: custom}
            spec: {template: {spec: {containers: [{name: c, image: i, resources: {}}]}}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              annotations:
                owner: team-a
                kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"ConfigMap"}'
            data: {LOG_LEVEL: info}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: twice}
            data: {a: b}
            data: {c: d}

            """
        let result = check([SourceInput(name: "m.yaml", bytes: Array(manifest.utf8))], whole: false)
        let web = try XCTUnwrap(result.resourceSet.find(kind: "Deployment", namespace: nil, name: "web"))
        let container = try XCTUnwrap(web["spec"]?["template"]?["spec"]?["containers"]?.items.first)
        XCTAssertEqual(container["ports"]?.items.first?["name"]?.position.line, 16)
        XCTAssertEqual(container["ports"]?.items.first?["name"]?.position.column, 24)
        XCTAssertEqual(container["env"]?.items.first?["valueFrom"]?["secretKeyRef"]?["name"]?.scalar, "s")
        XCTAssertEqual(container["image"]?.scalar, "web:1")
        XCTAssertNil(container["resources"])
        XCTAssertNil(container["livenessProbe"])
        XCTAssertNil(web["spec"]?["template"]?["spec"]?["securityContext"])
        XCTAssertEqual(web["spec"]?["template"]?["spec"]?["serviceAccountName"]?.scalar, "web")
        XCTAssertEqual(web["spec"]?["replicas"]?.scalar, "2")
        XCTAssertNil(web["status"])
        XCTAssertNil(web.metadata.node?["managedFields"])
        XCTAssertEqual(web.position.line, 1)
        let settings = try XCTUnwrap(result.resourceSet.find(kind: "ConfigMap", namespace: nil, name: "settings"))
        XCTAssertNil(settings["data"])
        XCTAssertEqual(settings.metadata.annotations.dictionary, ["owner": "team-a"])
        XCTAssertEqual(settings.metadata.annotations.valueNode("owner")?.position.line, 32)
        // A duplicated key (reported by the YAML layer, kept in the tree) loses both pairs.
        let twice = try XCTUnwrap(result.resourceSet.find(kind: "ConfigMap", namespace: nil, name: "twice"))
        XCTAssertEqual(twice.node.count, 3)
        // A custom resource is kept whole: its CRD's schema is checked against all of it.
        let custom = try XCTUnwrap(result.resourceSet.find(kind: "Deployment", namespace: nil, name: "custom"))
        XCTAssertNotNil(custom["spec"]?["template"]?["spec"]?["containers"]?.items.first?["resources"])
    }

    /// Manifests whose `status` key is an alias of a node used elsewhere: dropping that pair
    /// must leave the anchor's own pair, and every other pair, where it was.
    func testAliasedKeysLoseOnlyTheirOwnPair() {
        let manifest = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
              annotations: {palisade.dev/ignore: all}
              labels: {note: &s status}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            *s : {}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata:
                  labels: {app: api, &t status: "on"}
                spec:
                  containers: [{name: api, image: "api:1.0.0"}]
            *t : {}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {status: "on"}
              ports: [{port: 80}]

            """
        let inputs = [SourceInput(name: "aliases.yaml", bytes: Array(manifest.utf8))]
        let reduced = check(inputs, whole: false)
        let whole = check(inputs, whole: true)
        XCTAssertEqual(JSONReporter().render(reduced, rules: []), JSONReporter().render(whole, rules: []))
        XCTAssertFalse(whole.suppressed.isEmpty)
        XCTAssertFalse(whole.findings.contains { $0.ruleID == "dangling-service" })
    }
}
