import Engine

/// Renders a run's result. Every reporter is deterministic: the same result, the same bytes.
public protocol Reporter {
    func render(_ result: CheckResult, rules: [RuleMetadata]) -> String
}

extension Finding {
    /// `Kind/namespace/name` of the resource, if the finding has one.
    var resourceLabel: String? { resource?.description }
}
