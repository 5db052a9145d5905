import ArgumentParser
import Authz
import Engine
import Foundation
import Reporters

struct ABACCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abac", abstract: "Tools for legacy ABAC policy files.",
        subcommands: [ToRBAC.self])

    struct ToRBAC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "to-rbac",
            abstract: "Print the RBAC Roles, ClusterRoles and bindings equivalent to ABAC policy files.",
            discussion: """
                The output never grants more than the input; where RBAC cannot express a line exactly (ABAC ignores
                subresources, user-and-group lines, lines without namespace) a comment in the YAML says what is
                left out. Problems in the policy files are reported on standard error; broken lines are skipped
                and the exit status is 1.
                """)

        @Argument(help: "ABAC policy files (one JSON policy per line).")
        var files: [String]

        @OptionGroup var output: AuthzOutputOptions

        func run() throws {
            var policies: [ABACPolicy] = []
            var diagnostics: [ABACDiagnostic] = []
            for file in files {
                switch SourceInput(name: file, path: file).read(maxBytes: 64 << 20) {
                case .failure(let error):
                    throw failUsage("\(file): \(error.message)")
                case .success(let bytes):
                    let parsed = ABACPolicyFile.parse(bytes: bytes, file: file)
                    policies += parsed.policies
                    diagnostics += parsed.diagnostics
                }
            }
            let conversion = ABACToRBAC.convert(policies)
            if output.format == .json {
                ManifestLoader.write(AuthzJSON.conversion(conversion, diagnostics: diagnostics))
            } else {
                if !diagnostics.isEmpty {
                    FileHandle.standardError.write(Data(diagnostics.map { "\($0)\n" }.joined().utf8))
                }
                ManifestLoader.write(conversion.yaml)
            }
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        }
    }
}
