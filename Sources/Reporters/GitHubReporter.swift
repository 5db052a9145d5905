import Engine

/// GitHub Actions workflow commands, so findings show inline on the pull request without a
/// SARIF upload: `::error file=F,line=L,col=C,title=palisade RULE::message` per finding
/// (warnings as `::warning`, info as `::notice`), then a plain summary line. Suppressed
/// findings are not annotated. File names are relative to the repository root, as GitHub
/// expects.
public struct GitHubReporter: Reporter {
    /// The repository root (`GITHUB_WORKSPACE` in a workflow); stripped from file names.
    public var rootPath: String?

    public init(rootPath: String? = nil) {
        self.rootPath = rootPath
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        var out = ""
        for f in result.findings { out += command(f) + "\n" }
        out += "palisade: " + TextReporter().summary(result) + "\n"
        return out
    }

    /// The workflow command for one finding.
    public func command(_ f: Finding) -> String {
        var properties = [("file", RepositoryPath.relative(f.file, root: rootPath))]
        if f.position.line >= 1 {
            properties.append(("line", String(f.position.line)))
            if f.position.column >= 1 { properties.append(("col", String(f.position.column))) }
        }
        properties.append(("title", "palisade \(f.ruleID)"))
        var message = f.message
        if let resource = f.resourceLabel { message += " (\(resource))" }
        let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(Self.command(for: f.severity)) \(list)::\(Self.escapeData(message))"
    }

    public static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
    }

    /// Escaping of a command's message: `%`, carriage return and line feed.
    public static func escapeData(_ s: String) -> String {
        escape(s, property: false)
    }

    /// Escaping of a property value: as data, plus `:` and `,`, which end a value.
    public static func escapeProperty(_ s: String) -> String {
        escape(s, property: true)
    }

    private static func escape(_ s: String, property: Bool) -> String {
        // Most values need nothing: kept as they are instead of rebuilt scalar by scalar.
        let special = s.utf8.contains { byte in
            byte == UInt8(ascii: "%") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
                || (property && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",")))
        }
        guard special else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
