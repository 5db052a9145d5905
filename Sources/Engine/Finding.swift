import Models
import YAMLTree

public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    case info = 0, warning = 1, error = 2

    public init?(name: String) {
        switch name.lowercased() {
        case "info": self = .info
        case "warning", "warn": self = .warning
        case "error": self = .error
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One problem, pointing at the exact key or value that causes it.
public struct Finding: Sendable, Hashable, Comparable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var position: SourcePosition
    public var resource: ResourceIdentity?
    /// Dotted field path inside the resource, e.g. `spec.template.spec.containers[0].image`.
    public var fieldPath: String?
    /// Helm template the document was rendered from (`# Source:` comment), if any.
    public var sourceTemplate: String?
    /// Container the finding is about, for container-scoped suppression.
    public var container: String?
    /// Why the finding is suppressed, when it is.
    public var suppression: String?

    public init(ruleID: String, severity: Severity, message: String, file: String, position: SourcePosition,
                resource: ResourceIdentity? = nil, fieldPath: String? = nil, sourceTemplate: String? = nil,
                container: String? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.file = file
        self.position = position
        self.resource = resource
        self.fieldPath = fieldPath
        self.sourceTemplate = sourceTemplate
        self.container = container
    }

    /// Findings sort by file, then position, then rule, so output is stable whatever order
    /// the checks ran in.
    public static func < (a: Self, b: Self) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.position != b.position { return a.position < b.position }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.message != b.message { return a.message < b.message }
        return (a.fieldPath ?? "") < (b.fieldPath ?? "")
    }
}
