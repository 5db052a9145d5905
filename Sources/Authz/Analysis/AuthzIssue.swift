/// How serious a finding is.
public enum AuthzSeverity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case info
    case warning
    case error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: AuthzSeverity, rhs: AuthzSeverity) -> Bool { lhs.rank < rhs.rank }

    /// One step less serious (`info` stays `info`).
    public var lowered: AuthzSeverity {
        switch self {
        case .error: return .warning
        case .warning, .info: return .info
        }
    }
}

/// A finding of the authorization analysis or of the ABAC file reader, with a stable id such as
/// `rbac-secret-read` or `abac-malformed-line`.
public struct AuthzIssue: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var id: String
    public var severity: AuthzSeverity
    public var message: String
    public var origin: Origin
    /// Other places that take part: the role and rules behind a binding, for example.
    public var related: [Origin]

    public init(id: String, severity: AuthzSeverity, message: String, origin: Origin, related: [Origin] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.origin = origin
        self.related = related
    }

    public static func < (lhs: AuthzIssue, rhs: AuthzIssue) -> Bool {
        (lhs.origin, lhs.id, lhs.message) < (rhs.origin, rhs.id, rhs.message)
    }

    public var description: String { "\(origin): \(severity.rawValue): [\(id)] \(message)" }
}

/// A problem found while reading an ABAC policy file.
public typealias ABACDiagnostic = AuthzIssue
