import Models
import YAMLTree

/// Collects the findings of one rule, filling in rule id, default severity, resource and
/// field path so rules only say what is wrong and where. The checker hands one list from
/// rule to rule (`init(…appendingTo:)`), so `findings` may begin with earlier rules'
/// findings: a rule reports, it does not read them back.
public struct FindingSink {
    /// The id of the rule reporting; a sink is made per rule and resource, so it holds the id
    /// rather than a copy of the rule's metadata.
    public let ruleID: String
    let severity: Severity
    /// The severity the rule declares; findings at it take the configured `severity`.
    public let declaredSeverity: Severity
    public private(set) var findings: [Finding] = []

    init(ruleID: String, severity: Severity, declaredSeverity: Severity) {
        self.ruleID = ruleID
        self.severity = severity
        self.declaredSeverity = declaredSeverity
    }

    /// A sink that appends to `earlier` (the findings of the rules that ran before), so the
    /// checker hands one array from rule to rule instead of copying each rule's findings.
    init(ruleID: String, severity: Severity, declaredSeverity: Severity, appendingTo earlier: [Finding]) {
        self.init(ruleID: ruleID, severity: severity, declaredSeverity: declaredSeverity)
        findings = earlier
    }

    /// A finding at a node of a resource; the field path is worked out from the resource root.
    /// `column` moves the finding inside a scalar (to the offending character).
    public mutating func report(_ message: String, at node: YAMLNode, in resource: Resource,
                                severity: Severity? = nil, container: String? = nil, column: Int? = nil) {
        var position = node.position
        if let column { position.column = column }
        findings.append(Finding(ruleID: ruleID, severity: severity ?? self.severity, message: message,
                                file: node.file, position: position, resource: resource.identity,
                                fieldPath: FieldPathLocator.path(of: node, under: resource.node),
                                sourceTemplate: resource.sourceTemplate, container: container))
    }

    /// A finding at a node that belongs to no resource (a YAML-level problem).
    public mutating func report(_ message: String, file: String, position: SourcePosition, severity: Severity? = nil,
                                sourceTemplate: String? = nil) {
        findings.append(Finding(ruleID: ruleID, severity: severity ?? self.severity, message: message,
                                file: file, position: position, sourceTemplate: sourceTemplate))
    }

    public mutating func report(_ finding: Finding) {
        var finding = finding
        finding.ruleID = ruleID
        findings.append(finding)
    }
}

/// Works out a node's dotted path by searching from the resource's root. Done only when a
/// finding is made, so the common path (no finding) pays nothing for paths.
public enum FieldPathLocator {
    public static func path(of target: YAMLNode, under root: YAMLNode) -> String? {
        guard target.document === root.document else { return nil }
        if target.id == root.id { return "" }
        // The direct descent through node ids misses only paths through aliases: then search.
        if let direct = root.descentPathText(to: target) { return direct }
        var steps: [YAMLPathStep] = []
        var visited = 0
        guard search(root, for: target.id, &steps, &visited) else { return nil }
        var path = YAMLPathText()
        for step in steps {
            switch step {
            case .index(let i): path.appendIndex(i)
            case .key(let node):
                if node.isScalar { node.withScalarBytes { path.appendKey($0) } } else { path.appendKey(nil) }
            }
        }
        return path.text
    }

    /// Depth is bounded by the parser's nesting limit; `visited` bounds alias-shared subtrees.
    private static func search(_ node: YAMLNode, for id: UInt32, _ path: inout [YAMLPathStep], _ visited: inout Int) -> Bool {
        visited += 1
        if visited > 200_000 { return false }
        if node.isMapping {
            for (key, value) in node.pairs {
                path.append(.key(key))
                if key.id == id || value.id == id || search(value, for: id, &path, &visited) { return true }
                path.removeLast()
            }
        } else if node.isSequence {
            for (i, item) in node.items.enumerated() {
                path.append(.index(i))
                if item.id == id || search(item, for: id, &path, &visited) { return true }
                path.removeLast()
            }
        }
        return false
    }
}
