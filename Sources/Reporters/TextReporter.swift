import Engine

/// `file:line:col: severity [rule] message (Kind/ns/name)`, grouped by file, with a summary.
public struct TextReporter: Reporter {
    public var useColor: Bool
    public var showSuppressed: Bool
    /// Findings shown per file before the rest are folded into one line (0: no cap).
    public var maxPerFile: Int

    public init(useColor: Bool = false, showSuppressed: Bool = false, maxPerFile: Int = 0) {
        self.useColor = useColor
        self.showSuppressed = showSuppressed
        self.maxPerFile = maxPerFile
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func label(_ severity: Severity) -> String {
        switch severity {
        case .error: paint("error", "1;31")
        case .warning: paint("warning", "1;33")
        case .info: paint("info", "1;36")
        }
    }

    public func line(_ f: Finding, suppressed: Bool = false) -> String {
        var line = "\(f.file):\(f.position.line):\(f.position.column): \(label(f.severity)) [\(f.ruleID)] \(f.message)"
        if let resource = f.resourceLabel { line += paint(" (\(resource))", "2") }
        if let template = f.sourceTemplate { line += paint(" [from \(template)]", "2") }
        if suppressed, let why = f.suppression { line += paint(" — suppressed by \(why)", "2") }
        return line
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        var out = ""
        var file: String?
        var shownInFile = 0
        var hiddenInFile = 0
        func flushHidden() {
            if hiddenInFile > 0 { out += "  … and \(hiddenInFile) more in this file (use --format json for all)\n" }
            hiddenInFile = 0
        }
        for f in result.findings {
            if f.file != file {
                flushHidden()
                file = f.file
                shownInFile = 0
            }
            if maxPerFile > 0, shownInFile >= maxPerFile {
                hiddenInFile += 1
                continue
            }
            shownInFile += 1
            out += line(f) + "\n"
        }
        flushHidden()
        if showSuppressed, !result.suppressed.isEmpty {
            out += "\nSuppressed:\n"
            for f in result.suppressed { out += line(f, suppressed: true) + "\n" }
        }
        if !result.findings.isEmpty || (showSuppressed && !result.suppressed.isEmpty) { out += "\n" }
        out += summary(result) + "\n"
        return out
    }

    public func summary(_ result: CheckResult) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(result.count(.error), "error"), plural(result.count(.warning), "warning"),
                     "\(result.count(.info)) info"]
        if !result.suppressed.isEmpty { parts.append("\(result.suppressed.count) suppressed") }
        return "\(parts.joined(separator: ", ")) in \(plural(result.filesChecked, "file")) (\(plural(result.resourcesChecked, "resource")))"
    }
}
