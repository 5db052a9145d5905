import Foundation  // NSRecursiveLock for lazy bindings; not used while evaluating nodes.

/// Variable bindings for one evaluation.
public struct CELActivation: Sendable {
    enum Binding: Sendable {
        case value(CELValue)
        case lazy(LazyValue)
    }

    private(set) var bindings: [String: Binding] = [:]

    public init(_ variables: [String: CELValue] = [:]) {
        for (k, v) in variables { bindings[k] = .value(v) }
    }

    public mutating func bind(_ name: String, to value: CELValue) {
        bindings[name] = .value(value)
    }

    /// Binds a value computed on first use, at most once per activation (copies of the
    /// activation share the result).
    public mutating func bindLazy(_ name: String, _ compute: @escaping @Sendable () -> Result<CELValue, CELError>) {
        bindings[name] = .lazy(LazyValue(compute))
    }

    func resolve(_ name: String) -> Result<CELValue, CELError>? {
        switch bindings[name] {
        case nil: return nil
        case .value(let v): return .success(v)
        case .lazy(let l): return l.get()
        }
    }
}

/// A memoised computation; the lock makes concurrent first uses compute once.
final class LazyValue: @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var cached: Result<CELValue, CELError>?
    private var computing = false
    private let compute: @Sendable () -> Result<CELValue, CELError>

    init(_ compute: @escaping @Sendable () -> Result<CELValue, CELError>) { self.compute = compute }

    func get() -> Result<CELValue, CELError> {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        // A binding that (indirectly) reads itself would recurse forever.
        if computing { return .failure(.invalidArgument("cyclic reference in lazily computed variable")) }
        computing = true
        let result = compute()
        computing = false
        cached = result
        return result
    }
}

/// A host map whose values are computed lazily and memoised, e.g. Kubernetes'
/// `variables.<name>`, where each variable is an expression evaluated on first use.
public final class CELLazyMap: CELMapLike, @unchecked Sendable {
    private let order: [String]
    private let values: [String: LazyValue]

    /// `entries` keep their order for iteration.
    public init(_ entries: [(String, @Sendable () -> Result<CELValue, CELError>)]) {
        var values: [String: LazyValue] = [:]
        var order: [String] = []
        for (k, f) in entries where values[k] == nil {
            values[k] = LazyValue(f)
            order.append(k)
        }
        self.values = values
        self.order = order
    }

    public var keys: [String] { order }
    public var count: Int { order.count }

    public func value(forKey key: String) -> CELValue? {
        guard case .success(let v)? = lookup(key) else { return nil }
        return v
    }

    public func lookup(_ key: String) -> Result<CELValue, CELError>? {
        values[key]?.get()
    }
}
