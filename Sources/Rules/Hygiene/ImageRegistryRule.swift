import Engine
import KubeFormats
import Models

public struct ImageRegistryRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    static let id = "image-registry-not-allowed"

    public let metadata = RuleMetadata(
        id: ImageRegistryRule.id, area: "images", severity: .warning,
        summary: "Container image comes from a registry that is not in the allowed list",
        rationale: "Pulling only from vetted registries (a mirror that scans and signs images) keeps unreviewed public images out of the cluster. An image without a registry comes from docker.io.",
        remediation: "Push the image to an allowed registry and reference it there, or add the registry to the rule's allowedRegistries parameter. Enabling the rule without the parameter reports every image, so the list is never silently empty.",
        enabledByDefault: false,
        parameters: [RuleParameter("allowedRegistries",
                                   "Registry hosts images may come from, e.g. [registry.example.com, ghcr.io/acme]; an entry with a path allows that prefix of the repository; `*.example.com` allows subdomains; an entry without a port allows any port; docker.io covers images written without a registry",
                                   default: "(none: every image is reported until configured)")],
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                spec:
                  containers:
                  - name: jupyter
                    image: jupyter/scipy-notebook:2024-10-07
                """, at: "8:12"),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tools
                spec:
                  containers:
                  - name: api
                    image: registry.example.com/team/api:1.4.2
                  - name: sidecar
                    image: ghcr.io/someone-else/proxy:2.0
                """, parameters: ["allowedRegistries": .list(["registry.example.com", "ghcr.io/acme"])], at: "10:12"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: tools
                spec:
                  containers:
                  - name: api
                    image: registry.example.com:5000/team/api:1.4.2
                  - name: worker
                    image: ghcr.io/acme/worker:2.0
                """, parameters: ["allowedRegistries": .list(["registry.example.com", "ghcr.io/acme"])]),
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: notebook
                spec:
                  selector: {app: notebook}
                  ports:
                  - port: 8888
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        let allowed = context.parameter(Self.id, "allowedRegistries")?.listValue ?? []
        Hygiene.forEachContainer(resource) { _, container in
            guard let (node, text, reference) = Hygiene.image(of: container) else { return }
            if allowed.isEmpty {
                report.report("image \"\(text)\" comes from \(reference.registry); no registry is allowed until the allowedRegistries parameter of \(Self.id) is set",
                              at: node, in: resource, container: container.name)
            } else if !allowed.contains(where: { Self.allows($0, reference) }) {
                report.report("image \"\(text)\" comes from \(reference.registry), which is not an allowed registry (\(allowed.joined(separator: ", ")))",
                              at: node, in: resource, container: container.name)
            }
        }
    }

    /// `host`, `host:port`, `*.suffix` or `host/path-prefix` (matched on whole path components).
    static func allows(_ entry: String, _ reference: ImageReference) -> Bool {
        var entry = Substring(entry)
        while entry.hasSuffix("/") { entry = entry.dropLast() }
        let host: Substring
        let path: Substring?
        if let slash = entry.firstIndex(of: "/") {
            host = entry[..<slash]
            path = entry[entry.index(after: slash)...]
        } else {
            host = entry
            path = nil
        }
        // An entry without a port allows the host on any port.
        var registry = Substring(reference.registry)
        if !host.contains(":"), let colon = registry.lastIndex(of: ":"), !registry.hasSuffix("]") {
            registry = registry[..<colon]
        }
        let hostMatches: Bool
        if host.hasPrefix("*.") {
            hostMatches = registry.hasSuffix(host.dropFirst())
        } else {
            hostMatches = registry == host || (host == "index.docker.io" && registry == "docker.io")
        }
        guard hostMatches else { return false }
        guard let path, !path.isEmpty else { return true }
        let repository = reference.registry == ImageReference.defaultRegistry ? reference.normalizedRepository : reference.repository
        return repository == path || repository.hasPrefix(path + "/")
    }
}
