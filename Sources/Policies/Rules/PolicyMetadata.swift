import Engine

extension NativePolicy {
    func metadata(_ rule: NativeRule) -> RuleMetadata {
        RuleMetadata(
            id: ruleIDPrefix + rule.id, area: area, severity: rule.severity,
            summary: rule.summary ?? rule.message ?? "Policy \(name), rule \(rule.id)",
            rationale: rule.rationale ?? description ?? "Defined by policy \(name) in \(file).",
            remediation: rule.remediation.isEmpty ? "Change the resource so that `\(rule.expression.source)` holds." : rule.remediation,
            enabledByDefault: rule.enabled,
            triggering: rule.failExamples, nonTriggering: rule.passExamples)
            .defined(by: "policy \(name) (\(file)), compliant when:\n\(rule.expression.source)"
                + variables.map { "\nwith variables.\($0.name) = \($0.expression.source)" }.joined())
    }
}

extension RuleMetadata {
    func defined(by text: String) -> RuleMetadata {
        var copy = self
        copy.definition = text
        return copy
    }
}

extension AdmissionPolicy {
    func metadata(_ bindings: [AdmissionBinding]) -> RuleMetadata {
        let severity = bindings.flatMap(\.validationActions).map(\.severity).max() ?? .error
        let messages = validations.map { $0.message ?? "`\($0.expression.source)` holds" }
        return RuleMetadata(
            id: name, area: "admission-policies", severity: severity,
            summary: messages.count == 1 ? messages[0] : "ValidatingAdmissionPolicy \(name) (\(messages.count) validations)",
            rationale: "ValidatingAdmissionPolicy \(name) from \(file), evaluated offline as a CREATE of each matching manifest "
                + "(bindings: \(bindings.map(\.name).joined(separator: ", "))). Deny → error, Warn → warning, Audit → info.",
            remediation: messages.joined(separator: "; "),
            triggering: [], nonTriggering: [])
            .defined(by: "ValidatingAdmissionPolicy \(name) (\(file)), validations:\n"
                + validations.map(\.expression.source).joined(separator: "\n"))
    }
}
