/// Mermaid and Graphviz DOT forms of the access graph. Both are deterministic: the graph is already sorted and
/// nothing else goes in. Risky nodes and edges are red and thick; cluster-wide grants are labelled `cluster-wide`,
/// namespaced ones `ns NAME`.
public enum GraphRenderer {
    static let riskColor = "#dc2626"
    static let riskFill = "#fee2e2"

    // MARK: Mermaid

    /// A `flowchart LR` for GitHub pull requests and Markdown viewers.
    public static func mermaid(_ graph: AccessGraph) -> String {
        var lines = ["flowchart LR"]
        lines.append("  %% palisade rbac graph: \(graph.nodes.count) nodes, \(graph.edges.count) edges; red = sensitive permission")
        for column in AccessGraph.Column.allCases {
            let nodes = graph.nodes.filter { $0.column == column }
            guard !nodes.isEmpty else { continue }
            lines.append("  %% \(column.title)")
            for node in nodes {
                var text = mermaidText(node.label)
                if !node.detail.isEmpty { text += "<br/><small>" + mermaidText(node.detail) + "</small>" }
                let (open, close) = mermaidShape(column)
                lines.append("  \(node.id)\(open)\"\(text)\"\(close)")
            }
        }
        var risky: [Int] = []
        var clusterWide: [Int] = []
        for (index, edge) in graph.edges.enumerated() {
            let arrow = edge.risky ? "==>" : "-->"
            let label = edge.label.isEmpty ? "" : "|\"\(mermaidText(edge.label))\"|"
            lines.append("  \(edge.from) \(arrow)\(label) \(edge.to)")
            if edge.risky { risky.append(index) } else if edge.scope == "" { clusterWide.append(index) }
        }
        lines.append("  classDef risky fill:\(riskFill),stroke:\(riskColor),stroke-width:2px,color:#7f1d1d")
        lines.append("  classDef subject fill:#eff6ff,stroke:#2563eb")
        let riskyNodes = graph.nodes.filter(\.risky).map(\.id)
        let safeSubjects = graph.nodes.filter { $0.column == .subject && !$0.risky }.map(\.id)
        for chunk in chunks(safeSubjects) { lines.append("  class \(chunk.joined(separator: ",")) subject") }
        for chunk in chunks(riskyNodes) { lines.append("  class \(chunk.joined(separator: ",")) risky") }
        for chunk in chunks(risky.map(String.init)) {
            lines.append("  linkStyle \(chunk.joined(separator: ",")) stroke:\(riskColor),stroke-width:3px,color:\(riskColor)")
        }
        for chunk in chunks(clusterWide.map(String.init)) {
            lines.append("  linkStyle \(chunk.joined(separator: ",")) stroke-width:2px")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Long `class` and `linkStyle` lists are split so no line gets unwieldy.
    static func chunks(_ items: [String], size: Int = 40) -> [[String]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0 ..< min($0 + size, items.count)]) }
    }

    static func mermaidShape(_ column: AccessGraph.Column) -> (String, String) {
        switch column {
        case .subject: ("([", "])")
        case .grant: ("[", "]")
        case .role: ("[[", "]]")
        case .permission: ("(", ")")
        case .resource: ("[(", ")]")
        }
    }

    /// Text inside a quoted Mermaid label: quotes, `#`, `<`, `>` and `&` as Mermaid entity codes (`#quot;`, …),
    /// so user-controlled names cannot end the label or inject markup; line breaks as spaces.
    public static func mermaidText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "`": out += "#96;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: DOT

    /// A Graphviz digraph, one rank per column: `palisade rbac graph --format dot | dot -Tsvg > access.svg`.
    public static func dot(_ graph: AccessGraph) -> String {
        var lines = ["digraph palisade_access {"]
        lines.append("  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.2, ranksep=0.9, splines=true];")
        lines.append("  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", color=\"#64748b\"];")
        lines.append("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#64748b\", fontcolor=\"#334155\"];")
        for column in AccessGraph.Column.allCases {
            let nodes = graph.nodes.filter { $0.column == column }
            guard !nodes.isEmpty else { continue }
            lines.append("  subgraph column_\(column.rawValue) {")
            lines.append("    rank=same;")
            lines.append("    // \(column.title)")
            for node in nodes {
                var attributes = ["label=\(dotString(node.detail.isEmpty ? node.label : node.label + "\n" + node.detail))"]
                attributes.append("shape=\(dotShape(column))")
                if node.risky {
                    attributes += ["fillcolor=\"\(riskFill)\"", "color=\"\(riskColor)\"", "penwidth=2"]
                    attributes.append("tooltip=\(dotString("sensitive: " + node.risks.joined(separator: ", ")))")
                } else if column == .subject {
                    attributes += ["fillcolor=\"#eff6ff\"", "color=\"#2563eb\""]
                }
                lines.append("    \(node.id) [\(attributes.joined(separator: ", "))];")
            }
            lines.append("  }")
        }
        for edge in graph.edges {
            var attributes: [String] = []
            if !edge.label.isEmpty { attributes.append("label=\(dotString(edge.label))") }
            if edge.risky {
                attributes += ["color=\"\(riskColor)\"", "fontcolor=\"\(riskColor)\"", "penwidth=2.5"]
            } else if edge.scope == "" {
                attributes.append("penwidth=1.8")
            }
            if let scope = edge.scope, !scope.isEmpty { attributes.append("style=dashed") }
            lines.append("  \(edge.from) -> \(edge.to)" + (attributes.isEmpty ? ";" : " [\(attributes.joined(separator: ", "))];"))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func dotShape(_ column: AccessGraph.Column) -> String {
        switch column {
        case .subject: "ellipse"
        case .grant: "box"
        case .role: "box"
        case .permission: "box"
        case .resource: "cylinder"
        }
    }

    /// A double-quoted DOT string: backslashes and quotes escaped, line breaks as `\n`, other control characters
    /// dropped.
    public static func dotString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
