import Authz
import Engine

/// One id of the RBAC analysis (`RiskAnalysis`) as a rule: it analyses the RBAC objects its id can come from
/// (`focus`) and reports the issues with its id. The families (sensitive permissions, subjects, integrity) differ
/// only in metadata and focus.
public struct RBACAnalysisRule: SetRule {
    public let metadata: RuleMetadata
    public let focus: AnalysisFocus

    init(_ focus: AnalysisFocus, _ metadata: RuleMetadata) {
        self.metadata = metadata
        self.focus = focus
    }

    /// The issues of the focused analysis (every id; `check` reports its own).
    public func issues(in set: ResourceSet) -> [AuthzIssue] {
        FocusedAnalysis.issues(focus, in: set)
    }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        AuthzFindings.report(issues(in: set), in: set, &report)
    }

    public var sharedResults: [String] {
        if case .permissions = focus { return [ResourceSet.authorizationResult, FocusedAnalysis.permissionIssuesResult] }
        return [ResourceSet.authorizationResult]
    }
}

/// One id of the ABAC analysis as a rule: it analyses the ABAC policy lines of the set and reports the issues
/// with its id at the line (or field) they are about.
public struct ABACAnalysisRule: SetRule {
    public let metadata: RuleMetadata

    init(_ metadata: RuleMetadata) {
        self.metadata = metadata
    }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        AuthzFindings.report(AuthzFindings.abacIssues(set), in: set, &report)
    }
}
