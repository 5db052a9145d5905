import ArgumentParser
import Engine
import Foundation
import Reporters
import Rules

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, none

    var threshold: Severity? {
        switch self {
        case .error: .error
        case .warning: .warning
        case .info: .info
        case .none: nil
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check manifests (files, directories, or - for standard input).")

    @OptionGroup var arguments: CheckArguments

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Exit 1 when a finding at or above this severity exists: error, warning, info or none.")
    var failOn: FailLevel = .error

    @Option(help: "Report only findings that are not in this baseline file (see 'palisade baseline create').")
    var baseline: String?

    @Flag(help: "List suppressed findings too.")
    var showSuppressed = false

    @Option(help: "Text output: findings shown per file before the rest are summarised (0: all).")
    var maxFindingsPerFile = 200

    func run() throws {
        var result = try arguments.run()
        if let baseline {
            guard let data = FileManager.default.contents(atPath: baseline) else {
                throw failUsage("\(baseline): cannot read baseline file")
            }
            do {
                let recorded = try Baseline.read([UInt8](data))
                recorded.apply(to: &result, baselineFile: baseline,
                               checkedFiles: Set(result.findings.map(\.file) + result.suppressed.map(\.file))
                                   .union(result.resourceSet.resources.map(\.file)))
            } catch {
                throw failUsage("\(baseline): \(error.message)")
            }
        }
        let rules = BuiltinRules.all.map(\.metadata)
        let output: String
        switch format {
        case .text:
            let color = isatty(STDOUT_FILENO) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            output = TextReporter(useColor: color, showSuppressed: showSuppressed, maxPerFile: maxFindingsPerFile)
                .render(result, rules: rules)
        case .json:
            output = JSONReporter().render(result, rules: rules)
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if let threshold = failOn.threshold, result.findings.contains(where: { $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }
}

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record current findings so later checks report only new ones.",
        subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a baseline of the current findings.")

        @OptionGroup var arguments: CheckArguments

        @Option(name: .shortAndLong, help: "Baseline file to write.")
        var output = ".palisade-baseline.json"

        func run() throws {
            let result = try arguments.run()
            let baseline = Baseline(findings: result.findings)
            do {
                try Data(baseline.render().utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw failUsage("\(output): cannot write baseline: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("palisade: recorded \(baseline.entries.count) findings in \(output)\n".utf8))
        }
    }
}
