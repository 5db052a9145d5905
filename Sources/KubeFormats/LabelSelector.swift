// `metav1.LabelSelector` (matchLabels + matchExpressions) with Kubernetes matching semantics.
//
// What an EMPTY selector means depends on the field that holds it:
// - `metav1.LabelSelector` fields generally: `{}` (no labels, no expressions) selects everything,
//   while an absent (null) selector selects nothing. `matches(labels:)` implements `{}` → all.
// - NetworkPolicy `spec.podSelector: {}` selects every pod in the policy's namespace; an empty
//   `namespaceSelector: {}` in a peer selects all namespaces.
// - PodDisruptionBudget: in policy/v1 an empty selector matches every pod in the namespace; in the
//   removed policy/v1beta1 it matched none.
// - Service `spec.selector` is a plain map, not a LabelSelector: empty or absent means the Service
//   selects no pods (endpoints are managed by hand). Use `matches(labels:emptyMatches: false)`.
// - Deployment, ReplicaSet, StatefulSet, DaemonSet (apps/v1) require a non-empty selector that
//   matches the pod template labels; Job generates one unless `manualSelector` is set.

public struct LabelSelector: Sendable, Hashable {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case `in` = "In"
        case notIn = "NotIn"
        case exists = "Exists"
        case doesNotExist = "DoesNotExist"
    }

    /// One `matchExpressions` entry. `operator` keeps the raw string so that unknown operators can
    /// be reported by `validate()`.
    public struct Requirement: Sendable, Hashable {
        public var key: String
        public var `operator`: String
        public var values: [String]

        public init(key: String, operator: String, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        public init(key: String, _ op: Operator, _ values: [String] = []) {
            self.init(key: key, operator: op.rawValue, values: values)
        }

        /// The operator, or nil when the string is not one of the four (case-sensitive, as the API is).
        public var op: Operator? { Operator(rawValue: `operator`) }

        /// Kubernetes semantics: In = present and one of the values; NotIn = absent or none of the
        /// values; Exists = present; DoesNotExist = absent. An unknown operator matches nothing
        /// (the API server would reject the selector).
        public func matches(_ labels: [String: String]) -> Bool {
            switch op {
            case .in?: guard let v = labels[key] else { return false }; return values.contains(v)
            case .notIn?: guard let v = labels[key] else { return true }; return !values.contains(v)
            case .exists?: return labels[key] != nil
            case .doesNotExist?: return labels[key] == nil
            case nil: return false
            }
        }
    }

    /// A problem found by `validate()`, with the field path inside the selector
    /// (`matchLabels[app]`, `matchExpressions[1].values`…).
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public let path: String
        public let issue: FormatIssue
        public var description: String { "\(path): \(issue)" }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// No labels and no expressions.
    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// True when every matchLabels pair and every expression matches `labels` (AND). An empty
    /// selector matches everything unless `emptyMatches` is false (see the file comment for which
    /// fields mean "nothing").
    public func matches(labels: [String: String], emptyMatches: Bool = true) -> Bool {
        if isEmpty { return emptyMatches }
        for (k, v) in matchLabels where labels[k] != v { return false }
        for r in matchExpressions where !r.matches(labels) { return false }
        return true
    }

    /// API-server validation (`ValidateLabelSelector`): keys are qualified names, matchLabels values
    /// are label values, `In`/`NotIn` need at least one value, `Exists`/`DoesNotExist` take none,
    /// operators are one of the four, and expression values are label values.
    public func validate() -> [Issue] {
        var out: [Issue] = []
        for k in matchLabels.keys.sorted() {
            if let i = Names.labelKey(k) { out.append(Issue(path: "matchLabels[\(k)]", issue: i)) }
            if let i = Names.labelValue(matchLabels[k]!) { out.append(Issue(path: "matchLabels[\(k)]", issue: i)) }
        }
        for (n, r) in matchExpressions.enumerated() {
            let base = "matchExpressions[\(n)]"
            if let i = Names.labelKey(r.key) { out.append(Issue(path: base + ".key", issue: i)) }
            switch r.op {
            case .in?, .notIn?:
                if r.values.isEmpty {
                    out.append(Issue(path: base + ".values", issue: FormatIssue(
                        code: "selector.values-required",
                        message: "values must be non-empty when the operator is '\(r.operator)'")))
                }
            case .exists?, .doesNotExist?:
                if !r.values.isEmpty {
                    out.append(Issue(path: base + ".values", issue: FormatIssue(
                        code: "selector.values-forbidden",
                        message: "values must be empty when the operator is '\(r.operator)'")))
                }
            case nil:
                let hint = Operator.allCases.first { $0.rawValue.lowercased() == r.operator.lowercased() }
                    .map { " (operators are case-sensitive: did you mean '\($0.rawValue)'?)" } ?? ""
                out.append(Issue(path: base + ".operator", issue: FormatIssue(
                    code: "selector.unknown-operator",
                    message: "operator must be one of In, NotIn, Exists, DoesNotExist\(hint)")))
            }
            for (m, v) in r.values.enumerated() {
                if let i = Names.labelValue(v) { out.append(Issue(path: base + ".values[\(m)]", issue: i)) }
            }
        }
        return out
    }
}
