import Engine

/// JUnit XML as GitLab, Jenkins and Azure DevOps read it: a `<testsuite>` per file, a
/// `<testcase>` per resource × rule that fired (classname `Kind/namespace/name`, or the file for
/// findings outside any resource; name the rule id) with one `<failure>` listing every finding
/// of that pair, suppressed ones as `<skipped>`, and a passing testcase for each file without
/// findings so CI lists it too.
public struct JUnitReporter: Reporter {
    /// Name of a file's passing testcase when nothing fired in it.
    public static let cleanTestName = "no findings"

    /// The repository root; stripped from file names.
    public var rootPath: String?
    /// Every file that was checked, so files without findings or resources get a suite too.
    /// When nil, the files are those of the result's resources and findings.
    public var checkedFiles: [String]?
    /// The directory relative file names are relative to (absolute); see `RepositoryPath.relative`.
    public var workingDirectory: String?

    public init(rootPath: String? = nil, checkedFiles: [String]? = nil, workingDirectory: String? = nil) {
        self.rootPath = rootPath
        self.checkedFiles = checkedFiles
        self.workingDirectory = workingDirectory
    }

    private func relative(_ file: String) -> String {
        RepositoryPath.relative(file, root: rootPath, workingDirectory: workingDirectory)
    }

    struct Case {
        var classname: String
        var rule: String
        var suppressed: Bool
        var findings: [Finding]
    }

    public func render(_ result: CheckResult, rules: [RuleMetadata]) -> String {
        String(decoding: renderBytes(result, rules: rules), as: UTF8.self)
    }

    public func renderBytes(_ result: CheckResult, rules: [RuleMetadata]) -> [UInt8] {
        // Cases per file (by name relative to the root), in the order of their first finding.
        struct CaseKey: Hashable {
            var file: String
            var classname: String
            var rule: String
            var suppressed: Bool
        }
        var cases: [String: [Case]] = [:]
        var caseIndex: [CaseKey: Int] = [:]
        var relativeNames = PerFile<String>()
        func add(_ f: Finding, suppressed: Bool) {
            let file = relativeNames.value(for: f.file) { relative($0) }
            let classname = f.resourceLabel ?? file
            let key = CaseKey(file: file, classname: classname, rule: f.ruleID, suppressed: suppressed)
            if let i = caseIndex[key] {
                cases[file]![i].findings.append(f)
            } else {
                caseIndex[key] = cases[file]?.count ?? 0
                cases[file, default: []].append(Case(classname: classname, rule: f.ruleID, suppressed: suppressed, findings: [f]))
            }
        }
        for f in result.findings { add(f, suppressed: false) }
        for f in result.suppressed { add(f, suppressed: true) }

        var files = Set(cases.keys)
        if let checkedFiles {
            files.formUnion(checkedFiles.map { relative($0) })
        } else {
            let set = result.resourceSet
            for r in set.resources where set.isReported(r) { files.insert(relative(r.file)) }
        }
        let sortedFiles = files.sorted()

        var suites: [(file: String, cases: [Case], failures: Int, skipped: Int)] = []
        for file in sortedFiles {
            let list = cases[file] ?? []
            suites.append((file, list, list.filter { !$0.suppressed }.count, list.filter(\.suppressed).count))
        }
        let tests = suites.reduce(0) { $0 + max($1.cases.count, 1) }

        var x = XMLWriter()
        x.begin("testsuites", [("name", "palisade"), ("tests", String(tests)),
                               ("failures", String(suites.reduce(0) { $0 + $1.failures })), ("errors", "0"),
                               ("skipped", String(suites.reduce(0) { $0 + $1.skipped })), ("time", "0")])
        for suite in suites {
            x.begin("testsuite", [("name", suite.file), ("tests", String(max(suite.cases.count, 1))),
                                  ("failures", String(suite.failures)), ("errors", "0"),
                                  ("skipped", String(suite.skipped)), ("time", "0")])
            if suite.cases.isEmpty {
                x.empty("testcase", [("name", Self.cleanTestName), ("classname", suite.file), ("file", suite.file), ("time", "0")])
            }
            for c in suite.cases { write(c, file: suite.file, into: &x) }
            x.end()
        }
        x.end()
        return x.finishedBytes()
    }

    private func write(_ c: Case, file: String, into x: inout XMLWriter) {
        let first = c.findings[0]
        x.begin("testcase", [("name", c.rule), ("classname", c.classname), ("file", file),
                             ("line", String(first.position.line)), ("time", "0")])
        if c.suppressed {
            x.empty("skipped", [("message", "suppressed by " + (first.suppression ?? "a suppression"))])
        } else {
            let severity = c.findings.map(\.severity).max() ?? first.severity
            let message = c.findings.count == 1 ? first.message : "\(first.message) (and \(c.findings.count - 1) more)"
            let body = c.findings.map { line($0, file: file) }.joined(separator: "\n")
            x.element("failure", [("message", message), ("type", severity.description)], text: body)
        }
        x.end()
    }

    /// `file:line:col: severity [rule] message (resource)`, then the field path and template.
    func line(_ f: Finding, file: String) -> String {
        var text = f.headline(file: file, severity: f.severity.description)
        if let resource = f.resourceLabel { text += " (\(resource))" }
        if let path = f.fieldPath { text += "\n  field: \(path)" }
        if let template = f.sourceTemplate { text += "\n  from template: \(template)" }
        return text
    }
}
