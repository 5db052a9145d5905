import Engine
import Models

public struct AutomountServiceAccountTokenRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "automount-service-account-token", area: "security", severity: .info,
        summary: "A pod gets a service account token mounted although neither it nor its ServiceAccount opts out",
        rationale: "Unless automountServiceAccountToken is false on the pod or on its ServiceAccount, every container gets an API token at /var/run/secrets/kubernetes.io/serviceaccount. Most workloads (model servers, training jobs) never call the Kubernetes API, and a token an attacker finds is a foothold for lateral movement. A pod that sets the field to true explicitly is taken to need the token. The rule is off by default.",
        remediation: "Set automountServiceAccountToken: false in the pod spec, or on the ServiceAccount so that every pod using it inherits it. Pods that need the API can set it back to true. The finding points at the pod template's spec key.",
        enabledByDefault: false,
        triggering: [RuleExample("""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: trainer
              namespace: ml
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: train
              namespace: ml
            spec:
              template:
                spec:
                  serviceAccountName: trainer
                  restartPolicy: Never
                  containers:
                  - name: train
                    image: registry.example.com/ml/trainer:3.1.0
            """, at: "14:5")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: trainer
                  namespace: ml
                automountServiceAccountToken: false
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train
                  namespace: ml
                spec:
                  template:
                    spec:
                      serviceAccountName: trainer
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: registry.example.com/ml/trainer:3.1.0
                """),
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: operator
                spec:
                  serviceAccountName: operator
                  automountServiceAccountToken: true
                  containers:
                  - name: operator
                    image: registry.example.com/ml/operator:0.3.0
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        for template in set.podTemplates where set.isReported(template.owner) {
            guard let spec = template.spec, spec.automountServiceAccountToken == nil
                    || PodSecurityView.isNull(spec.automountServiceAccountToken!) else { continue }
            let account = PodServiceAccount(spec)
            if let sa = set.find(kind: "ServiceAccount", namespace: template.owner.namespace, name: account.name),
               sa["automountServiceAccountToken"]?.boolValue == false { continue }
            report.report("pod mounts a token for service account \"\(account.name)\"; set automountServiceAccountToken: false on the pod or its ServiceAccount unless it calls the Kubernetes API",
                          at: template.node.keyNode("spec") ?? spec.node, in: template.owner)
        }
    }
}
