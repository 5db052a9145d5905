import Engine

public struct UnreadableFileRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "unreadable-file", area: "input", severity: .error,
        summary: "A file could not be read",
        rationale: "A manifest that cannot be read cannot be checked; passing it silently would hide whatever it contains.",
        remediation: "Fix the file's permissions, or exclude it from the paths given to palisade.",
        triggering: [],
        nonTriggering: [RuleExample("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .unreadable(let file, let reason) = event else { return }
        report.report("cannot read file: \(reason)", file: file, position: .init(line: 1, column: 1))
    }
}
