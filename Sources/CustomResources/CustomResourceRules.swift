import Engine

/// The rules of custom resources and their CRDs, for the CLI's rule catalogue.
public enum CustomResourceRules {
    public static let all: [any Rule] = [
        CRDSchemaViolationRule(), CRDValidationRuleRule(), CRDVersionNotServedRule(), CRDKindUnknownRule(),
        CustomResourceWithoutCRDRule(), CRDStructuralSchemaRule(), CRDStorageVersionRule(),
        CRDInvalidValidationRuleRule(),
    ]
}
