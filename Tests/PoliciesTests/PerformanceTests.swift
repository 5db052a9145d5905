import Engine
@testable import Policies
import XCTest

/// Timing sanity, printed not asserted (debug builds and shared machines vary). Run with
/// `swift test -c release --filter PerformanceTests` for meaningful figures.
final class PerformanceTests: XCTestCase {
    func testTwentyThousandResources() {
        var yaml = ""
        for i in 0..<20_000 {
            yaml += """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web-\(i), namespace: ns-\(i % 50), labels: {team: t\(i % 7)}}
            spec:
              replicas: \(i % 4)
              revisionHistoryLimit: \(i % 12)
              template:
                spec:
                  containers:
                  - {name: web, image: "registry.example.com/web:1.\(i)", resources: {limits: {memory: 1Gi}}}
            ---

            """
        }
        let input = SourceInput(name: "corpus.yaml", bytes: Array(yaml.utf8))
        let simple = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: perf}
        spec:
          match: {kinds: [Deployment]}
          rules:
          - {id: replicas, expression: "object.spec.replicas >= 1", message: no replicas}
        """)
        func time(_ rules: [any Rule], only: Set<String>?) -> (Duration, Int) {
            var options = CheckOptions()
            options.selection.only = only
            let clock = ContinuousClock()
            var count = 0
            let elapsed = clock.measure { count = Checker(rules: rules, options: options).check([input]).findings.count }
            return (elapsed, count)
        }
        let floor = time([], only: [])
        let one = time(simple.rules, only: ["perf/replicas"])
        let builtins = time(BuiltinPolicies.all, only: nil)
        print("""
        policy performance, 20,000 Deployments:
          parse + decode only:          \(floor.0)
          + one simple rule:            \(one.0) (\(one.1) findings; rule alone ≈ \(one.0 - floor.0))
          + all built-in policies:      \(builtins.0) (\(builtins.1) findings)
        """)
        XCTAssertEqual(one.1, 5_000)
    }
}
