import ArgumentParser
import Authz
import Engine
import Reporters

struct RBACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rbac", abstract: "Reports on the RBAC (and ABAC) grants of manifests.",
        subcommands: [Report.self, Graph.self])

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

    struct Graph: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case mermaid, dot
        }

        static let configuration = CommandConfiguration(
            abstract: "The access graph: subjects → bindings (or ABAC lines) → roles → permissions → resources, as Mermaid or DOT.",
            discussion: """
                Edges leading to a sensitive permission (read Secrets, exec, escalate/bind/impersonate, cluster-admin
                equivalents, …) are red and name it; grants are labelled cluster-wide or with their namespace.
                Render DOT with 'dot -Tsvg'; Mermaid renders in GitHub Markdown (```mermaid). Built-in bindings are
                left out unless --include-built-in is given; roles they reference are shown.
                """)

        @Argument(help: "Manifest files and directories (default: the current directory).")
        var paths: [String] = []

        @Option(help: "Output format: mermaid or dot.")
        var format: Format = .mermaid

        @Option(help: "Only this subject: NAME, 'User NAME', 'Group NAME', NS/NAME or 'ServiceAccount NS/NAME'.")
        var subject: String?

        @Option(name: [.customShort("n"), .long], help: "Only grants that hold in this namespace (its RoleBindings and every cluster-wide grant).")
        var namespace: String?

        @Option(help: "Only paths to this resource, e.g. secrets, pods/exec, deployments.apps (wildcard rules match too).")
        var resource: String?

        @Flag(help: "Only paths that end in a sensitive permission.")
        var riskyOnly = false

        @Flag(help: "Include the API server's built-in bindings.")
        var includeBuiltIn = false

        func run() throws {
            let set = try ManifestLoader.loadReporting(paths)
            let options = AccessGraph.Options(subject: subject, namespace: namespace, resource: resource,
                                              riskyOnly: riskyOnly, includeBuiltInBindings: includeBuiltIn)
            let graph = AccessGraph.build(set.authorization, options: options)
            ManifestLoader.write(format == .dot ? GraphRenderer.dot(graph) : GraphRenderer.mermaid(graph))
        }
    }
}
