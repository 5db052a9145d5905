import Engine
import Models
import XCTest
import YAMLTree

/// Fingerprints are stored in users' baselines and in code scanning's alert history, so their
/// text must never change: these pin values computed by the first implementation.
final class FingerprintTests: XCTestCase {
    private func finding(message: String = "image uses the latest tag", file: String = "deploy/web.yaml",
                         resource: ResourceIdentity? = ResourceIdentity(apiVersion: "apps/v1", kind: "Deployment",
                                                                        namespace: "shop", name: "web"),
                         fieldPath: String? = "spec.template.spec.containers[0].image",
                         container: String? = "web") -> Finding {
        Finding(ruleID: "image-latest-tag", severity: .warning, message: message, file: file,
                position: SourcePosition(line: 12, column: 16), resource: resource, fieldPath: fieldPath,
                container: container)
    }

    func testFingerprintsArePinned() {
        XCTAssertEqual(finding().fingerprint, "088675c1fd972313f124cb2d37f20beb")
        // No resource, no field path (the message stands in), no container.
        XCTAssertEqual(finding(resource: nil, fieldPath: nil, container: nil).fingerprint, "e529c67f64b63dd9e23c6b00b65b1395")
        // Non-ASCII text, and a carriage return (hashed reversed by characters, not bytes).
        XCTAssertEqual(finding(message: "naïve\r\nvalue ✓", file: "déploiement.yaml", fieldPath: nil).fingerprint, "b35afba4d854d27e9b499fcae9828072")
        // ASCII with a carriage return: "\r\n" is one character, so the text reversed by
        // characters is not the bytes reversed.
        XCTAssertEqual(finding(message: "line one\r\nline two", fieldPath: nil).fingerprint, "5edb404b41e6d67b556a69dc03ea7bdd")
        // Cluster-scoped, unnamed.
        XCTAssertEqual(finding(resource: ResourceIdentity(apiVersion: "v1", kind: "Namespace", namespace: nil, name: nil))
            .fingerprint, "ffa1c8a0b06554e8dd4088a2bb4d413e")
    }

    func testFingerprintIgnoresPosition() {
        var moved = finding()
        moved.position = SourcePosition(line: 40, column: 3)
        XCTAssertEqual(moved.fingerprint, finding().fingerprint)
        XCTAssertNotEqual(finding(fieldPath: "spec.replicas").fingerprint, finding().fingerprint)
    }

    func testResourceDescription() {
        XCTAssertEqual(ResourceIdentity(apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web").description,
                       "Deployment/shop/web")
        XCTAssertEqual(ResourceIdentity(apiVersion: "v1", kind: "Namespace", namespace: nil, name: "shop").description,
                       "Namespace/shop")
        XCTAssertEqual(ResourceIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "a", name: nil).description,
                       "ConfigMap/a/<unnamed>")
        XCTAssertEqual(ResourceIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: nil, name: nil).description,
                       "ConfigMap/<unnamed>")
    }
}
