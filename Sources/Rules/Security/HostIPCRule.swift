import Engine
import Models

public struct HostIPCRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    public let metadata = RuleMetadata(
        id: "host-ipc", area: "security", severity: .warning,
        summary: "A pod shares the node's IPC namespace (hostIPC: true)",
        rationale: "With hostIPC the containers can read and write the shared memory segments, semaphores and message queues of every process on the node, other pods included. Data passed through /dev/shm can leak that way. The Pod Security Standards baseline profile forbids it.",
        remediation: "Remove hostIPC. If the workload needs a large /dev/shm (PyTorch DataLoader workers, NCCL), mount an emptyDir with medium: Memory at /dev/shm instead.",
        triggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: vllm
            spec:
              selector:
                matchLabels: {app: vllm}
              template:
                metadata:
                  labels: {app: vllm}
                spec:
                  hostIPC: true
                  containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.6.3
            """, at: "12:16")],
        nonTriggering: [RuleExample("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: vllm
            spec:
              selector:
                matchLabels: {app: vllm}
              template:
                metadata:
                  labels: {app: vllm}
                spec:
                  containers:
                  - name: vllm
                    image: vllm/vllm-openai:v0.6.3
                    volumeMounts:
                    - name: shm
                      mountPath: /dev/shm
                  volumes:
                  - name: shm
                    emptyDir:
                      medium: Memory
                      sizeLimit: 8Gi
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        reportHostNamespace("hostIPC", "its containers share memory segments and message queues with every process on the node",
                            resource, &report)
    }
}
