// Runtime errors. They are ordinary values of the evaluation: `&&`, `||` and the
// `all`/`exists` macros may absorb them, except `costLimitExceeded`, which always stops.

public enum CELError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The evaluation used more than `CELOptions.costLimit` units.
    case costLimitExceeded(limit: UInt64)
    /// A map or host object has no entry for the key (`no such key: NAME`).
    case noSuchKey(String)
    /// No overload of the function accepts the argument types.
    case noMatchingOverload(function: String, argumentTypes: [String])
    /// The function is not known at all.
    case unknownFunction(String)
    /// A variable was not bound in the activation.
    case undeclaredReference(String)
    case divideByZero
    case moduloByZero
    /// Arithmetic or conversion result out of range.
    case overflow(String)
    /// Any other runtime failure, with a message.
    case invalidArgument(String)

    public var message: String {
        switch self {
        case .costLimitExceeded(let limit): return "operation cancelled: actual cost limit exceeded (limit \(limit))"
        case .noSuchKey(let key): return "no such key: \(key)"
        case .noMatchingOverload(let f, let types):
            return "no matching overload for '\(f)' applied to '(\(types.joined(separator: ", ")))'"
        case .unknownFunction(let f): return "unbound function: \(f)"
        case .undeclaredReference(let name): return "undeclared reference to '\(name)'"
        case .divideByZero: return "division by zero"
        case .moduloByZero: return "modulus by zero"
        case .overflow(let what): return "\(what) overflow: return error for overflow"
        case .invalidArgument(let m): return m
        }
    }

    public var description: String { message }

    /// True for errors that must never be absorbed by logical operators.
    var isFatal: Bool {
        if case .costLimitExceeded = self { return true }
        return false
    }

    static func noOverload(_ function: String, _ args: [CELValue]) -> CELError {
        .noMatchingOverload(function: function, argumentTypes: args.map(\.typeName))
    }
}

/// Compile and evaluation settings.
public struct CELOptions: Sendable {
    /// Longest accepted expression, in Unicode scalars.
    public var maxExpressionLength = 100_000
    /// Maximum nesting of the expression tree (parentheses, calls, operator chains).
    /// Parsing and evaluation recurse once per level; 100 levels stay well inside a
    /// 512 KiB thread stack in release builds (debug builds use ~10 KiB per level).
    public var maxNestingDepth = 100
    /// Evaluation budget in cost units; nil disables the limit.
    public var costLimit: UInt64? = 1_000_000
    /// Container (namespace) used to resolve unqualified names.
    public var container = ""
    /// Accept ``a.`b-c` `` field names. Kubernetes does not enable this.
    public var enableQuotedFieldNames = false
    /// Expand macros (`has`, `all`, `map`, ...).
    public var enableMacros = true
    /// Report unknown functions when compiling; when false they fail only if evaluated
    /// (as the conformance suite expects of a parse-only implementation).
    public var unknownFunctionsAreCompileErrors = true
    /// Evaluate constant sub-expressions once at compile time.
    public var foldConstants = true

    public init() {}
}
