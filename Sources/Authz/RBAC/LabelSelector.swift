/// A `metav1.LabelSelector`: every `matchLabels` pair and every expression must hold. An empty selector matches
/// every object.
public struct LabelSelector: Sendable, Hashable, Codable {
    public struct Requirement: Sendable, Hashable, Codable {
        public var key: String
        /// `In`, `NotIn`, `Exists` or `DoesNotExist`; any other operator makes the selector invalid.
        public var `operator`: String
        public var values: [String]

        public init(key: String, operator: String, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// `false` when an expression uses an unknown operator or an invalid value count (the selector cannot be built).
    public var isValid: Bool {
        matchExpressions.allSatisfy { req in
            switch req.operator {
            case "In", "NotIn": return !req.values.isEmpty
            case "Exists", "DoesNotExist": return req.values.isEmpty
            default: return false
            }
        }
    }

    public func matches(_ labels: [String: String]) -> Bool {
        guard isValid else { return false }
        for (key, value) in matchLabels where labels[key] != value { return false }
        for req in matchExpressions {
            let value = labels[req.key]
            switch req.operator {
            case "In": if value == nil || !req.values.contains(value!) { return false }
            case "NotIn": if let value, req.values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }
}
