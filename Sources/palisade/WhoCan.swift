import ArgumentParser
import Authz
import Engine
import Reporters

struct WhoCan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List the subjects that may make a request, with the bindings, roles, rules and ABAC lines that allow it.",
        discussion: """
            Examples:
              palisade who-can get secrets -n ml-prod deploy/
              palisade who-can create pods/exec
              palisade who-can get --path /metrics
            Without -n a namespaced resource is asked of every namespace at once; each grant says where it holds.
            """)

    @Argument(help: "The verb: get, list, create, update, patch, delete, impersonate, …")
    var verb: String

    @Argument(help: "RESOURCE or RESOURCE/SUBRESOURCE (plural, as in RBAC rules: pods, pods/exec, deployments). Omit with --path.")
    var resource: String?

    @Argument(help: "Manifest files and directories (default: the current directory).")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: "Namespace of the request (default: any namespace).")
    var namespace: String?

    @Option(help: "Name of the object (for rules limited by resourceNames).")
    var name: String = ""

    @Option(help: "API group of the resource (default: the group of the built-in resource of that name).")
    var apiGroup: String?

    @Option(help: "A non-resource URL path such as /metrics, instead of RESOURCE.")
    var path: String?

    @Flag(help: "Also list subjects allowed only through built-in bindings (system:masters, controllers).")
    var showBuiltIn = false

    @OptionGroup var output: AuthzOutputOptions

    func validate() throws {
        if path == nil && resource == nil { throw ValidationError("give a RESOURCE or --path") }
        if let path, !path.hasPrefix("/") { throw ValidationError("--path must start with /") }
    }

    func run() throws {
        // With --path, the first positional after the verb is a manifest path.
        let manifestPaths = path != nil ? (resource.map { [$0] } ?? []) + paths : paths
        let set = try ManifestLoader.loadReporting(manifestPaths)
        let request = path.map { AccessRequest(verb: verb, path: $0) }
            ?? AccessRequest.parse(verb: verb, resource: resource ?? "", apiGroup: apiGroup, namespace: namespace ?? "", name: name)
        let anyNamespace = namespace == nil && path == nil
        let result = WhoCanResult(request: request, anyNamespace: anyNamespace,
                                  subjects: set.authorization.whoCan(request, anyNamespace: anyNamespace), showBuiltIn: showBuiltIn)
        ManifestLoader.write(output.format == .json ? AuthzJSON.whoCan(result) : AuthzText.whoCan(result))
    }
}
