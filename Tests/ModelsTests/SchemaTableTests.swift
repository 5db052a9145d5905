import XCTest
@testable import Models

/// Checks the strict-decoding field tables: every kind resolves, known fields exist with the
/// right type at several depths, common typos are not fields, and no schema repeats a name.
final class SchemaTableTests: XCTestCase {
    // MARK: Helpers

    /// A compact, comparable spelling of a field type: `string`, `array(object(Container))`, …
    private func describe(_ type: FieldType) -> String {
        switch type {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .intOrString: return "intOrString"
        case .quantity: return "quantity"
        case .any: return "any"
        case .object(let schema): return "object(\(schema.name))"
        case .array(let element): return "array(\(describe(element)))"
        case .map(let value): return "map(\(describe(value)))"
        }
    }

    /// Follows a dotted path from a kind's top level. A component ending in `[]` steps into an
    /// array's elements; `{}` steps into a map's values.
    private func resolve(
        _ apiVersion: String, _ kind: String, _ path: String,
        file: StaticString = #filePath, line: UInt = #line
    ) -> FieldType? {
        guard let root = KindSchemas.schema(apiVersion: apiVersion, kind: kind) else {
            XCTFail("no schema for \(apiVersion) \(kind)", file: file, line: line)
            return nil
        }
        var current: FieldType = .object(root)
        for component in path.split(separator: ".") {
            var name = Substring(component)
            var unwrapArray = false
            var unwrapMap = false
            if name.hasSuffix("[]") { name = name.dropLast(2); unwrapArray = true }
            if name.hasSuffix("{}") { name = name.dropLast(2); unwrapMap = true }
            guard case .object(let schema) = current else {
                XCTFail("\(path): \(describe(current)) is not an object at \(name)", file: file, line: line)
                return nil
            }
            guard var next = schema.field(named: String(name)) else { return nil }
            if unwrapArray {
                guard case .array(let element) = next else {
                    XCTFail("\(path): \(name) is \(describe(next)), not an array", file: file, line: line)
                    return nil
                }
                next = element
            }
            if unwrapMap {
                guard case .map(let value) = next else {
                    XCTFail("\(path): \(name) is \(describe(next)), not a map", file: file, line: line)
                    return nil
                }
                next = value
            }
            current = next
        }
        return current
    }

    private func assertField(
        _ apiVersion: String, _ kind: String, _ path: String, _ expected: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let type = resolve(apiVersion, kind, path, file: file, line: line) else {
            XCTFail("\(kind).\(path) is not a field", file: file, line: line)
            return
        }
        XCTAssertEqual(describe(type), expected, "\(kind).\(path)", file: file, line: line)
    }

    private func assertNoField(
        _ apiVersion: String, _ kind: String, _ path: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        // The parent must exist and be an object, so a typo in the parent path cannot make
        // this pass vacuously.
        var components = path.split(separator: ".").map(String.init)
        let last = components.removeLast()
        let parent: FieldType?
        if components.isEmpty {
            parent = KindSchemas.schema(apiVersion: apiVersion, kind: kind).map { .object($0) }
        } else {
            parent = resolve(apiVersion, kind, components.joined(separator: "."), file: file, line: line)
        }
        guard case .object(let schema)? = parent else {
            XCTFail("\(kind).\(components.joined(separator: ".")) is not an object", file: file, line: line)
            return
        }
        XCTAssertNil(schema.field(named: last),
                     "\(kind).\(path) should not be a field", file: file, line: line)
    }

    /// Names listed more than once in a schema (KeyValuePairs allows duplicates).
    private func duplicateNames(in schema: ObjectSchema) -> [String] {
        var seen: Set<String> = []
        return schema.fields.map(\.name).filter { !seen.insert($0).inserted }
    }

    /// Every ObjectSchema reachable from the modelled kinds, each once.
    private func reachableSchemas() -> [ObjectSchema] {
        var seen: Set<ObjectIdentifier> = []
        var result: [ObjectSchema] = []
        var stack: [FieldType] = KindSchemas.all.map { .object($0.schema) }
        while let type = stack.popLast() {
            switch type {
            case .object(let schema):
                guard seen.insert(ObjectIdentifier(schema)).inserted else { continue }
                result.append(schema)
                stack.append(contentsOf: schema.fields.map(\.type))
            case .array(let element), .map(let element):
                stack.append(element)
            default:
                break
            }
        }
        return result
    }

    // MARK: Lookup

    func testEveryKindResolves() {
        let expected: [(String, String)] = [
            ("v1", "Pod"), ("v1", "PodTemplate"), ("v1", "Service"), ("v1", "Endpoints"),
            ("v1", "Namespace"), ("v1", "ServiceAccount"), ("v1", "ConfigMap"), ("v1", "Secret"),
            ("v1", "PersistentVolumeClaim"),
            ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"),
            ("apps/v1", "ReplicaSet"),
            ("batch/v1", "Job"), ("batch/v1", "CronJob"),
            ("networking.k8s.io/v1", "Ingress"), ("networking.k8s.io/v1", "IngressClass"),
            ("networking.k8s.io/v1", "NetworkPolicy"),
            ("policy/v1", "PodDisruptionBudget"),
            ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "ClusterRole"),
            ("rbac.authorization.k8s.io/v1", "RoleBinding"),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            ("discovery.k8s.io/v1", "EndpointSlice"),
            ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ]
        for (apiVersion, kind) in expected {
            let schema = KindSchemas.schema(apiVersion: apiVersion, kind: kind)
            XCTAssertNotNil(schema, "\(apiVersion) \(kind)")
            XCTAssertEqual(schema?.name, kind, "\(apiVersion) \(kind)")
        }
        XCTAssertEqual(KindSchemas.all.count, expected.count)
    }

    func testEveryKindHasTypeAndObjectMeta() {
        for entry in KindSchemas.all {
            let schema = entry.schema
            XCTAssertEqual(schema.field(named: "apiVersion").map(describe), "string", entry.kind)
            XCTAssertEqual(schema.field(named: "kind").map(describe), "string", entry.kind)
            XCTAssertEqual(schema.field(named: "metadata").map(describe), "object(ObjectMeta)", entry.kind)
        }
    }

    func testStatusOnlyWhereTheKindHasOne() {
        for kind in ["Pod", "Service", "Namespace", "PersistentVolumeClaim"] {
            assertField("v1", kind, "status", "any")
        }
        for kind in ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"] {
            assertField("apps/v1", kind, "status", "any")
        }
        assertField("batch/v1", "Job", "status", "any")
        assertField("batch/v1", "CronJob", "status", "any")
        assertField("networking.k8s.io/v1", "Ingress", "status", "any")
        assertField("policy/v1", "PodDisruptionBudget", "status", "any")
        assertField("autoscaling/v2", "HorizontalPodAutoscaler", "status", "any")
        for kind in ["ConfigMap", "Secret", "ServiceAccount", "Endpoints"] {
            assertNoField("v1", kind, "status")
            assertNoField("v1", kind, "spec")
        }
        for kind in ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"] {
            assertNoField("rbac.authorization.k8s.io/v1", kind, "status")
            assertNoField("rbac.authorization.k8s.io/v1", kind, "spec")
        }
        assertNoField("networking.k8s.io/v1", "NetworkPolicy", "status")
        assertNoField("discovery.k8s.io/v1", "EndpointSlice", "spec")
    }

    func testDeprecatedAndUnknownVersionsDoNotResolve() {
        let missing: [(String, String)] = [
            ("extensions/v1beta1", "Ingress"), ("extensions/v1beta1", "Deployment"),
            ("networking.k8s.io/v1beta1", "Ingress"), ("apps/v1beta1", "Deployment"),
            ("apps/v1beta2", "StatefulSet"), ("batch/v1beta1", "CronJob"),
            ("policy/v1beta1", "PodDisruptionBudget"), ("rbac.authorization.k8s.io/v1beta1", "Role"),
            ("autoscaling/v2beta2", "HorizontalPodAutoscaler"), ("discovery.k8s.io/v1beta1", "EndpointSlice"),
            ("apps/v1", "Pod"), ("v1", "Deployment"), ("v1", "pod"), ("V1", "Pod"), ("", "Pod"),
        ]
        for (apiVersion, kind) in missing {
            XCTAssertNil(KindSchemas.schema(apiVersion: apiVersion, kind: kind), "\(apiVersion) \(kind)")
        }
    }

    // MARK: Known fields

    func testMetadataFields() {
        assertField("v1", "ConfigMap", "metadata.name", "string")
        assertField("v1", "ConfigMap", "metadata.labels", "map(string)")
        assertField("v1", "ConfigMap", "metadata.annotations{}", "string")
        assertField("v1", "ConfigMap", "metadata.ownerReferences[].blockOwnerDeletion", "boolean")
        assertField("v1", "ConfigMap", "metadata.deletionGracePeriodSeconds", "integer")
        assertField("v1", "ConfigMap", "metadata.finalizers", "array(string)")
        assertField("v1", "ConfigMap", "metadata.generation", "integer")
        assertField("v1", "ConfigMap", "data", "map(string)")
        assertField("v1", "ConfigMap", "binaryData", "map(string)")
        assertField("v1", "ConfigMap", "immutable", "boolean")
        assertField("v1", "Secret", "stringData", "map(string)")
        assertField("v1", "Secret", "type", "string")
    }

    func testDeploymentDeepPaths() {
        let pod = "spec.template.spec"
        assertField("apps/v1", "Deployment", "spec.replicas", "integer")
        assertField("apps/v1", "Deployment", "spec.selector.matchLabels", "map(string)")
        assertField("apps/v1", "Deployment", "spec.selector.matchExpressions[].values", "array(string)")
        assertField("apps/v1", "Deployment", "spec.strategy.rollingUpdate.maxSurge", "intOrString")
        assertField("apps/v1", "Deployment", "spec.template.metadata.labels", "map(string)")
        assertField("apps/v1", "Deployment", "\(pod).containers", "array(object(Container))")
        assertField("apps/v1", "Deployment", "\(pod).containers[].securityContext.capabilities.add",
                    "array(string)")
        assertField("apps/v1", "Deployment", "\(pod).containers[].securityContext.seccompProfile.type",
                    "string")
        assertField("apps/v1", "Deployment", "\(pod).containers[].resources.limits", "map(quantity)")
        assertField("apps/v1", "Deployment", "\(pod).containers[].resources.requests{}", "quantity")
        assertField("apps/v1", "Deployment", "\(pod).containers[].resources.claims[].request", "string")
        assertField("apps/v1", "Deployment", "\(pod).containers[].ports[].containerPort", "integer")
        assertField("apps/v1", "Deployment", "\(pod).containers[].env[].valueFrom.secretKeyRef.key",
                    "string")
        assertField("apps/v1", "Deployment",
                    "\(pod).containers[].env[].valueFrom.resourceFieldRef.divisor", "quantity")
        assertField("apps/v1", "Deployment", "\(pod).containers[].envFrom[].configMapRef.optional",
                    "boolean")
        assertField("apps/v1", "Deployment", "\(pod).containers[].livenessProbe.httpGet.port",
                    "intOrString")
        assertField("apps/v1", "Deployment", "\(pod).containers[].readinessProbe.grpc.port", "integer")
        assertField("apps/v1", "Deployment", "\(pod).containers[].startupProbe.failureThreshold",
                    "integer")
        assertField("apps/v1", "Deployment", "\(pod).containers[].lifecycle.preStop.sleep.seconds",
                    "integer")
        assertField("apps/v1", "Deployment", "\(pod).containers[].volumeMounts[].recursiveReadOnly",
                    "string")
        assertField("apps/v1", "Deployment", "\(pod).containers[].volumeMounts[].subPathExpr", "string")
        assertField("apps/v1", "Deployment", "\(pod).containers[].resizePolicy[].resourceName", "string")
        assertField("apps/v1", "Deployment", "\(pod).initContainers[].restartPolicy", "string")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].secret.secretName", "string")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].secret.items[].mode", "integer")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].configMap.defaultMode", "integer")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].emptyDir.sizeLimit", "quantity")
        assertField("apps/v1", "Deployment",
                    "\(pod).volumes[].projected.sources[].serviceAccountToken.expirationSeconds",
                    "integer")
        assertField("apps/v1", "Deployment",
                    "\(pod).volumes[].projected.sources[].clusterTrustBundle.signerName", "string")
        assertField("apps/v1", "Deployment",
                    "\(pod).volumes[].ephemeral.volumeClaimTemplate.spec.resources.requests",
                    "map(quantity)")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].image.reference", "string")
        assertField("apps/v1", "Deployment", "\(pod).volumes[].csi.volumeAttributes", "map(string)")
        assertField("apps/v1", "Deployment",
                    "\(pod).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                        + ".nodeSelectorTerms[].matchExpressions[].operator", "string")
        assertField("apps/v1", "Deployment",
                    "\(pod).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[]"
                        + ".podAffinityTerm.topologyKey", "string")
        assertField("apps/v1", "Deployment", "\(pod).tolerations[].tolerationSeconds", "integer")
        assertField("apps/v1", "Deployment", "\(pod).topologySpreadConstraints[].maxSkew", "integer")
        assertField("apps/v1", "Deployment", "\(pod).securityContext.fsGroupChangePolicy", "string")
        assertField("apps/v1", "Deployment", "\(pod).securityContext.supplementalGroups",
                    "array(integer)")
        assertField("apps/v1", "Deployment", "\(pod).securityContext.sysctls[].value", "string")
        assertField("apps/v1", "Deployment", "\(pod).overhead", "map(quantity)")
        assertField("apps/v1", "Deployment", "\(pod).imagePullSecrets[].name", "string")
        assertField("apps/v1", "Deployment", "\(pod).ephemeralContainers[].targetContainerName", "string")
        assertField("apps/v1", "Deployment", "\(pod).ephemeralContainers[].securityContext.privileged", "boolean")
        assertField("apps/v1", "Deployment", "\(pod).ephemeralContainers[].image", "string")
    }

    func testPodSpecFields() {
        let expected = [
            "activeDeadlineSeconds", "affinity", "automountServiceAccountToken", "containers",
            "dnsConfig", "dnsPolicy", "enableServiceLinks", "ephemeralContainers", "hostAliases",
            "hostIPC", "hostNetwork", "hostPID", "hostUsers", "hostname", "imagePullSecrets",
            "initContainers", "nodeName", "nodeSelector", "os", "overhead", "preemptionPolicy",
            "priority", "priorityClassName", "readinessGates", "resourceClaims", "resources",
            "restartPolicy", "runtimeClassName", "schedulerName", "schedulingGates",
            "securityContext", "serviceAccount", "serviceAccountName", "setHostnameAsFQDN",
            "shareProcessNamespace", "subdomain", "terminationGracePeriodSeconds", "tolerations",
            "topologySpreadConstraints", "volumes",
        ]
        for name in expected {
            XCTAssertNotNil(CoreV1.podSpec.field(named: name), name)
        }
    }

    func testOtherKindPaths() {
        assertField("v1", "Service", "spec.ports[].targetPort", "intOrString")
        assertField("v1", "Service", "spec.ports[].nodePort", "integer")
        assertField("v1", "Service", "spec.selector", "map(string)")
        assertField("v1", "Service", "spec.sessionAffinityConfig.clientIP.timeoutSeconds", "integer")
        assertField("v1", "Service", "spec.ipFamilies", "array(string)")
        assertField("v1", "Service", "spec.trafficDistribution", "string")
        assertField("v1", "Endpoints", "subsets[].addresses[].targetRef.fieldPath", "string")
        assertField("v1", "Endpoints", "subsets[].ports[].port", "integer")
        assertField("v1", "ServiceAccount", "secrets[].name", "string")
        assertField("v1", "ServiceAccount", "automountServiceAccountToken", "boolean")
        assertField("v1", "Namespace", "spec.finalizers", "array(string)")
        assertField("v1", "PersistentVolumeClaim", "spec.dataSourceRef.namespace", "string")
        assertField("apps/v1", "StatefulSet", "spec.volumeClaimTemplates[].spec.accessModes",
                    "array(string)")
        assertField("apps/v1", "StatefulSet", "spec.updateStrategy.rollingUpdate.partition", "integer")
        assertField("apps/v1", "StatefulSet", "spec.persistentVolumeClaimRetentionPolicy.whenScaled",
                    "string")
        assertField("apps/v1", "StatefulSet", "spec.ordinals.start", "integer")
        assertField("apps/v1", "DaemonSet", "spec.updateStrategy.rollingUpdate.maxUnavailable",
                    "intOrString")
        assertField("batch/v1", "Job", "spec.podFailurePolicy.rules[].onExitCodes.values",
                    "array(integer)")
        assertField("batch/v1", "Job", "spec.successPolicy.rules[].succeededIndexes", "string")
        assertField("batch/v1", "Job", "spec.template.spec.restartPolicy", "string")
        assertField("batch/v1", "CronJob", "spec.jobTemplate.spec.template.spec.containers[].image",
                    "string")
        assertField("batch/v1", "CronJob", "spec.jobTemplate.metadata.labels", "map(string)")
        assertField("batch/v1", "CronJob", "spec.timeZone", "string")
        assertField("networking.k8s.io/v1", "Ingress",
                    "spec.rules[].http.paths[].backend.service.port.number", "integer")
        assertField("networking.k8s.io/v1", "Ingress",
                    "spec.rules[].http.paths[].backend.service.port.name", "string")
        assertField("networking.k8s.io/v1", "Ingress", "spec.defaultBackend.resource.apiGroup", "string")
        assertField("networking.k8s.io/v1", "Ingress", "spec.tls[].hosts", "array(string)")
        assertField("networking.k8s.io/v1", "NetworkPolicy", "spec.ingress[].from[].ipBlock.except",
                    "array(string)")
        assertField("networking.k8s.io/v1", "NetworkPolicy", "spec.egress[].ports[].port", "intOrString")
        assertField("networking.k8s.io/v1", "NetworkPolicy", "spec.egress[].ports[].endPort", "integer")
        assertField("networking.k8s.io/v1", "NetworkPolicy", "spec.policyTypes", "array(string)")
        assertField("policy/v1", "PodDisruptionBudget", "spec.minAvailable", "intOrString")
        assertField("policy/v1", "PodDisruptionBudget", "spec.maxUnavailable", "intOrString")
        assertField("rbac.authorization.k8s.io/v1", "ClusterRole", "rules[].nonResourceURLs",
                    "array(string)")
        assertField("rbac.authorization.k8s.io/v1", "ClusterRole",
                    "aggregationRule.clusterRoleSelectors[].matchLabels", "map(string)")
        assertField("rbac.authorization.k8s.io/v1", "RoleBinding", "roleRef.apiGroup", "string")
        assertField("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "subjects[].namespace",
                    "string")
        assertField("discovery.k8s.io/v1", "EndpointSlice", "endpoints[].conditions.ready", "boolean")
        assertField("discovery.k8s.io/v1", "EndpointSlice", "ports[].port", "integer")
        assertField("autoscaling/v2", "HorizontalPodAutoscaler",
                    "spec.metrics[].resource.target.averageUtilization", "integer")
        assertField("autoscaling/v2", "HorizontalPodAutoscaler",
                    "spec.behavior.scaleDown.policies[].periodSeconds", "integer")
    }

    // MARK: Typos are not fields

    func testTyposAreNotFields() {
        let pod = "spec.template.spec"
        assertNoField("apps/v1", "Deployment", "name")
        assertNoField("apps/v1", "Deployment", "labels")
        assertNoField("apps/v1", "Deployment", "spec.containers")
        assertNoField("apps/v1", "Deployment", "spec.volumes")
        assertNoField("apps/v1", "Deployment", "spec.template.containers")
        assertNoField("apps/v1", "Deployment", "\(pod).replicas")
        assertNoField("apps/v1", "Deployment", "\(pod).env")
        assertNoField("apps/v1", "Deployment", "\(pod).imagePullSecret")
        assertNoField("apps/v1", "Deployment", "\(pod).volumes[].Secret")
        assertNoField("apps/v1", "Deployment", "\(pod).volumes[].configmap")
        assertNoField("apps/v1", "Deployment", "\(pod).volumes[].secret.name")
        assertNoField("apps/v1", "Deployment", "\(pod).volumes[].configMap.secretName")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].volumeMount")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].environment")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].resources.limit")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].securityContext.fsGroup")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].securityContext.capabilities.Add")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].livenessProbe.httpget")
        assertNoField("apps/v1", "Deployment", "\(pod).containers[].ports[].port")
        assertNoField("apps/v1", "Deployment", "\(pod).securityContext.privileged")
        assertNoField("v1", "Service", "spec.ports[].targetport")
        assertNoField("v1", "Service", "spec.clusterIp")
        assertNoField("v1", "ConfigMap", "spec")
        assertNoField("v1", "Secret", "stringdata")
        assertNoField("networking.k8s.io/v1", "Ingress", "spec.rules[].http.paths[].backend.serviceName")
        assertNoField("networking.k8s.io/v1", "Ingress", "spec.backend")
        assertNoField("batch/v1", "CronJob", "spec.jobTemplate.spec.template.spec.schedule")
        assertNoField("batch/v1", "CronJob", "spec.template")
        assertNoField("rbac.authorization.k8s.io/v1", "Role", "rules[].verb")
    }

    // MARK: Table integrity

    func testNoSchemaHasDuplicateFieldNames() {
        let schemas = reachableSchemas()
        XCTAssertGreaterThan(schemas.count, 100)
        for schema in schemas {
            XCTAssertEqual(duplicateNames(in: schema), [], "\(schema.name) repeats field names")
        }
        // The check itself sees duplicates.
        let bad = ObjectSchema("Bad", ["a": .string, "b": .integer, "a": .boolean])
        XCTAssertEqual(duplicateNames(in: bad), ["a"])
    }

    func testFieldNamesAreWellFormed() {
        for schema in reachableSchemas() {
            XCTAssertFalse(schema.name.isEmpty)
            XCTAssertFalse(schema.fields.isEmpty, "\(schema.name) has no fields")
            for field in schema.fields {
                let ok = !field.name.isEmpty
                    && field.name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
                    && field.name.first!.isLowercase
                XCTAssertTrue(ok, "\(schema.name).\(field.name)")
            }
        }
    }

    func testSchemaNamesAreUniqueAcrossReachableTables() {
        // Two different tables with one name would make findings ambiguous, except the
        // group-specific EndpointPort types, which share a name in the API reference.
        var byName: [String: Int] = [:]
        for schema in reachableSchemas() { byName[schema.name, default: 0] += 1 }
        for (name, count) in byName where name != "EndpointPort" {
            XCTAssertEqual(count, 1, "\(count) different schemas are named \(name)")
        }
    }
}
