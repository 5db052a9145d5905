import Engine
import Foundation
import Models

public struct SecretTypeRequirementsRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Secret"]) }

    public let metadata = RuleMetadata(
        id: "secret-type-requirements", area: "secrets", severity: .error,
        summary: "A typed Secret lacks the keys its type requires, or holds malformed content",
        rationale: "The API server validates built-in Secret types: kubernetes.io/tls needs tls.crt and tls.key, dockerconfigjson needs .dockerconfigjson holding JSON, dockercfg needs .dockercfg, basic-auth needs username or password, ssh-auth needs ssh-privatekey, service-account-token needs the kubernetes.io/service-account.name annotation. A key in both data and stringData is silently overwritten by stringData.",
        remediation: "Add the required keys (or change the type to Opaque), fix the content, and keep each key in only one of data or stringData.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: ingress-tls
                type: kubernetes.io/tls
                stringData:
                  tls.crt: placeholder
                """, at: "5:7", "7:12"),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: pull
                type: kubernetes.io/dockerconfigjson
                stringData:
                  .dockerconfigjson: "{not json"
                """, at: "7:22"),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: aHVudGVyMg==
                stringData:
                  password: other
                """, at: "8:3"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: login
            type: kubernetes.io/basic-auth
            stringData:
              username: app
            """)])

    static let required: [String: (keys: [String], anyOf: Bool)] = [
        "kubernetes.io/tls": (["tls.crt", "tls.key"], false),
        "kubernetes.io/dockerconfigjson": ([".dockerconfigjson"], false),
        "kubernetes.io/dockercfg": ([".dockercfg"], false),
        "kubernetes.io/basic-auth": (["username", "password"], true),
        "kubernetes.io/ssh-auth": (["ssh-privatekey"], false),
    ]

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.isSecret, !resource.isSOPSEncrypted else { return }
        let entries = resource.secretEntries
        let type = resource.secretType
        let typeNode = resource["type"] ?? resource.node
        if let rule = Self.required[type] {
            // Only types with required keys need the set (an Opaque Secret has none).
            let keys = Set(entries.map(\.key))
            let missing = rule.keys.filter { !keys.contains($0) }
            if rule.anyOf ? missing.count == rule.keys.count : !missing.isEmpty {
                let list = missing.map { "\"\($0)\"" }.joined(separator: rule.anyOf ? " or " : " and ")
                report.report("Secret of type \(type) needs \(list)", at: typeNode, in: resource)
            }
        }
        if type == "kubernetes.io/service-account-token",
           resource.metadata.annotations["kubernetes.io/service-account.name"] == nil {
            report.report("Secret of type \(type) needs the kubernetes.io/service-account.name annotation", at: typeNode, in: resource)
        }
        for entry in entries {
            switch (type, entry.key) {
            case ("kubernetes.io/dockerconfigjson", ".dockerconfigjson"), ("kubernetes.io/dockercfg", ".dockercfg"):
                if let bytes = entry.decoded, (try? JSONSerialization.jsonObject(with: Data(bytes))) == nil {
                    report.report("\(entry.source.rawValue).\(entry.key) is not valid JSON", at: entry.valueNode, in: resource)
                }
            case ("kubernetes.io/tls", "tls.crt"), ("kubernetes.io/tls", "tls.key"):
                if let text = entry.decodedText, !text.isEmpty, !text.contains("-----BEGIN ") {
                    report.report("\(entry.source.rawValue).\(entry.key) is not PEM-encoded", at: entry.valueNode, in: resource,
                                  severity: .warning)
                }
            default: break
            }
        }
        let dataKeys = Set(entries.filter { $0.source == .data }.map(\.key))
        for entry in entries where entry.source == .stringData && dataKeys.contains(entry.key) {
            report.report("key \"\(entry.key)\" is in both data and stringData; stringData silently wins", at: entry.keyNode,
                          in: resource, severity: .warning)
        }
    }
}
