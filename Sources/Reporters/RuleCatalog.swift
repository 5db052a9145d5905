import Engine

/// `palisade rules` and `palisade explain`: printed straight from each rule's metadata.
public enum RuleCatalog {
    public static func table(_ rules: [RuleMetadata]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 2
        var out = "ID".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  SEVERITY  DEFAULT  AREA       SUMMARY\n"
        for r in rules {
            out += r.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
            out += r.severity.description.padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
            out += (r.enabledByDefault ? "on" : "off").padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
            out += r.area.padding(toLength: 9, withPad: " ", startingAt: 0) + "  " + r.summary + "\n"
        }
        out += "\n\(rules.count) rules (\(rules.filter(\.enabledByDefault).count) on by default)\n"
        return out
    }

    public static func json(_ rules: [RuleMetadata]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.value("version", 1)
        w.beginArray("rules")
        for r in rules {
            w.beginObject()
            w.value("id", r.id)
            w.value("area", r.area)
            w.value("severity", r.severity.description)
            w.value("enabledByDefault", r.enabledByDefault)
            w.value("summary", r.summary)
            w.value("rationale", r.rationale)
            w.value("remediation", r.remediation)
            w.beginArray("parameters")
            for p in r.parameters {
                w.beginObject()
                w.value("name", p.name)
                w.value("summary", p.summary)
                w.value("default", p.defaultValue)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    public static func explain(_ r: RuleMetadata) -> String {
        var out = "\(r.id) — \(r.summary)\n\n"
        out += "Severity: \(r.severity)   Default: \(r.enabledByDefault ? "on" : "off")   Area: \(r.area)\n\n"
        out += "Why it matters:\n\(wrap(r.rationale))\n\nHow to fix:\n\(wrap(r.remediation))\n"
        if let definition = r.definition {
            out += "\nChecked by:\n"
            for line in definition.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "    " + line.trimmingCharacters(in: .whitespaces) + "\n"
            }
        }
        if !r.parameters.isEmpty {
            out += "\nParameters:\n"
            for p in r.parameters { out += "  \(p.name) (default \(p.defaultValue)): \(p.summary)\n" }
        }
        for (title, examples) in [("Triggers on", r.triggering), ("Does not trigger on", r.nonTriggering)] where !examples.isEmpty {
            for (i, e) in examples.enumerated() {
                out += "\n\(title) (example \(i + 1)\(e.positions.isEmpty ? "" : ", finding at " + e.positions.joined(separator: ", "))):\n"
                for (name, value) in e.parameters.sorted(by: { $0.key < $1.key }) {
                    out += "  with \(name): \(value.yamlText)\n"
                }
                for line in e.yaml.split(separator: "\n", omittingEmptySubsequences: false).dropLast(e.yaml.hasSuffix("\n") ? 1 : 0) {
                    out += "    " + line.replacingOccurrences(of: "\t", with: "→") + "\n"
                }
            }
        }
        return out
    }

    static func wrap(_ text: String, width: Int = 88) -> String {
        var lines: [String] = []
        var line = "  "
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > 2 {
                lines.append(line)
                line = "  "
            }
            line += (line.count > 2 ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
