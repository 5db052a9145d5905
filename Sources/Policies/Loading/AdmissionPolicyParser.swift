import Models
import YAMLTree

/// Reads `ValidatingAdmissionPolicy` and `ValidatingAdmissionPolicyBinding` documents as
/// the API server would accept them (admissionregistration.k8s.io/v1).
enum AdmissionPolicyParser {
    static let apiVersion = "admissionregistration.k8s.io/v1"

    static func policy(_ root: FieldReader) throws(PolicyError) -> AdmissionPolicy {
        let name = try root.requiredMapping("metadata").requiredString("name")
        let spec = try root.requiredMapping("spec")
        var paramKind: ParamKind?
        if let p = try spec.mapping("paramKind") {
            paramKind = ParamKind(apiVersion: try p.requiredString("apiVersion"), kind: try p.requiredString("kind"))
        }
        let vars = CompiledExpression.admissionVariables
        var conditions: [NamedExpression] = []
        for c in try spec.mappings("matchConditions") {
            guard let e = c.node("expression") else { throw PolicyError("\(c.child("expression")) is required", at: c.node) }
            conditions.append(NamedExpression(name: try c.requiredString("name"),
                                              expression: try CompiledExpression(e, field: c.child("expression"), variables: vars)))
        }
        var validations: [Validation] = []
        for v in try spec.mappings("validations") {
            guard let e = v.node("expression") else { throw PolicyError("\(v.child("expression")) is required", at: v.node) }
            let message = try v.string("message")
            if let message, message.contains("\n") {
                throw PolicyError("\(v.child("message")) must not contain line breaks", at: v.node["message"] ?? v.node)
            }
            validations.append(Validation(
                expression: try CompiledExpression(e, field: v.child("expression"), variables: vars),
                message: message,
                messageExpression: try v.node("messageExpression").map { (n) throws(PolicyError) in
                    try CompiledExpression(n, field: v.child("messageExpression"), variables: vars)
                },
                reason: try v.string("reason")))
        }
        guard !validations.isEmpty else {
            throw PolicyError("spec.validations must list at least one validation (auditAnnotations alone are not checked offline)", at: spec.node)
        }
        let failurePolicy = try spec.string("failurePolicy") ?? "Fail"
        guard failurePolicy == "Fail" || failurePolicy == "Ignore" else {
            throw PolicyError("spec.failurePolicy must be Fail or Ignore", at: spec.node["failurePolicy"] ?? spec.node)
        }
        guard let constraints = try spec.mapping("matchConstraints") else {
            throw PolicyError("spec.matchConstraints is required", at: spec.node)
        }
        let match = try matchResources(constraints, isPolicy: true)
        return AdmissionPolicy(name: name, file: root.node.file, position: root.node.position, paramKind: paramKind,
                               matchConstraints: match, matchConditions: conditions,
                               variables: try PolicyParsing.variables(spec, names: vars),
                               validations: validations, ignoreFailures: failurePolicy == "Ignore")
    }

    static func binding(_ root: FieldReader) throws(PolicyError) -> AdmissionBinding {
        let name = try root.requiredMapping("metadata").requiredString("name")
        let spec = try root.requiredMapping("spec")
        var paramRef: ParamRef?
        if let p = try spec.mapping("paramRef") {
            let refName = try p.string("name")
            let selector = try p.mapping("selector").map { (s) throws(PolicyError) in try PolicyParsing.selector(s) }
            guard (refName == nil) != (selector == nil) else {
                throw PolicyError("\(p.path): exactly one of name and selector must be set", at: p.node)
            }
            let action = try p.string("parameterNotFoundAction") ?? "Deny"
            guard action == "Allow" || action == "Deny" else {
                throw PolicyError("\(p.child("parameterNotFoundAction")) must be Allow or Deny", at: p.node)
            }
            paramRef = ParamRef(name: refName, selector: selector, namespace: try p.string("namespace"),
                                denyWhenNotFound: action == "Deny")
        }
        var actions = Set<ValidationAction>()
        for a in try spec.strings("validationActions") {
            guard let action = ValidationAction(rawValue: a) else {
                throw PolicyError("spec.validationActions: '\(a)' is not Deny, Warn or Audit", at: spec.node["validationActions"] ?? spec.node)
            }
            actions.insert(action)
        }
        guard !actions.isEmpty else { throw PolicyError("spec.validationActions is required", at: spec.node) }
        guard !(actions.contains(.deny) && actions.contains(.warn)) else {
            throw PolicyError("spec.validationActions must not combine Deny and Warn", at: spec.node["validationActions"] ?? spec.node)
        }
        return AdmissionBinding(
            name: name, file: root.node.file, position: root.node.position,
            policyName: try spec.requiredString("policyName"), paramRef: paramRef,
            matchResources: try spec.mapping("matchResources").map { (m) throws(PolicyError) in try matchResources(m, isPolicy: false) },
            validationActions: actions)
    }

    static func matchResources(_ m: FieldReader, isPolicy: Bool) throws(PolicyError) -> MatchResources {
        var match = MatchResources()
        if let s = try m.mapping("namespaceSelector") { match.namespaceSelector = try PolicyParsing.selector(s) }
        if let s = try m.mapping("objectSelector") { match.objectSelector = try PolicyParsing.selector(s) }
        if let policy = try m.string("matchPolicy"), policy != "Equivalent" && policy != "Exact" {
            throw PolicyError("\(m.child("matchPolicy")) must be Exact or Equivalent", at: m.node)
        }
        if m.node("resourceRules") != nil {
            match.resourceRules = try m.mappings("resourceRules").map { (r) throws(PolicyError) in try rule(r) }
        } else if isPolicy {
            throw PolicyError("\(m.child("resourceRules")) is required", at: m.node)
        }
        match.excludeResourceRules = try m.mappings("excludeResourceRules").map { (r) throws(PolicyError) in try rule(r) }
        return match
    }

    static func rule(_ r: FieldReader) throws(PolicyError) -> NamedRuleWithOperations {
        let scope = try r.string("scope") ?? "*"
        guard ["Cluster", "Namespaced", "*"].contains(scope) else {
            throw PolicyError("\(r.child("scope")) must be Cluster, Namespaced or *", at: r.node["scope"] ?? r.node)
        }
        return NamedRuleWithOperations(
            apiGroups: try r.strings("apiGroups"), apiVersions: try r.strings("apiVersions"),
            operations: try r.strings("operations"), resources: try r.strings("resources"),
            resourceNames: try r.strings("resourceNames"), scope: scope)
    }
}
