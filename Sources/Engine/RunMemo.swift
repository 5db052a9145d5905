import Synchronization

/// Results computed once per run and shared by the rules that need them (for example the
/// RBAC permission analysis that some thirty rules filter by id). It belongs to one
/// `ResourceSet`, so nothing outlives the run.
public final class RunMemo: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    public init() {}

    /// The value stored under `key`, computing it with `make` the first time.
    public func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        if let cached = values.withLock({ $0[key] }) as? T { return cached }
        let made = make()
        values.withLock { $0[key] = made }
        return made
    }
}
