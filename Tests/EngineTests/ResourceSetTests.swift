@testable import Engine
import Models
import XCTest
import YAMLTree

/// `ResourceSet`'s lookups, answered from indexes built once per run.
final class ResourceSetTests: XCTestCase {
    private func set(_ yaml: String) -> ResourceSet {
        let resources = YAMLParser.parse(Array(yaml.utf8), file: "set.yaml").documents
            .flatMap { ResourceDecoder.resources(in: $0).resources }
        return ResourceSet(resources: resources)
    }

    private func serviceAccounts(_ namespaces: [String?]) -> String {
        namespaces.enumerated().map { i, ns in
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-\(i)\n" + (ns.map { "  namespace: \($0)\n" } ?? "")
        }.joined(separator: "---\n")
    }

    func testDefinesWithFewObjectsOfTheKind() {
        let s = set(serviceAccounts(["a", nil]))
        XCTAssertTrue(s.defines(kind: "ServiceAccount", namespace: "a"))
        XCTAssertTrue(s.defines(kind: "ServiceAccount", namespace: nil))
        XCTAssertFalse(s.defines(kind: "ServiceAccount", namespace: "b"))
        XCTAssertFalse(s.defines(kind: "Secret", namespace: "a"))
    }

    /// Past a few objects the namespaces of a kind are collected into a set, once: the answers
    /// must be the same as the scan's, "no namespace" included.
    func testDefinesWithManyObjectsOfTheKind() {
        let namespaces: [String?] = (0 ..< 20).map { "team-\($0 % 5)" } + [nil]
        let s = set(serviceAccounts(namespaces))
        for ns in ["team-0", "team-4"] { XCTAssertTrue(s.defines(kind: "ServiceAccount", namespace: ns), ns) }
        XCTAssertTrue(s.defines(kind: "ServiceAccount", namespace: nil))
        XCTAssertFalse(s.defines(kind: "ServiceAccount", namespace: "team-5"))
        XCTAssertFalse(s.defines(kind: "ServiceAccount", namespace: ""))
        // Asked again, from the remembered set.
        XCTAssertTrue(s.defines(kind: "ServiceAccount", namespace: "team-3"))
        XCTAssertFalse(set(serviceAccounts(Array(namespaces.dropLast()))).defines(kind: "ServiceAccount", namespace: nil))
    }

    /// The checker asks each file's resources whether they carry an ignore annotation, and
    /// builds the suppressions from those alone.
    func testIgnoreAnnotationsAreFoundByKeyPrefix() {
        let s = set("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: a
              annotations:
                owner: team
                palisade.dev/ignore.app: host-network
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: b
              annotations:
                palisade.dev/ignored-by: nobody
                example.com/palisade.dev/ignore: all
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: c
            """)
        XCTAssertEqual(s.resources.map(Suppressions.isAnnotated), [true, true, false])
        // `palisade.dev/ignored-by` starts with the prefix but is no suppression.
        XCTAssertFalse(Suppressions(resources: s).isEmpty)
        XCTAssertTrue(Suppressions(resources: s, annotated: [1, 2]).isEmpty)
    }
}
