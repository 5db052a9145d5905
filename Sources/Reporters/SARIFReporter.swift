import Engine

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose driver lists
/// every rule passed in, a result per finding, and suppressed findings as results carrying an
/// in-source suppression (viewers hide them but keep the record).
///
/// File locations are URIs relative to the repository root (`uriBaseId` `%SRCROOT%`), so the
/// log can be uploaded from any checkout. `partialFingerprints` use `Finding.fingerprint`, which
/// does not change when unrelated lines move, so code scanning keeps alerts matched across
/// commits.
public struct SARIFReporter: Reporter {
    public static let sarifVersion = "2.1.0"
    /// The `$schema` of every log: the OASIS SARIF 2.1.0 (errata 01) schema.
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let toolName = "palisade"
    /// Key of the line-independent fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "palisade/v1"
    public static let sourceRootID = "%SRCROOT%"

    /// Version of palisade, for `tool.driver.version`.
    public var toolVersion: String
    /// The repository root; stripped from file names. When absolute, it is also recorded as
    /// the base of `%SRCROOT%` in `originalUriBaseIds`.
    public var rootPath: String?
    /// The directory relative file names are relative to (absolute); see `RepositoryPath.relative`.
    public var workingDirectory: String?
    /// The project's home page, for `tool.driver.informationUri` (an absolute URI); omitted when nil.
    public var informationURI: String?

    public init(toolVersion: String, rootPath: String? = nil, workingDirectory: String? = nil, informationURI: String? = nil) {
        self.toolVersion = toolVersion
        self.rootPath = rootPath
        self.workingDirectory = workingDirectory
        self.informationURI = informationURI
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        String(decoding: renderBytes(result, rules: rules), as: UTF8.self)
    }

    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        let descriptors = Self.descriptors(rules: rules, findings: result.findings + result.suppressed)
        var index: [String: Int] = [:]
        for (i, d) in descriptors.enumerated() { index[d.id] = i }

        var w = JSONWriter()
        w.beginObject()
        w.value("$schema", Self.schemaURI)
        w.value("version", Self.sarifVersion)
        w.beginArray("runs")
        w.beginObject()

        w.beginObject("tool")
        w.beginObject("driver")
        w.value("name", Self.toolName)
        w.value("version", toolVersion)
        if Self.isSemanticVersion(toolVersion) { w.value("semanticVersion", toolVersion) }
        if let informationURI { w.value("informationUri", informationURI) }
        w.beginArray("rules")
        for d in descriptors { write(d, into: &w) }
        w.endArray()
        w.endObject()
        w.endObject()

        w.beginObject("originalUriBaseIds")
        w.beginObject(Self.sourceRootID)
        if let root = RepositoryPath.normalizedRoot(rootPath), root.hasPrefix("/") {
            w.value("uri", "file://" + RepositoryPath.percentEncoded(root == "/" ? "/" : root + "/"))
        }
        w.beginObject("description")
        w.value("text", "The repository root.")
        w.endObject()
        w.endObject()
        w.endObject()

        // libyaml counts columns in characters, not UTF-16 code units (SARIF's default).
        w.value("columnKind", "unicodeCodePoints")

        w.beginArray("results")
        var locations = PerFile<(uri: String, isAbsolute: Bool, path: String)>()
        for f in result.findings { write(f, ruleIndex: index[f.ruleID], locations: &locations, into: &w) }
        for f in result.suppressed { write(f, ruleIndex: index[f.ruleID], locations: &locations, into: &w) }
        w.endArray()

        w.endObject()
        w.endArray()
        w.endObject()
        return w.finishedBytes()
    }

    // MARK: Rules

    /// The rules passed in (first of each id, in the order given), then a bare descriptor for
    /// any rule id that only findings name (policies, say), so every result has its rule.
    static func descriptors(rules: [RuleMetadata], findings: [Finding]) -> [Descriptor] {
        var seen: Set<String> = []
        var out: [Descriptor] = []
        for r in rules where seen.insert(r.id).inserted { out.append(Descriptor(id: r.id, metadata: r)) }
        var extra: [String: Severity] = [:]
        for f in findings where !seen.contains(f.ruleID) {
            extra[f.ruleID] = max(extra[f.ruleID] ?? f.severity, f.severity)
        }
        for id in extra.keys.sorted() { out.append(Descriptor(id: id, metadata: nil, severity: extra[id]!)) }
        return out
    }

    struct Descriptor {
        var id: String
        var metadata: RuleMetadata?
        var severity: Severity = .warning
    }

    private func write(_ d: Descriptor, into w: inout JSONWriter) {
        w.beginObject()
        w.value("id", d.id)
        w.value("name", Self.ruleName(d.id))
        guard let r = d.metadata else {
            w.beginObject("shortDescription")
            w.value("text", d.id)
            w.endObject()
            w.beginObject("defaultConfiguration")
            w.value("level", Self.level(d.severity))
            w.endObject()
            w.endObject()
            return
        }
        w.beginObject("shortDescription")
        w.value("text", r.summary)
        w.endObject()
        w.beginObject("fullDescription")
        w.value("text", r.rationale)
        w.endObject()
        w.beginObject("help")
        w.value("text", Self.helpText(r))
        w.value("markdown", Self.helpMarkdown(r))
        w.endObject()
        w.beginObject("defaultConfiguration")
        if !r.enabledByDefault { w.value("enabled", false) }
        w.value("level", Self.level(r.severity))
        w.endObject()
        w.beginObject("properties")
        w.beginArray("tags")
        w.value(nil, r.area)
        w.endArray()
        w.endObject()
        w.endObject()
    }

    static func helpText(_ r: RuleMetadata) -> String {
        var text = r.rationale + "\n\nHow to fix: " + r.remediation
        if !r.parameters.isEmpty {
            text += "\n\nParameters (set in .palisade.yaml):"
            for p in r.parameters { text += "\n  \(p.name) (default \(p.defaultValue)): \(p.summary)" }
        }
        return text
    }

    static func helpMarkdown(_ r: RuleMetadata) -> String {
        var text = r.rationale + "\n\n**How to fix:** " + r.remediation
        if !r.parameters.isEmpty {
            text += "\n\n**Parameters** (set in `.palisade.yaml`):\n"
            for p in r.parameters { text += "\n- `\(p.name)` (default `\(p.defaultValue)`): \(p.summary)" }
        }
        return text
    }

    /// `privileged-container` → `PrivilegedContainer`.
    public static func ruleName(_ id: String) -> String {
        id.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func isSemanticVersion(_ v: String) -> Bool {
        let core = v.split(separator: "-", maxSplits: 1).first.map(String.init) ?? v
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    // MARK: Results

    private func write(_ f: Finding, ruleIndex: Int?, locations: inout PerFile<(uri: String, isAbsolute: Bool, path: String)>,
                       into w: inout JSONWriter) {
        w.beginObject()
        w.value("ruleId", f.ruleID)
        if let ruleIndex { w.value("ruleIndex", ruleIndex) }
        w.value("level", Self.level(f.severity))
        w.beginObject("message")
        w.value("text", f.message)
        w.endObject()

        w.beginArray("locations")
        w.beginObject()
        w.beginObject("physicalLocation")
        let location = locations.value(for: f.file) { Self.artifactURI(of: $0, root: rootPath, workingDirectory: workingDirectory) }
        w.beginObject("artifactLocation")
        w.value("uri", location.uri)
        if !location.isAbsolute { w.value("uriBaseId", Self.sourceRootID) }
        w.endObject()
        if f.position.line >= 1 {
            w.beginObject("region")
            w.value("startLine", f.position.line)
            if f.position.column >= 1 { w.value("startColumn", f.position.column) }
            w.endObject()
        }
        w.endObject()
        if let r = f.resource {
            w.beginArray("logicalLocations")
            w.beginObject()
            w.value("name", r.name ?? "<unnamed>")
            w.value("fullyQualifiedName", r.description)
            w.value("kind", "resource")
            w.endObject()
            w.endArray()
        }
        w.endObject()
        w.endArray()

        w.beginObject("partialFingerprints")
        // Of the name relative to the root, so the fingerprint does not depend on the
        // directory palisade ran in or on how the file was named on the command line.
        w.value(Self.fingerprintKey, f.fingerprint(file: location.path))
        w.endObject()

        if let why = f.suppression {
            w.beginArray("suppressions")
            w.beginObject()
            w.value("kind", "inSource")
            w.value("justification", why)
            w.endObject()
            w.endArray()
        }

        let properties: [(String, String?)] = [
            ("apiVersion", f.resource?.apiVersion), ("fieldPath", f.fieldPath),
            ("container", f.container), ("sourceTemplate", f.sourceTemplate),
        ]
        if properties.contains(where: { $0.1 != nil }) {
            w.beginObject("properties")
            for (key, value) in properties { if let value { w.value(key, value) } }
            w.endObject()
        }
        w.endObject()
    }

    /// `artifactLocation.uri` of a file: relative to the repository root and percent-encoded,
    /// or an absolute `file://` URI, which needs no base, for a file outside the repository.
    static func artifactURI(of file: String, root: String?, workingDirectory: String? = nil)
        -> (uri: String, isAbsolute: Bool, path: String) {
        let path = RepositoryPath.relative(file, root: root, workingDirectory: workingDirectory)
        let isAbsolute = path.hasPrefix("/")
        return (isAbsolute ? "file://" + RepositoryPath.percentEncoded(path) : RepositoryPath.percentEncoded(path), isAbsolute, path)
    }
}
