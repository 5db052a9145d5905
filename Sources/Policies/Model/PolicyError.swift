import CEL
import YAMLTree

/// A policy that cannot be used: YAML that does not parse, a field of the wrong shape, or a
/// CEL expression that does not compile. The CLI prints it and exits 2.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// Where in the policy file: the offending field, or the start of the expression.
    public var position: SourcePosition
    public var message: String
    /// For CEL compile errors: the error inside the expression (its own line/column and caret).
    public var expressionError: CELCompileError?

    public init(file: String, position: SourcePosition, message: String, expressionError: CELCompileError? = nil) {
        self.file = file
        self.position = position
        self.message = message
        self.expressionError = expressionError
    }

    init(_ message: String, at node: YAMLNode) {
        self.init(file: node.file, position: node.position, message: message)
    }

    public var description: String {
        var text = "\(file):\(position.line):\(position.column): \(message)"
        if let e = expressionError {
            text += " (expression line \(e.line), column \(e.column))\n" + e.caretRendering
        }
        return text
    }
}
