import Engine

public struct AliasBombRule: LoadRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "alias-bomb", area: "input", severity: .error,
        summary: "YAML aliases expand to an excessive number of nodes",
        rationale: "Nested anchors and aliases (\"billion laughs\") make a few lines expand to billions of nodes, exhausting memory in tools and in the API server. The document is not checked further.",
        remediation: "Remove the nested aliases; write the repeated content out or generate it with a template tool.",
        parameters: [RuleParameter("maxAliasExpansion", "Nodes aliases may add per document (flag --max-alias-expansion)", default: "100000",
                                    kind: .positiveInteger, runWide: true)],
        triggering: [RuleExample("""
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            """, at: "5:36")],
        nonTriggering: [RuleExample("defaults: &d {app: web}\nlabels: *d\n")])

    public func check(_ event: LoadEvent, _ report: inout FindingSink) {
        guard case .yaml(let d, let file) = event, d.kind == .aliasBomb else { return }
        report.report(d.message, file: file, position: d.position)
    }
}
