import XCTest
@testable import Engine
import RuleCatalogue

/// The checker runs rules over a file's resources in blocks of `Checker.ruleBlockSize`; a file
/// of many blocks must get the same per-resource findings as its resources checked one per file.
final class RuleBlockTests: XCTestCase {
    private func resource(_ i: Int) -> String {
        // Alternating kinds, so applicability differs from resource to resource across blocks.
        switch i % 3 {
        case 0:
            return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web-\(i), namespace: ns, labels: {bad: "bad!value\(i)"}}
                spec:
                  selector: {matchLabels: {app: web-\(i)}}
                  template:
                    metadata: {labels: {app: web-\(i)}}
                    spec:
                      containers:
                      - name: app
                        image: nginx:latest
                        resources: {requests: {cpu: 500mi}}
                """
        case 1:
            return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm-\(i), namespace: ns, labels: {bad: "bad!value\(i)"}}
                data: {DB_PASSWORD: "hunter2-\(i)"}
                """
        default:
            return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: job-\(i), namespace: ns}
                spec:
                  template:
                    spec:
                      restartPolicy: Always
                      containers: [{name: run, image: busybox}]
                """
        }
    }

    /// What a finding says about its resource, without where the resource's file is.
    private func key(_ f: Finding) -> String {
        "\(f.ruleID)|\(f.resource?.description ?? "")|\(f.fieldPath ?? "")|\(f.message)|col \(f.position.column)"
    }

    func testManyBlocksInOneFileMatchOneResourcePerFile() {
        let count = Checker.ruleBlockSize * 2 + 17
        let docs = (0 ..< count).map(resource)
        var options = CheckOptions()
        options.jobs = 1
        let checker = Checker(rules: RuleCatalogue.builtin, options: options)
        let together = checker.check([SourceInput(name: "all.yaml", bytes: Array(docs.joined(separator: "\n---\n").utf8))])
        let apart = checker.check(docs.enumerated().map { SourceInput(name: "r\($0.offset).yaml", bytes: Array($0.element.utf8)) })
        let a = together.findings.map(key).sorted(), b = apart.findings.map(key).sorted()
        XCTAssertGreaterThan(a.count, count * 2, "the resources are built to fail several rules each")
        XCTAssertEqual(a, b)
        XCTAssertEqual(together.resourcesChecked, count)
    }
}
