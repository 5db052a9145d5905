import Models
import YAMLTree

/// In-manifest suppression: `palisade.dev/ignore: "rule-a,rule-b"` (or `all`) on a resource,
/// and `palisade.dev/ignore.<container>: "..."` for one container of a pod.
public struct Suppressions {
    public static let annotation = "palisade.dev/ignore"
    public static let reasonAnnotation = "palisade.dev/ignore-reason"
    public static let unusedRuleID = "unused-suppression"

    private struct Entry {
        var resource: Resource
        var container: String?
        var rules: [String]
        var used: Set<String> = []
    }

    private var entries: [ResourceIdentity: [Entry]] = [:]
    private let usage = UsageTracker()

    public init(resources: ResourceSet) {
        self.init(resources: resources, annotated: resources.resources.indices.filter { Self.isAnnotated(resources.resources[$0]) })
    }

    /// The suppressions of the resources at `annotated` (indices into the set's resources),
    /// those for which `isAnnotated` holds: the checker asks it of each file's resources while
    /// their documents are in cache, instead of reading every resource's annotations again
    /// once the whole set is built.
    init(resources: ResourceSet, annotated: [Int]) {
        for index in annotated {
            let resource = resources.resources[index]
            guard let annotations = resource.metadata.annotations.node else { continue }
            for (keyNode, valueNode) in annotations.pairs where Self.isIgnoreKey(keyNode) {
                guard let key = keyNode.scalar else { continue }
                let value = valueNode.scalar ?? ""
                let rules = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }
                var container: String?
                if key.count > Self.annotation.count {
                    guard key.dropFirst(Self.annotation.count).hasPrefix(".") else { continue }
                    container = String(key.dropFirst(Self.annotation.count + 1))
                    if container == "-reason" || key == Self.reasonAnnotation { continue }
                }
                entries[resource.identity, default: []].append(Entry(resource: resource, container: container, rules: rules))
            }
        }
    }

    private static let annotationBytes = Array(annotation.utf8)

    /// Whether an annotation key of the resource starts with `palisade.dev/ignore`.
    static func isAnnotated(_ resource: Resource) -> Bool {
        guard let annotations = resource.metadata.annotations.node else { return false }
        return annotations.pairs.contains { isIgnoreKey($0.key) }
    }

    /// Whether an annotation key starts with `palisade.dev/ignore`, compared as bytes: this
    /// runs for every annotation of the run.
    private static func isIgnoreKey(_ key: YAMLNode) -> Bool {
        key.withScalarBytes { $0.starts(with: annotationBytes) }
    }

    /// No ignore annotation in the set: no finding is suppressed.
    public var isEmpty: Bool { entries.isEmpty }

    /// Why a finding is suppressed, or nil when it is not.
    public func reason(for finding: Finding) -> String? {
        // Most runs have no ignore annotation at all: no identity to hash for each finding.
        guard !entries.isEmpty, finding.ruleID != Self.unusedRuleID, let identity = finding.resource,
              let list = entries[identity] else { return nil }
        // Only the annotated resource's own findings: repositories repeat Kind/namespace/name
        // across clusters and overlays, and an ignore in one file must not hide another file's
        // findings (nor a `--context` file's ignore the findings of a file being checked).
        for (i, entry) in list.enumerated() where entry.resource.file == finding.file {
            if let container = entry.container, container != finding.container { continue }
            for rule in entry.rules where rule == "all" || rule == finding.ruleID {
                usage.mark(identity, i, rule)
                let why = entry.resource.metadata.annotations[Self.reasonAnnotation]
                return "\(Self.annotation)\(entry.container.map { "." + $0 } ?? ""): \(rule)" + (why.map { " (\($0))" } ?? "")
            }
        }
        return nil
    }

    /// Suppressions that suppressed nothing, so stale ignores do not pile up.
    public func unusedSuppressionFindings(reportedFiles: Set<String>) -> [Finding] {
        var result: [Finding] = []
        for (identity, list) in entries {
            for (i, entry) in list.enumerated() where reportedFiles.contains(entry.resource.file) {
                for rule in entry.rules where !usage.isUsed(identity, i, rule) {
                    let key = Self.annotation + (entry.container.map { "." + $0 } ?? "")
                    let node = entry.resource.metadata.annotations.valueNode(key)
                    result.append(Finding(
                        ruleID: Self.unusedRuleID, severity: .info,
                        message: "suppression of \"\(rule)\" matches no finding; remove it from \(key)",
                        file: entry.resource.file, position: node?.position ?? entry.resource.position,
                        resource: identity, fieldPath: "metadata.annotations.\(key)",
                        sourceTemplate: entry.resource.sourceTemplate))
                }
            }
        }
        return result
    }
}

/// Which suppressions were used; a reference type so `reason(for:)` can stay non-mutating
/// while the run records what each ignore annotation matched.
private final class UsageTracker {
    private var used: Set<String> = []

    func mark(_ identity: ResourceIdentity, _ index: Int, _ rule: String) {
        used.insert("\(identity)#\(index)#\(rule)")
    }

    func isUsed(_ identity: ResourceIdentity, _ index: Int, _ rule: String) -> Bool {
        used.contains("\(identity)#\(index)#\(rule)")
    }
}
