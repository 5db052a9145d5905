import Engine

/// Renders a run's result. Every reporter is deterministic: the same result, the same bytes.
public protocol Reporter {
    func render(_ result: CheckResult, rules: [RuleMetadata]) -> String
    /// The report as UTF-8 bytes, for writing out: reporters that build bytes hand them over
    /// without the validating copy into a String (a few instructions a byte of a report that
    /// runs to tens of megabytes).
    func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8]
}

extension Reporter {
    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        Array(render(result, rules: rules).utf8)
    }
}

extension Finding {
    /// `Kind/namespace/name` of the resource, if the finding has one.
    var resourceLabel: String? { resource?.description }
}
