import Synchronization

/// Results computed once per run and shared by the rules that need them (for example the
/// RBAC permission analysis that some thirty rules filter by id). It belongs to one run: the
/// checker makes it before the first file and gives it to every `ResourceContext` and to the
/// `ResourceSet`, so nothing outlives the run.
///
/// Set rules run on several threads: a value is computed by the first rule that asks while
/// the others asking for the same key wait for it, rather than computing it again.
public final class RunMemo: Sendable {
    private let slots = Mutex<[String: Slot]>([:])

    /// One value, guarded by its own lock so different keys are computed in parallel.
    private final class Slot: Sendable {
        let value = Mutex<(any Sendable)?>(nil)
    }

    public init() {}

    /// The value stored under `key`, computing it with `make` the first time.
    public func value<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        let slot = slots.withLock { slots in
            if let existing = slots[key] { return existing }
            let created = Slot()
            slots[key] = created
            return created
        }
        return slot.value.withLock { stored in
            if let cached = stored as? T { return cached }
            let made = make()
            stored = made
            return made
        }
    }
}
