import Engine
import Models
import Synchronization
import YAMLTree

/// State shared by the rules of one `PolicySet` during check runs: the environment (built
/// once per run, not once per rule, and kept in the run's `RunMemo`, so it goes with the run)
/// and the runtime errors that `policy-error` reports.
final class PolicyRunState: Sendable {
    let supportResources: [Resource]

    /// A runtime error on a resource, named by file, position and identity: the checker keeps
    /// a reduced copy of each resource once its file is checked (`Retention`), and
    /// `policy-error` reports on that copy. Two inputs may share a name (standard input named
    /// like a file), so the position alone does not tell their resources apart; resources
    /// that agree on all three are reported identically anyway.
    struct ErrorRecord: Sendable {
        let key: ResourceKey
        let message: String

        init(resource: Resource, message: String) {
            key = ResourceKey(resource)
            self.message = message
        }
    }

    struct ResourceKey: Hashable, Sendable {
        let file: String
        let position: SourcePosition
        let identity: ResourceIdentity

        init(_ resource: Resource) {
            file = resource.file
            position = resource.position
            identity = resource.identity
        }
    }

    /// The errors of one run, kept in its memo so runs sharing the rules keep theirs apart.
    private final class ErrorLog: Sendable {
        let records = Mutex<[ErrorRecord]>([])
    }

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

    private func log(of run: RunMemo) -> ErrorLog {
        run.value("PolicyRunState.errors \(ObjectIdentifier(self))") { ErrorLog() }
    }

    func record(_ found: [ErrorRecord], in run: RunMemo) {
        guard !found.isEmpty else { return }
        log(of: run).records.withLock { $0.append(contentsOf: found) }
    }

    /// The errors recorded in the run of `set`, with the resources they are about, removed so
    /// they are reported once.
    func takeErrors(for set: ResourceSet) -> [(resource: Resource, message: String)] {
        let pending = log(of: set.memo).records.withLock { records in
            defer { records = [] }
            return records
        }
        guard !pending.isEmpty else { return [] }
        var resources: [ResourceKey: Resource] = [:]
        for r in set.resources { resources[ResourceKey(r)] = r }
        return pending.compactMap { e in resources[e.key].map { ($0, e.message) } }
    }
}
