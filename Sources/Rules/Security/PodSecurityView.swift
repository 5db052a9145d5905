import Engine
import KubeFormats
import Models
import YAMLTree

/// A pod template seen the way the kubelet applies security settings: container
/// `securityContext` fields override the pod's, and Linux-only settings do not apply to Windows
/// pods. Shared by the security rules so every rule resolves effective values the same way.
/// A class: the rules walk the views of every pod, and copying one as a struct retained and
/// released the seven references it holds.
final class PodSecurityView {
    let template: PodTemplate
    let spec: PodSpec
    /// `spec.securityContext` when it is a mapping.
    let podContext: YAMLNode?
    /// `spec.os.name: windows`: Linux-only controls (seccomp, capabilities, privilege escalation,
    /// read-only root filesystem, procMount) do not apply, as in the Pod Security Standards.
    let isWindows: Bool

    /// One view per pod template of the resource (custom resources may carry several), built
    /// once per resource for all the security rules.
    static func all(_ context: ResourceContext) -> [PodSecurityView] {
        context.view([PodSecurityView].self) { PodTemplate.all(of: $0).compactMap(PodSecurityView.init(template:)) }
    }

    init?(template: PodTemplate) {
        guard let spec = template.spec else { return nil }
        self.template = template
        self.spec = spec
        let sc = spec.securityContext
        podContext = (sc?.isMapping ?? false) ? sc : nil
        isWindows = spec.node["os"]?["name"]?.scalarEquals("windows") ?? false
    }

    /// Where pod-level findings about a missing setting point: the pod's `securityContext` key
    /// when present, else the `spec` key of the pod template.
    var podAnchor: YAMLNode {
        spec.node.keyNode("securityContext") ?? template.node.keyNode("spec") ?? spec.node
    }

    /// Whether a setting missing from every container (and the pod) is reported once at pod level
    /// rather than per container: when the pod has several containers or already has a
    /// securityContext, the pod level is where the fix belongs.
    func reportsMissingAtPod(missing: Int) -> Bool {
        let containers = spec.allContainers.count
        return missing == containers && containers > 0 && (containers > 1 || spec.securityContext != nil)
    }

    /// Where the pod template's `spec` key is (for pod-level fields other than securityContext).
    var specAnchor: YAMLNode { template.node.keyNode("spec") ?? spec.node }

    /// Containers in the pod's network namespace at the same time: regular containers and
    /// restartable (sidecar) init containers.
    var concurrentContainers: [Container] {
        spec.initContainers.filter { $0.node["restartPolicy"]?.scalarEquals("Always") ?? false } + spec.containers
    }

    /// The container's `securityContext` when it is a mapping.
    func context(of container: Container) -> YAMLNode? {
        guard let sc = container.securityContext, sc.isMapping else { return nil }
        return sc
    }

    /// The node holding a setting that both levels define (runAsUser, runAsNonRoot, seccompProfile,
    /// …): the container's value if set (and not null), else the pod's.
    func effective(_ key: String, for container: Container) -> (node: YAMLNode, atPod: Bool)? {
        if let node = context(of: container)?[key], !Self.isNull(node) { return (node, false) }
        if let node = podContext?[key], !Self.isNull(node) { return (node, true) }
        return nil
    }

    /// Where container findings about a missing setting point: the container's
    /// `securityContext` key when present, else its `name` value, else the container itself.
    static func anchor(of container: Container) -> YAMLNode {
        container.node.keyNode("securityContext") ?? container.nameNode ?? container.node
    }

    /// `name "x"` wording for messages, with the container kind.
    static func describe(_ container: Container) -> String {
        "\(container.kind.rawValue) \"\(container.name ?? "<unnamed>")\""
    }

    static func isNull(_ node: YAMLNode) -> Bool { node.isScalar && node.resolvedType == .null }

    /// Whether the container's `securityContext.privileged` is true.
    func isPrivileged(_ container: Container) -> Bool {
        context(of: container)?["privileged"]?.boolValue == true
    }

    /// Capability names in `securityContext.capabilities.<list>` of a container, normalised
    /// (`cap_sys_admin` → `SYS_ADMIN`), with their nodes.
    func capabilities(_ list: String, of container: Container) -> [(name: String, node: YAMLNode)] {
        guard let items = context(of: container)?["capabilities"]?[list], items.isSequence else { return [] }
        var result: [(name: String, node: YAMLNode)] = []
        for item in items.items {
            guard let text = item.scalar else { continue }
            result.append((Capabilities.normalize(text), item))
        }
        return result
    }
}

/// Reads a list parameter, falling back to a default.
func listParameter(_ context: RuleContext, _ rule: String, _ name: String, default fallback: [String]) -> [String] {
    context.parameter(rule, name)?.listValue ?? fallback
}
