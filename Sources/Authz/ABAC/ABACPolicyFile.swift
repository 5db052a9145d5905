/// Reads ABAC policy files (`--authorization-policy-file`): one JSON object per line; blank lines and lines
/// starting with `#` are skipped; every other line is read even when an earlier one is broken.
public enum ABACPolicyFile {
    /// The API server reads lines with a 64 KiB buffer; a longer line fails loading.
    public static let maxLineLength = 64 * 1024
    public static let apiGroup = "abac.authorization.kubernetes.io"
    public static let v1beta1 = apiGroup + "/v1beta1"
    public static let v0 = apiGroup + "/v0"

    /// Issue ids of the reader.
    public enum IssueID {
        public static let malformedLine = "abac-malformed-line"
        public static let wrongFieldType = "abac-wrong-field-type"
        public static let unknownField = "abac-unknown-field"
        public static let unknownKind = "abac-unknown-kind"
        public static let invalidUTF8 = "abac-invalid-utf8"
    }

    public static func parse(bytes: [UInt8], file: String) -> (policies: [ABACPolicy], diagnostics: [ABACDiagnostic]) {
        var policies: [ABACPolicy] = []
        var diagnostics: [ABACDiagnostic] = []
        forEachLine(bytes) { number, start, end in
            var reader = LineReader(bytes: bytes, file: file, line: number, lineStart: start, lineEnd: end)
            if let policy = reader.read() { policies.append(policy) }
            diagnostics += reader.diagnostics
        }
        return (policies, diagnostics)
    }

    /// Whether the content looks like an ABAC policy file: the first meaningful lines all start a JSON object, at
    /// least one is an ABAC policy (an `abac.authorization.kubernetes.io` apiVersion, or only legacy fields) and
    /// none is some other Kubernetes object.
    public static func looksLikeABAC(bytes: [UInt8]) -> Bool {
        let sample = classify(bytes)
        return !sample.otherObjects && !sample.notJSON && sample.abacLike > 0
    }

    /// Whether the first meaningful lines hold Kubernetes objects other than ABAC policies and
    /// no ABAC policy (a `.jsonl` of manifests): such a file is not read as ABAC, whatever its
    /// extension. One ABAC line is enough to keep a policy file one, mistakes and all.
    public static func holdsOnlyOtherKubernetesObjects(bytes: [UInt8]) -> Bool {
        let sample = classify(bytes)
        return sample.otherObjects && sample.abacLike == 0
    }

    /// What the first 20 meaningful lines hold: ABAC policies, other Kubernetes objects (an
    /// apiVersion outside the ABAC group, or a kind without one), lines that are not JSON objects.
    private static func classify(_ bytes: [UInt8]) -> (abacLike: Int, otherObjects: Bool, notJSON: Bool) {
        var examined = 0
        var abacLike = 0
        var otherObjects = false, notJSON = false
        forEachLine(bytes) { _, start, end in
            guard !notJSON, examined < 20 else { return }
            examined += 1
            guard bytes[start] == UInt8(ascii: "{") else {
                notJSON = true
                return
            }
            guard end - start <= maxLineLength else { return }
            var parser = JSONParser(bytes: bytes, start: start, end: end)
            guard let value = try? parser.parseDocument(), case .object(let members) = value.kind else { return }
            let apiVersion = members.last { $0.key == "apiVersion" }.flatMap { m -> String? in
                if case .string(let s) = m.value.kind { return s }
                return nil
            }
            if let apiVersion {
                if apiVersion.hasPrefix(apiGroup + "/") { abacLike += 1 } else { otherObjects = true }
            } else if members.contains(where: { $0.key == "kind" }) {
                otherObjects = true
            } else if !members.isEmpty, members.allSatisfy({ ABACPolicy.legacyFields.contains($0.key) }) {
                abacLike += 1
            }
        }
        return (abacLike, otherObjects, notJSON)
    }

    /// Calls `body(lineNumber, start, end)` for every meaningful line: split at `\n`, trailing `\r` dropped,
    /// surrounding whitespace trimmed, blank and `#` lines skipped.
    static func forEachLine(_ bytes: [UInt8], _ body: (Int, Int, Int) -> Void) {
        var lineStart = 0
        var number = 1
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var start = lineStart
            var end = lineEnd
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            if start < end, bytes[start] != UInt8(ascii: "#") {
                body(number, start, end)
            }
            lineStart = lineEnd + 1
            number += 1
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0B || byte == 0x0C || byte == 0x0D
    }
}
