import Foundation
import YAMLTree

/// Findings accepted when Palisade was adopted, recorded by fingerprint (rule, file,
/// resource, field path — not line numbers), so `check --baseline` reports only new ones.
/// Written one entry per line so that a stale entry can be pointed at by its line.
public struct Baseline: Sendable {
    public struct Entry: Sendable, Hashable {
        public var fingerprint: String
        public var ruleID: String
        public var file: String
        public var resource: String
        public var message: String
        /// Line of the entry in the baseline file (0 for entries not read from a file).
        public var line: Int = 0
    }

    public static let staleRuleID = "stale-baseline-entry"
    public var entries: [Entry]
    /// Whether files are named from the repository root (`"paths": "repository"` in the file).
    /// Baselines written before that name files as they were given, relative to wherever
    /// palisade ran; those are matched by that name.
    public var namesFromRepositoryRoot: Bool

    /// `fileKey` names a finding's file as the baseline records it: the CLI passes the name
    /// relative to the repository root, so a baseline made at the root matches a check run
    /// from a subdirectory or on absolute paths. Without it, files keep their names as given.
    public init(findings: [Finding], fileKey: ((String) -> String)? = nil) {
        namesFromRepositoryRoot = fileKey != nil
        entries = findings.map {
            let file = fileKey?($0.file) ?? $0.file
            return Entry(fingerprint: $0.fingerprint(file: file), ruleID: $0.ruleID, file: file,
                         resource: $0.resource?.description ?? "", message: $0.message)
        }
    }

    public func render() -> String {
        var out = "{\n  \"version\": 1,\n" + (namesFromRepositoryRoot ? "  \"paths\": \"repository\",\n" : "") + "  \"findings\": [\n"
        for (i, e) in entries.enumerated() {
            out += "    {\"fingerprint\": \(quote(e.fingerprint)), \"ruleId\": \(quote(e.ruleID)), \"file\": \(quote(e.file)), "
            out += "\"resource\": \(quote(e.resource)), \"message\": \(quote(e.message))}"
            out += i == entries.count - 1 ? "\n" : ",\n"
        }
        return out + "  ]\n}\n"
    }

    private func quote(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// Reads a baseline; errors name the problem for a one-line usage error.
    public static func read(_ bytes: [UInt8]) throws(InputError) -> Baseline {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              object["version"] as? Int == 1, let list = object["findings"] as? [[String: Any]] else {
            throw InputError(message: "not a version 1 Palisade baseline")
        }
        // Entry i is the i-th line mentioning a fingerprint (one entry per line, as written).
        let text = String(decoding: bytes, as: UTF8.self)
        var lines: [Int] = []
        for (n, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where lineText.contains("\"fingerprint\"") {
            lines.append(n + 1)
        }
        var baseline = Baseline(findings: [])
        baseline.namesFromRepositoryRoot = object["paths"] as? String == "repository"
        for (i, item) in list.enumerated() {
            guard let fingerprint = item["fingerprint"] as? String else {
                throw InputError(message: "baseline entry \(i + 1) has no fingerprint")
            }
            baseline.entries.append(Entry(fingerprint: fingerprint, ruleID: item["ruleId"] as? String ?? "",
                                          file: item["file"] as? String ?? "", resource: item["resource"] as? String ?? "",
                                          message: item["message"] as? String ?? "", line: i < lines.count ? lines[i] : 1))
        }
        return baseline
    }

    /// Moves findings in the baseline to `suppressed`, and reports entries that no longer
    /// occur (only for files this run reported on, so a partial run — pre-commit's changed
    /// files, with the rest of the repository as context — does not call them stale).
    /// `checkedFiles` are the names the files were given; `fileKey` names them from the
    /// repository root, as `init(findings:fileKey:)` did. A baseline written before names were
    /// keyed is matched by the names as given (so from the directory it was made in).
    public func apply(to result: inout CheckResult, baselineFile: String, checkedFiles: Set<String>,
                      fileKey: (String) -> String = { $0 }) {
        var known: [String: Entry] = [:]
        for e in entries { known[e.fingerprint] = e }
        var seen: Set<String> = []
        var shown: [Finding] = []
        let keyed = namesFromRepositoryRoot
        for finding in result.findings {
            let fp = finding.fingerprint(file: keyed ? fileKey(finding.file) : finding.file)
            if known[fp] != nil {
                seen.insert(fp)
                var f = finding
                f.suppression = "baseline \(baselineFile)"
                result.suppressed.append(f)
            } else {
                shown.append(finding)
            }
        }
        let checked = keyed ? Set(checkedFiles.map(fileKey)) : checkedFiles
        for e in entries where !seen.contains(e.fingerprint) && checked.contains(e.file) {
            shown.append(Finding(ruleID: Self.staleRuleID, severity: .info,
                                 message: "baseline entry for \(e.ruleID) in \(e.file) (\(e.resource)) no longer occurs; recreate the baseline to shrink it",
                                 file: baselineFile, position: SourcePosition(line: max(e.line, 1), column: 5)))
        }
        shown.sortByLocation()
        result.findings = shown
        result.suppressed.sortByLocation()
    }
}
