/// `core/v1` Pod, PodSpec, Container and everything they reach (volumes live in
/// `CoreV1Volumes.swift`). Written from the Kubernetes API reference (v1.31+); fields added
/// behind feature gates are included, because the API server's decoder accepts them.
public enum CoreV1 {
    // MARK: Kinds

    /// `Pod` (v1).
    public static let pod = ObjectSchema("Pod", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(podSpec),
        "status": .any,
    ])

    /// `PodTemplate` (v1).
    public static let podTemplate = ObjectSchema("PodTemplate", [
        "apiVersion": .string,
        "kind": .string,
        "metadata": .object(MetaV1.objectMeta),
        "template": .object(podTemplateSpec),
    ])

    /// `PodTemplateSpec`.
    public static let podTemplateSpec = ObjectSchema("PodTemplateSpec", [
        "metadata": .object(MetaV1.objectMeta),
        "spec": .object(podSpec),
    ])

    // MARK: PodSpec

    /// `PodSpec`.
    public static let podSpec = ObjectSchema("PodSpec", [
        "activeDeadlineSeconds": .integer,
        "affinity": .object(affinity),
        "automountServiceAccountToken": .boolean,
        "containers": .array(.object(container)),
        "dnsConfig": .object(podDNSConfig),
        "dnsPolicy": .string,
        "enableServiceLinks": .boolean,
        "ephemeralContainers": .array(.object(ephemeralContainer)),
        "evictionResponders": .array(.object(evictionResponder)),
        "hostAliases": .array(.object(hostAlias)),
        "hostIPC": .boolean,
        "hostNetwork": .boolean,
        "hostPID": .boolean,
        "hostUsers": .boolean,
        "hostname": .string,
        "hostnameOverride": .string,
        "imagePullSecrets": .array(.object(localObjectReference)),
        "initContainers": .array(.object(container)),
        "nodeName": .string,
        "nodeSelector": .map(.string),
        "os": .object(podOS),
        "overhead": .map(.quantity),
        "preemptionPolicy": .string,
        "priority": .integer,
        "priorityClassName": .string,
        "readinessGates": .array(.object(podReadinessGate)),
        "resourceClaims": .array(.object(podResourceClaim)),
        "resources": .object(resourceRequirements),
        "restartPolicy": .string,
        "runtimeClassName": .string,
        "schedulerName": .string,
        "schedulingGates": .array(.object(podSchedulingGate)),
        "schedulingGroup": .object(podSchedulingGroup),
        "securityContext": .object(podSecurityContext),
        "serviceAccount": .string,
        "serviceAccountName": .string,
        "setHostnameAsFQDN": .boolean,
        "shareProcessNamespace": .boolean,
        "subdomain": .string,
        "terminationGracePeriodSeconds": .integer,
        "tolerations": .array(.object(toleration)),
        "topologySpreadConstraints": .array(.object(topologySpreadConstraint)),
        "volumes": .array(.object(volume)),
    ])

    public static let podDNSConfigOption = ObjectSchema("PodDNSConfigOption", [
        "name": .string,
        "value": .string,
    ])

    public static let podDNSConfig = ObjectSchema("PodDNSConfig", [
        "nameservers": .array(.string),
        "options": .array(.object(podDNSConfigOption)),
        "searches": .array(.string),
    ])

    public static let hostAlias = ObjectSchema("HostAlias", [
        "hostnames": .array(.string),
        "ip": .string,
    ])

    public static let podOS = ObjectSchema("PodOS", [
        "name": .string,
    ])

    public static let podReadinessGate = ObjectSchema("PodReadinessGate", [
        "conditionType": .string,
    ])

    public static let podResourceClaim = ObjectSchema("PodResourceClaim", [
        "name": .string,
        "resourceClaimName": .string,
        "resourceClaimTemplateName": .string,
    ])

    public static let podSchedulingGate = ObjectSchema("PodSchedulingGate", [
        "name": .string,
    ])

    /// `PodSchedulingGroup` (alpha, v1.35+).
    public static let podSchedulingGroup = ObjectSchema("PodSchedulingGroup", [
        "podGroupName": .string,
    ])

    /// `EvictionResponder` (alpha).
    public static let evictionResponder = ObjectSchema("EvictionResponder", [
        "name": .string,
        "priority": .integer,
    ])

    public static let toleration = ObjectSchema("Toleration", [
        "effect": .string,
        "key": .string,
        "operator": .string,
        "tolerationSeconds": .integer,
        "value": .string,
    ])

    public static let topologySpreadConstraint = ObjectSchema("TopologySpreadConstraint", [
        "labelSelector": .object(MetaV1.labelSelector),
        "matchLabelKeys": .array(.string),
        "maxSkew": .integer,
        "minDomains": .integer,
        "nodeAffinityPolicy": .string,
        "nodeTaintsPolicy": .string,
        "topologyKey": .string,
        "whenUnsatisfiable": .string,
    ])

    // MARK: Security contexts

    public static let capabilities = ObjectSchema("Capabilities", [
        "add": .array(.string),
        "drop": .array(.string),
    ])

    public static let seLinuxOptions = ObjectSchema("SELinuxOptions", [
        "level": .string,
        "role": .string,
        "type": .string,
        "user": .string,
    ])

    public static let windowsSecurityContextOptions = ObjectSchema("WindowsSecurityContextOptions", [
        "gmsaCredentialSpec": .string,
        "gmsaCredentialSpecName": .string,
        "hostProcess": .boolean,
        "runAsUserName": .string,
    ])

    public static let seccompProfile = ObjectSchema("SeccompProfile", [
        "localhostProfile": .string,
        "type": .string,
    ])

    public static let appArmorProfile = ObjectSchema("AppArmorProfile", [
        "localhostProfile": .string,
        "type": .string,
    ])

    public static let sysctl = ObjectSchema("Sysctl", [
        "name": .string,
        "value": .string,
    ])

    /// `SecurityContext` (container level).
    public static let securityContext = ObjectSchema("SecurityContext", [
        "allowPrivilegeEscalation": .boolean,
        "appArmorProfile": .object(appArmorProfile),
        "capabilities": .object(capabilities),
        "privileged": .boolean,
        "procMount": .string,
        "readOnlyRootFilesystem": .boolean,
        "runAsGroup": .integer,
        "runAsNonRoot": .boolean,
        "runAsUser": .integer,
        "seLinuxOptions": .object(seLinuxOptions),
        "seccompProfile": .object(seccompProfile),
        "windowsOptions": .object(windowsSecurityContextOptions),
    ])

    /// `PodSecurityContext`.
    public static let podSecurityContext = ObjectSchema("PodSecurityContext", [
        "appArmorProfile": .object(appArmorProfile),
        "fsGroup": .integer,
        "fsGroupChangePolicy": .string,
        "runAsGroup": .integer,
        "runAsNonRoot": .boolean,
        "runAsUser": .integer,
        "seLinuxChangePolicy": .string,
        "seLinuxOptions": .object(seLinuxOptions),
        "seccompProfile": .object(seccompProfile),
        "supplementalGroups": .array(.integer),
        "supplementalGroupsPolicy": .string,
        "sysctls": .array(.object(sysctl)),
        "windowsOptions": .object(windowsSecurityContextOptions),
    ])

    // MARK: Affinity

    public static let nodeSelectorRequirement = ObjectSchema("NodeSelectorRequirement", [
        "key": .string,
        "operator": .string,
        "values": .array(.string),
    ])

    public static let nodeSelectorTerm = ObjectSchema("NodeSelectorTerm", [
        "matchExpressions": .array(.object(nodeSelectorRequirement)),
        "matchFields": .array(.object(nodeSelectorRequirement)),
    ])

    public static let nodeSelector = ObjectSchema("NodeSelector", [
        "nodeSelectorTerms": .array(.object(nodeSelectorTerm)),
    ])

    public static let preferredSchedulingTerm = ObjectSchema("PreferredSchedulingTerm", [
        "preference": .object(nodeSelectorTerm),
        "weight": .integer,
    ])

    public static let nodeAffinity = ObjectSchema("NodeAffinity", [
        "preferredDuringSchedulingIgnoredDuringExecution": .array(.object(preferredSchedulingTerm)),
        "requiredDuringSchedulingIgnoredDuringExecution": .object(nodeSelector),
    ])

    public static let podAffinityTerm = ObjectSchema("PodAffinityTerm", [
        "labelSelector": .object(MetaV1.labelSelector),
        "matchLabelKeys": .array(.string),
        "mismatchLabelKeys": .array(.string),
        "namespaceSelector": .object(MetaV1.labelSelector),
        "namespaces": .array(.string),
        "topologyKey": .string,
    ])

    public static let weightedPodAffinityTerm = ObjectSchema("WeightedPodAffinityTerm", [
        "podAffinityTerm": .object(podAffinityTerm),
        "weight": .integer,
    ])

    public static let podAffinity = ObjectSchema("PodAffinity", [
        "preferredDuringSchedulingIgnoredDuringExecution": .array(.object(weightedPodAffinityTerm)),
        "requiredDuringSchedulingIgnoredDuringExecution": .array(.object(podAffinityTerm)),
    ])

    public static let podAntiAffinity = ObjectSchema("PodAntiAffinity", [
        "preferredDuringSchedulingIgnoredDuringExecution": .array(.object(weightedPodAffinityTerm)),
        "requiredDuringSchedulingIgnoredDuringExecution": .array(.object(podAffinityTerm)),
    ])

    public static let affinity = ObjectSchema("Affinity", [
        "nodeAffinity": .object(nodeAffinity),
        "podAffinity": .object(podAffinity),
        "podAntiAffinity": .object(podAntiAffinity),
    ])

    // MARK: Container

    /// `Container` (also used for `initContainers`).
    public static let container = ObjectSchema("Container", [
        "args": .array(.string),
        "command": .array(.string),
        "env": .array(.object(envVar)),
        "envFrom": .array(.object(envFromSource)),
        "image": .string,
        "imagePullPolicy": .string,
        "lifecycle": .object(lifecycle),
        "livenessProbe": .object(probe),
        "name": .string,
        "ports": .array(.object(containerPort)),
        "readinessProbe": .object(probe),
        "resizePolicy": .array(.object(containerResizePolicy)),
        "resources": .object(resourceRequirements),
        "restartPolicy": .string,
        "restartPolicyRules": .array(.object(containerRestartRule)),
        "securityContext": .object(securityContext),
        "startupProbe": .object(probe),
        "stdin": .boolean,
        "stdinOnce": .boolean,
        "terminationMessagePath": .string,
        "terminationMessagePolicy": .string,
        "tty": .boolean,
        "volumeDevices": .array(.object(volumeDevice)),
        "volumeMounts": .array(.object(volumeMount)),
        "workingDir": .string,
    ])

    /// `EphemeralContainer`: the `Container` fields plus `targetContainerName`.
    public static let ephemeralContainer = container.extended("EphemeralContainer", with: [
        "targetContainerName": .string,
    ])

    public static let containerPort = ObjectSchema("ContainerPort", [
        "containerPort": .integer,
        "hostIP": .string,
        "hostPort": .integer,
        "name": .string,
        "protocol": .string,
    ])

    public static let containerResizePolicy = ObjectSchema("ContainerResizePolicy", [
        "resourceName": .string,
        "restartPolicy": .string,
    ])

    public static let containerRestartRuleOnExitCodes = ObjectSchema("ContainerRestartRuleOnExitCodes", [
        "operator": .string,
        "values": .array(.integer),
    ])

    public static let containerRestartRule = ObjectSchema("ContainerRestartRule", [
        "action": .string,
        "exitCodes": .object(containerRestartRuleOnExitCodes),
    ])

    public static let volumeMount = ObjectSchema("VolumeMount", [
        "mountPath": .string,
        "mountPropagation": .string,
        "name": .string,
        "readOnly": .boolean,
        "recursiveReadOnly": .string,
        "subPath": .string,
        "subPathExpr": .string,
    ])

    public static let volumeDevice = ObjectSchema("VolumeDevice", [
        "devicePath": .string,
        "name": .string,
    ])

    // MARK: Resources

    /// `ResourceClaim` (an entry of `resources.claims`).
    public static let resourceClaim = ObjectSchema("ResourceClaim", [
        "name": .string,
        "request": .string,
    ])

    /// `ResourceRequirements`.
    public static let resourceRequirements = ObjectSchema("ResourceRequirements", [
        "claims": .array(.object(resourceClaim)),
        "limits": .map(.quantity),
        "requests": .map(.quantity),
    ])

    // MARK: Environment

    public static let configMapKeySelector = ObjectSchema("ConfigMapKeySelector", [
        "key": .string,
        "name": .string,
        "optional": .boolean,
    ])

    public static let secretKeySelector = ObjectSchema("SecretKeySelector", [
        "key": .string,
        "name": .string,
        "optional": .boolean,
    ])

    public static let objectFieldSelector = ObjectSchema("ObjectFieldSelector", [
        "apiVersion": .string,
        "fieldPath": .string,
    ])

    public static let resourceFieldSelector = ObjectSchema("ResourceFieldSelector", [
        "containerName": .string,
        "divisor": .quantity,
        "resource": .string,
    ])

    /// `FileKeySelector` (alpha `EnvFiles`, v1.34+).
    public static let fileKeySelector = ObjectSchema("FileKeySelector", [
        "key": .string,
        "optional": .boolean,
        "path": .string,
        "volumeName": .string,
    ])

    public static let envVarSource = ObjectSchema("EnvVarSource", [
        "configMapKeyRef": .object(configMapKeySelector),
        "fieldRef": .object(objectFieldSelector),
        "fileKeyRef": .object(fileKeySelector),
        "resourceFieldRef": .object(resourceFieldSelector),
        "secretKeyRef": .object(secretKeySelector),
    ])

    public static let envVar = ObjectSchema("EnvVar", [
        "name": .string,
        "value": .string,
        "valueFrom": .object(envVarSource),
    ])

    public static let configMapEnvSource = ObjectSchema("ConfigMapEnvSource", [
        "name": .string,
        "optional": .boolean,
    ])

    public static let secretEnvSource = ObjectSchema("SecretEnvSource", [
        "name": .string,
        "optional": .boolean,
    ])

    public static let envFromSource = ObjectSchema("EnvFromSource", [
        "configMapRef": .object(configMapEnvSource),
        "prefix": .string,
        "secretRef": .object(secretEnvSource),
    ])

    // MARK: Probes and lifecycle

    public static let execAction = ObjectSchema("ExecAction", [
        "command": .array(.string),
    ])

    public static let httpHeader = ObjectSchema("HTTPHeader", [
        "name": .string,
        "value": .string,
    ])

    public static let httpGetAction = ObjectSchema("HTTPGetAction", [
        "host": .string,
        "httpHeaders": .array(.object(httpHeader)),
        "path": .string,
        "port": .intOrString,
        "scheme": .string,
    ])

    public static let tcpSocketAction = ObjectSchema("TCPSocketAction", [
        "host": .string,
        "port": .intOrString,
    ])

    public static let grpcAction = ObjectSchema("GRPCAction", [
        "port": .integer,
        "service": .string,
    ])

    public static let sleepAction = ObjectSchema("SleepAction", [
        "seconds": .integer,
    ])

    public static let probe = ObjectSchema("Probe", [
        "exec": .object(execAction),
        "failureThreshold": .integer,
        "grpc": .object(grpcAction),
        "httpGet": .object(httpGetAction),
        "initialDelaySeconds": .integer,
        "periodSeconds": .integer,
        "successThreshold": .integer,
        "tcpSocket": .object(tcpSocketAction),
        "terminationGracePeriodSeconds": .integer,
        "timeoutSeconds": .integer,
    ])

    public static let lifecycleHandler = ObjectSchema("LifecycleHandler", [
        "exec": .object(execAction),
        "httpGet": .object(httpGetAction),
        "sleep": .object(sleepAction),
        "tcpSocket": .object(tcpSocketAction),
    ])

    public static let lifecycle = ObjectSchema("Lifecycle", [
        "postStart": .object(lifecycleHandler),
        "preStop": .object(lifecycleHandler),
        "stopSignal": .string,
    ])
}
