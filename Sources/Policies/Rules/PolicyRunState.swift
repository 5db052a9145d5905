import Engine
import Models
import Synchronization
import YAMLTree

/// State shared by the rules of one `PolicySet` during check runs: the environment (built
/// once per run, not once per rule, and kept in the run's `RunMemo`, so it goes with the run)
/// and the runtime errors that `policy-error` reports.
final class PolicyRunState: Sendable {
    let supportResources: [Resource]

    struct ErrorRecord: Sendable {
        let resource: Resource
        let message: String
    }

    /// Errors recorded by the policy rules, per-resource and cross-resource alike. Each run
    /// takes those of its own documents, so runs sharing the rules keep theirs apart.
    private let errors = Mutex<[ErrorRecord]>([])

    init(supportResources: [Resource]) {
        self.supportResources = supportResources
    }

    /// The environment of this run, built by the first rule that asks.
    func environment(for set: ResourceSet) -> PolicyEnvironment {
        // Keyed by this state too: policy sets with other support resources may share a run.
        set.memo.value("PolicyEnvironment \(ObjectIdentifier(self))") {
            PolicyEnvironment(set: set, supportResources: supportResources)
        }
    }

    func record(_ found: [ErrorRecord]) {
        guard !found.isEmpty else { return }
        errors.withLock { $0.append(contentsOf: found) }
    }

    /// The errors recorded in this run so far, removed so they are reported once.
    func takeErrors(for set: ResourceSet) -> [ErrorRecord] {
        errors.withLock { pending in
            guard !pending.isEmpty else { return [] }
            let documents = Set(set.resources.map { ObjectIdentifier($0.node.document) })
            var taken: [ErrorRecord] = []
            var others: [ErrorRecord] = []
            for e in pending {
                if documents.contains(ObjectIdentifier(e.resource.node.document)) { taken.append(e) } else { others.append(e) }
            }
            pending = others
            return taken
        }
    }
}
