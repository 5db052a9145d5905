import CustomResources
import Engine
import Policies
import Rules

/// Every rule of a run: the Swift rules, the custom-resource rules, then the built-in
/// policies from `policies/`, then user policies (`--policy`, `policies:` in
/// `.palisade.yaml`). Policy rules come last because `policy-error` reports what the policy
/// rules before it recorded.
public enum RuleCatalogue {
    /// The rules Palisade ships, without user policies.
    public static let builtin: [any Rule] = BuiltinRules.all + CustomResourceRules.all + BuiltinPolicies.all

    public static func rules(policyPaths: [String] = []) throws(PolicyError) -> [any Rule] {
        var set = BuiltinPolicies.policies
        if !policyPaths.isEmpty { set = try set.merging(PolicyLoader.load(paths: policyPaths)) }
        try set.checkUniqueIDs(reserved: Set((BuiltinRules.all + CustomResourceRules.all).map(\.metadata.id)))
        return BuiltinRules.all + CustomResourceRules.all + set.rules
    }
}
