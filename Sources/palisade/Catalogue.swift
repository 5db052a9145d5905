import Engine
import Policies
import RuleCatalogue

/// The run's rules; a policy that does not load is a usage error (exit 2).
func catalogue(policyPaths: [String] = []) throws -> [any Rule] {
    do throws(PolicyError) {
        return try RuleCatalogue.rules(policyPaths: policyPaths)
    } catch {
        throw failUsage("invalid policy: \(error.description)")
    }
}
