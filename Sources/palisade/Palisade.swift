import ArgumentParser
import Foundation

@main
struct Palisade: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "palisade",
        abstract: "Lint Kubernetes manifests offline: broken, insecure or against your rules — with file:line:column.",
        version: version,
        subcommands: [Check.self, RulesCommand.self, Explain.self, SecretsCommand.self, WhoCan.self, CanI.self,
                      RBACCommand.self, ABACCommand.self, BaselineCommand.self, PolicyCommand.self,
                      ReportCommand.self],
        defaultSubcommand: Check.self)

    /// Usage errors exit 2 (not ArgumentParser's 64) so CI can tell "bad invocation" from
    /// "findings" (1) with one documented table.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// A usage problem found after parsing (a missing path, a bad config file): one line on
/// stderr, exit 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

func failUsage(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("palisade: \(message)\n".utf8))
    return ExitCode(2)
}
