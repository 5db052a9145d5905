import Models
import YAMLTree

/// Parsing shared by native policies and ValidatingAdmissionPolicies.
enum PolicyParsing {
    /// `variables: [{name, expression}]`; names are CEL identifiers, unique, in order.
    static func variables(_ spec: FieldReader, names: Set<String>) throws(PolicyError) -> [NamedExpression] {
        var out: [NamedExpression] = []
        var seen = Set<String>()
        for v in try spec.mappings("variables") {
            try v.allowOnly(["name", "expression"])
            let name = try v.requiredString("name")
            guard isIdentifier(name) else {
                throw PolicyError("\(v.child("name")) '\(name)' is not a CEL identifier", at: v.node["name"] ?? v.node)
            }
            guard seen.insert(name).inserted else { throw PolicyError("duplicate variable '\(name)'", at: v.node) }
            guard let e = v.node("expression") else { throw PolicyError("\(v.child("expression")) is required", at: v.node) }
            out.append(NamedExpression(name: name, expression: try CompiledExpression(e, field: v.child("expression"), variables: names)))
        }
        return out
    }

    /// `matchLabels` / `matchExpressions`, with operators checked.
    static func selector(_ s: FieldReader) throws(PolicyError) -> LabelSelector {
        try s.allowOnly(["matchLabels", "matchExpressions"])
        let selector = LabelSelector(selector: s.node)
        if let bad = selector.invalidOperators.first {
            throw PolicyError("\(s.path): operator must be In, NotIn, Exists or DoesNotExist", at: bad)
        }
        return selector
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || isASCIILetter(first) else {
            return false
        }
        return s.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }
}
