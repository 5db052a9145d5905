/// `core/v1` kinds other than Pod: Service, Endpoints, Namespace, ServiceAccount, ConfigMap,
/// Secret (PersistentVolumeClaim and PodTemplate are defined with the types they reuse).
/// Written from the Kubernetes API reference (v1.31+).
extension CoreV1 {
    // MARK: Service

    /// `ServicePort`.
    public static let servicePort = ObjectSchema("ServicePort", [
        "appProtocol": .string,
        "name": .string,
        "nodePort": .integer,
        "port": .integer,
        "protocol": .string,
        "targetPort": .intOrString,
    ])

    public static let clientIPConfig = ObjectSchema("ClientIPConfig", [
        "timeoutSeconds": .integer,
    ])

    public static let sessionAffinityConfig = ObjectSchema("SessionAffinityConfig", [
        "clientIP": .object(clientIPConfig),
    ])

    /// `ServiceSpec`.
    public static let serviceSpec = ObjectSchema("ServiceSpec", [
        "allocateLoadBalancerNodePorts": .boolean,
        "clusterIP": .string,
        "clusterIPs": .array(.string),
        "externalIPs": .array(.string),
        "externalName": .string,
        "externalTrafficPolicy": .string,
        "healthCheckNodePort": .integer,
        "internalTrafficPolicy": .string,
        "ipFamilies": .array(.string),
        "ipFamilyPolicy": .string,
        "loadBalancerClass": .string,
        "loadBalancerIP": .string,
        "loadBalancerSourceRanges": .array(.string),
        "ports": .array(.object(servicePort)),
        "publishNotReadyAddresses": .boolean,
        "selector": .map(.string),
        "sessionAffinity": .string,
        "sessionAffinityConfig": .object(sessionAffinityConfig),
        "trafficDistribution": .string,
        "type": .string,
    ])

    /// `Service` (v1).
    public static let service = ObjectSchema("Service", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(serviceSpec),
        "status": .any,
    ])

    // MARK: Endpoints

    public static let endpointAddress = ObjectSchema("EndpointAddress", [
        "hostname": .string,
        "ip": .string,
        "nodeName": .string,
        "targetRef": .object(objectReference),
    ])

    /// `EndpointPort` (core/v1).
    public static let endpointPort = ObjectSchema("EndpointPort", [
        "appProtocol": .string,
        "name": .string,
        "port": .integer,
        "protocol": .string,
    ])

    public static let endpointSubset = ObjectSchema("EndpointSubset", [
        "addresses": .array(.object(endpointAddress)),
        "notReadyAddresses": .array(.object(endpointAddress)),
        "ports": .array(.object(endpointPort)),
    ])

    /// `Endpoints` (v1). No spec or status: `subsets` is top level.
    public static let endpoints = ObjectSchema("Endpoints", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "subsets": .array(.object(endpointSubset)),
    ])

    // MARK: Namespace

    public static let namespaceSpec = ObjectSchema("NamespaceSpec", [
        "finalizers": .array(.string),
    ])

    /// `Namespace` (v1).
    public static let namespace = ObjectSchema("Namespace", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(namespaceSpec),
        "status": .any,
    ])

    // MARK: ServiceAccount

    /// `ServiceAccount` (v1). No spec or status.
    public static let serviceAccount = ObjectSchema("ServiceAccount", [
        "apiVersion": .string,
        "automountServiceAccountToken": .boolean,
        "imagePullSecrets": .array(.object(localObjectReference)),
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "secrets": .array(.object(objectReference)),
    ])

    // MARK: ConfigMap and Secret

    /// `ConfigMap` (v1). `binaryData` values are base64 strings.
    public static let configMap = ObjectSchema("ConfigMap", [
        "apiVersion": .string,
        "binaryData": .map(.string),
        "data": .map(.string),
        "immutable": .boolean,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
    ])

    /// `Secret` (v1). `data` values are base64 strings.
    public static let secret = ObjectSchema("Secret", [
        "apiVersion": .string,
        "data": .map(.string),
        "immutable": .boolean,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "stringData": .map(.string),
        "type": .string,
    ])
}
