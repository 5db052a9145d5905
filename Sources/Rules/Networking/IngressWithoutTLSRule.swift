import Engine
import Models

public struct IngressWithoutTLSRule: ResourceRule {
    public init() {}

    /// Annotations with which the load balancer in front of the Ingress terminates TLS using a
    /// certificate that is not a Secret (AWS ACM, GCE pre-shared or Google-managed certificates).
    static let externalCertificateAnnotations = [
        "alb.ingress.kubernetes.io/certificate-arn",
        "ingress.gcp.kubernetes.io/pre-shared-cert",
        "networking.gke.io/managed-certificates",
    ]

    public let metadata = RuleMetadata(
        id: "ingress-without-tls", area: "networking", severity: .warning,
        summary: "An Ingress serves plain HTTP: it has no tls section",
        rationale: "Without spec.tls the controller serves the hosts over plain HTTP, so credentials, tokens and model inputs cross the network unencrypted and can be read or altered on the way. Ingresses whose load balancer terminates TLS with a cloud certificate (alb.ingress.kubernetes.io/certificate-arn, ingress.gcp.kubernetes.io/pre-shared-cert, networking.gke.io/managed-certificates) are not reported.",
        remediation: "Add spec.tls with the hosts and a secretName holding the certificate (cert-manager can issue it: annotate the Ingress with cert-manager.io/cluster-issuer). The finding points at the Ingress's spec key.",
        triggering: [RuleExample("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: jupyterhub
              namespace: ml-notebooks
            spec:
              ingressClassName: nginx
              rules:
              - host: hub.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: proxy-public
                        port:
                          name: http
            """, at: "6:1")],
        nonTriggering: [RuleExample("""
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: jupyterhub
              namespace: ml-notebooks
              annotations:
                cert-manager.io/cluster-issuer: letsencrypt
            spec:
              ingressClassName: nginx
              tls:
              - hosts:
                - hub.example.com
                secretName: hub-tls
              rules:
              - host: hub.example.com
                http:
                  paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: proxy-public
                        port:
                          name: http
            """)])

    public func check(_ resource: Resource, _ context: ResourceContext, _ report: inout FindingSink) {
        guard let ingress = Ingress(resource), let spec = ingress.spec else { return }
        if let tls = ingress.tlsNode, tls.count > 0 { return }
        let annotations = resource.metadata.annotations
        if !annotations.isEmpty, Self.externalCertificateAnnotations.contains(where: { annotations[$0] != nil }) { return }
        report.report("Ingress \"\(resource.name ?? "")\" has no tls section; its hosts are served over plain HTTP",
                      at: resource.node.keyNode("spec") ?? spec, in: resource)
    }
}
