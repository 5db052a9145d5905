import KubeFormats

/// Source excerpts must not print secrets: inside the `data` and `stringData` of a Secret every value is redacted,
/// and elsewhere any value the credential scanner recognises (tokens, keys, webhook URLs). Redacted values look like
/// the findings' own (`ghp_… (40 chars)`, see `Redaction`).
enum ExcerptRedaction {
    /// 1-based numbers of the lines inside a Secret's `data`/`stringData` block, for a YAML file split into lines.
    static func secretDataLines(_ lines: [Substring]) -> Set<Int> {
        var result = Set<Int>()
        var documentStart = 0
        func scan(_ range: Range<Int>) {
            let isSecret = lines[range].contains { line in
                line.hasPrefix("kind:") && line.dropFirst(5).trimmingSpaces.trimmingQuotes == "Secret"
            }
            guard isSecret else { return }
            var inData = false
            for index in range {
                let line = lines[index]
                if let first = line.first, first != " ", first != "\t", first != "#", first != "-" {
                    inData = line.hasPrefix("data:") || line.hasPrefix("stringData:")
                    continue
                }
                if inData { result.insert(index + 1) }
            }
        }
        for (index, line) in lines.enumerated() where line.hasPrefix("---") {
            scan(documentStart ..< index)
            documentStart = index + 1
        }
        scan(documentStart ..< lines.count)
        return result
    }

    /// The line with its value redacted when it is secret data or a recognisable credential.
    /// `previous` is the line before it in the file: for an env entry (`- name: DB_PASSWORD` then `value: …`) the
    /// name there says whether the value is sensitive.
    static func redact(_ line: String, secretData: Bool, previous: Substring? = nil) -> String {
        let indent = line.prefix { $0 == " " || $0 == "\t" || $0 == "-" }
        let rest = line.dropFirst(indent.count)
        guard let colon = keyEnd(rest) else {
            // A continuation line (block scalar, folded value) of secret data.
            return secretData && !rest.trimmingSpaces.isEmpty ? indent + "… (redacted)" : line
        }
        let key = rest[..<colon]
        let value = rest[rest.index(after: colon)...].trimmingSpaces
        guard !value.isEmpty, !value.hasPrefix("#"), !["|", ">", "|-", ">-", "|+", ">+", "{", "["].contains(value) else { return line }
        let bare = String(value.trimmingQuotes.trimmingTrailingComma.trimmingQuotes)
        var name = String(key.trimmingQuotes)
        if name == "value", let previous, let envName = envName(previous) { name = envName }
        let sensitiveName = SensitiveNames.isSensitive(name) && !bare.hasPrefix("/") && !CredentialScanner.isPlaceholder(bare)
            && !bare.hasPrefix("$")
        if secretData || sensitiveName || CredentialScanner.scan(value: bare, name: name) != nil {
            return indent + key + ": " + Redaction.redact(bare)
        }
        return line
    }

    /// `X` of a `- name: X` line.
    private static func envName(_ line: Substring) -> String? {
        let rest = line.trimmingSpaces
        guard rest.hasPrefix("- name:") else { return nil }
        return String(rest.dropFirst(7).trimmingSpaces.trimmingQuotes)
    }

    /// The index of the `:` ending a mapping key (`key:` or `"key":`), if the line starts with one.
    private static func keyEnd(_ text: Substring) -> Substring.Index? {
        if text.first == "\"" || text.first == "'" {
            guard let close = text.dropFirst().firstIndex(of: text.first!) else { return nil }
            let after = text.index(after: close)
            return after < text.endIndex && text[after] == ":" ? after : nil
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let after = text.index(after: colon)
        guard after == text.endIndex || text[after] == " " else { return nil }
        return text[..<colon].contains(" ") ? nil : colon
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s.removeLast() }
        return s
    }

    var trimmingQuotes: Substring {
        guard count >= 2, let f = first, f == "\"" || f == "'", last == f else { return self }
        return dropFirst().dropLast()
    }

    var trimmingTrailingComma: Substring { last == "," ? dropLast() : self }
}
