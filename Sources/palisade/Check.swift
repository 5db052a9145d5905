import ArgumentParser
import Engine
import Foundation
import Reporters
import Rules

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Formats `check` can write: the two above plus the CI ones.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github
}

/// `--output FORMAT` (standard output) or `--output FORMAT=FILE`.
struct OutputTarget: ExpressibleByArgument {
    var format: ReportFormat
    var file: String?

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let format = ReportFormat(rawValue: parts[0]) else { return nil }
        self.format = format
        file = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
    }

    static var defaultValueDescription: String { "FORMAT[=FILE]" }
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

    @Option(name: .shortAndLong, help: "Output format: text, json, sarif, junit or github.")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write a report in FORMAT to FILE, or to standard output without =FILE (repeatable; replaces --format), e.g. --output sarif=results.sarif --output text.", valueName: "format[=file]"))
    var output: [OutputTarget] = []

    @Option(help: "Exit 1 when a finding at or above this severity exists: error, warning, info or none.")
    var failOn: FailLevel = .error

    @Option(help: "Report only findings that are not in this baseline file (see 'palisade baseline create').")
    var baseline: String?

    @Flag(help: "List suppressed findings too.")
    var showSuppressed = false

    @Option(help: "Text output: findings shown per file before the rest are summarised (0: all).")
    var maxFindingsPerFile = 200

    func run() throws {
        var (result, rules) = try arguments.runWithRules()
        if let baseline {
            guard let data = FileManager.default.contents(atPath: baseline) else {
                throw failUsage("\(baseline): cannot read baseline file")
            }
            do {
                let recorded = try Baseline.read([UInt8](data))
                let key = arguments.repositoryFileKey()
                // The files named on the command line, not the `--context` ones.
                recorded.apply(to: &result, baselineFile: baseline, checkedFiles: Set(result.checkedFiles), fileKey: key)
            } catch {
                throw failUsage("\(baseline): \(error.message)")
            }
        }
        let targets = output.isEmpty ? [OutputTarget(argument: format.rawValue)!] : output
        if targets.filter({ $0.file == nil }).count > 1 {
            throw failUsage("only one --output may go to standard output")
        }
        for target in targets {
            var report = render(result, as: target.format, rules: rules, toTerminal: target.file == nil)
            // The report's bytes are written where they are: a report of every finding of a
            // large repository is megabytes, and a copy of it would be the run's peak.
            try report.withUnsafeMutableBytes { bytes in
                let data = Data(bytesNoCopy: bytes.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 1)!,
                                count: bytes.count, deallocator: .none)
                if let file = target.file {
                    do {
                        try data.write(to: URL(fileURLWithPath: file))
                    } catch {
                        throw failUsage("\(file): cannot write report: \(error.localizedDescription)")
                    }
                } else {
                    FileHandle.standardOutput.write(data)
                }
            }
        }
        let failed = failOn.threshold.map { threshold in result.findings.contains { $0.severity >= threshold } } ?? false
        // The process ends here: exiting now skips freeing every document, resource and
        // finding of the run one by one, which on a large repository takes longer than
        // writing the report (compilers skip it the same way).
        Foundation.exit(failed ? 1 : 0)
    }
}

extension Check {
    func render(_ result: CheckResult, as format: ReportFormat, rules: [RuleMetadata], toTerminal: Bool) -> [UInt8] {
        // Paths in SARIF, JUnit and GitHub annotations are relative to the repository root.
        let (root, cwd) = arguments.repositoryRootAndWorkingDirectory()
        switch format {
        case .text:
            let color = toTerminal && isatty(STDOUT_FILENO) != 0
                && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            return TextReporter(useColor: color, showSuppressed: showSuppressed, maxPerFile: maxFindingsPerFile)
                .renderBytes(result, rules: rules)
        case .json:
            return JSONReporter().renderBytes(result, rules: rules)
        case .sarif:
            return SARIFReporter(toolVersion: Palisade.version, rootPath: root, workingDirectory: cwd)
                .renderBytes(result, rules: rules)
        case .junit:
            return JUnitReporter(rootPath: root, checkedFiles: result.checkedFiles, workingDirectory: cwd)
                .renderBytes(result, rules: rules)
        case .github:
            return GitHubReporter(rootPath: root, workingDirectory: cwd).renderBytes(result, rules: rules)
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
            let baseline = Baseline(findings: result.findings, fileKey: arguments.repositoryFileKey())
            do {
                try Data(baseline.render().utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw failUsage("\(output): cannot write baseline: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("palisade: recorded \(baseline.entries.count) findings in \(output)\n".utf8))
        }
    }
}

extension CheckArguments {
    /// The repository root (the nearest `.git` above the working directory, else the working
    /// directory) and the working directory, both absolute.
    func repositoryRootAndWorkingDirectory() -> (root: String, workingDirectory: String) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        return (gitRoot(from: cwd)?.path ?? cwd.path, cwd.path)
    }

    /// How baselines name a finding's file: relative to the repository root, so fingerprints
    /// do not depend on the directory palisade ran in or on the spelling of the path.
    func repositoryFileKey() -> (String) -> String {
        let (root, cwd) = repositoryRootAndWorkingDirectory()
        return { RepositoryPath.relative($0, root: root, workingDirectory: cwd) }
    }
}

extension Check {
    /// Checked before anything is read: two `--output`s naming one file would leave only the
    /// last report in it, so that is a usage error, however the file is spelled.
    func validate() throws {
        var seen: [String: String] = [:]
        for target in output {
            guard let file = target.file else { continue }
            let key = Self.reportPathKey(file)
            let spelled = "\(target.format.rawValue)=\(file)"
            if let first = seen[key] {
                throw failUsage("--output \(first) and --output \(spelled) write to the same file")
            }
            seen[key] = spelled
        }
    }

    /// The absolute path a report file is written to, symlinks resolved; for a file that does not
    /// exist yet, its folder resolved, then its name.
    static func reportPathKey(_ file: String) -> String {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        if FileManager.default.fileExists(atPath: url.path) { return url.resolvingSymlinksInPath().path }
        return url.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(url.lastPathComponent).path
    }
}
