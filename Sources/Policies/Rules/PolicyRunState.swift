import Engine
import Models
import Synchronization
import YAMLTree

/// State shared by the rules of one `PolicySet` during check runs: the environment (built
/// once per run, not once per rule, and kept in the run's `RunMemo`, so it goes with the run)
/// and the runtime errors that `policy-error` reports.
final class PolicyRunState: Sendable {
    let supportResources: [Resource]

    /// A runtime error on a resource. It names the resource by its document's origin and its
    /// position rather than holding it: the checker keeps a reduced copy of each resource once
    /// its file is checked (`Retention`), and `policy-error` reports on that copy.
    struct ErrorRecord: Sendable {
        let origin: DocumentOrigin
        let position: SourcePosition
        let message: String

        init(resource: Resource, message: String) {
            origin = resource.node.document.origin
            position = resource.position
            self.message = message
        }
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

    /// The errors recorded in this run so far on resources of `set`, with those resources,
    /// removed so they are reported once.
    func takeErrors(for set: ResourceSet) -> [(resource: Resource, message: String)] {
        errors.withLock { pending in
            guard !pending.isEmpty else { return [] }
            struct Key: Hashable {
                let origin: ObjectIdentifier
                let position: SourcePosition
            }
            var resources: [Key: Resource] = [:]
            for r in set.resources {
                resources[Key(origin: ObjectIdentifier(r.node.document.origin), position: r.position)] = r
            }
            var taken: [(resource: Resource, message: String)] = []
            var others: [ErrorRecord] = []
            for e in pending {
                if let r = resources[Key(origin: ObjectIdentifier(e.origin), position: e.position)] {
                    taken.append((r, e.message))
                } else {
                    others.append(e)
                }
            }
            pending = others
            return taken
        }
    }
}
