import Engine

/// Security context, host access, service accounts and container consistency rules.
enum WorkloadSecurityRules {
    static let all: [any Rule] = []
}
