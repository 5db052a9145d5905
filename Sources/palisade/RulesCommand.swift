import ArgumentParser
import Engine
import Foundation
import Reporters
import Rules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List every rule with its default state and severity.")

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let rules = BuiltinRules.all.map(\.metadata)
        let text = format == .json ? RuleCatalog.json(rules) : RuleCatalog.table(rules)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a rule's rationale, remediation, parameters and examples.")

    @Argument(help: "Rule id, as listed by 'palisade rules'.")
    var id: String

    func run() throws {
        guard let rule = BuiltinRules.rule(id: id) else {
            throw failUsage("unknown rule '\(id)'; see 'palisade rules'")
        }
        FileHandle.standardOutput.write(Data(RuleCatalog.explain(rule.metadata).utf8))
    }
}
