import Engine
import KubeFormats
import Models

public struct SecretCommittedDataRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Secret"]) }

    public let metadata = RuleMetadata(
        id: "secret-committed-data", area: "secrets", severity: .warning,
        summary: "A Secret manifest carries its values in the repository",
        rationale: "Secret data is only base64-encoded, not encrypted: anyone who can read the repository (and its history, forever) can read the value. A value that matches a known credential format (cloud keys, tokens, private keys) is an error; any other real value a warning; empty or placeholder values are noted as info. SOPS-encrypted manifests, SealedSecrets and ExternalSecrets are not Secrets in the repository's clear text and are not flagged.",
        remediation: "Keep the value out of git: use SOPS, Sealed Secrets, External Secrets or your CI's secret store, and rotate any credential that was committed.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: aws
                stringData:
                  AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLF
                """, at: "6:22"),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: aHVudGVyMg==
                """, at: "6:13"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                type: Opaque
                """),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]
                sops:
                  mac: ENC[AES256_GCM,data:abc=,type:str]
                  version: 3.8.1
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.isSecret, !resource.isSOPSEncrypted else { return }
        for entry in resource.secretEntries {
            guard let text = entry.decodedText else { continue }  // invalid base64: secret-invalid-base64
            let where_ = "\(entry.source.rawValue).\(entry.key)"
            if text.isEmpty || CredentialScanner.isPlaceholder(text) {
                report.report("\(where_) holds a placeholder value (\(text.isEmpty ? "empty" : Redaction.redact(text))); make sure the real value is not committed later",
                              at: entry.valueNode, in: resource, severity: .info)
            } else if let match = CredentialScanner.scan(value: text, name: entry.key) {
                report.report("\(where_) holds a committed \(match.kind.name): \(match.redacted)",
                              at: entry.valueNode, in: resource, severity: match.confidence == .high ? .error : nil)
            } else {
                report.report("\(where_) holds a committed secret value (\(text.unicodeScalars.count) characters); base64 is not encryption",
                              at: entry.valueNode, in: resource)
            }
        }
    }
}
