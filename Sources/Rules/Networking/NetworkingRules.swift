import Engine

/// Cross-resource Service, Endpoints, Ingress and NetworkPolicy rules.
enum NetworkingRules {
    static let all: [any Rule] = [
        // Services
        DanglingServiceRule(), ServiceWithoutEndpointsRule(), ManualEndpointsConflictRule(),
        ServiceTargetPortRule(), UndeclaredTargetPortRule(), DuplicateServicePortRule(), UnnamedServicePortRule(),
        NodePortRangeRule(), ExposedServiceRule(), LoadBalancerSourceRangesRule(),
        // Ingress
        DanglingIngressRule(), IngressWithoutTLSRule(), IngressTLSSecretRule(),
        // NetworkPolicy
        DanglingNetworkPolicyRule(), NamespaceWithoutNetworkPolicyRule(),
    ]
}
