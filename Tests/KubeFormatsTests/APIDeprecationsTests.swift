import XCTest
@testable import KubeFormats

final class APIDeprecationsTests: XCTestCase {
    func testVersionParsing() {
        XCTAssertEqual(KubernetesVersion("1.29"), KubernetesVersion(1, 29))
        XCTAssertEqual(KubernetesVersion("v1.29.3"), KubernetesVersion(1, 29, 3))
        XCTAssertEqual(KubernetesVersion("v1.30.2-gke.1587003"), KubernetesVersion(1, 30, 2))
        XCTAssertEqual(KubernetesVersion("1.28+"), KubernetesVersion(1, 28))
        for bad in ["", "1", "v", "1.", ".1", "1..2", "1.2.3.4", "x1.2", "1.2a", "٣.٤", "99999999999.1"] {
            XCTAssertNil(KubernetesVersion(bad), bad)
        }
        XCTAssertLessThan(KubernetesVersion("1.9")!, KubernetesVersion("1.10")!)
        XCTAssertLessThan(KubernetesVersion("1.29.1")!, KubernetesVersion("1.29.10")!)
        XCTAssertEqual(KubernetesVersion(1, 29).description, "v1.29")
        XCTAssertEqual(KubernetesVersion(1, 29, 3).description, "v1.29.3")
        XCTAssertEqual(KubernetesVersion.defaultTarget, KubernetesVersion(1, 32))
    }

    func testStatus() throws {
        let v122 = KubernetesVersion(1, 22)
        let ing = try XCTUnwrap(APIDeprecations.status(apiVersion: "extensions/v1beta1", kind: "Ingress", in: v122))
        XCTAssertEqual(ing.state, .removed)
        XCTAssertEqual(ing.since, v122)
        XCTAssertEqual(ing.replacement, "networking.k8s.io/v1")
        XCTAssertTrue(ing.message.contains("no longer served since v1.22"), ing.message)

        let dep = try XCTUnwrap(APIDeprecations.status(apiVersion: "extensions/v1beta1", kind: "Ingress", in: KubernetesVersion(1, 20)))
        XCTAssertEqual(dep.state, .deprecated)
        XCTAssertEqual(dep.since, KubernetesVersion(1, 14))
        XCTAssertTrue(dep.message.contains("removed in v1.22"), dep.message)

        XCTAssertNil(APIDeprecations.status(apiVersion: "extensions/v1beta1", kind: "Ingress", in: KubernetesVersion(1, 13)))
        XCTAssertNil(APIDeprecations.status(apiVersion: "apps/v1", kind: "Deployment"))
        XCTAssertNil(APIDeprecations.status(apiVersion: "v1", kind: "Pod"))
        XCTAssertNil(APIDeprecations.status(apiVersion: "example.com/v1", kind: "Widget"))

        let psp = try XCTUnwrap(APIDeprecations.status(apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy"))
        XCTAssertEqual(psp.state, .removed)
        XCTAssertNil(psp.replacement)
        XCTAssertTrue(psp.message.contains("no replacement"), psp.message)

        let cases: [(String, String, Int, String?)] = [
            ("extensions/v1beta1", "Deployment", 16, "apps/v1"), ("extensions/v1beta1", "DaemonSet", 16, "apps/v1"),
            ("extensions/v1beta1", "ReplicaSet", 16, "apps/v1"), ("extensions/v1beta1", "NetworkPolicy", 16, "networking.k8s.io/v1"),
            ("extensions/v1beta1", "PodSecurityPolicy", 16, "policy/v1beta1"),
            ("apps/v1beta1", "StatefulSet", 16, "apps/v1"), ("apps/v1beta2", "DaemonSet", 16, "apps/v1"),
            ("batch/v1beta1", "CronJob", 25, "batch/v1"), ("policy/v1beta1", "PodDisruptionBudget", 25, "policy/v1"),
            ("networking.k8s.io/v1beta1", "IngressClass", 22, "networking.k8s.io/v1"),
            ("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 22, "rbac.authorization.k8s.io/v1"),
            ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 22, "admissionregistration.k8s.io/v1"),
            ("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 22, "apiextensions.k8s.io/v1"),
            ("autoscaling/v2beta1", "HorizontalPodAutoscaler", 25, "autoscaling/v2"),
            ("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26, "autoscaling/v2"),
            ("storage.k8s.io/v1beta1", "CSIStorageCapacity", 27, "storage.k8s.io/v1"),
            ("storage.k8s.io/v1beta1", "CSINode", 22, "storage.k8s.io/v1"),
            ("discovery.k8s.io/v1beta1", "EndpointSlice", 25, "discovery.k8s.io/v1"),
            ("events.k8s.io/v1beta1", "Event", 25, "events.k8s.io/v1"),
            ("node.k8s.io/v1beta1", "RuntimeClass", 25, "node.k8s.io/v1"),
            ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 26, "flowcontrol.apiserver.k8s.io/v1"),
            ("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 29, "flowcontrol.apiserver.k8s.io/v1"),
            ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 32, "flowcontrol.apiserver.k8s.io/v1"),
            ("certificates.k8s.io/v1beta1", "CertificateSigningRequest", 22, "certificates.k8s.io/v1"),
            ("coordination.k8s.io/v1beta1", "Lease", 22, "coordination.k8s.io/v1"),
            ("scheduling.k8s.io/v1beta1", "PriorityClass", 22, "scheduling.k8s.io/v1"),
            ("authentication.k8s.io/v1beta1", "TokenReview", 22, "authentication.k8s.io/v1"),
            ("authorization.k8s.io/v1beta1", "SubjectAccessReview", 22, "authorization.k8s.io/v1"),
            ("apiregistration.k8s.io/v1beta1", "APIService", 22, "apiregistration.k8s.io/v1"),
        ]
        for (api, kind, removed, repl) in cases {
            let e = try XCTUnwrap(APIDeprecations.entry(apiVersion: api, kind: kind), "\(api) \(kind)")
            XCTAssertEqual(e.removedIn, KubernetesVersion(1, removed), "\(api) \(kind)")
            XCTAssertEqual(e.replacement, repl, "\(api) \(kind)")
            XCTAssertLessThanOrEqual(e.deprecatedIn, e.removedIn!, "\(api) \(kind)")
            XCTAssertEqual(APIDeprecations.status(apiVersion: api, kind: kind, in: KubernetesVersion(1, removed))?.state, .removed)
            XCTAssertNotEqual(APIDeprecations.status(apiVersion: api, kind: kind, in: KubernetesVersion(1, removed - 1))?.state, .removed)
        }
        // No duplicate keys.
        let keys = APIDeprecations.entries.map { $0.apiVersion + " " + $0.kind }
        XCTAssertEqual(Set(keys).count, keys.count)
        XCTAssertEqual(APIDeprecations.entry(apiVersion: "resource.k8s.io/v1alpha2", kind: "ResourceClass")?.replacementKind, "DeviceClass")
    }

    /// Releases as users name them are strict; version text read elsewhere stays lenient.
    func testReleaseParsing() {
        XCTAssertEqual(KubernetesVersion(release: "v1.29.3-gke.1200"), KubernetesVersion(1, 29, 3))
        XCTAssertEqual(KubernetesVersion(release: "1.28.5+k3s1"), KubernetesVersion(1, 28, 5))
        XCTAssertEqual(KubernetesVersion(release: "1.31"), KubernetesVersion(1, 31))
        for bad in ["1", "1.29 ", "1.29 x", "1.29-", "1.29+", "1.10000", "1.29.3.1", "v", ""] {
            XCTAssertNil(KubernetesVersion(release: bad), bad)
        }
        XCTAssertEqual(KubernetesVersion("1.29 x"), KubernetesVersion(1, 29))
    }
}
