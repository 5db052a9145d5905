import Engine

public struct FileEncodingRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "file-encoding", area: "input", severity: .error,
        summary: "The file is not UTF-8 (or UTF-16 with a byte-order mark) text",
        rationale: "Kubernetes reads manifests as UTF-8. Invalid bytes, or a binary file with a manifest extension, cannot be applied and usually mean a corrupted or mis-committed file.",
        remediation: "Re-save the file as UTF-8, or remove the binary file from the manifest folders.",
        triggering: [RuleExample("kind: Pod\nname: \u{FFFD}\0\n", at: "2:8")],
        nonTriggering: [RuleExample("kind: Pod\nname: café\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .yaml(let d, let file) = event, d.kind == .encoding else { return }
        report.report(d.message, file: file, position: d.position)
    }
}
