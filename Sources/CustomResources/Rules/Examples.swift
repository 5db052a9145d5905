/// The CRD the rule examples share: `TrainingJob` in `training.example.com`, v1 served and
/// stored, v1alpha1 no longer served.
enum Examples {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: trainingjobs.training.example.com
        spec:
          group: training.example.com
          names: {kind: TrainingJob, plural: trainingjobs}
          scope: Namespaced
          versions:
          - name: v1alpha1
            served: false
            storage: false
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [image]
                    properties:
                      image: {type: string}
                      workers: {type: integer, minimum: 1}
                    x-kubernetes-validations:
                    - rule: "!has(self.workers) || self.workers <= 64"
                      message: at most 64 workers
        ---

        """

    /// A `TrainingJob` after the CRD; `body` is its `spec` (and anything after `metadata`).
    static func trainingJob(_ body: String, apiVersion: String = "training.example.com/v1",
                            kind: String = "TrainingJob") -> String {
        crd + "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata: {name: resnet, namespace: ml}\n" + body
    }

    /// A `TrainingJob` CRD up to its `versions:` key, followed by `versions`.
    static func definition(versions: String) -> String {
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: trainingjobs.training.example.com}
        spec:
          group: training.example.com
          names: {kind: TrainingJob, plural: trainingjobs}
          scope: Namespaced
          versions:

        """ + versions
    }
}
