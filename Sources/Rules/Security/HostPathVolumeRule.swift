import Engine
import Models

public struct HostPathVolumeRule: ResourceRule {
    public init() {}
    public var applicability: RuleApplicability { .podTemplates }

    /// A training Job reading a dataset from the node's disk (triggering, and allowed by a parameter).
    static let localDataJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: train-local-data
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: train
                image: registry.example.com/ml/trainer:3.1.0
                volumeMounts:
                - name: datasets
                  mountPath: /data
              volumes:
              - name: datasets
                hostPath:
                  path: /mnt/nvme/datasets
                  type: Directory
        """

    public let metadata = RuleMetadata(
        id: "host-path-volume", area: "security", severity: .warning,
        summary: "A pod mounts a directory or file from the node (hostPath)",
        rationale: "A hostPath volume ties the pod to whatever the node holds at that path. It breaks the isolation between pods on the same node, and a writable mount can plant files that node services later run or trust. The Pod Security Standards baseline profile forbids hostPath volumes. Paths that give the node away outright are reported by sensitive-host-path instead.",
        remediation: "Use an emptyDir for scratch space (medium: Memory for /dev/shm), a PersistentVolumeClaim or CSI driver for data (a local-path provisioner for node-local datasets), and ConfigMaps or Secrets for configuration. Paths a node agent legitimately needs can be listed in the allowedHostPaths parameter (each entry also allows its sub-paths).",
        parameters: [RuleParameter("allowedHostPaths", "Host paths (and their sub-paths) that are not reported", default: "[]")],
        triggering: [RuleExample(HostPathVolumeRule.localDataJob, at: "18:17")],
        nonTriggering: [RuleExample("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: train-local-data
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: train
                    image: registry.example.com/ml/trainer:3.1.0
                    volumeMounts:
                    - name: datasets
                      mountPath: /data
                  volumes:
                  - name: datasets
                    persistentVolumeClaim:
                      claimName: imagenet
            """),
            // The same Job where the cluster allows /mnt/nvme.
            RuleExample(HostPathVolumeRule.localDataJob, parameters: ["allowedHostPaths": .list(["/mnt/nvme"])]),
        ])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        for spec in PodSpec.all(of: resource) {
            let volumes = HostPaths.volumes(of: spec)
            if volumes.isEmpty { continue }
            let allowed = listParameter(context.rules, metadata.id, "allowedHostPaths", default: []).map(HostPaths.clean)
            for volume in volumes where HostPaths.sensitivity(of: volume.path) == nil {
                if allowed.contains(where: { HostPaths.isWithin(volume.path, $0) }) { continue }
                report.report("hostPath volume \"\(volume.name)\" mounts \(volume.path) from the node\(HostPaths.access(volume.name, in: spec)); use an emptyDir, PVC or CSI volume",
                              at: volume.pathNode, in: resource)
            }
        }
    }
}
