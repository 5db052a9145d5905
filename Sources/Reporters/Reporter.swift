import Engine

/// Renders a run's result. Every reporter is deterministic: the same result, the same bytes.
public protocol Reporter {
    func render(_ result: CheckResult, rules: [RuleMetadata]) -> String
    /// The report as UTF-8 bytes, for writing out: reporters that build bytes hand them over
    /// without the validating copy into a String (a few instructions a byte of a report that
    /// runs to tens of megabytes).
    func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8]
}

extension Reporter {
    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        Array(render(result, rules: rules).utf8)
    }
}

extension Finding {
    /// `Kind/namespace/name` of the resource, if the finding has one.
    var resourceLabel: String? { resource?.description }

    /// `file:line:col: severity [rule] message`, the start of a text report line and of a
    /// JUnit failure line. Appended into one reserved string: it is made once per finding.
    func headline(file: String, severity: String) -> String {
        var text = ""
        text.reserveCapacity(file.utf8.count + severity.utf8.count + ruleID.utf8.count + message.utf8.count + 32)
        text += file
        text += ":"
        text += String(position.line)
        text += ":"
        text += String(position.column)
        text += ": "
        text += severity
        text += " ["
        text += ruleID
        text += "] "
        text += message
        return text
    }
}

extension String {
    /// The string of the UTF-8 bytes `append` writes (the writers' escaping works on bytes).
    init(appendingUTF8 append: (inout [UInt8]) -> Void) {
        var bytes: [UInt8] = []
        append(&bytes)
        self.init(decoding: bytes, as: UTF8.self)
    }
}
