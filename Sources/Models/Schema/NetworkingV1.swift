/// `networking.k8s.io/v1`: Ingress, IngressClass, NetworkPolicy. Written from the Kubernetes
/// API reference (v1.31+).
public enum NetworkingV1 {
    // MARK: Ingress

    /// `ServiceBackendPort`: exactly one of `name` or `number`.
    public static let serviceBackendPort = ObjectSchema("ServiceBackendPort", [
        "name": .string,
        "number": .integer,
    ])

    public static let ingressServiceBackend = ObjectSchema("IngressServiceBackend", [
        "name": .string,
        "port": .object(serviceBackendPort),
    ])

    public static let ingressBackend = ObjectSchema("IngressBackend", [
        "resource": .object(CoreV1.typedLocalObjectReference),
        "service": .object(ingressServiceBackend),
    ])

    public static let httpIngressPath = ObjectSchema("HTTPIngressPath", [
        "backend": .object(ingressBackend),
        "path": .string,
        "pathType": .string,
    ])

    public static let httpIngressRuleValue = ObjectSchema("HTTPIngressRuleValue", [
        "paths": .array(.object(httpIngressPath)),
    ])

    public static let ingressRule = ObjectSchema("IngressRule", [
        "host": .string,
        "http": .object(httpIngressRuleValue),
    ])

    public static let ingressTLS = ObjectSchema("IngressTLS", [
        "hosts": .array(.string),
        "secretName": .string,
    ])

    public static let ingressSpec = ObjectSchema("IngressSpec", [
        "defaultBackend": .object(ingressBackend),
        "ingressClassName": .string,
        "rules": .array(.object(ingressRule)),
        "tls": .array(.object(ingressTLS)),
    ])

    public static let ingress = ObjectSchema("Ingress", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(ingressSpec),
        "status": .any,
    ])

    // MARK: IngressClass

    public static let ingressClassParametersReference = ObjectSchema("IngressClassParametersReference", [
        "apiGroup": .string,
        "kind": .string,
        "name": .string,
        "namespace": .string,
        "scope": .string,
    ])

    public static let ingressClassSpec = ObjectSchema("IngressClassSpec", [
        "controller": .string,
        "parameters": .object(ingressClassParametersReference),
    ])

    /// `IngressClass` (no status).
    public static let ingressClass = ObjectSchema("IngressClass", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(ingressClassSpec),
    ])

    // MARK: NetworkPolicy

    public static let ipBlock = ObjectSchema("IPBlock", [
        "cidr": .string,
        "except": .array(.string),
    ])

    public static let networkPolicyPeer = ObjectSchema("NetworkPolicyPeer", [
        "ipBlock": .object(ipBlock),
        "namespaceSelector": .object(MetaV1.labelSelector),
        "podSelector": .object(MetaV1.labelSelector),
    ])

    public static let networkPolicyPort = ObjectSchema("NetworkPolicyPort", [
        "endPort": .integer,
        "port": .intOrString,
        "protocol": .string,
    ])

    public static let networkPolicyIngressRule = ObjectSchema("NetworkPolicyIngressRule", [
        "from": .array(.object(networkPolicyPeer)),
        "ports": .array(.object(networkPolicyPort)),
    ])

    public static let networkPolicyEgressRule = ObjectSchema("NetworkPolicyEgressRule", [
        "ports": .array(.object(networkPolicyPort)),
        "to": .array(.object(networkPolicyPeer)),
    ])

    public static let networkPolicySpec = ObjectSchema("NetworkPolicySpec", [
        "egress": .array(.object(networkPolicyEgressRule)),
        "ingress": .array(.object(networkPolicyIngressRule)),
        "podSelector": .object(MetaV1.labelSelector),
        "policyTypes": .array(.string),
    ])

    /// `NetworkPolicy`. Its `status` was removed from v1 in Kubernetes 1.28.
    public static let networkPolicy = ObjectSchema("NetworkPolicy", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(networkPolicySpec),
    ])
}
