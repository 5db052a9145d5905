import Engine

/// Committed credentials, invalid Secret manifests, unresolved references and exposure.
enum SecretRules {
    static let all: [any Rule] = [
        SecretCommittedDataRule(), SecretInvalidDataRule(), SecretTypeRequirementsRule(), CredentialInEnvRule(),
        CredentialInConfigRule(), SecretReferenceRule(), SecretExposureRule(),
    ]
}
