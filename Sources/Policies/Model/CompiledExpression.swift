import CEL
import YAMLTree

/// A CEL expression from a policy file, compiled once when the policy is loaded.
/// A class: evaluations read it from the policy for every resource, and a struct of the
/// program, its source and the file name was copied (four retains) each time.
final class CompiledExpression: Sendable {
    let program: CELProgram
    let file: String
    let position: SourcePosition

    var source: String { program.source }

    /// The variables each kind of expression may read; anything else is a compile error.
    static let nativeVariables: Set<String> = ["object", "namespaceObject", "variables"]
    static let admissionVariables: Set<String> = [
        "object", "oldObject", "request", "params", "namespaceObject", "variables", "authorizer",
    ]

    init(_ node: YAMLNode, field: String, variables: Set<String>) throws(PolicyError) {
        guard node.isScalar, let text = node.scalar else {
            throw PolicyError("\(field) must be a string holding a CEL expression", at: node)
        }
        do throws(CELCompileError) {
            program = try CELProgram.compile(text, options: Self.options, declaredVariables: variables)
        } catch {
            throw PolicyError(file: node.file, position: node.position,
                              message: "\(field) does not compile: \(error.message)", expressionError: error)
        }
        file = node.file
        position = node.position
    }

    /// Kubernetes' per-expression budget (`PerCallLimit`).
    static let options: CELOptions = {
        var o = CELOptions()
        o.costLimit = 1_000_000
        return o
    }()

    func evaluate(_ activation: CELActivation) -> Result<CELValue, CELError> {
        program.evaluate(activation)
    }
}
