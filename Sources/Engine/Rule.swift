import Authz
import Models
import YAMLTree

/// A manifest used to show a rule at work: one that must trigger it, or one that must not.
public struct RuleExample: Sendable {
    public var yaml: String
    /// Where findings of the rule must be, as `line:column` (1-based), when the example
    /// triggers. Empty means "at least one finding, anywhere".
    public var positions: [String]
    /// The rule's parameters for this example, as `.palisade.yaml` would set them; empty
    /// means the defaults. Examples of a parameter's effect need it.
    public var parameters: [String: ParameterValue]

    public init(_ yaml: String, at positions: String...) {
        self.init(yaml, parameters: [:], positions: positions)
    }

    public init(_ yaml: String, parameters: [String: ParameterValue], at positions: String...) {
        self.init(yaml, parameters: parameters, positions: positions)
    }

    init(_ yaml: String, parameters: [String: ParameterValue], positions: [String]) {
        self.yaml = yaml
        self.positions = positions
        self.parameters = parameters
    }
}

extension ParameterValue {
    /// The value as `.palisade.yaml` writes it (flow style for lists).
    public var yamlText: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .list(let items): "[" + items.joined(separator: ", ") + "]"
        }
    }
}

/// A rule parameter that users set in `.palisade.yaml`.
public struct RuleParameter: Sendable {
    /// The shape of value a parameter takes, checked when the configuration is read.
    public enum Kind: Sendable {
        /// A list of strings (a single string is a list of one).
        case strings
        /// A whole number of at least 1.
        case positiveInteger
        /// `FIRST-LAST` or `BASE+SIZE` (as kube-apiserver's `--service-node-port-range`): ports
        /// 1 to 65535.
        case portRange
    }

    public var name: String
    public var summary: String
    public var defaultValue: String
    public var kind: Kind
    /// A setting of the whole run (a parse limit), which an override scoped to some paths or
    /// namespaces cannot change.
    public var runWide: Bool

    public init(_ name: String, _ summary: String, default defaultValue: String, kind: Kind = .strings, runWide: Bool = false) {
        self.name = name
        self.summary = summary
        self.defaultValue = defaultValue
        self.kind = kind
        self.runWide = runWide
    }

    /// What is wrong with `value` for this parameter ("must be …"), or nil when it fits.
    public func problem(with value: ParameterValue) -> String? {
        switch (kind, value) {
        case (.strings, .list), (.strings, .string):
            return nil
        case (.strings, _):
            return "must be a list of strings, e.g. [\"a\", \"b\"]"
        case (.positiveInteger, .int(let n)) where n >= 1:
            return nil
        case (.positiveInteger, _):
            return "must be a whole number of at least 1"
        case (.portRange, .string(let text)):
            return Self.portRange(text) == nil
                ? "must be FIRST-LAST or BASE+SIZE with ports from 1 to 65535, e.g. \"30000-32767\", not \"\(text)\"" : nil
        case (.portRange, _):
            return "must be a string FIRST-LAST or BASE+SIZE, e.g. \"30000-32767\""
        }
    }

    /// `FIRST-LAST` or `BASE+SIZE` as a range of port numbers, or nil.
    public static func portRange(_ text: String) -> ClosedRange<Int>? {
        let range: ClosedRange<Int>
        if let dash = text.firstIndex(of: "-") {
            guard let lo = Int(text[..<dash]), let hi = Int(text[text.index(after: dash)...]), lo <= hi else { return nil }
            range = lo ... hi
        } else if let plus = text.firstIndex(of: "+") {
            guard let lo = Int(text[..<plus]), let count = Int(text[text.index(after: plus)...]), count > 0,
                  lo <= 65535, count <= 65535 else { return nil }
            range = lo ... (lo + count - 1)
        } else {
            return nil
        }
        return range.lowerBound >= 1 && range.upperBound <= 65535 ? range : nil
    }
}

/// Everything a user (and `palisade explain`) needs to know about a rule. The examples are
/// run by the generic rule test, so the documentation cannot drift from the code.
public struct RuleMetadata: Sendable {
    public var id: String
    public var area: String
    public var severity: Severity
    public var summary: String
    public var rationale: String
    public var remediation: String
    public var enabledByDefault: Bool
    public var parameters: [RuleParameter]
    public var triggering: [RuleExample]
    public var nonTriggering: [RuleExample]
    /// For rules written as policies: where and how the check is defined (the policy file and
    /// its CEL expression), so `palisade explain` shows the check itself.
    public var definition: String?

    public init(id: String, area: String, severity: Severity, summary: String, rationale: String, remediation: String,
                enabledByDefault: Bool = true, parameters: [RuleParameter] = [],
                triggering: [RuleExample], nonTriggering: [RuleExample]) {
        self.id = id
        self.area = area
        self.severity = severity
        self.summary = summary
        self.rationale = rationale
        self.remediation = remediation
        self.enabledByDefault = enabledByDefault
        self.parameters = parameters
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }
}

/// A check. A rule looks at problems found while loading (`LoadRule`), at one resource at a
/// time (`ResourceRule`) or at the whole set (`SetRule`).
public protocol Rule: Sendable {
    var metadata: RuleMetadata { get }
    /// The rule as each kind of check it implements, answered by the refined protocols'
    /// extensions below: a dynamic cast (`rule as? any LoadRule`) searches the process's
    /// protocol conformances and cost more than checking a small repository.
    var asLoadRule: (any LoadRule)? { get }
    var asResourceRule: (any ResourceRule)? { get }
    var asSetRule: (any SetRule)? { get }
}

extension Rule {
    public var asLoadRule: (any LoadRule)? { nil }
    public var asResourceRule: (any ResourceRule)? { nil }
    public var asSetRule: (any SetRule)? { nil }
}

extension LoadRule {
    public var asLoadRule: (any LoadRule)? { self }
}

extension ResourceRule {
    public var asResourceRule: (any ResourceRule)? { self }
}

extension SetRule {
    public var asSetRule: (any SetRule)? { self }
}

/// Turns problems found while reading files into findings (syntax errors, alias bombs, …).
public protocol LoadRule: Rule {
    func check(_ event: LoadEvent, _ report: inout FindingSink)
}

public protocol ResourceRule: Rule {
    func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink)
    /// The resources the rule looks at. The checker does not call it for the others: most
    /// rules concern a few kinds or pod templates, and a repository is mostly other objects.
    var applicability: RuleApplicability { get }
}

extension ResourceRule {
    public var applicability: RuleApplicability { .everyResource }
}

/// Which resources a per-resource rule looks at.
public enum RuleApplicability: Sendable, Equatable {
    case everyResource
    /// Resources with at least one pod template: built-in workloads and custom resources
    /// carrying templates (`Resource.hasPodTemplates`).
    case podTemplates
    /// Resources of these kinds.
    case kinds(Set<String>)

    public func applies(toKind kind: String, hasPodTemplates: Bool) -> Bool {
        switch self {
        case .everyResource: true
        case .podTemplates: hasPodTemplates
        case .kinds(let kinds): kinds.contains(kind)
        }
    }
}

/// Cross-resource rules see every resource of the run (and of `--context`). They may run
/// at the same time as one another, each on its own thread.
///
/// They see each resource as the checker keeps it once its file is checked (`Retention`):
/// pod specs of built-in workloads hold only the fields that cross-resource checks read.
/// A rule that reads more of some kinds says so in `readsWholeResources`.
public protocol SetRule: Rule {
    func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink)
    /// Whether the rule reports on what the other set rules did (e.g. `policy-error`), so it
    /// runs once they are all done.
    var runsAfterOtherSetRules: Bool { get }
    /// Kinds whose resources the rule reads beyond what `Retention` keeps: the checker keeps
    /// those whole.
    var readsWholeResources: KindScope { get }
    /// The run-wide results (`RunMemo` keys) the rule computes or waits for. On several
    /// threads the checker starts one rule per result first and gives the rules that share
    /// nothing to the other threads meanwhile, instead of queueing threads on one result.
    var sharedResults: [String] { get }
}

extension SetRule {
    public var runsAfterOtherSetRules: Bool { false }
    public var readsWholeResources: KindScope { .none }
    public var sharedResults: [String] { [] }
}

/// A choice of resource kinds.
public enum KindScope: Sendable, Equatable {
    case none
    case kinds(Set<String>)
    case all
}

/// What loading a file can report before any resource exists.
public enum LoadEvent: Sendable {
    case yaml(YAMLDiagnostic, file: String)
    case decode(DecodeIssue)
    case unreadable(file: String, reason: String)
    /// A problem in an ABAC policy file line.
    case abac(ABACDiagnostic)
}
