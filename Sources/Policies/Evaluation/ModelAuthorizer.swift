import Authz
import CEL

/// Answers a ValidatingAdmissionPolicy's `authorizer` checks from the repository's RBAC and
/// ABAC grants. Offline there is no requesting user, so checks for the request's user are
/// denied; checks for a service account (`authorizer.serviceAccount(ns, name)…`), the
/// useful ones in a repository, are answered by the model with the grant that allows them.
struct ModelAuthorizer: CELAuthorizer {
    let model: AuthorizationModel

    func check(_ r: CELAuthorizationRequest) -> CELAuthorizationDecision {
        guard let namespace = r.serviceAccountNamespace, let name = r.serviceAccountName else {
            return CELAuthorizationDecision(allowed: false,
                                            reason: "no requesting user offline; use authorizer.serviceAccount(namespace, name)")
        }
        let request = r.path.map { AccessRequest(verb: r.verb, path: $0) }
            ?? AccessRequest(verb: r.verb, apiGroup: r.group, resource: r.resource, subresource: r.subresource,
                             namespace: r.namespace, name: r.name)
        let decision = model.authorize(request, user: .serviceAccount(namespace: namespace, name: name))
        let reason = decision.evidence.first.map { evidence in
            evidence.steps.map(\.summary).joined(separator: " → ")
        } ?? "no RBAC or ABAC grant allows it"
        return CELAuthorizationDecision(allowed: decision.allowed, reason: reason)
    }
}
