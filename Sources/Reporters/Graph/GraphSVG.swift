/// The access graph as an inline SVG, laid out without Graphviz: one column per layer (subjects | bindings and ABAC
/// lines | roles | permissions | resources), nodes ordered inside each column by a few barycentre sweeps so edges
/// cross less, edges as horizontal Bézier curves. Deterministic: ties keep the graph's sorted order.
public enum GraphSVG {
    public struct Layout: Sendable, Hashable {
        public struct Box: Sendable, Hashable {
            public var id: String
            public var x: Int
            public var y: Int
        }

        public var boxes: [Box]
        public var width: Int
        public var height: Int
    }

    static let nodeWidth = 200
    static let nodeHeight = 36
    static let columnGap = 60
    static let rowGap = 10
    static let top = 34
    static let margin = 8

    /// Positions for every node.
    public static func layout(_ graph: AccessGraph) -> Layout {
        var columns: [[String]] = AccessGraph.Column.allCases.map { column in graph.nodes.filter { $0.column == column }.map(\.id) }
        var predecessors: [String: [String]] = [:]
        var successors: [String: [String]] = [:]
        for edge in graph.edges {
            predecessors[edge.to, default: []].append(edge.from)
            successors[edge.from, default: []].append(edge.to)
        }
        func positions() -> [String: Double] {
            var result: [String: Double] = [:]
            let tallest = columns.map(\.count).max() ?? 0
            for column in columns {
                // Columns are centred, so a short column's nodes sit level with the middle of a long one.
                let offset = Double(tallest - column.count) / 2
                for (index, id) in column.enumerated() { result[id] = Double(index) + offset }
            }
            return result
        }
        func reorder(_ index: Int, by neighbours: [String: [String]]) {
            let position = positions()
            let column = columns[index]
            let keyed = column.enumerated().map { offset, id -> (Double, Int, String) in
                let values = (neighbours[id] ?? []).compactMap { position[$0] }
                let centre = values.isEmpty ? position[id] ?? Double(offset) : values.reduce(0, +) / Double(values.count)
                return (centre, offset, id)
            }
            columns[index] = keyed.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        }
        for _ in 0 ..< 3 {
            for index in 1 ..< columns.count { reorder(index, by: predecessors) }
            for index in (0 ..< columns.count - 1).reversed() { reorder(index, by: successors) }
        }
        let tallest = columns.map(\.count).max() ?? 0
        var boxes: [Layout.Box] = []
        for (index, column) in columns.enumerated() {
            let x = margin + index * (nodeWidth + columnGap)
            let shift = (tallest - column.count) * (nodeHeight + rowGap) / 2
            for (row, id) in column.enumerated() {
                boxes.append(Layout.Box(id: id, x: x, y: top + shift + row * (nodeHeight + rowGap)))
            }
        }
        let width = 2 * margin + columns.count * nodeWidth + (columns.count - 1) * columnGap
        let height = top + max(1, tallest) * (nodeHeight + rowGap) + margin
        return Layout(boxes: boxes, width: width, height: height)
    }

    /// The `<svg>` element. Nodes are `<g class="node c-COLUMN [risky]" data-node="ID">` with a `<title>` giving the
    /// full label, detail and sensitive permissions; edges are `<path class="edge [risky] [ns]" data-from data-to>`.
    public static func render(_ graph: AccessGraph, id: String = "access-graph-svg") -> String {
        let layout = layout(graph)
        var place: [String: Layout.Box] = [:]
        for box in layout.boxes { place[box.id] = box }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"graph\" role=\"img\" aria-label=\"Access graph\" "
        out += "width=\"\(layout.width)\" height=\"\(layout.height)\" viewBox=\"0 0 \(layout.width) \(layout.height)\">\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">"
        out += "<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker>"
        out += "<marker id=\"arrow-risky\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">"
        out += "<path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead risky\"/></marker></defs>\n"
        for column in AccessGraph.Column.allCases {
            let x = margin + column.rawValue * (nodeWidth + columnGap) + nodeWidth / 2
            out += "<text class=\"column-title\" x=\"\(x)\" y=\"18\" text-anchor=\"middle\">\(HTML.escape(column.title))</text>\n"
        }
        // Safe edges first so the red ones are drawn on top.
        for edge in graph.edges.sorted(by: { !$0.risky && $1.risky }) {
            guard let from = place[edge.from], let to = place[edge.to] else { continue }
            let x1 = from.x + nodeWidth, y1 = from.y + nodeHeight / 2
            let x2 = to.x - 2, y2 = to.y + nodeHeight / 2
            let bend = max(30, (x2 - x1) / 2)
            var classes = ["edge"]
            if edge.risky { classes.append("risky") }
            if let scope = edge.scope, !scope.isEmpty { classes.append("ns") }
            out += "<path class=\"\(classes.joined(separator: " "))\" data-from=\"\(edge.from)\" data-to=\"\(edge.to)\" "
            out += "d=\"M\(x1),\(y1) C\(x1 + bend),\(y1) \(x2 - bend),\(y2) \(x2),\(y2)\" marker-end=\"url(#\(edge.risky ? "arrow-risky" : "arrow"))\">"
            if !edge.label.isEmpty { out += "<title>\(HTML.escape(edge.label))</title>" }
            out += "</path>\n"
        }
        for node in graph.nodes {
            guard let box = place[node.id] else { continue }
            var classes = ["node", "c-\(node.column.rawValue)"]
            if node.risky { classes.append("risky") }
            var title = node.label
            if !node.detail.isEmpty { title += "\n" + node.detail }
            if node.risky { title += "\nsensitive: " + node.risks.joined(separator: ", ") }
            out += "<g class=\"\(classes.joined(separator: " "))\" data-node=\"\(node.id)\" tabindex=\"0\">"
            out += "<title>\(HTML.escape(title))</title>"
            out += "<rect x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(nodeWidth)\" height=\"\(nodeHeight)\" rx=\"\(node.column == .subject ? nodeHeight / 2 : 6)\"/>"
            let textX = box.x + 10
            let (label, detail) = lines(node)
            if detail.isEmpty {
                out += "<text x=\"\(textX)\" y=\"\(box.y + nodeHeight / 2 + 4)\">\(HTML.escape(truncate(label, 29)))</text>"
            } else {
                out += "<text x=\"\(textX)\" y=\"\(box.y + 15)\">\(HTML.escape(truncate(label, 29)))</text>"
                out += "<text class=\"detail\" x=\"\(textX)\" y=\"\(box.y + 29)\">\(HTML.escape(truncate(detail, 34)))</text>"
            }
            out += "</g>\n"
        }
        out += "</svg>"
        return out
    }

    static let kinds = ["ServiceAccount", "ClusterRoleBinding", "RoleBinding", "ClusterRole", "Role", "User", "Group"]

    /// The two lines of a box. A label too long for the box moves its kind (`ServiceAccount`, `ClusterRoleBinding`,
    /// …) to the second line, so the name itself stays readable.
    static func lines(_ node: AccessGraph.Node) -> (String, String) {
        guard node.label.count > 29, let kind = kinds.first(where: { node.label.hasPrefix($0 + " ") }) else {
            return (node.label, node.detail)
        }
        return (String(node.label.dropFirst(kind.count + 1)), node.detail.isEmpty ? kind : kind + " · " + node.detail)
    }

    /// At most `length` characters, the middle elided (file names and namespaced names keep both ends).
    static func truncate(_ text: String, _ length: Int) -> String {
        guard text.count > length else { return text }
        let head = (length - 1) * 2 / 3
        return String(text.prefix(head)) + "…" + String(text.suffix(length - 1 - head))
    }
}
