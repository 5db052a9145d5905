import Engine
import Models
import Synchronization
import YAMLTree

/// State shared by the rules of one `PolicySet` during a check run: the environment (built
/// once per run, not once per rule) and the runtime errors that `policy-error` reports.
///
/// The checker runs set rules one after another on the same `ResourceSet`; a run is
/// recognised by the set's first document and size. Only the latest run is kept, so memory
/// stays bounded whatever the number of runs.
final class PolicyRunState: Sendable {
    let supportResources: [Resource]
    private let state = Mutex(State())

    struct ErrorRecord: Sendable {
        let resource: Resource
        let message: String
    }

    private struct State {
        var key: RunKey?
        var environment: PolicyEnvironment?
        var errors: [ErrorRecord] = []
    }

    /// Errors of policies run with the per-resource rules, before any set exists. Each run
    /// takes those of its own documents, so runs sharing the rules keep theirs apart.
    private let resourceErrors = Mutex<[ErrorRecord]>([])

    /// Identifies a run; holding the document keeps its identity from being reused.
    private struct RunKey {
        let document: YAMLDocument?
        let count: Int

        init(_ set: ResourceSet) {
            document = set.resources.first?.node.document
            count = set.resources.count
        }

        func same(as other: RunKey) -> Bool {
            count == other.count && document.map(ObjectIdentifier.init) == other.document.map(ObjectIdentifier.init)
        }
    }

    init(supportResources: [Resource]) {
        self.supportResources = supportResources
    }

    /// The environment of this run, built by the first rule that asks.
    func environment(for set: ResourceSet) -> PolicyEnvironment {
        let key = RunKey(set)
        return state.withLock { s in
            if let k = s.key, k.same(as: key), let env = s.environment { return env }
            let env = PolicyEnvironment(set: set, supportResources: supportResources)
            s = State(key: key, environment: env, errors: [])
            return env
        }
    }

    func record(_ errors: [ErrorRecord], for set: ResourceSet) {
        guard !errors.isEmpty else { return }
        _ = environment(for: set)
        state.withLock { $0.errors.append(contentsOf: errors) }
    }

    func record(resourceError: ErrorRecord) {
        resourceErrors.withLock { $0.append(resourceError) }
    }

    /// The errors recorded in this run so far, removed so they are reported once.
    func takeErrors(for set: ResourceSet) -> [ErrorRecord] {
        let key = RunKey(set)
        var taken: [ErrorRecord] = state.withLock { s in
            guard let k = s.key, k.same(as: key) else { return [] }
            defer { s.errors = [] }
            return s.errors
        }
        resourceErrors.withLock { pending in
            guard !pending.isEmpty else { return }
            let documents = Set(set.resources.map { ObjectIdentifier($0.node.document) })
            var others: [ErrorRecord] = []
            for e in pending {
                if documents.contains(ObjectIdentifier(e.resource.node.document)) { taken.append(e) } else { others.append(e) }
            }
            pending = others
        }
        return taken
    }
}
