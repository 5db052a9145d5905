import Engine

public struct InputLimitRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "input-limit", area: "input", severity: .error,
        summary: "A file exceeds an input limit (size, documents, nesting depth, scalar length)",
        rationale: "Limits keep one hostile or generated file from stalling the whole run. What is past the limit is not checked, so it is reported rather than passed silently.",
        remediation: "Split the file, or raise the limit with the matching flag (--max-file-size, --max-documents, --max-depth, --max-scalar-size) if the file is legitimate.",
        triggering: [RuleExample(String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n", at: "1:257")],
        nonTriggering: [RuleExample("a: [[[1]]]\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .yaml(let d, let file) = event, d.kind == .limit else { return }
        report.report(d.message, file: file, position: d.position)
    }
}
