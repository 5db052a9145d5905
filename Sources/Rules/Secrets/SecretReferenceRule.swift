import Engine
import Models

public struct SecretReferenceRule: SetRule {
    public init() {}

    public let metadata = RuleMetadata(
        id: "secret-reference", area: "secrets", severity: .error,
        summary: "A reference to a Secret, or a key of it, that does not exist",
        rationale: "A pod that references a missing Secret (or a missing key) without `optional: true` never starts: it stays in CreateContainerConfigError or ContainerCreating. References are resolved within the pod's namespace. A missing Secret is reported only when the repository defines Secrets in that namespace (or with --strict-references), so repositories whose Secrets come from elsewhere are not flooded.",
        remediation: "Fix the Secret name or key, add the Secret, or mark the reference `optional: true` if the pod can run without it.",
        triggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: aws-credentials
                  namespace: ml
                stringData:
                  access-key-id: ""
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: train
                  namespace: ml
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: train
                        image: trainer:1.0.0
                        env:
                        - name: AWS_SECRET_ACCESS_KEY
                          valueFrom:
                            secretKeyRef:
                              name: aws-credentials
                              key: secret-access-key
                        envFrom:
                        - secretRef:
                            name: aws-credential
                """, at: "26:20", "29:19"),
        ],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                  namespace: ml
                spec:
                  containers:
                  - name: app
                    image: app:1.0.0
                    envFrom:
                    - secretRef:
                        name: defined-elsewhere
                """),
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token
                  namespace: ml
                stringData:
                  token: ""
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: app
                  namespace: ml
                spec:
                  containers:
                  - name: app
                    image: app:1.0.0
                    env:
                    - name: EXTRA
                      valueFrom:
                        secretKeyRef: {name: token, key: extra, optional: true}
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        // Only resources that can reference a Secret are read, found through the set's indexes:
        // the others' kept copies are out of cache by now.
        for resource in set.podTemplateOwners + set.ofKind("ServiceAccount")
        where SecretReferences.mayReference(resource) && set.isReported(resource) {
            for ref in SecretReferences.of(resource) where !ref.optional {
                let namespace = resource.namespace
                guard let secret = set.find(kind: "Secret", namespace: namespace, name: ref.secretName) else {
                    if context.strictReferences || set.defines(kind: "Secret", namespace: namespace) {
                        report.report("\(ref.via.rawValue) references Secret \"\(ref.secretName)\", which is not defined in namespace \(namespace ?? "default")",
                                      at: ref.nameNode, in: resource, container: ref.container)
                    }
                    continue
                }
                if let key = ref.key, let keyNode = ref.keyNode, !secret.isSOPSEncrypted,
                   !secret.secretEntries.contains(where: { $0.key == key }) {
                    report.report("Secret \"\(ref.secretName)\" has no key \"\(key)\" (keys: \(secret.secretEntries.map(\.key).sorted().joined(separator: ", ")))",
                                  at: keyNode, in: resource, container: ref.container)
                }
            }
        }
    }
}
