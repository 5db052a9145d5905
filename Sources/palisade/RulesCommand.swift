import ArgumentParser
import Engine
import Foundation
import Reporters
import Rules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default state and severity.")

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Also list the rules of these policy files or folders (repeatable).", valueName: "path"))
    var policy: [String] = []

    func run() throws {
        let rules = try catalogue(policyPaths: policy).map(\.metadata)
        let text = format == .json ? RuleCatalog.json(rules) : RuleCatalog.table(rules)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a rule's rationale, remediation, parameters and examples.")

    @Argument(help: "Rule id, as listed by 'palisade rules'.")
    var id: String

    @Option(help: ArgumentHelp("Also look in these policy files or folders (repeatable).", valueName: "path"))
    var policy: [String] = []

    func run() throws {
        guard let rule = try catalogue(policyPaths: policy).first(where: { $0.metadata.id == id }) else {
            throw failUsage("unknown rule '\(id)'; see 'palisade rules'")
        }
        FileHandle.standardOutput.write(Data(RuleCatalog.explain(rule.metadata).utf8))
    }
}
