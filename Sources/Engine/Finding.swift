import Authz
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
///
/// Its fields live in one `CopyOnWrite` box: a finding holds ten strings, and every copy of
/// an inline struct (into a rule's list, out of it, into a report) retained and released each
/// of them.
public struct Finding: Sendable, Hashable, Comparable {
    private struct Fields: Sendable, Hashable {
        var ruleID: String
        var severity: Severity
        var message: String
        var file: String
        var position: SourcePosition
        var resource: ResourceIdentity?
        var fieldPath: String?
        var sourceTemplate: String?
        var container: String?
        var suppression: String?
    }

    private var storage: CopyOnWrite<Fields>

    public var ruleID: String {
        get { storage.fields.ruleID }
        set { storage.fields.ruleID = newValue }
    }
    public var severity: Severity {
        get { storage.fields.severity }
        set { storage.fields.severity = newValue }
    }
    public var message: String {
        get { storage.fields.message }
        set { storage.fields.message = newValue }
    }
    public var file: String {
        get { storage.fields.file }
        set { storage.fields.file = newValue }
    }
    public var position: SourcePosition {
        get { storage.fields.position }
        set { storage.fields.position = newValue }
    }
    public var resource: ResourceIdentity? {
        get { storage.fields.resource }
        set { storage.fields.resource = newValue }
    }
    /// Dotted field path inside the resource, e.g. `spec.template.spec.containers[0].image`.
    public var fieldPath: String? {
        get { storage.fields.fieldPath }
        set { storage.fields.fieldPath = newValue }
    }
    /// Helm template the document was rendered from (`# Source:` comment), if any.
    public var sourceTemplate: String? {
        get { storage.fields.sourceTemplate }
        set { storage.fields.sourceTemplate = newValue }
    }
    /// Container the finding is about, for container-scoped suppression.
    public var container: String? {
        get { storage.fields.container }
        set { storage.fields.container = newValue }
    }
    /// Why the finding is suppressed, when it is.
    public var suppression: String? {
        get { storage.fields.suppression }
        set { storage.fields.suppression = newValue }
    }

    public init(ruleID: String, severity: Severity, message: String, file: String, position: SourcePosition,
                resource: ResourceIdentity? = nil, fieldPath: String? = nil, sourceTemplate: String? = nil,
                container: String? = nil) {
        storage = CopyOnWrite(Fields(ruleID: ruleID, severity: severity, message: message, file: file, position: position,
                                     resource: resource, fieldPath: fieldPath, sourceTemplate: sourceTemplate,
                                     container: container, suppression: nil))
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

extension Array where Element == Finding {
    /// Sorts in the order of `Finding.<`, the same result as `sort()` (ties keep their order),
    /// but on a small key per finding: file names are ranked once, so most comparisons are of
    /// integers, and the findings themselves (ten strings each) are moved once instead of on
    /// every merge step. A run's tens of thousands of findings sorted directly spent most of
    /// the time comparing equal file paths and copying findings.
    public mutating func sortByLocation() {
        guard count > 1 else { return }
        // Findings come in runs from one file, so the last file's rank is usually the answer.
        var ranks: [String: Int32] = [:]
        var names: [String] = []
        var lastName: String?
        for finding in self where finding.file != lastName {
            lastName = finding.file
            if ranks[finding.file] == nil {
                ranks[finding.file] = 0
                names.append(finding.file)
            }
        }
        names.sort()
        for (rank, name) in names.enumerated() { ranks[name] = Int32(rank) }
        var keys: [FindingSortKey] = []
        keys.reserveCapacity(count)
        lastName = nil
        var lastRank: Int32 = 0
        for (i, finding) in enumerated() {
            if finding.file != lastName {
                lastName = finding.file
                lastRank = ranks[finding.file]!
            }
            // Positions past Int32 do not occur (files are capped far below), but clamp anyway.
            keys.append(FindingSortKey(file: lastRank, line: Int32(clamping: finding.position.line),
                            column: Int32(clamping: finding.position.column), index: Int32(i)))
        }
        withUnsafeBufferPointer { findings in
            keys.sort { a, b in
                if a.file != b.file { return a.file < b.file }
                if a.line != b.line { return a.line < b.line }
                if a.column != b.column { return a.column < b.column }
                let x = findings[Int(a.index)], y = findings[Int(b.index)]
                if x.ruleID != y.ruleID { return x.ruleID < y.ruleID }
                if x.message != y.message { return x.message < y.message }
                let px = x.fieldPath ?? "", py = y.fieldPath ?? ""
                if px != py { return px < py }
                return a.index < b.index
            }
        }
        // Applied in place by following the permutation's cycles: swaps move findings
        // without copying their strings.
        var source = keys.map { Int($0.index) }
        keys = []
        withUnsafeMutableBufferPointer { findings in
            for start in findings.indices where source[start] != start {
                var j = start
                while true {
                    let k = source[j]
                    source[j] = j
                    if k == start { break }
                    findings.swapAt(j, k)
                    j = k
                }
            }
        }
    }
}

/// Where a finding sorts: its file's rank among the run's files, its position, and its index
/// in the unsorted list (for ties and to fetch the rest of the finding).
private struct FindingSortKey {
    var file: Int32
    var line: Int32
    var column: Int32
    var index: Int32
}
