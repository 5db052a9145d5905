import Engine
import KubeFormats
import Models
import YAMLTree

/// Metadata mappings of a resource that carry labels and annotations: the object's own, its
/// pod template's and, for CronJobs, the job template's.
enum MetadataNodes {
    /// Shared by the label and annotation rules through the resource's context (built once).
    static func all(_ resource: Resource, _ context: ResourceContext) -> [(node: YAMLNode, what: String)] {
        context.view([(node: YAMLNode, what: String)].self) { all($0) }
    }

    static func all(_ resource: Resource) -> [(node: YAMLNode, what: String)] {
        // Labelled as returned: an unlabelled array is converted element by element.
        var result: [(node: YAMLNode, what: String)] = []
        result.reserveCapacity(2)
        if let meta = resource.metadata.node, meta.isMapping { result.append((meta, "metadata")) }
        if resource.kind == "CronJob", let meta = resource.spec?["jobTemplate"]?["metadata"], meta.isMapping {
            result.append((meta, "job template metadata"))
        }
        for template in PodTemplate.all(of: resource) where template.node.id != resource.node.id {
            guard let meta = template.node["metadata"], meta.isMapping else { continue }
            result.append((meta, "pod template metadata"))
        }
        return result
    }
}

public struct InvalidNameRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-name", area: "metadata", severity: .error,
        summary: "metadata.name is not valid for the kind",
        rationale: "The API server validates names per kind: most objects need a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters), Namespaces a DNS-1123 label (at most 63, no dots), Services a DNS-1035 label (must start with a letter), CronJobs at most 52 characters and Jobs at most 63 (their names are copied into pod labels). Uppercase letters and underscores are the usual culprits.",
        remediation: "Rename the object to lowercase letters, digits and '-' (Kubernetes does not rename for you); the finding points at the first offending character.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: 2fa-inference
                spec:
                  selector: {app: inference}
                  ports:
                  - port: 80
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: llama_server
                spec:
                  selector:
                    matchLabels: {app: llama}
                  template:
                    metadata:
                      labels: {app: llama}
                    spec:
                      containers:
                      - name: server
                        image: ghcr.io/acme/llama:3.1
                """, at: "4:9", "13:14"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: system:ml-platform:notebook-reader
                rules:
                - apiGroups: [""]
                  resources: [pods]
                  verbs: [get, list]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: llama-3.1-config
                data:
                  model: llama-3.1-8b
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let meta = resource.metadata.node, let node = meta["name"], node.isScalar,
              let name = resource.name else { return }
        guard let issue = Names.nameValidation(forKind: resource.kind).validate(name) else { return }
        report.report("\(resource.kind) name \"\(name)\" is not valid: \(issue.message)", at: node, offset: issue.offset,
                      next: Hygiene.key(after: "name", in: meta), in: resource)
    }
}

public struct InvalidLabelRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-label", area: "metadata", severity: .error,
        summary: "Label key or value is not valid",
        rationale: "Label keys are an optional DNS subdomain prefix and '/' plus a name of at most 63 characters; values are at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit. The API server rejects the object otherwise; on a pod template the whole workload is rejected. Version strings with '+', URLs and long git descriptions are the usual offenders.",
        remediation: "Shorten or sanitise the value (replace '+', '/' and spaces with '-' or '.'), or move free-form text to an annotation. The finding points at the first offending character.",
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                  labels:
                    app.kubernetes.io/version: 2.4.1+cu121
                    ml.example.com/model name: llama
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels:
                        app: inference
                        model: -llama
                    spec:
                      containers:
                      - name: server
                        image: ghcr.io/acme/llama:3.1
                """, at: "6:37", "7:25", "15:16"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                  labels:
                    app.kubernetes.io/version: 2.4.1-cu121
                    ml.example.com/model: llama-3.1_8b
                    empty: ""
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: ghcr.io/acme/llama:3.1
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for (meta, what) in MetadataNodes.all(resource, context) {
            guard let labels = meta["labels"], labels.isMapping else { continue }
            // Keys and values are checked as bytes in place, by node id; nodes and text are
            // made for a finding (a node per key and value retained the document).
            let document = labels.document
            document.forEachPair(of: labels.id) { key, value in
                guard document.kind(of: key) == .scalar else { return }
                if let issue = document.withScalarBytes(of: key, Names.labelKey(utf8:)) {
                    let keyNode = document.node(key)
                    report.report("label key \"\(keyNode.scalar ?? "")\" in \(what) is not valid: \(issue.message)", at: keyNode,
                                  offset: issue.offset, next: document.node(value), in: resource)
                }
                guard document.kind(of: value) == .scalar, document.resolvedType(of: value) != .null else { return }
                if let issue = document.withScalarBytes(of: value, Names.labelValue(utf8:)) {
                    let valueNode = document.node(value)
                    report.report("label \"\(document.node(key).scalar ?? "")\" value \"\(valueNode.scalar ?? "")\" in \(what) is not valid: \(issue.message)",
                                  at: valueNode, offset: issue.offset, next: Hygiene.key(after: key, in: labels), in: resource)
                }
            }
        }
    }
}

public struct InvalidAnnotationRule: ResourceRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "invalid-annotation", area: "metadata", severity: .error,
        summary: "Annotation key is not valid, or annotations exceed 256 KiB",
        rationale: "Annotation keys follow the label key rules (optional DNS subdomain prefix and '/', then a name of at most 63 characters), and all annotations of an object together may hold at most 256 KiB. The API server rejects the object otherwise; a `kubectl apply` of a large object can exceed the limit through the last-applied-configuration annotation.",
        remediation: "Fix the key (a single '/', a lowercase DNS prefix, a name of letters, digits, '-', '_' and '.'); move large data to a ConfigMap, or use server-side apply for large objects.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                  annotations:
                    notebooks.example.com/owner/team: research
                    Example.com/idle-timeout: "3600"
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                """, at: "6:32", "7:5"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: notebook
                  annotations:
                    notebooks.example.com/owner: research
                    description: "Shared GPU notebook / team research"
                spec:
                  containers:
                  - name: jupyter
                    image: quay.io/jupyter/scipy-notebook:2024-10-07
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for (meta, what) in MetadataNodes.all(resource, context) {
            guard let annotations = meta["annotations"], annotations.isMapping else { continue }
            var total = 0
            // By node id, as for labels.
            let document = annotations.document
            document.forEachPair(of: annotations.id) { key, value in
                guard document.kind(of: key) == .scalar else { return }
                // A scalar's length in bytes.
                document.withScalarBytes(of: key) { total += $0.count }
                if document.kind(of: value) == .scalar { document.withScalarBytes(of: value) { total += $0.count } }
                if let issue = document.withScalarBytes(of: key, Names.annotationKey(utf8:)) {
                    let keyNode = document.node(key)
                    report.report("annotation key \"\(keyNode.scalar ?? "")\" in \(what) is not valid: \(issue.message)", at: keyNode,
                                  offset: issue.offset, next: document.node(value), in: resource)
                }
            }
            if total > Names.totalAnnotationSizeLimit {
                report.report("annotations in \(what) total \(total) bytes; the limit is \(Names.totalAnnotationSizeLimit) bytes (256 KiB)",
                              at: meta.keyNode("annotations") ?? annotations, in: resource)
            }
        }
    }
}

public struct RequiredLabelsRule: ResourceRule {
    public init() {}

    static let id = "missing-required-labels"
    static let defaultLabels = ["app.kubernetes.io/name"]

    public let metadata = RuleMetadata(
        id: RequiredLabelsRule.id, area: "metadata", severity: .warning,
        summary: "Object lacks a required label",
        rationale: "Cost allocation, ownership, network policies and dashboards all key on labels; an object without them is invisible to those tools. Which labels are required is a team convention, so the rule is off until enabled.",
        remediation: "Add the labels named in the message under metadata.labels. The finding points at the labels key, else at metadata.",
        enabledByDefault: false,
        parameters: [RuleParameter("labels", "Label keys every object must carry, e.g. [app.kubernetes.io/name, team]",
                                   default: "[app.kubernetes.io/name]")],
        triggering: [
            RuleExample("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: inference
                  labels:
                    app: inference
                spec:
                  selector:
                    matchLabels: {app: inference}
                  template:
                    metadata:
                      labels: {app: inference}
                    spec:
                      containers:
                      - name: server
                        image: ghcr.io/acme/llama:3.1
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: inference-config
                data:
                  model: llama-3.1-8b
                """, at: "5:3", "20:1"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: inference-config
                  labels:
                    app.kubernetes.io/name: inference
                data:
                  model: llama-3.1-8b
                """),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard !resource.kind.isEmpty else { return }
        let required = context.parameter(Self.id, "labels")?.listValue ?? Self.defaultLabels
        let labels = resource.metadata.labels
        let missing = required.filter { labels.valueNode($0) == nil }
        guard !missing.isEmpty else { return }
        let anchor = resource.metadata.node?.keyNode("labels") ?? resource.node.keyNode("metadata") ?? resource.node
        let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
        report.report("\(resource.kind) lacks required label\(missing.count == 1 ? "" : "s") \(list)", at: anchor, in: resource)
    }
}

public struct DefaultNamespaceRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "default-namespace", area: "metadata", severity: .warning,
        summary: "Namespaced object is in the default namespace or names no namespace",
        rationale: "The default namespace is shared by everything applied without thought; quotas, network policies and RBAC are set per namespace, so workloads there get none of them. An object without metadata.namespace lands wherever the applying user's context points. Cluster-scoped kinds (Namespace, ClusterRole, PersistentVolume, StorageClass, CustomResourceDefinition, kinds starting with Cluster, and custom kinds whose CustomResourceDefinition in the set says scope: Cluster) are never reported. Off by default: Helm and Kustomize set the namespace at install time.",
        remediation: "Set metadata.namespace to the team's namespace (or set it with Kustomize's namespace field). The finding points at the namespace value, else at metadata.",
        enabledByDefault: false,
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: inference-config
                  namespace: default
                data:
                  model: llama-3.1-8b
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: inference
                spec:
                  selector: {app: inference}
                  ports:
                  - port: 80
                """, at: "5:14", "11:1"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: serving
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: inference-config
                  namespace: serving
                data:
                  model: llama-3.1-8b
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: servingruntimes.example.com
                spec:
                  group: example.com
                  scope: Cluster
                  names: {kind: GlobalRuntime, plural: globalruntimes}
                  versions: [{name: v1, served: true, storage: true}]
                ---
                apiVersion: example.com/v1
                kind: GlobalRuntime
                metadata:
                  name: triton
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        var clusterScoped: Set<String> = []
        for crd in set.ofKind("CustomResourceDefinition") {
            if crd.spec?["scope"]?.scalarEquals("Cluster") == true, let kind = crd.spec?["names"]?["kind"]?.scalar {
                clusterScoped.insert(kind)
            }
        }
        for resource in set.resources where set.isReported(resource) {
            let kind = resource.kind
            guard !kind.isEmpty, kind != "List", !Hygiene.clusterScopedKinds.contains(kind), !kind.hasPrefix("Cluster"),
                  !clusterScoped.contains(kind) else { continue }
            if let namespace = resource.metadata.node?["namespace"], resource.namespace == "default" {
                report.report("\(kind) is in the default namespace; use a dedicated namespace", at: namespace, in: resource)
            } else if resource.namespace == nil {
                report.report("\(kind) names no namespace, so it lands in whatever namespace the applying context uses",
                              at: resource.node.keyNode("metadata") ?? resource.node, in: resource)
            }
        }
    }
}
