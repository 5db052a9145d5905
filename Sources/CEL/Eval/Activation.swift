#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Variable bindings for one evaluation.
public struct CELActivation: Sendable {
    enum Binding: Sendable {
        case value(CELValue)
        case lazy(LazyValue)
    }

    /// A handful of names per evaluation (`object`, `params`, `variables`, …): a list searched
    /// in order beats hashing each name into a dictionary made afresh per resource.
    private var bindings: [(name: String, binding: Binding)] = []

    /// A mark the host that assembled these bindings may set, e.g. a policy scope, so that its
    /// `variables` map can tell an expression runs in exactly the scope's bindings (and evaluate
    /// a variable there). Binding any name afterwards clears it: the bindings are then others.
    public var hostToken: ObjectIdentifier?

    public init(_ variables: [String: CELValue] = [:]) {
        for (k, v) in variables { bind(k, to: v) }
    }

    public mutating func bind(_ name: String, to value: CELValue) {
        set(name, .value(value))
    }

    /// Binds a value computed on first use, at most once per activation (copies of the
    /// activation share the result).
    public mutating func bindLazy(_ name: String, _ compute: @escaping @Sendable () -> Result<CELValue, CELError>) {
        set(name, .lazy(LazyValue(compute)))
    }

    private mutating func set(_ name: String, _ binding: Binding) {
        hostToken = nil
        if let i = bindings.firstIndex(where: { $0.name == name }) {
            bindings[i].binding = binding
        } else {
            // Room for the usual names at once: growing one by one reallocated the list two or
            // three times per evaluation scope.
            if bindings.isEmpty { bindings.reserveCapacity(6) }
            bindings.append((name, binding))
        }
    }

    func resolve(_ name: String) -> Result<CELValue, CELError>? {
        // In place: `first(where:)` copied the entry (its name and binding retained) for each
        // variable read of each evaluation.
        for i in bindings.indices where bindings[i].name == name {
            switch bindings[i].binding {
            case .value(let v): return .success(v)
            case .lazy(let l): return l.get()
            }
        }
        return nil
    }
}

/// Values computed on first use, each at most once: the storage behind lazy bindings, lazy
/// maps and hosts' own lazy variables (one lock for all the slots of one evaluation). A
/// computation runs outside the lock (it may read other slots); a slot read again by the
/// thread computing it is a cycle. Another thread reading it meanwhile computes it too: the
/// expressions are pure, so both get the same answer.
public final class CELLazySlots: Sendable {
    private enum Slot: @unchecked Sendable {  // pthread_t is a plain thread id
        case pending
        case computing(pthread_t)
        case done(Result<CELValue, CELError>)
    }

    private let slots: Mutex<[Slot]>

    public init(count: Int) {
        // Reserved and appended: `Array(repeating:count:)` looks the storage type up in the
        // runtime on every call (hundreds of instructions; one of these is made per resource).
        var initial: [Slot] = []
        initial.reserveCapacity(count)
        for _ in 0 ..< count { initial.append(.pending) }
        slots = Mutex(initial)
    }

    /// Slot `i`'s value, computing it with `compute` the first time. A result for which `keep`
    /// is false is returned but not stored (the next read computes it again): a host uses it
    /// for values that would refer back to the storage itself.
    public func value(_ i: Int, keep: (Result<CELValue, CELError>) -> Bool = { _ in true },
                      _ compute: () -> Result<CELValue, CELError>) -> Result<CELValue, CELError> {
        let me = pthread_self()
        let state = slots.withLock { slots -> Slot in
            let before = slots[i]
            if case .pending = before { slots[i] = .computing(me) }
            return before
        }
        switch state {
        case .done(let result): return result
        // A binding that (indirectly) reads itself would recurse forever.
        case .computing(let owner) where pthread_equal(owner, me) != 0:
            return .failure(.invalidArgument("cyclic reference in lazily computed variable"))
        case .computing, .pending: break
        }
        let result = compute()
        let stored: Slot = keep(result) ? .done(result) : .pending
        slots.withLock { $0[i] = stored }
        return result
    }
}

/// One memoised computation.
final class LazyValue: Sendable {
    private let slot = CELLazySlots(count: 1)
    private let compute: @Sendable () -> Result<CELValue, CELError>

    init(_ compute: @escaping @Sendable () -> Result<CELValue, CELError>) { self.compute = compute }

    func get() -> Result<CELValue, CELError> { slot.value(0, compute) }
}

/// A host map whose values are computed lazily and memoised, e.g. Kubernetes'
/// `variables.<name>`, where each variable is an expression evaluated on first use. One set
/// of `CELLazySlots` holds all the values. It is one map: `.hostMap(CELHostMap(lazyMap))`.
public final class CELLazyMap: CELMapHost, Sendable {
    private let order: [String]
    private let positions: [String: Int]
    private let computations: [@Sendable () -> Result<CELValue, CELError>]
    private let slots: CELLazySlots

    /// `entries` keep their order for iteration; a repeated key is the first entry's.
    public init(_ entries: [(String, @Sendable () -> Result<CELValue, CELError>)]) {
        var positions: [String: Int] = [:]
        var order: [String] = []
        var computations: [@Sendable () -> Result<CELValue, CELError>] = []
        for (k, f) in entries where positions[k] == nil {
            positions[k] = order.count
            order.append(k)
            computations.append(f)
        }
        self.positions = positions
        self.order = order
        self.computations = computations
        slots = CELLazySlots(count: order.count)
    }

    public func keys(in map: CELHostMap) -> [String] { order }
    public func count(in map: CELHostMap) -> Int { order.count }

    public func value(forKey key: String, in map: CELHostMap) -> CELValue? {
        guard case .success(let v)? = lookup(key, in: map) else { return nil }
        return v
    }

    public func lookup(_ key: String, in map: CELHostMap) -> Result<CELValue, CELError>? {
        positions[key].map { slots.value($0, computations[$0]) }
    }
}
