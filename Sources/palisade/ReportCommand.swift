import ArgumentParser
import Authz
import Engine
import Foundation
import Reporters
import Rules

/// `palisade report --html FILE`: the audit page. Runs the same check as `check` (same paths, configuration and rule
/// flags), then adds the Secret inventory, the RBAC risk matrix and the access graph from the same resources.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML audit report: findings with source excerpts, Secrets, RBAC risk matrix, access graph.",
        discussion: """
            The page loads nothing from the network (inline CSS, script and SVG), reads the same with scripts off, and never contains Secret values (source excerpts redact Secret data and recognised credentials). The same input gives the same bytes: no timestamp unless --generated-at is given. Exit status 0 when the report is written, whatever it contains (use 'palisade check' to gate a build).
            """)

    @OptionGroup var arguments: CheckArguments

    @Option(help: ArgumentHelp("Write the HTML report to this file ('-' for standard output).", valueName: "file"))
    var html: String

    @Option(help: "Page title.")
    var title = "Palisade audit report"

    @Option(help: ArgumentHelp("Text shown as the generation time, e.g. \"$(date -u +%FT%TZ)\" (default: none, for reproducible output).", valueName: "text"))
    var generatedAt: String?

    @Option(help: "Collapse findings of one rule with the same message (up to quoted names) from this many on.")
    var collapseThreshold = 10

    @Option(help: "Most nodes drawn in the access graph (riskiest subjects first).")
    var maxGraphNodes = 300

    func validate() throws {
        guard collapseThreshold >= 2 else { throw ValidationError("--collapse-threshold must be at least 2") }
        guard maxGraphNodes >= 10 else { throw ValidationError("--max-graph-nodes must be at least 10") }
    }

    func run() throws {
        let result = try arguments.run()
        let set = result.resourceSet
        let model = set.authorization
        var report = HTMLReport(toolVersion: Palisade.version, inputs: arguments.paths, generatedAt: generatedAt)
        report.title = title
        report.collapseThreshold = collapseThreshold
        report.maxGraphNodes = maxGraphNodes
        let content = HTMLReport.Content(
            result: result, rules: BuiltinRules.all.map(\.metadata),
            source: { file in FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self) } },
            secrets: SecretInventory.build(set), subjects: SubjectReport.build(model), graph: AccessGraph.build(model))
        let page = report.render(content)
        if html == "-" {
            FileHandle.standardOutput.write(Data(page.utf8))
            return
        }
        do {
            try Data(page.utf8).write(to: URL(fileURLWithPath: html))
        } catch {
            throw failUsage("\(html): cannot write report: \(error.localizedDescription)")
        }
        let summary = "palisade: wrote \(html) (\(page.utf8.count / 1024) KiB): \(result.findings.count) findings, "
            + "\(content.secrets.entries.count) Secrets, \(content.subjects.rows.count) subjects with sensitive permissions\n"
        FileHandle.standardError.write(Data(summary.utf8))
    }
}
