// Function dispatch. Each implementation receives all argument values (receiver first
// for receiver-style calls) and dispatches on their runtime types itself, which is what
// CEL's dynamic (`dyn`) semantics need.

typealias FunctionImpl = @Sendable (_ args: [CELValue], _ context: EvalContext) throws(CELError) -> CELValue
/// Implementations of one- and two-value overloads (operators, conversions, `x.startsWith(y)`)
/// that take their values directly: the evaluator then makes no argument array, whose
/// allocation and release were most of the cost of a call such as `x == y`.
typealias UnaryImpl = @Sendable (_ x: CELValue, _ context: EvalContext) throws(CELError) -> CELValue
typealias BinaryImpl = @Sendable (_ x: CELValue, _ y: CELValue, _ context: EvalContext) throws(CELError) -> CELValue

/// A fixed-arity implementation, kept beside the array form of the same overload.
enum FixedArityImpl: Sendable {
    case unary(UnaryImpl)
    case binary(BinaryImpl)
}

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
    /// The same overload taking its values directly, when it has that form.
    let fixed: FixedArityImpl?
}

struct FunctionTable: Sendable {
    private(set) var functions: [FunctionKey: FunctionImpl] = [:]
    private(set) var fixed: [FunctionKey: FixedArityImpl] = [:]
    /// Names with at least one overload, to tell "unknown function" from "wrong arity".
    private(set) var names: Set<String> = []

    mutating func global(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        let key = FunctionKey(name: name, receiver: false, arity: arity)
        functions[key] = impl
        fixed[key] = nil  // a fixed form registered earlier would no longer be this overload
        names.insert(name)
    }

    mutating func receiver(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        let key = FunctionKey(name: name, receiver: true, arity: arity)
        functions[key] = impl
        fixed[key] = nil
        names.insert(name)
    }

    /// Registers both `name(x, ...)` and `x.name(...)`.
    mutating func both(_ name: String, arity: Int, _ impl: @escaping FunctionImpl) {
        global(name, arity: arity + 1, impl)
        receiver(name, arity: arity, impl)
    }

    /// `name(x)`, or `x.name()` with `receiver`.
    mutating func unary(_ name: String, receiver: Bool = false, _ impl: @escaping UnaryImpl) {
        let key = FunctionKey(name: name, receiver: receiver, arity: receiver ? 0 : 1)
        functions[key] = Self.arrayForm(impl)
        fixed[key] = .unary(impl)
        names.insert(name)
    }

    /// `name(x, y)` (operators), or `x.name(y)` with `receiver`.
    mutating func binary(_ name: String, receiver: Bool = false, _ impl: @escaping BinaryImpl) {
        let key = FunctionKey(name: name, receiver: receiver, arity: receiver ? 1 : 2)
        functions[key] = Self.arrayForm(impl)
        fixed[key] = .binary(impl)
        names.insert(name)
    }

    private static func arrayForm(_ impl: @escaping UnaryImpl) -> FunctionImpl {
        @Sendable func call(_ a: [CELValue], _ cx: EvalContext) throws(CELError) -> CELValue { try impl(a[0], cx) }
        return call
    }

    private static func arrayForm(_ impl: @escaping BinaryImpl) -> FunctionImpl {
        @Sendable func call(_ a: [CELValue], _ cx: EvalContext) throws(CELError) -> CELValue { try impl(a[0], a[1], cx) }
        return call
    }

    func lookup(_ name: String, receiver: Bool, arity: Int) -> FunctionImpl? {
        functions[FunctionKey(name: name, receiver: receiver, arity: arity)]
            ?? functions[FunctionKey(name: name, receiver: receiver, arity: -1)]
    }

    /// The fixed-arity form of the overload `lookup` finds, when it has one.
    func lookupFixed(_ name: String, receiver: Bool, arity: Int) -> FixedArityImpl? {
        fixed[FunctionKey(name: name, receiver: receiver, arity: arity)]
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
    // Unchecked exclusivity: one evaluation owns its context on one thread, and each access
    // ends within its statement (a comprehension's new value is computed before it is
    // stored), so the runtime's check on every read and write guarded nothing.
    @exclusivity(unchecked) var cost: UInt64 = 0
    let limit: UInt64
    @exclusivity(unchecked) var locals: [CELValue]
    let activation: CELActivation

    init(activation: CELActivation, limit: UInt64?, localSlots: Int) {
        self.activation = activation
        self.limit = limit ?? UInt64.max
        // Reserved and appended, as in `CELLazySlots.init`: made once per evaluation.
        // Not even reserved when there are none: reserving zero on the shared empty array
        // allocates a buffer, once per evaluation of every expression without comprehensions.
        var locals: [CELValue] = []
        if localSlots > 0 {
            locals.reserveCapacity(localSlots)
            for _ in 0 ..< localSlots { locals.append(.null) }
        }
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
