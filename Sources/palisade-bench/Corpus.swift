/// A synthetic repository: a realistic mix of workloads, services, RBAC, config and secrets,
/// with a sprinkling of mistakes so rules have work to do. Deterministic for a given size.
struct Corpus {
    var files: [(name: String, bytes: [UInt8])] = []
    var resources = 0

    init(files fileCount: Int, resourcesPerFile: Int) {
        for f in 0 ..< fileCount {
            var text = ""
            for r in 0 ..< resourcesPerFile {
                let n = f * resourcesPerFile + r
                if r > 0 { text += "---\n" }
                text += Self.resource(n)
                resources += 1
            }
            files.append(("corpus/team-\(f % 17)/app-\(f).yaml", Array(text.utf8)))
        }
    }

    var bytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    static func resource(_ n: Int) -> String {
        // Every object of one app (8 consecutive resources) shares a namespace, as in a real
        // repository, so cross-resource references resolve.
        let ns = "team-\((n / 8) % 23)"
        let app = "app-\(n / 8)"
        switch n % 8 {
        case 0, 1:
            return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: \(app)-\(n)
                  namespace: \(ns)
                  labels:
                    app.kubernetes.io/name: \(app)
                    app.kubernetes.io/part-of: shop
                  annotations:
                    owner: "team-\(n % 7)@example.com"
                spec:
                  replicas: \(n % 3 + 1)
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: \(app)
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: \(app)\(n % 50 == 0 ? "-typo" : "")
                    spec:
                      serviceAccountName: \(app)
                      securityContext:
                        runAsNonRoot: true
                        seccompProfile:
                          type: RuntimeDefault
                      containers:
                      - name: main
                        image: registry.example.com/shop/\(app):1.\(n % 10).\(n % 4)
                        imagePullPolicy: IfNotPresent
                        ports:
                        - name: http
                          containerPort: 8080
                        env:
                        - name: LOG_LEVEL
                          value: info
                        - name: DB_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: \(app)-db
                              key: password
                        resources:
                          requests:
                            cpu: 100m
                            memory: 128Mi
                          limits:
                            memory: 256Mi
                        readinessProbe:
                          httpGet:
                            path: /healthz
                            port: http
                        livenessProbe:
                          httpGet:
                            path: /livez
                            port: http
                        securityContext:
                          allowPrivilegeEscalation: false
                          readOnlyRootFilesystem: true
                          capabilities:
                            drop: [ALL]
                        volumeMounts:
                        - name: config
                          mountPath: /etc/app
                      volumes:
                      - name: config
                        configMap:
                          name: \(app)-config

                """
        case 2:
            return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: \(app)
                  namespace: \(ns)
                spec:
                  selector:
                    app.kubernetes.io/name: \(app)
                  ports:
                  - name: http
                    port: 80
                    targetPort: http

                """
        case 3:
            return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: \(app)-config
                  namespace: \(ns)
                data:
                  settings.yaml: |
                    feature_flags:
                      checkout: true
                      search: false
                  LOG_FORMAT: json
                  ENABLED: \(n % 40 == 3 ? "yes" : "\"yes\"")

                """
        case 4:
            return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: \(app)-migrate-\(n)
                  namespace: \(ns)
                spec:
                  backoffLimit: 3
                  ttlSecondsAfterFinished: 3600
                  template:
                    spec:
                      restartPolicy: \(n % 30 == 4 ? "Always" : "Never")
                      containers:
                      - name: migrate
                        image: registry.example.com/shop/\(app)-migrate:1.0.\(n % 9)
                        args: ["--apply", "--timeout=600"]
                        resources:
                          requests: {cpu: 200m, memory: 256Mi}
                          limits: {memory: 256Mi}

                """
        case 5:
            return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: \(app)-reader
                  namespace: \(ns)
                rules:
                - apiGroups: [""]
                  resources: ["pods", "configmaps"]
                  verbs: ["get", "list", "watch"]
                - apiGroups: ["apps"]
                  resources: ["deployments"]
                  verbs: ["get"]

                """
        case 6:
            return """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: \(app)-reader
                  namespace: \(ns)
                subjects:
                - kind: ServiceAccount
                  name: \(app)
                  namespace: \(ns)
                roleRef:
                  apiGroup: rbac.authorization.k8s.io
                  kind: Role
                  name: \(app)-reader

                """
        default:
            return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: \(app)-db
                  namespace: \(ns)
                type: Opaque
                data:
                  password: \(n % 60 == 7 ? "not base64!" : "c2VjcmV0LXZhbHVlLTEyMw==")

                """
        }
    }
}
