import Authz

/// JSON of the authorization commands (`who-can`, `can-i`, `rbac report`, `abac to-rbac`), written with a fixed
/// key order so the same input always gives the same bytes. Origins are objects `{file, line, column}`; built-in
/// objects have `"file": "<built-in>"` and line and column 0.
public enum AuthzJSON {
    public static func whoCan(_ result: WhoCanResult) -> String {
        var w = JSONWriter()
        w.beginObject()
        request(&w, "request", result.request)
        w.value("anyNamespace", result.anyNamespace)
        w.beginArray("subjects")
        for access in result.shown { subjectAccess(&w, access) }
        w.endArray()
        w.value("builtInSubjectsHidden", result.hiddenBuiltIn.count)
        w.endObject()
        return w.text + "\n"
    }

    public static func canI(_ decision: Decision) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.value("allowed", decision.allowed)
        request(&w, "request", decision.request)
        w.beginObject("user")
        w.value("name", decision.user.name)
        w.beginArray("groups")
        for group in decision.user.groups { w.value(nil, group) }
        w.endArray()
        w.endObject()
        evidenceList(&w, decision.evidence)
        w.endObject()
        return w.text + "\n"
    }

    public static func report(_ report: SubjectReport) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.beginArray("subjects")
        for row in report.rows {
            w.beginObject()
            subject(&w, "subject", row.subject)
            w.value("requiredGroup", row.requiredGroup)
            w.value("audience", row.audience.rawValue)
            w.value("risk", row.riskScore)
            w.beginArray("permissions")
            for entry in row.entries {
                w.beginObject()
                w.value("permission", entry.permission)
                w.value("title", entry.title)
                w.value("severity", entry.severity.rawValue)
                w.value("clusterWide", entry.clusterWide)
                w.beginArray("namespaces")
                for ns in entry.namespaces { w.value(nil, ns) }
                w.endArray()
                w.value("reason", entry.reason)
                evidenceList(&w, entry.evidence)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    public static func conversion(_ conversion: RBACConversion, diagnostics: [ABACDiagnostic]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.value("roles", conversion.roles.count)
        w.value("bindings", conversion.bindings.count)
        w.beginArray("differences")
        for difference in conversion.differences {
            w.beginObject()
            w.value("kind", difference.kind.rawValue)
            origin(&w, "origin", difference.origin)
            w.value("explanation", difference.explanation)
            w.endObject()
        }
        w.endArray()
        w.beginArray("diagnostics")
        for diagnostic in diagnostics {
            w.beginObject()
            w.value("id", diagnostic.id)
            w.value("severity", diagnostic.severity.rawValue)
            origin(&w, "origin", diagnostic.origin)
            w.value("message", diagnostic.message)
            w.endObject()
        }
        w.endArray()
        w.value("yaml", conversion.yaml)
        w.endObject()
        return w.text + "\n"
    }

    // MARK: Parts

    static func request(_ w: inout JSONWriter, _ key: String, _ request: AccessRequest) {
        w.beginObject(key)
        w.value("verb", request.verb)
        if let path = request.path {
            w.value("path", path)
        } else {
            w.value("apiGroup", request.apiGroup)
            w.value("resource", request.resource)
            w.value("subresource", request.subresource)
            w.value("namespace", request.namespace)
            w.value("name", request.name)
        }
        w.endObject()
    }

    static func subject(_ w: inout JSONWriter, _ key: String?, _ subject: SubjectRef) {
        w.beginObject(key)
        w.value("kind", subject.kind.rawValue)
        w.value("name", subject.name)
        if subject.kind == .serviceAccount { w.value("namespace", subject.namespace) }
        w.endObject()
    }

    static func subjectAccess(_ w: inout JSONWriter, _ access: SubjectAccess) {
        w.beginObject()
        subject(&w, "subject", access.subject)
        w.value("requiredGroup", access.requiredGroup)
        w.value("audience", access.audience.rawValue)
        evidenceList(&w, access.evidence)
        w.endObject()
    }

    static func evidenceList(_ w: inout JSONWriter, _ evidence: [Evidence]) {
        w.beginArray("evidence")
        for chain in evidence {
            w.beginObject()
            w.value("authorizer", chain.authorizer.rawValue)
            w.value("scope", chain.scope)
            w.beginArray("steps")
            for step in chain.steps {
                w.beginObject()
                w.value("kind", step.kind.rawValue)
                w.value("summary", step.summary)
                origin(&w, "origin", step.origin)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }

    static func origin(_ w: inout JSONWriter, _ key: String, _ origin: Origin) {
        w.beginObject(key)
        w.value("file", origin.file)
        w.value("line", origin.line)
        w.value("column", origin.column)
        w.endObject()
    }
}
