import Engine
import Models

public struct IngressTLSSecretRule: SetRule {
    public init() {}

    /// Annotations with which cert-manager's ingress-shim creates the TLS Secret itself.
    static let issuerAnnotations = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer", "kubernetes.io/tls-acme"]

    public let metadata = RuleMetadata(
        id: "ingress-tls-secret-missing", area: "networking", severity: .warning,
        summary: "An Ingress's TLS secretName names a Secret that is not defined",
        rationale: "The controller serves the hosts of a tls entry with the certificate in that Secret of the Ingress's namespace; when the Secret is missing it falls back to its default (usually self-signed) certificate and clients fail verification. Secrets created by cert-manager (a Certificate with that spec.secretName, or the Ingress's cert-manager.io issuer annotations), External Secrets and Sealed Secrets count as defined. Reported only when the checked manifests define Secrets in that namespace, or with --strict-references.",
        remediation: "Create the TLS Secret (type kubernetes.io/tls) in the Ingress's namespace, add a cert-manager Certificate producing it, or fix the secretName.",
        triggering: [RuleExample("""
            apiVersion: v1
            kind: Secret
            metadata:
              name: registry-credentials
              namespace: ml-serving
            type: kubernetes.io/dockerconfigjson
            data:
              .dockerconfigjson: e30=
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: predict
              namespace: ml-serving
            spec:
              tls:
              - hosts: [predict.example.com]
                secretName: predict-tls
              rules:
              - host: predict.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: predictor
                        port:
                          number: 80
            """, at: "18:17")],
        nonTriggering: [
            RuleExample("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: registry-credentials
                  namespace: ml-serving
                type: kubernetes.io/dockerconfigjson
                data:
                  .dockerconfigjson: e30=
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: predict
                  namespace: ml-serving
                spec:
                  secretName: predict-tls
                  dnsNames: [predict.example.com]
                  issuerRef:
                    name: letsencrypt
                    kind: ClusterIssuer
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: predict
                  namespace: ml-serving
                spec:
                  tls:
                  - hosts: [predict.example.com]
                    secretName: predict-tls
                  rules:
                  - host: predict.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: predictor
                            port:
                              number: 80
                """),
            RuleExample("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: predict
                  namespace: ml-serving
                spec:
                  tls:
                  - hosts: [predict.example.com]
                    secretName: predict-tls
                """),
        ])

    public func check(_ set: ResourceSet, _ context: RuleContext, _ report: inout FindingSink) {
        let ingresses = set.ofKind("Ingress").filter { set.isReported($0) }
        guard !ingresses.isEmpty else { return }
        var secrets: Set<String> = []
        var namespaces: Set<String> = []
        for resource in set.resources {
            let produced: String?
            switch (resource.kind, resource.identity.group) {
            case ("Secret", ""):
                produced = resource.name
                namespaces.insert(resource.namespace ?? "")
            case ("Certificate", "cert-manager.io"):
                produced = resource.spec?["secretName"]?.scalar
            case ("ExternalSecret", "external-secrets.io"):
                produced = resource.spec?["target"]?["name"]?.scalar ?? resource.name
            case ("SealedSecret", "bitnami.com"):
                produced = resource.spec?["template"]?["metadata"]?["name"]?.scalar ?? resource.name
            default:
                produced = nil
            }
            if let produced { secrets.insert(namespacedKey(resource.namespace, produced)) }
        }
        for resource in ingresses {
            guard let ingress = Ingress(resource) else { continue }
            guard context.strictReferences || namespaces.contains(resource.namespace ?? "") else { continue }
            let annotations = resource.metadata.annotations
            if !annotations.isEmpty, Self.issuerAnnotations.contains(where: { annotations[$0] != nil }) { continue }
            for tls in ingress.tls {
                // "namespace/name" is a controller extension (Contour, Traefik) that is out of scope.
                guard let name = tls.secretName, let node = tls.secretNameNode, !name.contains("/"),
                      !secrets.contains(namespacedKey(resource.namespace, name)) else { continue }
                report.report("TLS Secret \"\(name)\" is not defined in \(describeNamespace(resource.namespace)); the controller falls back to its default certificate",
                              at: node, in: resource)
            }
        }
    }
}
