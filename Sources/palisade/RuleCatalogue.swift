import Engine
import Foundation
import Policies
import Rules

/// Every rule of a run: the Swift rules, then the built-in policies from `policies/`, then
/// user policies (`--policy`, `policies:` in `.palisade.yaml`). Policy rules come last
/// because `policy-error` reports what the policy rules before it recorded.
enum RuleCatalogue {
    static func rules(policyPaths: [String] = []) throws -> [any Rule] {
        do throws(PolicyError) {
            var set = BuiltinPolicies.policies
            if !policyPaths.isEmpty { set = try set.merging(PolicyLoader.load(paths: policyPaths)) }
            try set.checkUniqueIDs(reserved: Set(BuiltinRules.all.map(\.metadata.id)))
            return BuiltinRules.all + set.rules
        } catch {
            throw failUsage("invalid policy: \(error.description)")
        }
    }
}
