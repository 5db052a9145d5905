import ArgumentParser
import Authz
import Engine
import Reporters

struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac", abstract: "Reports on the RBAC (and ABAC) grants of manifests.",
        subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every subject with the sensitive permissions it holds (Secrets, exec, escalation, …), riskiest first.",
            discussion: """
                The risk score adds up the subject's sensitive permissions (error 10, warning 3, info 1; cluster-admin
                100), tripled when cluster-wide. Built-in bindings (system:masters, controllers) are left out unless
                --include-built-in is given.
                """)

        @Argument(help: "Manifest files and directories (default: the current directory).")
        var paths: [String] = []

        @Flag(help: "Include the API server's built-in bindings.")
        var includeBuiltIn = false

        @OptionGroup var output: AuthzOutputOptions

        func run() throws {
            let set = try ManifestLoader.loadReporting(paths)
            let report = SubjectReport.build(set.authorization, includeBuiltInBindings: includeBuiltIn)
            ManifestLoader.write(output.format == .json ? AuthzJSON.report(report) : AuthzText.report(report))
        }
    }
}
