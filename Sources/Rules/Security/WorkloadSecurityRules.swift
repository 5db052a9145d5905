import Engine

/// Security context, host access, service accounts and container consistency rules.
enum WorkloadSecurityRules {
    static let all: [any Rule] = [
        // security context
        PrivilegedContainerRule(), PrivilegeEscalationRule(), RunAsRootRule(), WritableRootFilesystemRule(),
        DangerousCapabilitiesRule(), CapabilitiesNotDroppedRule(), SeccompUnconfinedRule(), UnmaskedProcMountRule(),
        UnsafeSysctlsRule(),
        // host access
        HostNetworkRule(), HostPIDRule(), HostIPCRule(), HostPortRule(), SensitiveHostPathRule(), HostPathVolumeRule(),
        // service accounts
        DefaultServiceAccountRule(), AutomountServiceAccountTokenRule(), MissingServiceAccountRule(),
        DeprecatedServiceAccountFieldRule(),
        // container consistency
        DuplicateContainerNameRule(), DuplicateEnvVarRule(), DuplicateContainerPortRule(), EnvValueAndValueFromRule(),
    ]
}
