import KubeFormats
import Engine

/// GitHub Actions workflow commands, so findings show inline on the pull request without a
/// SARIF upload: `::error file=F,line=L,col=C,title=palisade RULE::message` per finding
/// (warnings as `::warning`, info as `::notice`), then a plain summary line. Suppressed
/// findings are not annotated. File names are relative to the repository root, as GitHub
/// expects.
public struct GitHubReporter: Reporter {
    /// The repository root (`GITHUB_WORKSPACE` in a workflow); stripped from file names.
    public var rootPath: String?
    /// The directory relative file names are relative to (absolute); see `RepositoryPath.relative`.
    public var workingDirectory: String?

    public init(rootPath: String? = nil, workingDirectory: String? = nil) {
        self.rootPath = rootPath
        self.workingDirectory = workingDirectory
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        String(decoding: renderBytes(result, rules: rules), as: UTF8.self)
    }

    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        // Written as bytes, each file's escaped path worked out once (findings come sorted by
        // file): per-finding interpolation and joined property lists cost more than the check
        // spent finding them.
        var out: [UInt8] = []
        out.reserveCapacity(result.findings.count * 160 + 128)
        var escapedFiles = PerFile<[UInt8]>()
        for f in result.findings {
            let escapedFile = escapedFiles.value(for: f.file) { self.escapedFile($0) }
            append(f, escapedFile: escapedFile, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
        out.append(contentsOf: "palisade: ".utf8)
        out.append(contentsOf: TextReporter().summary(result).utf8)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The workflow command for one finding.
    public func command(_ f: Finding) -> String {
        String(appendingUTF8: { append(f, escapedFile: escapedFile(f.file), to: &$0) })
    }

    /// The `file=` property value: the name relative to the root, escaped.
    private func escapedFile(_ file: String) -> [UInt8] {
        var bytes: [UInt8] = []
        Self.appendEscaped(RepositoryPath.relative(file, root: rootPath, workingDirectory: workingDirectory),
                           property: true, to: &bytes)
        return bytes
    }

    /// `::LEVEL file=F,line=L,col=C,title=palisade RULE::MESSAGE (RESOURCE) [from TEMPLATE]`:
    /// the Helm template (`# Source:`) is named as in the text report, since the annotation
    /// can only point into the rendered file.
    private func append(_ f: Finding, escapedFile: [UInt8], to out: inout [UInt8]) {
        out.append(contentsOf: "::".utf8)
        out.append(contentsOf: Self.command(for: f.severity).utf8)
        out.append(contentsOf: " file=".utf8)
        out.append(contentsOf: escapedFile)
        if f.position.line >= 1 {
            out.append(contentsOf: ",line=".utf8)
            JSONWriter.appendDecimal(f.position.line, to: &out)
            if f.position.column >= 1 {
                out.append(contentsOf: ",col=".utf8)
                JSONWriter.appendDecimal(f.position.column, to: &out)
            }
        }
        out.append(contentsOf: ",title=palisade ".utf8)
        Self.appendEscaped(f.ruleID, property: true, to: &out)
        out.append(contentsOf: "::".utf8)
        Self.appendEscaped(f.message, property: false, to: &out)
        if let resource = f.resourceLabel {
            out.append(contentsOf: " (".utf8)
            Self.appendEscaped(resource, property: false, to: &out)
            out.append(UInt8(ascii: ")"))
        }
        if let template = f.sourceTemplate {
            out.append(contentsOf: " [from ".utf8)
            Self.appendEscaped(template, property: false, to: &out)
            out.append(UInt8(ascii: "]"))
        }
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
        String(appendingUTF8: { appendEscaped(s, property: property, to: &$0) })
    }

    /// By bytes: every character escaped is ASCII, so UTF-8 sequences pass through whole.
    private static func appendEscaped(_ s: String, property: Bool, to out: inout [UInt8]) {
        s.withUTF8Bytes { bytes in
            var run = 0
            for (i, byte) in bytes.enumerated() {
                let code: StaticString
                switch byte {
                case UInt8(ascii: "%"): code = "%25"
                case UInt8(ascii: "\r"): code = "%0D"
                case UInt8(ascii: "\n"): code = "%0A"
                case UInt8(ascii: ":") where property: code = "%3A"
                case UInt8(ascii: ",") where property: code = "%2C"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run ..< i]))
                out.append(contentsOf: UnsafeBufferPointer(start: code.utf8Start, count: code.utf8CodeUnitCount))
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run ..< bytes.count]))
        }
    }
}
