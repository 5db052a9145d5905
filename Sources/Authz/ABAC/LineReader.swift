/// Decodes one meaningful line of an ABAC policy file the way the API server's ABAC scheme does.
struct LineReader {
    let bytes: [UInt8]
    let file: String
    let line: Int
    /// Where the line (before trimming) starts, for columns.
    let lineStart: Int
    /// Trimmed content.
    let start: Int
    let end: Int
    var diagnostics: [ABACDiagnostic] = []

    init(bytes: [UInt8], file: String, line: Int, lineStart: Int, lineEnd: Int) {
        self.bytes = bytes
        self.file = file
        self.line = line
        var physicalStart = lineStart
        while physicalStart > 0, bytes[physicalStart - 1] != 0x0A { physicalStart -= 1 }
        self.lineStart = physicalStart
        self.start = lineStart
        self.end = lineEnd
    }

    /// 1-based column of a byte offset, counting characters (UTF-8 continuation bytes do not count).
    func origin(_ offset: Int) -> Origin {
        var column = 1
        var i = lineStart
        let stop = min(offset, bytes.count)
        while i < stop {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Origin(file: file, line: line, column: column)
    }

    mutating func report(_ id: String, _ severity: AuthzSeverity, _ message: String, at offset: Int) {
        diagnostics.append(AuthzIssue(id: id, severity: severity, message: message, origin: origin(offset)))
    }

    mutating func read() -> ABACPolicy? {
        typealias ID = ABACPolicyFile.IssueID
        if end - start > ABACPolicyFile.maxLineLength {
            report(ID.malformedLine, .error, "line is longer than \(ABACPolicyFile.maxLineLength) bytes; the API server cannot read this policy file", at: start)
            return nil
        }
        var parser = JSONParser(bytes: bytes, start: start, end: end)
        let value: JSONValue
        do {
            value = try parser.parseDocument()
        } catch {
            report(ID.malformedLine, .error, "malformed JSON: \(error.message); the API server refuses to start with this policy file", at: error.offset)
            return nil
        }
        if parser.sawInvalidUTF8 {
            report(ID.invalidUTF8, .warning, "invalid UTF-8 in a string; it is read as U+FFFD", at: parser.invalidUTF8Offset)
        }
        guard case .object(let members) = value.kind else {
            report(ID.malformedLine, .error, "a policy line must be a JSON object, found \(value.typeName)", at: value.offset)
            return nil
        }
        guard let apiVersion = stringField("apiVersion", in: members), let kind = stringField("kind", in: members) else {
            return nil
        }
        var policy = ABACPolicy(origin: origin(value.offset))
        if apiVersion == ABACPolicyFile.v1beta1 && kind == "Policy" {
            policy.version = .v1beta1
            var specMembers: [JSONValue.Member] = []
            for member in members {
                switch member.key {
                case "apiVersion", "kind": continue
                case "spec":
                    switch member.value.kind {
                    case .object(let inner): specMembers = inner
                    case .null: specMembers = []
                    default:
                        report(ID.wrongFieldType, .error, "field \"spec\" must be an object, found \(member.value.typeName); the API server refuses this line", at: member.value.offset)
                        return nil
                    }
                default:
                    unknown(member, known: ["apiVersion", "kind", "spec"], into: &policy, prefix: "")
                }
            }
            guard apply(specMembers, known: ABACPolicy.v1beta1Fields, to: &policy, prefix: "spec.") else { return nil }
        } else {
            policy.version = .legacy
            if !(apiVersion.isEmpty && kind.isEmpty) && !(apiVersion == ABACPolicyFile.v0 && kind == "Policy") {
                let vk = member("apiVersion", in: members) ?? member("kind", in: members)
                report(ID.unknownKind, .error,
                       "apiVersion \"\(apiVersion)\" kind \"\(kind)\" is not an ABAC Policy (expected \(ABACPolicyFile.v1beta1) Policy); the API server falls back to reading the line as a legacy unversioned policy",
                       at: vk?.keyOffset ?? value.offset)
            }
            let flat = members.filter { $0.key != "apiVersion" && $0.key != "kind" }
            guard apply(flat, known: ABACPolicy.legacyFields, to: &policy, prefix: "") else { return nil }
        }
        return policy
    }

    private func member(_ key: String, in members: [JSONValue.Member]) -> JSONValue.Member? {
        members.last { $0.key == key }
    }

    /// The string value of a type field, `""` when absent or null, nil (after a diagnostic) for another type.
    private mutating func stringField(_ key: String, in members: [JSONValue.Member]) -> String? {
        guard let m = member(key, in: members) else { return "" }
        switch m.value.kind {
        case .string(let s): return s
        case .null: return ""
        default:
            report(ABACPolicyFile.IssueID.wrongFieldType, .error, "field \"\(key)\" must be a string, found \(m.value.typeName); the API server refuses this line", at: m.value.offset)
            return nil
        }
    }

    private mutating func unknown(_ member: JSONValue.Member, known: [String], into policy: inout ABACPolicy, prefix: String) {
        policy.unknownFields.append(prefix + member.key)
        var message = "unknown field \"\(prefix + member.key)\" is ignored by the API server"
        if let near = known.first(where: { $0.lowercased() == member.key.lowercased() }) {
            message += " (field names are case-sensitive: did you mean \"\(near)\"?)"
        } else if policy.version == .legacy, ["apiGroup", "nonResourcePath", "spec"].contains(member.key) {
            message += " (the legacy unversioned form has no \"\(member.key)\"; use \(ABACPolicyFile.v1beta1))"
        }
        report(ABACPolicyFile.IssueID.unknownField, .warning, message, at: member.keyOffset)
    }

    /// Applies the policy fields; false (after a diagnostic) when a field has the wrong type.
    private mutating func apply(_ members: [JSONValue.Member], known: [String], to policy: inout ABACPolicy, prefix: String) -> Bool {
        for member in members {
            guard known.contains(member.key) else {
                unknown(member, known: known, into: &policy, prefix: prefix)
                continue
            }
            policy.fieldOrigins[member.key] = origin(member.value.offset)
            if member.key == "readonly" {
                switch member.value.kind {
                case .bool(let b): policy.readonly = b
                case .null: policy.readonly = false
                default:
                    report(ABACPolicyFile.IssueID.wrongFieldType, .error, "field \"\(prefix)readonly\" must be a boolean, found \(member.value.typeName); the API server refuses this line", at: member.value.offset)
                    return false
                }
                continue
            }
            let text: String
            switch member.value.kind {
            case .string(let s): text = s
            case .null: text = ""
            default:
                report(ABACPolicyFile.IssueID.wrongFieldType, .error, "field \"\(prefix)\(member.key)\" must be a string, found \(member.value.typeName); the API server refuses this line", at: member.value.offset)
                return false
            }
            switch member.key {
            case "user": policy.user = text
            case "group": policy.group = text
            case "apiGroup": policy.apiGroup = text
            case "namespace": policy.namespace = text
            case "resource": policy.resource = text
            case "nonResourcePath": policy.nonResourcePath = text
            default: break
            }
        }
        return true
    }
}
