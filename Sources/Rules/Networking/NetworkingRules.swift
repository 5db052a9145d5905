import Engine

/// Cross-resource Service, Endpoints, Ingress and NetworkPolicy rules.
enum NetworkingRules {
    static let all: [any Rule] = []
}
