import ArgumentParser
import Foundation
import Policies

/// `palisade policy test [PATH...]`. Register `PolicyCommand.self` in `Palisade.subcommands`.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Work with CEL policies.", subcommands: [PolicyTestCommand.self])
}

struct PolicyTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the examples of policy files and the cases of PolicyTest files; exit 1 on any mismatch.")

    @Argument(help: "Policy files, PolicyTest files or folders (default: policies).")
    var paths: [String] = ["policies"]

    func run() throws {
        let report: PolicyTestReport
        do throws(PolicyError) {
            report = try PolicyTester.run(paths: paths)
        } catch {
            throw failUsage(error.description)
        }
        FileHandle.standardOutput.write(Data(report.text.utf8))
        if report.results.isEmpty {
            FileHandle.standardError.write(Data("palisade: no policy examples or PolicyTest cases found\n".utf8))
            throw ExitCode(1)
        }
        if !report.succeeded { throw ExitCode(1) }
    }
}
