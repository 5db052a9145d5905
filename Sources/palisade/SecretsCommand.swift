import ArgumentParser
import Engine
import Foundation
import Reporters
import Rules

struct SecretsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Inventory Secrets: keys (never values), consumers, who can read them, undefined references.")

    @Argument(help: "Files and directories to read (default: the current directory).")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let inputs: [SourceInput]
        do {
            inputs = try InputDiscovery.inputs(for: paths.isEmpty ? ["."] : paths)
        } catch {
            throw failUsage(error.message)
        }
        let set = Checker(rules: [], options: CheckOptions()).check(inputs).resourceSet
        let inventory = SecretInventory.build(set)
        let text = format == .json ? SecretInventoryReport.json(inventory) : SecretInventoryReport.text(inventory)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
