import Engine

/// Examples shared by the security-context rules.
enum SecurityExamples {
    /// A pod that meets the restricted Pod Security Standard (plus a read-only root filesystem):
    /// every security-context rule must stay quiet on it.
    static let restrictedPod = RuleExample("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: inference
        spec:
          securityContext:
            runAsNonRoot: true
            seccompProfile:
              type: RuntimeDefault
          containers:
          - name: server
            image: registry.example.com/ml/triton:24.08
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: ["ALL"]
            volumeMounts:
            - name: tmp
              mountPath: /tmp
          volumes:
          - name: tmp
            emptyDir: {}
        """)
}
