import Engine
import Models
import YAMLTree

public struct MissingReadinessProbeRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "missing-readiness-probe", area: "probes", severity: .warning,
        summary: "Serving container of a long-running workload has no readiness probe",
        rationale: "Without a readiness probe a pod receives Service traffic as soon as its containers start, before the model is loaded or the server listens, and keeps receiving it while overloaded; every rollout then drops requests. Only containers that declare ports are checked (queue workers and agents serve no traffic), and Jobs, CronJobs, init and ephemeral containers are skipped.",
        remediation: "Add readinessProbe (httpGet on a health endpoint that reports ready only once the server can answer, or tcpSocket/grpc). The finding points at the container's name.",
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
                        ports:
                        - name: http
                          containerPort: 8000
                """, at: "13:15"),
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
                        ports:
                        - name: http
                          containerPort: 8000
                        readinessProbe:
                          httpGet: {path: /v2/health/ready, port: http}
                      - name: queue-worker
                        image: registry.example.com/ml/worker:1.0
                """),
            RuleExample("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: evaluate
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: eval
                        image: ghcr.io/acme/eval:1.0
                        ports:
                        - containerPort: 9090
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for template in PodTemplate.all(of: resource) {
            guard Hygiene.isLongRunning(template), let spec = template.spec else { continue }
            for container in spec.containers where container.readinessProbe == nil && !container.ports.isEmpty {
                report.report("\(Hygiene.describe(container)) declares ports but has no readiness probe; it gets traffic before it is ready",
                              at: Hygiene.anchor(of: container), in: resource, container: container.name)
            }
        }
    }
}

public struct MissingLivenessProbeRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "missing-liveness-probe", area: "probes", severity: .info,
        summary: "Container of a long-running workload has no liveness probe",
        rationale: "A process that deadlocks or wedges (a stuck CUDA call, an exhausted thread pool) keeps running, so Kubernetes never restarts it without a liveness probe. Off by default: a careless liveness probe (same endpoint and thresholds as readiness, or depending on a database) restarts healthy pods under load, which is worse than none.",
        remediation: "Add livenessProbe that checks only the process itself, with a failureThreshold and periodSeconds generous enough to ride out load spikes. The finding points at the container's name.",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: feature-store
                spec:
                  serviceName: feature-store
                  selector:
                    matchLabels: {app: feature-store}
                  template:
                    metadata:
                      labels: {app: feature-store}
                    spec:
                      containers:
                      - name: redis
                        image: redis:7.4
                """, at: "14:15"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: feature-store
                spec:
                  serviceName: feature-store
                  selector:
                    matchLabels: {app: feature-store}
                  template:
                    metadata:
                      labels: {app: feature-store}
                    spec:
                      initContainers:
                      - name: sysctl
                        image: busybox:1.36
                      containers:
                      - name: redis
                        image: redis:7.4
                        livenessProbe:
                          exec: {command: [redis-cli, ping]}
                          failureThreshold: 6
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for template in PodTemplate.all(of: resource) {
            guard Hygiene.isLongRunning(template), let spec = template.spec else { continue }
            for container in spec.containers where container.livenessProbe == nil {
                report.report("\(Hygiene.describe(container)) has no liveness probe; a hung process is never restarted",
                              at: Hygiene.anchor(of: container), in: resource, container: container.name)
            }
        }
    }
}

public struct ProbePortRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "probe-port-not-declared", area: "probes", severity: .error,
        summary: "Probe uses a named port that the container does not declare",
        rationale: "A probe's httpGet.port or tcpSocket.port given as a name is looked up in the same container's ports[].name. When no port has that name the kubelet cannot run the probe: a liveness probe then restarts the container forever, a readiness probe keeps it out of every Service, a startup probe never lets it start.",
        remediation: "Name the port in the container's ports list (ports: [{name: http, containerPort: 8080}]) or use the port number in the probe.",
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
                        ports:
                        - name: http
                          containerPort: 8000
                        livenessProbe:
                          httpGet: {path: /v2/health/live, port: metrics}
                        readinessProbe:
                          tcpSocket:
                            port: grpc
                """, at: "19:50", "22:19"),
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
                        ports:
                        - name: http
                          containerPort: 8000
                        - name: grpc
                          containerPort: 8001
                        livenessProbe:
                          httpGet: {path: /v2/health/live, port: http}
                        readinessProbe:
                          tcpSocket: {port: 8001}
                        startupProbe:
                          grpc: {port: 8001}
                """),
        ])

    static let probes = ["livenessProbe", "readinessProbe", "startupProbe"]

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource, ephemeral: false) { _, container in
            var declared: Set<String>?
            for probeKey in Self.probes {
                guard let probe = container.node[probeKey] else { continue }
                for handler in ["httpGet", "tcpSocket"] {
                    guard let port = probe[handler]?["port"], port.isScalar, port.resolvedType == .string,
                          let name = port.scalar else { continue }
                    if declared == nil { declared = container.portNames }
                    if declared!.contains(name) { continue }
                    let known = declared!.sorted()
                    let have = known.isEmpty ? "it declares no named ports" : "it declares \(known.joined(separator: ", "))"
                    report.report("\(probeKey).\(handler).port \"\(name)\" is not a port name of \(Hygiene.describe(container)); \(have)",
                                  at: port, in: resource, container: container.name)
                }
            }
        }
    }
}

public struct IdenticalProbesRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "identical-liveness-readiness", area: "probes", severity: .warning,
        summary: "Liveness and readiness probes are identical",
        rationale: "Readiness failing should take a busy pod out of the Service until it recovers; liveness failing restarts it. When both probes are the same, an overloaded pod fails both at once and is restarted instead of being given time, which turns a load spike into a cascade of restarts.",
        remediation: "Give the liveness probe a cheaper check of the process alone, or at least a higher failureThreshold or periodSeconds than the readiness probe.",
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
                        livenessProbe:
                          httpGet: {path: /healthz, port: 8000}
                          periodSeconds: 10
                        readinessProbe:
                          periodSeconds: 10
                          httpGet: {port: 8000, path: /healthz}
                """, at: "15:9"),
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
                        livenessProbe:
                          httpGet: {path: /healthz, port: 8000}
                          periodSeconds: 10
                          failureThreshold: 6
                        readinessProbe:
                          httpGet: {path: /healthz, port: 8000}
                          periodSeconds: 10
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        Hygiene.forEachContainer(resource, ephemeral: false) { _, container in
            guard let liveness = container.livenessProbe, let readiness = container.readinessProbe,
                  liveness.isMapping, Self.equal(liveness, readiness) else { return }
            report.report("liveness and readiness probes of \(Hygiene.describe(container)) are identical; an overloaded pod is restarted instead of taken out of rotation",
                          at: container.node.keyNode("livenessProbe") ?? liveness, in: resource, container: container.name)
        }
    }

    /// Structural equality: mappings regardless of key order, scalars by text.
    static func equal(_ a: YAMLNode, _ b: YAMLNode, depth: Int = 0) -> Bool {
        guard depth < 32, a.kind == b.kind else { return false }
        switch a.kind {
        case .scalar:
            return a.scalarBytes.elementsEqual(b.scalarBytes)
        case .sequence:
            guard a.items.count == b.items.count else { return false }
            return zip(a.items, b.items).allSatisfy { equal($0, $1, depth: depth + 1) }
        case .mapping:
            guard a.pairs.count == b.pairs.count else { return false }
            for (key, value) in a.pairs {
                guard let name = key.scalar, let other = b[name], equal(value, other, depth: depth + 1) else { return false }
            }
            return true
        }
    }
}
