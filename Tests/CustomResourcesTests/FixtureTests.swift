import CustomResources
import Engine
import Rules
import XCTest

/// The ML-platform fixtures: a training-job CRD, a valid and a broken TrainingJob.
final class FixtureTests: XCTestCase {
    func check(_ files: [String]) throws -> [Finding] {
        var inputs: [String: String] = [:]
        for f in files { inputs[f] = try fixture(f) }
        return runChecks(CustomResourceRules.all, inputs)
    }

    func testValidTrainingJobAndCRDAreClean() throws {
        XCTAssertEqual(try check(["trainingjob-crd.yaml", "trainingjob-valid.yaml"]).map(\.message), [])
    }

    func testBrokenTrainingJob() throws {
        let found = try check(["trainingjob-crd.yaml", "trainingjob-broken.yaml"])
        XCTAssertEqual(found.map { "\($0.position) [\($0.ruleID)] \($0.message)" }, [
            "8:1 [crd-validation-rule] spec: a training job may use at most 64 workers",
            "11:17 [crd-validation-rule] spec.minAvailable: minAvailable (200) exceeds workers (128) (FieldValueInvalid)",
            #"12:14 [crd-schema-violation] spec.framework must be one of "pytorch", "tensorflow", "jax", found "pytroch"; did you mean "pytorch"?"#,
            #"13:13 [crd-schema-violation] spec.deadline "tomorrow" is not a valid date-time (format date-time)"#,
            #"14:3 [crd-schema-violation] unknown field "gpusPerWoker" at spec.gpusPerWoker; did you mean "gpusPerWorker"?"#,
            #"17:12 [crd-schema-violation] spec.datasets[1] has a second item with name="wiki" (first is item 0); x-kubernetes-list-map-keys must be unique"#,
            #"18:15 [crd-schema-violation] spec.tags[1] duplicates item 0 ("nlp"); a list of type set needs unique items"#,
            #"19:35 [crd-schema-violation] spec.hyperparameters.learningRate must be a number, found the string "1e-4"; remove the quotes"#,
            "21:13 [crd-version-not-served] version v1alpha1 of TrainingJob is not served by its CRD (served: v1); the API server rejects the object",
            "29:7 [crd-kind-unknown] no CRD defines kind TrainJob in group training.example.com (defined: TrainingJob); did you mean TrainingJob?",
        ])
    }

    func testCRDsInContextValidateReportedObjects() throws {
        let found = runChecks(CustomResourceRules.all, ["job.yaml": try fixture("trainingjob-broken.yaml")],
                              context: ["crd.yaml": try fixture("trainingjob-crd.yaml")])
        XCTAssertEqual(found.count, 10)
        XCTAssertTrue(found.allSatisfy { $0.file == "job.yaml" })
    }

    func testWithoutCRDOneInfoPerKind() throws {
        let found = runChecks(CustomResourceRules.all, ["job.yaml": try fixture("trainingjob-broken.yaml"),
                                                        "pytorch.yaml": try fixture("pytorchjob.yaml")])
        XCTAssertEqual(found.map { "\($0.file):\($0.position) \($0.severity) \($0.message)" }, [
            "job.yaml:4:7 info no CRD for TrainingJob (training.example.com) among the inputs; its fields are not validated (policies and pod-template rules still apply)",
            "job.yaml:29:7 info no CRD for TrainJob (training.example.com) among the inputs; its fields are not validated (policies and pod-template rules still apply)",
            "pytorch.yaml:3:7 info no CRD for PyTorchJob (kubeflow.org) among the inputs; its fields are not validated (policies and pod-template rules still apply)",
        ])
    }

    func testPyTorchJobPrivilegedWorker() throws {
        let found = runChecks([PrivilegedContainerRule()], ["pytorchjob.yaml": try fixture("pytorchjob.yaml")])
        XCTAssertEqual(found.map(\.message), [#"container "pytorch" runs privileged: it has every capability and all host devices"#])
    }
}
