import YAMLTree

/// A `v1` Service.
public struct Service: Sendable {
    public let resource: Resource

    /// The Service view of a resource, if it is a core `Service`.
    public init?(_ resource: Resource) {
        guard resource.kind == "Service", resource.apiVersion == "v1" else { return nil }
        self.resource = resource
    }

    public var spec: YAMLNode? { resource.spec.flatMap { $0.isMapping ? $0 : nil } }

    /// `spec.type` as written, or `ClusterIP` (the API default) when absent.
    public var type: String { typeNode?.scalar ?? "ClusterIP" }
    public var typeNode: YAMLNode? { spec?["type"] }
    public var isExternalName: Bool { type == "ExternalName" }

    public var selectorNode: YAMLNode? { spec?["selector"] }
    /// A Service selects pods only with a non-empty selector; `{}` or none means its
    /// endpoints are managed by hand (or by another controller).
    public var hasSelector: Bool { (selectorNode?.pairs.count ?? 0) > 0 }
    public var selector: LabelSelector { LabelSelector(map: selectorNode) }

    /// `clusterIP: None`: a headless Service, for which `targetPort` is ignored.
    public var isHeadless: Bool { spec?["clusterIP"]?.scalar == "None" }

    /// The mapping items of `spec.ports`, in one array (rules ask for them per Service).
    public var ports: [ServicePort] {
        guard let list = spec?["ports"], list.isSequence else { return [] }
        var result: [ServicePort] = []
        result.reserveCapacity(list.count)
        for item in list.items where item.isMapping { result.append(ServicePort(node: item)) }
        return result
    }
    public var loadBalancerSourceRanges: YAMLNode? { spec?["loadBalancerSourceRanges"] }
}

/// One entry of `Service.spec.ports`.
public struct ServicePort: Sendable {
    /// A `targetPort`: a number, or the name of a container port.
    public enum Target: Sendable, Hashable {
        case number(Int64)
        case name(String)
    }

    public let node: YAMLNode

    public init(node: YAMLNode) { self.node = node }

    public var nameNode: YAMLNode? { node["name"] }
    public var name: String? { nameNode?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
    public var portNode: YAMLNode? { node["port"] }
    public var port: Int64? { portNode?.intValue }
    public var nodePortNode: YAMLNode? { node["nodePort"] }
    public var targetPortNode: YAMLNode? { node["targetPort"] }
    /// `protocol`, `TCP` when absent (the API default).
    public var protocolName: String { node["protocol"]?.scalar ?? "TCP" }

    /// The effective target: `targetPort` if set (an integer, else a name), else `port`.
    public var target: Target? {
        if let t = targetPortNode, t.isScalar {
            if let n = t.intValue { return .number(n) }
            if t.resolvedType == .null { return port.map(Target.number) }
            return t.scalar.map(Target.name)
        }
        return port.map(Target.number)
    }
}

/// A `v1` Endpoints object (hand-managed endpoints of a selector-less Service).
public struct Endpoints: Sendable {
    public let resource: Resource

    public init?(_ resource: Resource) {
        guard resource.kind == "Endpoints", resource.apiVersion == "v1" else { return nil }
        self.resource = resource
    }

    public var subsets: YAMLNode? { resource["subsets"] }
}

/// A `discovery.k8s.io/v1` EndpointSlice; it belongs to the Service named by its
/// `kubernetes.io/service-name` label.
public struct EndpointSlice: Sendable {
    public static let serviceNameLabel = "kubernetes.io/service-name"

    public let resource: Resource

    public init?(_ resource: Resource) {
        guard resource.kind == "EndpointSlice", resource.identity.group == "discovery.k8s.io" else { return nil }
        self.resource = resource
    }

    public var serviceName: String? { resource.metadata.labels[Self.serviceNameLabel] }
}

/// A `networking.k8s.io/v1` Ingress.
public struct Ingress: Sendable {
    public let resource: Resource

    public init?(_ resource: Resource) {
        guard resource.kind == "Ingress" else { return nil }
        self.resource = resource
    }

    /// Whether the object uses the `networking.k8s.io/v1` shape (`backend.service.name`).
    public var isV1: Bool { resource.apiVersion == "networking.k8s.io/v1" }

    public var spec: YAMLNode? { resource.spec.flatMap { $0.isMapping ? $0 : nil } }
    public var tlsNode: YAMLNode? { spec?["tls"] }
    public var tls: [IngressTLS] { (tlsNode?.listItems ?? []).filter(\.isMapping).map(IngressTLS.init(node:)) }

    /// `spec.defaultBackend` and every `rules[].http.paths[].backend`, in source order.
    public var backends: [IngressBackend] {
        var result: [IngressBackend] = []
        if let d = spec?["defaultBackend"], d.isMapping { result.append(IngressBackend(node: d)) }
        for rule in spec?["rules"]?.listItems ?? [] {
            for path in rule["http"]?["paths"]?.listItems ?? [] {
                if let b = path["backend"], b.isMapping { result.append(IngressBackend(node: b)) }
            }
        }
        return result
    }
}

/// `IngressBackend` (v1): a Service and port, or a typed `resource` reference.
public struct IngressBackend: Sendable {
    public let node: YAMLNode

    public init(node: YAMLNode) { self.node = node }

    public var service: YAMLNode? { node["service"].flatMap { $0.isMapping ? $0 : nil } }
    public var serviceNameNode: YAMLNode? { service?["name"] }
    public var serviceName: String? { serviceNameNode?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
    public var portNode: YAMLNode? { service?["port"] }
    public var portNumberNode: YAMLNode? { portNode?["number"] }
    public var portNameNode: YAMLNode? { portNode?["name"] }
}

/// One entry of `Ingress.spec.tls`.
public struct IngressTLS: Sendable {
    public let node: YAMLNode

    public init(node: YAMLNode) { self.node = node }

    public var secretNameNode: YAMLNode? { node["secretName"] }
    public var secretName: String? { secretNameNode?.scalar.flatMap { $0.isEmpty ? nil : $0 } }
}

/// A `networking.k8s.io/v1` NetworkPolicy.
public struct NetworkPolicy: Sendable {
    public let resource: Resource

    public init?(_ resource: Resource) {
        guard resource.kind == "NetworkPolicy", resource.identity.group == "networking.k8s.io" else { return nil }
        self.resource = resource
    }

    public var spec: YAMLNode? { resource.spec.flatMap { $0.isMapping ? $0 : nil } }
    public var podSelectorNode: YAMLNode? { spec?["podSelector"] }
    public var podSelector: LabelSelector { LabelSelector(selector: podSelectorNode) }
    /// An empty (or missing) `podSelector` selects every pod of the namespace.
    public var selectsAllPods: Bool { podSelector.isEmpty }
}
