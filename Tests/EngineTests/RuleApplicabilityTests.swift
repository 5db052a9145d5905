@testable import Engine
import Foundation
import Models
import RuleCatalogue
import XCTest
import YAMLTree

/// The checker calls a per-resource rule only for the resources its `applicability` names.
/// That must never hide a finding: called directly on every other resource of the fixtures
/// and of every rule's examples, no rule may report anything.
final class RuleApplicabilityTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every resource of the fixtures and of every rule's examples, with the file it came from.
    func corpus() throws -> [Resource] {
        var texts: [(String, [UInt8])] = []
        let fixtures = Self.root.appendingPathComponent("fixtures")
        let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(url.pathExtension) else { continue }
            texts.append((url.path, Array(try Data(contentsOf: url))))
        }
        for rule in RuleCatalogue.builtin {
            for e in rule.metadata.triggering + rule.metadata.nonTriggering {
                texts.append(("\(rule.metadata.id)-example.yaml", Array(e.yaml.utf8)))
            }
        }
        return texts.flatMap { name, bytes in
            YAMLParser.parse(bytes, file: name).documents.flatMap { ResourceDecoder.resources(in: $0).resources }
        }
    }

    func testRulesFindNothingOutsideTheirApplicability() throws {
        let resources = try corpus()
        XCTAssertGreaterThan(resources.count, 500)
        var skipped = 0
        for rule in RuleCatalogue.builtin {
            guard let rule = rule.asResourceRule, rule.applicability != .everyResource else { continue }
            for resource in resources
            where !rule.applicability.applies(toKind: resource.kind, hasPodTemplates: resource.hasPodTemplates) {
                skipped += 1
                // Called directly, as the checker would without the applicability filter.
                let m = rule.metadata
                var sink = FindingSink(ruleID: m.id, severity: m.severity, declaredSeverity: m.severity)
                rule.check(resource, ResourceContext(rules: RuleContext(), resource: resource), &sink)
                XCTAssertEqual(sink.findings.map(\.message), [], "\(m.id) on \(resource.identity) in \(resource.file)")
            }
        }
        // The check must have looked at something: pod rules on Services, Secret rules on Pods, …
        XCTAssertGreaterThan(skipped, 10_000)
    }

    func testDeclaredApplicabilityOfSomeRules() {
        let byID = Dictionary(uniqueKeysWithValues: RuleCatalogue.builtin.compactMap { r in
            r.asResourceRule.map { (r.metadata.id, $0.applicability) }
        })
        XCTAssertEqual(byID["privileged-container"], .podTemplates)
        XCTAssertEqual(byID["secret-committed-data"], .kinds(["Secret"]))
        XCTAssertEqual(byID["job-missing-ttl"], .kinds(["Job", "CronJob"]))  // a built-in policy's kinds
        XCTAssertEqual(byID["invalid-type"], .everyResource)
    }
}
