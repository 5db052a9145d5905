import Engine
import Models
import Rules
import XCTest
import YAMLTree

/// Pod templates found in custom resources: built-in shapes, the shape search, configured
/// paths, and what workload and cross-resource rules make of them.
final class PodTemplateTests: XCTestCase {
    /// `extraPaths` is the `podTemplatePaths` setting, attached when the resource is decoded.
    func templatePaths(_ yaml: String, extraPaths: [String: [String]] = [:]) -> [String] {
        let stream = YAMLParser.parse(Array(yaml.utf8), file: "test.yaml")
        let resource = ResourceDecoder.resources(in: stream.documents[0], podTemplatePaths: extraPaths).resources[0]
        return PodTemplate.all(of: resource).map {
            FieldPathLocator.path(of: $0.node, under: resource.node) ?? "?"
        }
    }

    func testBuiltInWorkloadComesFirstAndAlone() {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers: [{name: web, image: nginx:1.27}]
            """
        XCTAssertEqual(templatePaths(yaml), ["spec.template"])
    }

    func testKubeflowReplicaSpecsEveryRole() throws {
        XCTAssertEqual(templatePaths(try fixture("pytorchjob.yaml")),
                       ["spec.pytorchReplicaSpecs.Master.template", "spec.pytorchReplicaSpecs.Worker.template"])
        let tf = """
            apiVersion: kubeflow.org/v1
            kind: TFJob
            metadata: {name: mnist}
            spec:
              tfReplicaSpecs:
                PS: {template: {spec: {containers: [{name: tf, image: tf:2}]}}}
                Chief: {template: {spec: {containers: [{name: tf, image: tf:2}]}}}
            """
        XCTAssertEqual(templatePaths(tf), ["spec.tfReplicaSpecs.PS.template", "spec.tfReplicaSpecs.Chief.template"])
    }

    func testRayWorkerGroupsKedaKnativeAndRollout() {
        let ray = """
            apiVersion: ray.io/v1
            kind: RayCluster
            metadata: {name: rc}
            spec:
              headGroupSpec: {template: {spec: {containers: [{name: head, image: ray:2}]}}}
              workerGroupSpecs:
              - groupName: gpu
                template: {spec: {containers: [{name: w, image: ray:2}]}}
              - groupName: cpu
                template: {spec: {containers: [{name: w, image: ray:2}]}}
            """
        XCTAssertEqual(templatePaths(ray), ["spec.headGroupSpec.template", "spec.workerGroupSpecs[0].template",
                                            "spec.workerGroupSpecs[1].template"])
        let keda = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: q}
            spec:
              jobTargetRef: {template: {spec: {containers: [{name: x, image: y}]}}}
              jobTemplate:
                spec:
                  template: {spec: {containers: [{name: consumer, image: registry.example.com/c:1}]}}
            """
        XCTAssertEqual(templatePaths(keda), ["spec.jobTemplate.spec.template"], "only the built-in shape, no search")
        let knative = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: hello}
            spec:
              template: {spec: {containers: [{image: ghcr.io/knative/helloworld-go:latest}]}}
            """
        XCTAssertEqual(templatePaths(knative), ["spec.template"])
        let coreService = """
            apiVersion: v1
            kind: Service
            metadata: {name: hello}
            spec:
              template: {spec: {containers: [{image: x}]}}
            """
        XCTAssertEqual(templatePaths(coreService), [], "core Service is not Knative's")
    }

    func testArgoWorkflowTemplatesAreNotPodTemplates() {
        let yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: train-}
            spec:
              entrypoint: main
              templates:
              - name: main
                container: {image: python:3.12, command: [python, train.py]}
            """
        XCTAssertEqual(templatePaths(yaml), [])
    }

    func testUnknownKindIsSearchedByShapeWithBoundedDepth() {
        let yaml = """
            apiVersion: platform.example.com/v1
            kind: InferencePool
            metadata: {name: pool}
            spec:
              serving:
                replicas: 2
                podTemplate:
                  metadata: {labels: {app: pool}}
                  spec:
                    containers: [{name: server, image: registry.example.com/server:1}]
              notAPod:
                spec: {containers: [{name: x}]}
              alsoNot:
                spec: {containers: "text"}
            """
        XCTAssertEqual(templatePaths(yaml), ["spec.serving.podTemplate"])
        var deep = "apiVersion: platform.example.com/v1\nkind: Deep\nmetadata: {name: d}\nspec:\n"
        var indent = "  "
        for i in 0 ..< 12 {
            deep += indent + "l\(i):\n"
            indent += "  "
        }
        deep += indent + "template: {spec: {containers: [{name: x, image: y}]}}\n"
        XCTAssertEqual(templatePaths(deep), [], "beyond the search depth")
    }

    func testBuiltInGroupsAreNotSearched() {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {}
            template: {spec: {containers: [{name: x, image: y}]}}
            """
        XCTAssertEqual(templatePaths(yaml), [])
    }

    func testConfiguredPathsByKindOrGroupKind() {
        let yaml = """
            apiVersion: platform.example.com/v1
            kind: Trainer
            metadata: {name: t}
            spec:
              roles:
                leader: {pod: {spec: {containers: [{name: l, image: a}]}}}
                follower: {pod: {spec: {containers: [{name: f, image: a}]}}}
              extra: {template: {spec: {containers: [{name: e, image: a}]}}}
            """
        XCTAssertEqual(templatePaths(yaml, extraPaths: ["Trainer": ["spec.roles.*.pod"]]),
                       ["spec.roles.leader.pod", "spec.roles.follower.pod"], "configured paths replace the search")
        XCTAssertEqual(templatePaths(yaml, extraPaths: ["platform.example.com/Trainer": ["spec.roles.lead*.pod"]]),
                       ["spec.roles.leader.pod"])
        XCTAssertEqual(templatePaths(yaml), ["spec.roles.leader.pod", "spec.roles.follower.pod", "spec.extra.template"])
        let list = """
            apiVersion: platform.example.com/v1
            kind: Pipeline
            metadata: {name: p}
            spec:
              stages:
              - pod: {spec: {containers: [{name: a, image: a}]}}
              - pod: {spec: {containers: [{name: b, image: b}]}}
            """
        XCTAssertEqual(templatePaths(list, extraPaths: ["Pipeline": ["spec.stages.1.pod"]]), ["spec.stages[1].pod"])
        XCTAssertEqual(templatePaths(list, extraPaths: ["Pipeline": ["spec.stages.*.pod"]]),
                       ["spec.stages[0].pod", "spec.stages[1].pod"])
    }

    func testPrivilegedContainerInsidePyTorchWorker() throws {
        let found = runChecks([PrivilegedContainerRule()], ["job.yaml": try fixture("pytorchjob.yaml")])
        XCTAssertEqual(positions(found), ["31:27"])
        XCTAssertEqual(found.first?.fieldPath,
                       "spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].securityContext.privileged")
    }

    func testWorkloadRulesSeeEveryRole() throws {
        // Image, hygiene and security rules run once per template.
        let found = runChecks([WritableRootFilesystemRule()], ["job.yaml": try fixture("pytorchjob.yaml")])
        XCTAssertEqual(found.compactMap(\.fieldPath), [
            "spec.pytorchReplicaSpecs.Master.template.spec.containers[0].name",
            "spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].securityContext",
        ])
    }

    func testServiceSelectingRolloutPodsIsNotDangling() throws {
        XCTAssertEqual(runChecks([DanglingServiceRule()], ["rollout.yaml": try fixture("rollout.yaml")], strict: true), [])
    }

    func testServiceAccountAndSecretReferencesOfAPyTorchJobResolve() throws {
        var job = try fixture("pytorchjob.yaml")
        XCTAssertEqual(runChecks([MissingServiceAccountRule(), SecretReferenceRule()], ["job.yaml": job], strict: true), [])
        job = job.replacingOccurrences(of: "name: hf-token\n  namespace", with: "name: other\n  namespace")
            .replacingOccurrences(of: "name: trainer\n  namespace", with: "name: someone\n  namespace")
        let found = runChecks([MissingServiceAccountRule(), SecretReferenceRule()], ["job.yaml": job], strict: true)
        XCTAssertEqual(Set(found.map(\.ruleID)), ["missing-service-account", "secret-reference"])
        XCTAssertTrue(found.allSatisfy { $0.fieldPath?.hasPrefix("spec.pytorchReplicaSpecs.") == true }, "\(found)")
    }

    func testResourceSetListsCustomTemplatesAfterBuiltIns() throws {
        let set = ResourceSet(resources: resources(try fixture("rollout.yaml")) + resources(try fixture("pytorchjob.yaml")))
        XCTAssertEqual(set.podTemplates.map(\.owner.kind), ["Rollout", "PyTorchJob", "PyTorchJob"])
    }
}

extension PodTemplateTests {
    func testEmbeddedObjectsAndPalisadeKindsAreNotSearched() {
        let test = """
            apiVersion: palisade.dev/v1
            kind: PolicyTest
            metadata: {name: t}
            spec:
              cases:
              - resource: {spec: {template: {spec: {containers: [{name: a, image: b}]}}}}
            """
        XCTAssertEqual(templatePaths(test), [])
        let wrapper = """
            apiVersion: platform.example.com/v1
            kind: Bundle
            metadata: {name: b}
            spec:
              objects:
              - apiVersion: apps/v1
                kind: Deployment
                spec: {template: {spec: {containers: [{name: a, image: b}]}}}
            """
        XCTAssertEqual(templatePaths(wrapper), [])
    }
}
