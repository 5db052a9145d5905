// Function dispatch. Each implementation receives all argument values (receiver first
// for receiver-style calls) and dispatches on their runtime types itself, which is what
// CEL's dynamic (`dyn`) semantics need.

typealias FunctionImpl = @Sendable (_ args: [CELValue], _ context: EvalContext) throws(CELError) -> CELValue

struct FunctionKey: Hashable, Sendable {
    var name: String
    var receiver: Bool
    /// Number of arguments excluding the receiver; -1 accepts any count.
    var arity: Int
}

/// A resolved function, stored in the compiled tree.
struct ResolvedFunction: Sendable {
    let name: String
    let impl: FunctionImpl
}

struct FunctionTable: Sendable {
    private(set) var functions: [FunctionKey: FunctionImpl] = [:]
    /// Names with at least one overload, to tell "unknown function" from "wrong arity".
    private(set) var names: Set<String> = []

    mutating func global(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        functions[FunctionKey(name: name, receiver: false, arity: arity)] = impl
        names.insert(name)
    }

    mutating func receiver(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        functions[FunctionKey(name: name, receiver: true, arity: arity)] = impl
        names.insert(name)
    }

    /// Registers both `name(x, ...)` and `x.name(...)`.
    mutating func both(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        global(name, arity: arity + 1, impl)
        receiver(name, arity: arity, impl)
    }

    func lookup(_ name: String, receiver: Bool, arity: Int) -> FunctionImpl? {
        functions[FunctionKey(name: name, receiver: receiver, arity: arity)]
            ?? functions[FunctionKey(name: name, receiver: receiver, arity: -1)]
    }

    func hasGlobal(_ name: String) -> Bool {
        names.contains(name)
    }

    /// The library used by every program: core functions plus the Kubernetes and
    /// cel-go extension libraries.
    static let standard: FunctionTable = {
        var t = FunctionTable()
        registerOperators(&t)
        registerConversions(&t)
        registerStrings(&t)
        registerTime(&t)
        registerLists(&t)
        registerOptionals(&t)
        registerMath(&t)
        registerRegexFunctions(&t)
        registerQuantity(&t)
        registerNetwork(&t)
        registerURL(&t)
        registerEncoders(&t)
        registerAuthorizer(&t)
        return t
    }()
}

/// Per-evaluation mutable state: cost counter and comprehension variables.
final class EvalContext {
    var cost: UInt64 = 0
    let limit: UInt64
    var locals: [CELValue]
    let activation: CELActivation

    init(activation: CELActivation, limit: UInt64?, localSlots: Int) {
        self.activation = activation
        self.limit = limit ?? UInt64.max
        // Reserved and appended, as in `CELLazySlots.init`: made once per evaluation.
        var locals: [CELValue] = []
        locals.reserveCapacity(localSlots)
        for _ in 0 ..< localSlots { locals.append(.null) }
        self.locals = locals
    }

    @inline(__always)
    func charge(_ units: Int) throws(CELError) {
        cost &+= UInt64(max(0, units))
        if cost > limit { throw CELError.costLimitExceeded(limit: limit) }
    }
}

// Helpers shared by library files.

func argumentError(_ function: String, _ args: [CELValue]) -> CELError {
    CELError.noOverload(function, args)
}

extension CELValue {
    var asBool: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    var asString: String? { if case .string(let s) = self { return s } else { return nil } }
    var asInt: Int64? { if case .int(let i) = self { return i } else { return nil } }
    var asList: [CELValue]? { if case .list(let l) = self { return l } else { return nil } }
}
