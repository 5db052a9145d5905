import Models
import YAMLTree

/// Collects the findings of one rule, filling in rule id, default severity, resource and
/// field path so rules only say what is wrong and where.
public struct FindingSink {
    public let rule: RuleMetadata
    let severity: Severity
    public private(set) var findings: [Finding] = []

    init(rule: RuleMetadata, severity: Severity) {
        self.rule = rule
        self.severity = severity
    }

    /// A finding at a node of a resource; the field path is worked out from the resource root.
    public mutating func report(_ message: String, at node: YAMLNode, in resource: Resource,
                                severity: Severity? = nil, container: String? = nil) {
        findings.append(Finding(ruleID: rule.id, severity: severity ?? self.severity, message: message,
                                file: node.file, position: node.position, resource: resource.identity,
                                fieldPath: FieldPathLocator.path(of: node, under: resource.node),
                                sourceTemplate: resource.sourceTemplate, container: container))
    }

    /// A finding at a node that belongs to no resource (a YAML-level problem).
    public mutating func report(_ message: String, file: String, position: SourcePosition, severity: Severity? = nil,
                                sourceTemplate: String? = nil) {
        findings.append(Finding(ruleID: rule.id, severity: severity ?? self.severity, message: message,
                                file: file, position: position, sourceTemplate: sourceTemplate))
    }

    public mutating func report(_ finding: Finding) {
        var finding = finding
        finding.ruleID = rule.id
        findings.append(finding)
    }
}

/// Works out a node's dotted path by searching from the resource's root. Done only when a
/// finding is made, so the common path (no finding) pays nothing for paths.
public enum FieldPathLocator {
    public static func path(of target: YAMLNode, under root: YAMLNode) -> String? {
        guard target.document === root.document else { return nil }
        if target.id == root.id { return "" }
        var path: [String] = []
        var visited = 0
        guard search(root, for: target.id, &path, &visited) else { return nil }
        var text = ""
        for c in path {
            if c.hasPrefix("[") || text.isEmpty { text += c } else { text += "." + c }
        }
        return text
    }

    /// Depth is bounded by the parser's nesting limit; `visited` bounds alias-shared subtrees.
    private static func search(_ node: YAMLNode, for id: UInt32, _ path: inout [String], _ visited: inout Int) -> Bool {
        visited += 1
        if visited > 200_000 { return false }
        if node.isMapping {
            for (key, value) in node.pairs {
                if key.id == id { path.append(key.scalar ?? "?"); return true }
                path.append(key.scalar ?? "?")
                if value.id == id || search(value, for: id, &path, &visited) { return true }
                path.removeLast()
            }
        } else if node.isSequence {
            for (i, item) in node.items.enumerated() {
                path.append("[\(i)]")
                if item.id == id || search(item, for: id, &path, &visited) { return true }
                path.removeLast()
            }
        }
        return false
    }
}
