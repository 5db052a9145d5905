import Engine
import KubeFormats
import Models
import YAMLTree

/// Where resource quantities live and how to read them.
enum Quantities {
    /// A `requests`/`limits`-style mapping and how to name it in messages.
    struct Section {
        var node: YAMLNode
        var name: Name

        /// How a section is named: made into text only for a finding, since every container's
        /// requests and limits are sections.
        enum Name {
            case text(String)
            case container(Container, String)
        }

        var what: String {
            switch name {
            case .text(let text): text
            case .container(let c, let part): "\(Hygiene.describe(c)) \(part)"
            }
        }

        /// The container the section belongs to, for container-scoped suppression.
        var container: String? { if case .container(let c, _) = name { c.name } else { nil } }

        var isEmptyDir: Bool { if case .text("emptyDir") = name { true } else { false } }
        var isQuota: Bool { if case .text("quota") = name { true } else { false } }
    }

    /// Every quantity map of a resource: container and pod-level requests/limits, emptyDir
    /// size limits, claim requests (PVCs and StatefulSet claim templates), ResourceQuota
    /// `hard` and LimitRange entries.
    static func sections(_ resource: Resource) -> [Section] {
        var result: [Section] = []
        // The name is built only for sections that exist.
        func add(_ node: YAMLNode?, _ what: @autoclosure () -> String) {
            if let node, node.isMapping { result.append(Section(node: node, name: .text(what()))) }
        }
        func claim(_ spec: YAMLNode?, _ what: String) {
            add(spec?["resources"]?["requests"], "\(what) requests")
            add(spec?["resources"]?["limits"], "\(what) limits")
        }
        // Asked of every resource: most have no pod template and are none of the kinds below,
        // and are answered without looking further (`==` on these short names compares a few
        // words; a `switch` on the String searched a case table).
        if resource.hasPodTemplates {
            for spec in PodSpec.all(of: resource) {
                add(spec.resources?["requests"], "pod requests")
                add(spec.resources?["limits"], "pod limits")
                func addContainer(_ c: Container) {
                    guard let resources = c.resources else { return }
                    func addPart(_ part: String) {
                        if let node = resources[part], node.isMapping { result.append(Section(node: node, name: .container(c, part))) }
                    }
                    addPart("requests")
                    addPart("limits")
                }
                for c in spec.initContainers { addContainer(c) }
                for c in spec.containers { addContainer(c) }
                for volume in spec.volumes where volume["emptyDir"]?["sizeLimit"] != nil {
                    add(volume["emptyDir"], "emptyDir")
                }
            }
        }
        let kind = resource.kind
        if kind == "PersistentVolumeClaim" {
            claim(resource.spec, "claim")
        } else if kind == "StatefulSet" {
            for template in resource.spec?["volumeClaimTemplates"]?.listItems ?? [] {
                claim(template["spec"], "volume claim template")
            }
        } else if kind == "ResourceQuota" {
            add(resource.spec?["hard"], "quota")
        } else if kind == "LimitRange" {
            for item in resource.spec?["limits"]?.listItems ?? [] {
                for key in ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"] {
                    add(item[key], "limit range \(key)")
                }
            }
        }
        return result
    }

    /// The quantity of a scalar, or the problem with it.
    static func parse(_ node: YAMLNode) -> Result<Quantity, QuantityError>? {
        guard node.isScalar, node.resolvedType != .null else { return nil }
        return node.withScalarBytes { Quantity.parse(utf8: $0) }
    }

    /// `nvidia.com/gpu`-style names: outside the kubernetes.io domain, so whole numbers only
    /// and no overcommit.
    static func isExtended(_ name: String) -> Bool {
        // By bytes: asked for every request and limit, and most names (cpu, memory) have no slash.
        guard let slashOffset = name.withUTF8Bytes({ $0.firstIndex(of: UInt8(ascii: "/")) }) else { return false }
        let domain = name.utf8.prefix(slashOffset)
        let kubernetes = "kubernetes.io".utf8
        let isKubernetes = domain.elementsEqual(kubernetes)
            || (domain.count > kubernetes.count && domain.suffix(kubernetes.count + 1).elementsEqual(".kubernetes.io".utf8))
        return !isKubernetes && !name.hasPrefix("requests.")
    }

    /// The message of a quantity error without its `quantity '…': ` prefix (the finding names the value).
    static func reason(_ error: QuantityError, in text: String) -> String {
        let prefix = "quantity '\(text)': "
        return error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
    }
}

public struct InvalidQuantityRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-resource-quantity", area: "resources", severity: .error,
        summary: "Resource value is not a valid Kubernetes quantity",
        rationale: "Requests, limits, emptyDir size limits, claim sizes, quotas and limit ranges are quantities: a number with an optional suffix (m, k, M, G, Ki, Mi, Gi, …, or an exponent). Suffixes are case-sensitive, so 500mi or 1GB are rejected by the API server, as are negative values; extended resources such as nvidia.com/gpu must be whole numbers.",
        remediation: "Write memory in Mi/Gi (binary) or M/G (decimal), CPU in cores or millicores (500m), and GPUs as whole numbers. The finding points at the offending character.",
        triggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                        resources:
                          requests:
                            cpu: "8"
                            memory: 500mi
                          limits:
                            memory: 1.5.0Gi
                            nvidia.com/gpu: 0.5
                """, at: "15:24", "17:24", "18:29"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train-resnet
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: ghcr.io/acme/trainer:2.4.1
                        resources:
                          requests: {cpu: 7500m, memory: 30Gi, ephemeral-storage: 1e11}
                          limits: {memory: 32Gi, nvidia.com/gpu: 2}
                      volumes:
                      - name: shm
                        emptyDir: {medium: Memory, sizeLimit: 8Gi}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for section in Quantities.sections(resource) {
            for (key, value, next) in Hygiene.entries(section.node) {
                guard let name = key.scalar else { continue }
                if section.isEmptyDir && name != "sizeLimit" { continue }
                guard let parsed = Quantities.parse(value) else { continue }
                // Built only for a finding: this runs for every request and limit.
                var text: String { value.scalar ?? "" }
                var what: String { section.isEmptyDir ? "emptyDir sizeLimit" : "\(section.what) \(name)" }
                switch parsed {
                case .failure(let error):
                    report.report("\(what) \"\(text)\" is not a valid quantity: \(Quantities.reason(error, in: text))",
                                  at: value, offset: error.offset, next: next, in: resource, container: section.container)
                case .success(let quantity):
                    if quantity.sign < 0 {
                        report.report("\(what) \"\(text)\" is negative", at: value, in: resource, container: section.container)
                    } else if Quantities.isExtended(name) && !quantity.isInteger && !section.isQuota {
                        report.report("\(what) \"\(text)\" must be a whole number; extended resources cannot be split",
                                      at: value, in: resource, container: section.container)
                    }
                }
            }
        }
    }
}

public struct RequestsExceedLimitsRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "requests-exceed-limits", area: "resources", severity: .error,
        summary: "A resource request is greater than its limit, or an extended resource's request differs from its limit",
        rationale: "The API server rejects a container (and so the whole workload) whose request for a resource is greater than its limit, and requires requests of extended resources such as nvidia.com/gpu to equal their limits, since devices cannot be overcommitted.",
        remediation: "Lower the request or raise the limit; for GPUs set only the limit (the request defaults to it) or make both equal.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests:
                            memory: 16Gi
                            nvidia.com/gpu: 1
                          limits:
                            memory: 12000Mi
                            nvidia.com/gpu: 2
                """, at: "17:21", "18:29"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/ml/triton:24.08
                        resources:
                          requests: {cpu: "2", memory: 16Gi, nvidia.com/gpu: 1}
                          limits: {memory: 16384Mi, nvidia.com/gpu: "1"}
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            // Owners of requests: the pod, then each container (described only for a finding).
            var owners: [(YAMLNode?, Container?)] = [(spec.resources, nil)]
            for c in spec.initContainers { owners.append((c.resources, c)) }
            for c in spec.containers { owners.append((c.resources, c)) }
            for (resources, owner) in owners {
                guard let requests = resources?["requests"], requests.isMapping else { continue }
                var what: String { owner.map(Hygiene.describe) ?? "pod" }
                var container: String? { owner?.name }
                let limits = resources?["limits"]
                for (key, requestNode) in requests.pairs {
                    guard let name = key.scalar else { continue }
                    guard let limitNode = limits?[name] else {
                        if Quantities.isExtended(name) {
                            report.report("\(what) requests \(name) without a limit; extended resources need a limit equal to the request",
                                          at: requestNode, in: resource, container: container)
                        }
                        continue
                    }
                    guard case .success(let request)? = Quantities.parse(requestNode),
                          case .success(let limit)? = Quantities.parse(limitNode) else { continue }
                    var r: String { requestNode.scalar ?? "" }
                    var l: String { limitNode.scalar ?? "" }
                    if request > limit {
                        report.report("\(what) requests \(name) \(r), more than its limit \(l); the API server rejects it",
                                      at: requestNode, in: resource, container: container)
                    } else if Quantities.isExtended(name) && request != limit {
                        report.report("\(what) requests \(name) \(r) but limits it to \(l); extended resources need request equal to limit",
                                      at: requestNode, in: resource, container: container)
                    }
                }
            }
        }
    }
}
