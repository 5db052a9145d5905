import Engine

/// Cross-resource Service, Endpoints, Ingress and NetworkPolicy rules, and the per-port and
/// parameterised ones. exposed-service, load-balancer-source-ranges and ingress-without-tls are
/// the built-in policies policies/service-exposure.yaml and policies/ingress.yaml.
enum NetworkingRules {
    static let all: [any Rule] = [
        // Services
        DanglingServiceRule(), ServiceWithoutEndpointsRule(), ManualEndpointsConflictRule(),
        ServiceTargetPortRule(), UndeclaredTargetPortRule(), DuplicateServicePortRule(), UnnamedServicePortRule(),
        NodePortRangeRule(),
        // Ingress
        DanglingIngressRule(), IngressTLSSecretRule(),
        // NetworkPolicy
        DanglingNetworkPolicyRule(), NamespaceWithoutNetworkPolicyRule(),
    ]
}
