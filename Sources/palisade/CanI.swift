import ArgumentParser
import Authz
import Engine
import Reporters

struct CanI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-i",
        abstract: "Say whether a user or service account may make a request, with the evidence. Exit 0 for yes, 1 for no.",
        discussion: """
            Examples:
              palisade can-i get secrets -n ml-prod --as system:serviceaccount:ml-prod:trainer deploy/
              palisade can-i create pods --as alice --as-group data-scientists -n ml-prod
              palisade can-i get --path /metrics --as prometheus
            --as takes a user name; system:serviceaccount:NAMESPACE:NAME is that service account (with its groups).
            system:authenticated is added to every user except system:anonymous, as the API server does.
            """)

    @Argument(help: "The verb: get, list, create, update, patch, delete, …")
    var verb: String

    @Argument(help: "RESOURCE or RESOURCE/SUBRESOURCE. Omit with --path.")
    var resource: String?

    @Argument(help: "Manifest files and directories (default: the current directory).")
    var paths: [String] = []

    @Option(name: .customLong("as"), help: "The user name, or system:serviceaccount:NAMESPACE:NAME.")
    var user: String

    @Option(name: .customLong("as-group"), help: "A group of the user (repeatable).")
    var groups: [String] = []

    @Option(name: .shortAndLong, help: "Namespace of the request (default: none, i.e. cluster-scoped or all namespaces).")
    var namespace: String = ""

    @Option(help: "Name of the object.")
    var name: String = ""

    @Option(help: "API group of the resource (default: the group of the built-in resource of that name).")
    var apiGroup: String?

    @Option(help: "A non-resource URL path such as /metrics, instead of RESOURCE.")
    var path: String?

    @OptionGroup var output: AuthzOutputOptions

    func validate() throws {
        if path == nil && resource == nil { throw ValidationError("give a RESOURCE or --path") }
        if let path, !path.hasPrefix("/") { throw ValidationError("--path must start with /") }
        if user.isEmpty { throw ValidationError("--as must not be empty") }
    }

    func run() throws {
        let manifestPaths = path != nil ? (resource.map { [$0] } ?? []) + paths : paths
        let set = try ManifestLoader.loadReporting(manifestPaths)
        let request = path.map { AccessRequest(verb: verb, path: $0) }
            ?? AccessRequest.parse(verb: verb, resource: resource ?? "", apiGroup: apiGroup, namespace: namespace, name: name)
        let decision = set.authorization.authorize(request, user: .impersonating(user, groups: groups))
        ManifestLoader.write(output.format == .json ? AuthzJSON.canI(decision) : AuthzText.canI(decision))
        if !decision.allowed { throw ExitCode(1) }
    }
}
