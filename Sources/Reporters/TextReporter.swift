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

    private func plainLine(_ f: Finding, suppressed: Bool) -> String {
        var line = f.headline(file: f.file, severity: label(f.severity))
        if let resource = f.resourceLabel { line += paint(" (\(resource))", "2") }
        if let template = f.sourceTemplate { line += paint(" [from \(template)]", "2") }
        if suppressed, let why = f.suppression { line += paint(" — suppressed by \(why)", "2") }
        return line
    }

    /// A line of a finding whose text comes from the input (file names, messages quoting
    /// values, resource names): control characters are written as `\xNN`, so a hostile
    /// manifest cannot move the cursor, retitle the terminal or hide findings with escape
    /// sequences, and a finding stays on one line.
    public func line(_ f: Finding, suppressed: Bool = false) -> String {
        guard Self.hasControlCharacters(f) else { return plainLine(f, suppressed: suppressed) }
        var g = f
        g.file = Self.escapingControlCharacters(f.file)
        g.message = Self.escapingControlCharacters(f.message)
        g.sourceTemplate = f.sourceTemplate.map(Self.escapingControlCharacters)
        g.suppression = f.suppression.map(Self.escapingControlCharacters)
        g.resource = f.resource.map {
            var r = $0
            r.kind = Self.escapingControlCharacters(r.kind)
            r.namespace = r.namespace.map(Self.escapingControlCharacters)
            r.name = r.name.map(Self.escapingControlCharacters)
            return r
        }
        return plainLine(g, suppressed: suppressed)
    }

    static func hasControlCharacters(_ f: Finding) -> Bool {
        if hasControlCharacters(f.file) || hasControlCharacters(f.message) { return true }
        if let template = f.sourceTemplate, hasControlCharacters(template) { return true }
        if let why = f.suppression, hasControlCharacters(why) { return true }
        if let kind = f.resource?.kind, hasControlCharacters(kind) { return true }
        if let namespace = f.resource?.namespace, hasControlCharacters(namespace) { return true }
        if let name = f.resource?.name, hasControlCharacters(name) { return true }
        return false
    }

    /// C0 controls, DEL, and C1 controls (U+0080–U+009F, `C2 80`–`C2 9F` in UTF-8).
    static func hasControlCharacters(_ s: String) -> Bool {
        s.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            let n = bytes.count
            // Asked of every finding's strings, so eight bytes are tested at once: a word with
            // no byte below 0x20 and none equal to 0x7F or 0xC2 (the lead byte of C1
            // controls) is skipped; otherwise its bytes are looked at one by one.
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            func hasZeroByte(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
            var i = 0
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let below20 = (w &- ones &* 0x20) & ~w & highs != 0
                if below20 || hasZeroByte(w ^ (ones &* 0x7F)) || hasZeroByte(w ^ (ones &* 0xC2)) { break }
                i += 8
            }
            while i < n {
                let b = base[i]
                if b < 0x20 || b == 0x7F { return true }
                if b == 0xC2, i + 1 < n, base[i + 1] & 0xE0 == 0x80 { return true }
                i += 1
            }
            return false
        }
    }

    static func escapingControlCharacters(_ s: String) -> String {
        guard hasControlCharacters(s) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        var out = ""
        out.reserveCapacity(result.findings.count * 160 + 128)
        var start = 0
        let findings = result.findings
        while start < findings.count {
            var end = start
            while end < findings.count, findings[end].file == findings[start].file { end += 1 }
            renderFile(findings[start ..< end], into: &out)
            start = end
        }
        if showSuppressed, !result.suppressed.isEmpty {
            out += "\nSuppressed:\n"
            for f in result.suppressed { out += line(f, suppressed: true) + "\n" }
        }
        if !result.findings.isEmpty || (showSuppressed && !result.suppressed.isEmpty) { out += "\n" }
        out += summary(result) + "\n"
        return out
    }

    /// One file's findings, in position order. Past `maxPerFile`, the most severe are kept
    /// (errors before warnings before info, then by position), so a generated file full of
    /// notes cannot hide an error; the rest are counted on one line.
    func renderFile(_ findings: ArraySlice<Finding>, into out: inout String) {
        guard maxPerFile > 0, findings.count > maxPerFile else {
            // Under the cap (the usual case): the findings are read where they are.
            for f in findings {
                out += line(f)
                out += "\n"
            }
            return
        }
        let ranked = findings.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0 < $1 }
        let shown = ranked.prefix(maxPerFile).sorted()
        let hidden = Array(ranked.dropFirst(maxPerFile))
        for f in shown { out += line(f) + "\n" }
        if !hidden.isEmpty {
            let counts = Severity.allCases.reversed().compactMap { severity -> String? in
                let n = hidden.lazy.filter { $0.severity == severity }.count
                return n == 0 ? nil : "\(n) \(severity)"
            }
            out += "  … and \(hidden.count) more in this file (\(counts.joined(separator: ", ")); use --format json for all)\n"
        }
    }

    public func summary(_ result: CheckResult) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [plural(result.count(.error), "error"), plural(result.count(.warning), "warning"),
                     "\(result.count(.info)) info"]
        if !result.suppressed.isEmpty { parts.append("\(result.suppressed.count) suppressed") }
        return "\(parts.joined(separator: ", ")) in \(plural(result.filesChecked, "file")) (\(plural(result.resourcesChecked, "resource")))"
    }
}
