@testable import Models
import YAMLTree
import XCTest

final class WorkloadKindTests: XCTestCase {
    /// The hand-written initializer must agree with the raw values, case for case.
    func testEveryKindRoundTrips() {
        for kind in WorkloadKind.allCases {
            XCTAssertEqual(WorkloadKind(rawValue: kind.rawValue), kind)
        }
    }

    func testOtherKindsAreNotWorkloads() {
        for name in ["", "deployment", "Deployments", "ReplicationControllers", "Pods", "Service", "CronJob ", "Jo"] {
            XCTAssertNil(WorkloadKind(rawValue: name), name)
        }
    }
}

/// Containers and pod specs read their fields from a table filled in one pass; the field
/// names listed for the table must be the enum's, in its order.
final class FieldTableTests: XCTestCase {
    func testFieldEnumsMatchTheirKeyLists() {
        XCTAssertEqual(Container.keys.names, Container.Field.allCases.map { "\($0)" })
        XCTAssertEqual(PodSpec.keys.names, PodSpec.Field.allCases.map { "\($0)" })
    }

    func testFieldsReadAsTheSubscriptReadsThem() throws {
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  hostNetwork: true
                  securityContext: {runAsNonRoot: true}
                  containers:
                  - name: main
                    image: nginx:1.27
                    securityContext: {privileged: false}
                    ports: [{containerPort: 80}]
                    name: duplicate
                  initContainers:
                  - {name: init, image: busybox}
            """
        let document = try XCTUnwrap(YAMLParser.parse(Array(text.utf8), file: "d.yaml").documents.first)
        let resource = try XCTUnwrap(ResourceDecoder.resources(in: document).resources.first)
        let spec = try XCTUnwrap(PodSpec.all(of: resource).first { _ in true })
        XCTAssertEqual(spec.hostNetwork?.id, spec.node["hostNetwork"]?.id)
        XCTAssertEqual(spec.securityContext?.id, spec.node["securityContext"]?.id)
        XCTAssertNil(spec.volumes.first)
        XCTAssertEqual(spec.allContainers.map(\.name), ["init", "main"])
        let main = spec.containers.first!
        XCTAssertEqual(main.image?.id, main.node["image"]?.id)
        XCTAssertEqual(main.securityContext?.id, main.node["securityContext"]?.id)
        XCTAssertEqual(main.nameNode?.id, main.node["name"]?.id)
        XCTAssertNil(main.resources)
    }
}
