import Foundation
import XCTest

final class SecretsCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = arguments
        process.currentDirectoryURL = CLIHarness.root
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testInventoryListsConsumersAndReadersWithEvidence() throws {
        let (status, text) = try run(["secrets", "fixtures/ml-platform"])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(text.contains("Secret ml-prod/aws-credentials  type Opaque  (fixtures/ml-platform/secrets.yaml:1)"), text)
        XCTAssertTrue(text.contains("consumer: Deployment/ml-prod/jupyter via secret volume at /etc/aws in notebook, read-only"))
        XCTAssertTrue(text.contains("consumer: Job/ml-prod/train-resnet container train via envFrom secretRef"))
        // The trainer ServiceAccount reads it through the cluster-wide binding, alice and the
        // kube-system default account through ABAC.
        XCTAssertTrue(text.contains("readable by: ServiceAccount ml-prod/trainer [get,list,watch]"))
        XCTAssertTrue(text.contains("ClusterRoleBinding trainer-reads-all-secrets (fixtures/ml-platform/rbac.yaml:34)"))
        XCTAssertTrue(text.contains("readable by: User alice [get,list,watch]"))
        XCTAssertTrue(text.contains("readable by: ServiceAccount kube-system/default"))
        XCTAssertFalse(text.contains("readable by: ServiceAccount ml-prod/notebook"))
    }

    func testEveryConsumptionPathAndUndefinedSecrets() throws {
        let (_, text) = try run(["secrets", "fixtures/secrets/secret-types-and-consumers.yaml"])
        for expected in [
            "Secret ml-serving/builder-token  type kubernetes.io/service-account-token",
            "consumer: ServiceAccount/ml-serving/model-server via ServiceAccount secrets",
            "consumer: ServiceAccount/ml-serving/model-server via imagePullSecrets",
            "consumer: Deployment/ml-serving/model-server via imagePullSecrets",
            "via projected volume at /etc/bundle in server, read-only (key ssh-privatekey)",
            "via secret volume at /etc/tls in server, read-only (key tls.crt)",
            "container server via env secretKeyRef (key password)",
            "container server via envFrom secretRef",
            "Secret ml-serving/model-registry-token  type ?  (not defined in the repository)",
            "also readable through built-in bindings by: Group system:masters",
        ] {
            XCTAssertTrue(text.contains(expected), "missing: \(expected)\n\(text)")
        }
        XCTAssertTrue(text.hasSuffix("6 Secrets defined, 1 referenced but not defined\n"), text)
    }

    func testInventoryNeverPrintsValuesAndReportsUndefinedSecrets() throws {
        let (_, json) = try run(["secrets", "--format", "json", "fixtures/secrets"])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let secrets = object?["secrets"] as? [[String: Any]] ?? []
        XCTAssertTrue(secrets.contains { $0["name"] as? String == "ci-tokens" && $0["defined"] as? Bool == true })
        for secret in RedactionTests.secretsForEndToEnd { XCTAssertFalse(json.contains(secret)) }
    }
}

enum RedactionTests {
    static let secretsForEndToEnd = ["ghp_Zx8Qm2Lk5Rt7Vb1Nc4Hs6Jd9Fg3Wp0Ye2Ua7", "AKIAQWERTYUIOPASDFGH"]
}
