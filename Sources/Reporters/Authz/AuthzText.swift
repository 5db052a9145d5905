import Authz

/// The answer to `who-can`: the subjects allowed, with the ones that only built-in bindings allow (system:masters,
/// controllers, …) kept apart so the manifests' own grants stand out.
public struct WhoCanResult: Sendable {
    public var request: AccessRequest
    /// The request was asked of every namespace at once (no `-n`): each chain's scope says where it holds.
    public var anyNamespace: Bool
    public var shown: [SubjectAccess]
    public var hiddenBuiltIn: [SubjectAccess]

    public init(request: AccessRequest, anyNamespace: Bool, subjects: [SubjectAccess], showBuiltIn: Bool) {
        self.request = request
        self.anyNamespace = anyNamespace
        let builtInOnly: (SubjectAccess) -> Bool = { $0.evidence.allSatisfy(\.isBuiltIn) }
        shown = showBuiltIn ? subjects : subjects.filter { !builtInOnly($0) }
        hiddenBuiltIn = showBuiltIn ? [] : subjects.filter(builtInOnly)
    }
}

/// Text of the authorization commands. Evidence is one step per line, `file:line: summary`, so every binding,
/// role, rule and ABAC line can be opened from the terminal.
public enum AuthzText {
    public static func whoCan(_ result: WhoCanResult) -> String {
        var what = describe(result.request)
        if result.anyNamespace && result.request.isResourceRequest && !result.request.isClusterScopedResource {
            what += " in any namespace"
        }
        let count = result.shown.count
        var head = "Who can \(what): \(count) subject\(count == 1 ? "" : "s")"
        if !result.hiddenBuiltIn.isEmpty {
            head += " (and \(result.hiddenBuiltIn.count) only through built-in bindings such as system:masters; --show-built-in lists them)"
        }
        var lines = [head]
        for access in result.shown {
            lines.append("")
            var subject = access.subject.description
            if let group = access.requiredGroup { subject += " (while in group \(group))" }
            if let note = access.audience.note { subject += " [\(note)]" }
            lines.append(subject)
            for chain in access.evidence { lines += evidence(chain, indent: "  ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func canI(_ decision: Decision) -> String {
        let who = decision.user.groups.isEmpty ? decision.user.name
            : "\(decision.user.name) (groups: \(decision.user.groups.joined(separator: ", ")))"
        guard decision.allowed else {
            return "no: nothing in these manifests or the built-in roles allows \(who) to \(describe(decision.request))\n"
        }
        var lines = ["yes: \(who) may \(describe(decision.request))"]
        for chain in decision.evidence { lines += evidence(chain, indent: "  ") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `rbac report`: one table row per subject and sensitive permission, riskiest subjects first; the evidence
    /// column names the first binding or ABAC line (`+N` more are in `--format json`).
    public static func report(_ report: SubjectReport) -> String {
        guard !report.rows.isEmpty else { return "No subject holds a sensitive permission through these manifests.\n" }
        var table: [[String]] = [["RISK", "SUBJECT", "SEVERITY", "PERMISSION", "SCOPE", "EVIDENCE"]]
        for row in report.rows {
            var subject = row.subject.description
            if let group = row.requiredGroup { subject += " (in group \(group))" }
            if let note = row.audience.note { subject += " [\(note)]" }
            for (i, entry) in row.entries.enumerated() {
                var evidence = entry.evidence.first.map { location($0.origin) } ?? ""
                if entry.evidence.count > 1 { evidence += " +\(entry.evidence.count - 1)" }
                table.append([i == 0 ? String(row.riskScore) : "", i == 0 ? subject : "", entry.severity.rawValue,
                              entry.title, entry.scopeText, evidence])
            }
        }
        let subjects = report.rows.count
        return render(table, rightAligned: [0]) + "\n\(subjects) subject\(subjects == 1 ? "" : "s") with sensitive permissions\n"
    }

    // MARK: Parts

    /// `get secrets in namespace ml-prod`, `get /metrics`.
    public static func describe(_ request: AccessRequest) -> String {
        if let path = request.path { return "\(request.verb) \(path)" }
        var text = "\(request.verb) \(request.combinedResource)"
        if !request.apiGroup.isEmpty { text += " (\(request.apiGroup))" }
        if !request.name.isEmpty { text += " named \(request.name)" }
        if !request.namespace.isEmpty { text += " in namespace \(request.namespace)" } else if request.isClusterScopedResource { text += " (cluster-scoped)" }
        return text
    }

    static func evidence(_ chain: Evidence, indent: String) -> [String] {
        let scope = chain.scope.isEmpty ? "cluster-wide" : "in namespace \(chain.scope)"
        var lines = [indent + "via \(chain.authorizer.rawValue), \(scope):"]
        for step in chain.steps { lines.append(indent + "  " + location(step.origin) + ": " + step.summary) }
        return lines
    }

    /// `file:line`, or `built-in`.
    public static func location(_ origin: Origin) -> String {
        origin.isBuiltIn ? "built-in" : "\(origin.file):\(origin.line)"
    }

    static func render(_ table: [[String]], rightAligned: Set<Int>) -> String {
        var widths = [Int](repeating: 0, count: table.first?.count ?? 0)
        for row in table { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return table.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { line += "  " }
                line += i == row.count - 1 ? cell : rightAligned.contains(i) ? pad + cell : cell + pad
            }
            return line
        }.joined(separator: "\n")
    }
}
