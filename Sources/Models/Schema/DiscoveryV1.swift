/// `discovery.k8s.io/v1`: EndpointSlice. Written from the Kubernetes API reference (v1.31+).
public enum DiscoveryV1 {
    public static let endpointConditions = ObjectSchema("EndpointConditions", [
        "ready": .boolean,
        "serving": .boolean,
        "terminating": .boolean,
    ])

    public static let forZone = ObjectSchema("ForZone", [
        "name": .string,
    ])

    public static let forNode = ObjectSchema("ForNode", [
        "name": .string,
    ])

    public static let endpointHints = ObjectSchema("EndpointHints", [
        "forNodes": .array(.object(forNode)),
        "forZones": .array(.object(forZone)),
    ])

    public static let endpoint = ObjectSchema("Endpoint", [
        "addresses": .array(.string),
        "conditions": .object(endpointConditions),
        "deprecatedTopology": .map(.string),
        "hints": .object(endpointHints),
        "hostname": .string,
        "nodeName": .string,
        "targetRef": .object(CoreV1.objectReference),
        "zone": .string,
    ])

    /// `EndpointPort` (discovery/v1).
    public static let endpointPort = ObjectSchema("EndpointPort", [
        "appProtocol": .string,
        "name": .string,
        "port": .integer,
        "protocol": .string,
    ])

    /// `EndpointSlice`. No spec or status: fields are top level.
    public static let endpointSlice = ObjectSchema("EndpointSlice", [
        "addressType": .string,
        "apiVersion": .string,
        "endpoints": .array(.object(endpoint)),
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "ports": .array(.object(endpointPort)),
    ])
}
