import Engine
import Models
import YAMLTree

/// One rule of a native policy (`policy-name/rule-id`; a built-in policy's rule keeps its bare
/// id) or one ValidatingAdmissionPolicy (its name) as a linter rule: listed by `palisade
/// rules`, explained by `palisade explain`, run by the checker after the per-file rules. It
/// sees the whole resource set because namespaces, params and custom resource definitions
/// come from other files. Native policies that need none of that run as `ResourcePolicyRule`.
public struct PolicyRule: SetRule {
    public let metadata: RuleMetadata

    enum Source: Sendable {
        case native(NativePolicy, ruleIndex: Int)
        case admission(AdmissionPolicy, bindings: [AdmissionBinding])
    }

    let source: Source
    let run: PolicyRunState

    /// A policy reads any field of the resources it matches and of their Namespace (and, for
    /// an admission policy, of its params): those are kept whole.
    public var readsWholeResources: KindScope {
        switch source {
        case .native(let policy, _):
            let kinds = policy.match.kinds
            return kinds.isEmpty || kinds.contains("*") ? .all : .kinds(Set(kinds).union(["Namespace"]))
        case .admission:
            return .all
        }
    }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let env = run.environment(for: set)
        var errors: [PolicyRunState.ErrorRecord] = []
        switch source {
        case .native(let policy, let index):
            let rule = policy.rules[index]
            let kinds = policy.match.kinds
            let candidates = kinds.isEmpty || kinds.contains("*") ? set.resources : set.ofKinds(kinds)
            for resource in candidates where set.isReported(resource) && policy.match.matches(resource) {
                if let error = Self.report(policy.evaluate(rule: rule, on: resource, env), of: rule, in: policy,
                                           on: resource, &report) {
                    errors.append(error)
                }
            }
        case .admission(let policy, let bindings):
            for resource in set.resources where set.isReported(resource) {
                for binding in bindings {
                    for result in AdmissionEvaluation(policy: policy, binding: binding, env: env).evaluate(resource) {
                        switch result.outcome {
                        case .pass: break
                        case .fail(let message):
                            // At the rule's own severity (its strictest action), a finding takes
                            // the configured one (`severity:` in `.palisade.yaml`), as for every
                            // rule; the milder actions of other bindings keep theirs.
                            let explicit: Severity? = result.severity == report.declaredSeverity ? nil : result.severity
                            report.report(message, at: resource.node, in: resource, severity: explicit)
                        case .error(let e):
                            errors.append(.init(resource: resource,
                                                message: "ValidatingAdmissionPolicy \(policy.name) (binding \(binding.name)): \(e)"))
                        }
                    }
                }
            }
        }
        run.record(errors, in: set.memo)
    }

    /// Reports a failed rule as a finding; a runtime error is returned for `policy-error`.
    static func report(_ outcome: RuleOutcome, of rule: NativeRule, in policy: NativePolicy, on resource: Resource,
                       _ report: inout FindingSink) -> PolicyRunState.ErrorRecord? {
        switch outcome {
        case .pass:
            return nil
        case .fail(let message):
            report.report(message, at: node(rule.fieldPath?.segments(for: resource.kind), in: resource, atKey: rule.reportAtKey),
                          in: resource)
            return nil
        case .error(let e):
            return .init(resource: resource, message: "policy \(policy.name), rule \(rule.id): \(e)")
        }
    }

    /// Where a finding points. When the whole `path` exists: the node at it, or its key with
    /// `atKey` (a list item has no key: the item). When only part of it exists: the key of the
    /// deepest existing field, which is where the missing field should be added (the Swift
    /// rules report a missing field the same way). Without a path, or when not even the first
    /// field exists: the resource.
    static func node(_ path: [FieldPathSegment]?, in resource: Resource, atKey: Bool) -> YAMLNode {
        var node = resource.node
        var key: YAMLNode?
        for segment in path ?? [] {
            switch segment {
            case .key(let k):
                guard node.isMapping, let next = node[k] else { return key ?? node }
                key = node.keyNode(k)
                node = next
            case .index(let i):
                guard node.isSequence, i < node.count else { return key ?? node }
                key = nil
                node = node.items[i]
            }
        }
        return atKey ? key ?? node : node
    }
}

/// `policy-error`: a policy that failed at runtime on a resource (a field read without a
/// `has()` guard, the cost limit, a non-bool result). Runs after the policy rules of its set.
public struct PolicyErrorRule: SetRule {
    public static let id = RuleSelection.policyErrorRuleID
    let run: PolicyRunState
    /// It reports the errors the policy rules recorded, so it waits for them.
    public var runsAfterOtherSetRules: Bool { true }

    public var metadata: RuleMetadata {
        RuleMetadata(
            id: Self.id, area: "policies", severity: .error,
            summary: "A policy could not be evaluated on a resource",
            rationale: "A policy that errors checks nothing: the resource is neither accepted nor rejected by it. In the cluster the same ValidatingAdmissionPolicy would reject the request (failurePolicy: Fail).",
            remediation: "Guard optional fields with has() or the optional syntax (object.?spec.?x.orValue(...)), or set failurePolicy: Ignore on a ValidatingAdmissionPolicy whose errors should be ignored.",
            triggering: [],
            nonTriggering: [RuleExample("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n")])
    }

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for e in run.takeErrors(for: set) {
            report.report(e.message, at: e.resource.node, in: e.resource)
        }
    }
}

/// A native policy rule that reads nothing beyond the resource itself (no `namespaceObject`):
/// it runs with the per-resource rules, while the resource's file is being checked, and the
/// rules of one policy share the evaluation scope, so each variable is computed once per
/// resource however many rules read it.
public struct ResourcePolicyRule: ResourceRule {
    public let metadata: RuleMetadata
    let policy: NativePolicy
    let ruleIndex: Int
    /// Shared by the rules of one policy: the key of their scope in the resource's context.
    let scopeKey: ScopeKey
    let run: PolicyRunState

    final class ScopeKey: Sendable {}

    /// The policy's kinds, so the checker does not call the rule for other objects.
    public var applicability: RuleApplicability {
        let kinds = policy.match.kinds
        return kinds.isEmpty || kinds.contains("*") ? .everyResource : .kinds(Set(kinds))
    }

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard policy.match.matches(resource) else { return }
        let policy = self.policy
        let scope = context.view(ObjectIdentifier(scopeKey)) { policy.scope(for: $0, namespaceObject: nil) }
        let rule = policy.rules[ruleIndex]
        if let error = PolicyRule.report(policy.evaluate(rule: rule, in: scope), of: rule, in: policy, on: resource, &report) {
            run.record([error], in: context.run)
        }
    }
}
