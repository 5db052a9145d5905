import Models
import YAMLTree

/// A node of a CRD's `openAPIV3Schema`, parsed once; `node` keeps the schema's source
/// position for findings on the CRD itself.
public final class OpenAPISchema: Sendable {
    public struct ValidationRule: Sendable {
        public var rule: String
        public var ruleNode: YAMLNode
        public var message: String?
        public var messageExpression: String?
        public var messageExpressionNode: YAMLNode?
        public var fieldPath: String?
        public var reason: String?
        public var optionalOldSelf: Bool
    }

    public enum Additional: Sendable {
        case allowed(Bool)
        case schema(OpenAPISchema)
    }

    public let node: YAMLNode
    public let type: String?
    public let properties: [(name: String, schema: OpenAPISchema)]
    public let required: [String]
    public let items: OpenAPISchema?
    public let additionalProperties: Additional?
    public let enumValues: [YAMLNode]?
    public let pattern: String?
    public let format: String?
    public let minimum: Double?
    public let maximum: Double?
    public let exclusiveMinimum: Bool
    public let exclusiveMaximum: Bool
    public let minLength: Int64?
    public let maxLength: Int64?
    public let minItems: Int64?
    public let maxItems: Int64?
    public let minProperties: Int64?
    public let maxProperties: Int64?
    public let uniqueItems: Bool
    public let nullable: Bool
    public let preserveUnknownFields: Bool
    public let intOrString: Bool
    public let embeddedResource: Bool
    public let listType: String?
    public let listMapKeys: [String]
    public let validations: [ValidationRule]

    public init(node: YAMLNode) {
        self.node = node
        func number(_ key: String) -> Double? { node[key]?.doubleValue ?? node[key]?.intValue.map(Double.init) }
        func flag(_ key: String) -> Bool { node[key]?.boolValue ?? false }
        type = node["type"]?.scalar
        var props: [(String, OpenAPISchema)] = []
        if let p = node["properties"], p.isMapping {
            for (k, v) in p.pairs where v.isMapping { props.append((k.scalar ?? "", OpenAPISchema(node: v))) }
        }
        properties = props
        required = node["required"]?.listItems.compactMap(\.scalar) ?? []
        items = node["items"].flatMap { $0.isMapping ? OpenAPISchema(node: $0) : nil }
        if let a = node["additionalProperties"] {
            if let b = a.boolValue { additionalProperties = .allowed(b) } else if a.isMapping {
                additionalProperties = .schema(OpenAPISchema(node: a))
            } else { additionalProperties = nil }
        } else {
            additionalProperties = nil
        }
        enumValues = node["enum"]?.isSequence == true ? Array(node["enum"]!.items) : nil
        pattern = node["pattern"]?.scalar
        format = node["format"]?.scalar
        minimum = number("minimum")
        maximum = number("maximum")
        exclusiveMinimum = flag("exclusiveMinimum")
        exclusiveMaximum = flag("exclusiveMaximum")
        minLength = node["minLength"]?.intValue
        maxLength = node["maxLength"]?.intValue
        minItems = node["minItems"]?.intValue
        maxItems = node["maxItems"]?.intValue
        minProperties = node["minProperties"]?.intValue
        maxProperties = node["maxProperties"]?.intValue
        uniqueItems = flag("uniqueItems")
        nullable = flag("nullable")
        preserveUnknownFields = flag("x-kubernetes-preserve-unknown-fields")
        intOrString = flag("x-kubernetes-int-or-string")
        embeddedResource = flag("x-kubernetes-embedded-resource")
        listType = node["x-kubernetes-list-type"]?.scalar
        listMapKeys = node["x-kubernetes-list-map-keys"]?.listItems.compactMap(\.scalar) ?? []
        validations = (node["x-kubernetes-validations"]?.listItems ?? []).compactMap { item in
            guard let ruleNode = item["rule"], let rule = ruleNode.scalar else { return nil }
            return ValidationRule(rule: rule, ruleNode: ruleNode, message: item["message"]?.scalar,
                                  messageExpression: item["messageExpression"]?.scalar,
                                  messageExpressionNode: item["messageExpression"],
                                  fieldPath: item["fieldPath"]?.scalar, reason: item["reason"]?.scalar,
                                  optionalOldSelf: item["optionalOldSelf"]?.boolValue ?? false)
        }
    }

    public func property(_ name: String) -> OpenAPISchema? { properties.first { $0.name == name }?.schema }
}
