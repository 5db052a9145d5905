import Engine
import KubeFormats
import Models

public struct SecretInvalidDataRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .kinds(["Secret"]) }

    /// The API server's limit on a Secret's total data.
    static let maxTotalBytes = 1 << 20

    public let metadata = RuleMetadata(
        id: "secret-invalid-data", area: "secrets", severity: .error,
        summary: "Secret data the API server rejects: bad base64, bad key names, over 1 MiB",
        rationale: "`data` values must be standard base64 with padding; keys must match [-._a-zA-Z0-9]+, be at most 253 characters and not be `.` or `..`; all data together must fit in 1 MiB. Otherwise the apply fails at deploy time.",
        remediation: "Encode values with `base64 -w0` (or move plain text to stringData), rename keys to the allowed characters, and keep large files out of Secrets.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                data:
                  password: not base64!
                """, at: "6:13"),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                stringData:
                  db/password: x
                """, at: "6:3"),
        ],
        nonTriggering: [RuleExample("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            data:
              db.password: aHVudGVyMg==
            stringData:
              config.yaml: |
                user: app
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard resource.isSecret, !resource.isSOPSEncrypted else { return }
        var total = 0
        for entry in resource.secretEntries {
            if let issue = Names.secretKey(entry.key) {
                report.report("key \"\(entry.key)\" is not a valid Secret key: \(issue.message)", at: entry.keyNode, in: resource)
            }
            guard let text = entry.valueNode.scalar else { continue }
            if entry.source == .data, let issue = Base64.validate(text, allowLineBreaks: true) {
                report.report("data.\(entry.key) is not valid base64: \(issue.message)", at: entry.valueNode, in: resource)
            }
            total += entry.decoded?.count ?? text.utf8.count
        }
        if total > Self.maxTotalBytes, let key = resource.node.keyNode("data") ?? resource.node.keyNode("stringData") {
            report.report("Secret data is \(total) bytes, over the API server's limit of 1 MiB", at: key, in: resource)
        }
    }
}
