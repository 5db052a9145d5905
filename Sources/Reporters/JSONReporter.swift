import Engine

/// The documented JSON schema, version 1:
/// `{"version":1,"findings":[…],"suppressed":[…],"summary":{…}}`.
public struct JSONReporter: Reporter {
    public static let schemaVersion = 1

    public init() {}

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        String(decoding: renderBytes(result, rules: rules), as: UTF8.self)
    }

    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.value("version", Self.schemaVersion)
        w.beginArray("findings")
        for f in result.findings { Self.write(f, into: &w) }
        w.endArray()
        w.beginArray("suppressed")
        for f in result.suppressed { Self.write(f, into: &w) }
        w.endArray()
        w.beginObject("summary")
        w.value("files", result.filesChecked)
        w.value("resources", result.resourcesChecked)
        w.value("errors", result.count(.error))
        w.value("warnings", result.count(.warning))
        w.value("info", result.count(.info))
        w.value("suppressed", result.suppressed.count)
        w.endObject()
        w.endObject()
        return w.finishedBytes()
    }

    static func write(_ f: Finding, into w: inout JSONWriter) {
        w.beginObject()
        w.value("ruleId", f.ruleID)
        w.value("severity", f.severity.description)
        w.value("message", f.message)
        w.value("file", f.file)
        w.value("line", f.position.line)
        w.value("column", f.position.column)
        if let r = f.resource {
            w.beginObject("resource")
            w.value("apiVersion", r.apiVersion)
            w.value("kind", r.kind)
            w.value("namespace", r.namespace)
            w.value("name", r.name)
            w.endObject()
        } else {
            w.raw("resource", "null")
        }
        w.value("fieldPath", f.fieldPath)
        w.value("sourceTemplate", f.sourceTemplate)
        w.value("container", f.container)
        if let s = f.suppression { w.value("suppressedBy", s) }
        w.endObject()
    }
}
