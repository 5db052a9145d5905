// The Kubernetes authorizer library (ValidatingAdmissionPolicy's `authorizer` variable):
// `authorizer.group(g).resource(r).subresource(s).namespace(n).name(x).check(verb).allowed()`,
// `authorizer.path(p).check(verb)`, `authorizer.serviceAccount(ns, name)…`, and on a
// decision `allowed()`, `reason()`, `errored()`, `error()`. The host supplies the answers.

/// What an authorizer check asks: who, and either a resource or a non-resource path.
public struct CELAuthorizationRequest: Sendable, Hashable {
    /// The service account to check for (`authorizer.serviceAccount(ns, name)`); nil means
    /// the admission request's user.
    public var serviceAccountNamespace: String?
    public var serviceAccountName: String?
    public var group = ""
    public var resource = ""
    public var subresource = ""
    public var namespace = ""
    public var name = ""
    public var path: String?
    public var verb = ""

    public init() {}
}

/// The answer to one check.
public struct CELAuthorizationDecision: Sendable, Hashable {
    public var allowed: Bool
    public var reason: String
    public var error: String?

    public init(allowed: Bool, reason: String, error: String? = nil) {
        self.allowed = allowed
        self.reason = reason
        self.error = error
    }
}

/// Answers authorizer checks; Palisade implements it over its offline RBAC/ABAC model.
public protocol CELAuthorizer: Sendable {
    func check(_ request: CELAuthorizationRequest) -> CELAuthorizationDecision
}

/// `authorizer` and the partial checks built from it.
public struct CELAuthorizerValue: CELObject {
    let authorizer: any CELAuthorizer
    var request: CELAuthorizationRequest
    /// Which builder step this value is, for the methods it accepts.
    enum Stage: Sendable { case root, group, resource, path }
    var stage: Stage

    public init(_ authorizer: any CELAuthorizer) {
        self.authorizer = authorizer
        request = CELAuthorizationRequest()
        stage = .root
    }

    public var celType: CELType {
        switch stage {
        case .root: CELType("kubernetes.authorization.Authorizer")
        case .group: CELType("kubernetes.authorization.GroupCheck")
        case .resource: CELType("kubernetes.authorization.ResourceCheck")
        case .path: CELType("kubernetes.authorization.PathCheck")
        }
    }

    public func isEqual(to other: any CELObject) -> Bool {
        guard let o = other as? CELAuthorizerValue else { return false }
        return o.request == request && o.stage == stage
    }
}

/// The result of `check(verb)`.
public struct CELAuthorizerDecisionValue: CELObject {
    let decision: CELAuthorizationDecision

    public var celType: CELType { CELType("kubernetes.authorization.Decision") }

    public func isEqual(to other: any CELObject) -> Bool {
        (other as? CELAuthorizerDecisionValue)?.decision == decision
    }
}

func registerAuthorizer(_ t: inout FunctionTable) {
    func builder(_ name: String, arity: Int = 1, from stages: Set<CELAuthorizerValue.Stage>,
                 _ apply: @escaping @Sendable (inout CELAuthorizerValue, [String]) -> Void) {
        t.receiverChained(name, arity: arity) { a, _ throws(CELError) in
            guard case .object(var value as CELAuthorizerValue) = a[0], stages.contains(value.stage) else { return nil }
            var strings: [String] = []
            for arg in a.dropFirst() {
                guard case .string(let s) = arg else { throw argumentError(name, a) }
                strings.append(s)
            }
            apply(&value, strings)
            return .object(value)
        }
    }
    builder("serviceAccount", arity: 2, from: [.root]) { v, s in
        v.request.serviceAccountNamespace = s[0]
        v.request.serviceAccountName = s[1]
    }
    builder("group", from: [.root]) { v, s in v.request.group = s[0]; v.stage = .group }
    builder("path", from: [.root]) { v, s in v.request.path = s[0]; v.stage = .path }
    builder("resource", from: [.group]) { v, s in v.request.resource = s[0]; v.stage = .resource }
    builder("subresource", from: [.resource]) { v, s in v.request.subresource = s[0] }
    builder("namespace", from: [.resource]) { v, s in v.request.namespace = s[0] }
    builder("name", from: [.resource]) { v, s in v.request.name = s[0] }
    t.receiverChained("check", arity: 1) { a, _ throws(CELError) in
        guard case .object(let value as CELAuthorizerValue) = a[0] else { return nil }
        guard value.stage == .resource || value.stage == .path, case .string(let verb) = a[1] else {
            throw argumentError("check", a)
        }
        var request = value.request
        request.verb = verb
        return .object(CELAuthorizerDecisionValue(decision: value.authorizer.check(request)))
    }
    func decision(_ name: String, _ read: @escaping @Sendable (CELAuthorizationDecision) -> CELValue) {
        t.receiverChained(name, arity: 0) { a, _ throws(CELError) in
            guard case .object(let value as CELAuthorizerDecisionValue) = a[0] else { return nil }
            return read(value.decision)
        }
    }
    decision("allowed") { .bool($0.allowed) }
    decision("reason") { .string($0.reason) }
    decision("errored") { .bool($0.error != nil) }
    decision("error") { .string($0.error ?? "") }
}

extension FunctionTable {
    /// Adds a receiver overload that handles only its own value types: `impl` returns nil
    /// for arguments it does not own, and the call falls through to what was registered
    /// before under the same name (e.g. the URL library's `path`-like names).
    mutating func receiverChained(_ name: String, arity: Int,
                                  _ impl: @escaping @Sendable ([CELValue], EvalContext) throws(CELError) -> CELValue?) {
        let previous = lookup(name, receiver: true, arity: arity)
        receiver(name, arity: arity) { a, context throws(CELError) in
            if let result = try impl(a, context) { return result }
            if let previous { return try previous(a, context) }
            throw argumentError(name, a)
        }
    }
}
