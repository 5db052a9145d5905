// Parsed CEL expression tree. Operators are calls with the canonical CEL names
// (`_+_`, `_==_`, `!_`, ...); macros are already expanded into comprehensions.

public struct CELExpr: Sendable {
    public indirect enum Kind: Sendable {
        case literal(CELValue)
        /// A plain name; `rootAnchored` is true for `.name` (skip container and locals).
        case ident(String, rootAnchored: Bool)
        /// `operand.field`, or `operand.?field` when `optional`.
        case select(CELExpr, field: String, optional: Bool)
        /// `has(operand.field)`.
        case presence(CELExpr, field: String)
        /// `operand[index]`, or `operand[?index]` when `optional`.
        case index(CELExpr, CELExpr, optional: Bool)
        /// Global call such as `size(x)` or an operator like `_+_`.
        case call(String, [CELExpr])
        /// Receiver call `target.name(args)`.
        case receiverCall(CELExpr, String, [CELExpr])
        case and(CELExpr, CELExpr)
        case or(CELExpr, CELExpr)
        case conditional(CELExpr, CELExpr, CELExpr)
        case list([ListElement])
        case map([MapEntry])
        case comprehension(Comprehension)
        /// `cel.bind(name, value, body)`.
        case bind(String, CELExpr, CELExpr)
    }

    public struct ListElement: Sendable {
        public var value: CELExpr
        /// `[?x]`: the element is an optional, added only when it has a value.
        public var optional: Bool
    }

    public struct MapEntry: Sendable {
        public var key: CELExpr
        public var value: CELExpr
        /// `{?k: v}`: `v` is an optional, the entry is added only when it has a value.
        public var optional: Bool
    }

    public var kind: Kind
    /// 0-based offset (in Unicode scalars) of the token that produced this node.
    public var offset: Int
    /// Height of the subtree; bounded by `CELOptions.maxNestingDepth` so that later
    /// recursive passes can never overflow the stack.
    public var height: Int

    init(_ kind: Kind, offset: Int, height: Int = 1) {
        self.kind = kind
        self.offset = offset
        self.height = height
    }
}

/// A macro expanded into a loop over a list or map.
public struct Comprehension: Sendable {
    public enum Kind: String, Sendable {
        case all, exists, existsOne, map, filter
        case transformList, transformMap, transformMapEntry
        case optMap, optFlatMap, sortBy
    }
    public var kind: Kind
    public var range: CELExpr
    /// First loop variable: the element (list) or key (map), or index/key for two-variable forms.
    public var variable: String
    /// Second loop variable of the two-variable forms (value).
    public var variable2: String?
    /// Optional filter (`map(x, p, t)`, `transformList(i, v, p, t)`).
    public var filter: CELExpr?
    /// Predicate or transform.
    public var body: CELExpr
}

/// A compile-time error with the position of the offending token.
public struct CELCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 0-based offset in Unicode scalars into the expression.
    public var offset: Int
    /// 1-based line and column, filled in when the source is known.
    public var line: Int = 1
    public var column: Int = 1
    /// The source line holding the error, for caret rendering.
    public var sourceLine: String = ""

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
        self.column = offset + 1
    }

    /// Fills `line`, `column` and `sourceLine` from the full expression.
    mutating func locate(in source: [Unicode.Scalar]) {
        var line = 1, lineStart = 0
        let end = min(offset, source.count)
        for i in 0..<end where source[i] == "\n" { line += 1; lineStart = i + 1 }
        var lineEnd = lineStart
        while lineEnd < source.count && source[lineEnd] != "\n" { lineEnd += 1 }
        var text = ""
        text.unicodeScalars.append(contentsOf: source[lineStart..<lineEnd])
        self.line = line
        self.column = end - lineStart + 1
        self.sourceLine = text
    }

    /// The offending line followed by a caret under the error column.
    public var caretRendering: String {
        sourceLine + "\n" + String(repeating: " ", count: max(0, column - 1)) + "^"
    }

    public var description: String {
        "ERROR: <input>:\(line):\(column): \(message)\n" + caretRendering
    }
}
