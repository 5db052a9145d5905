import Engine
@testable import Policies
import XCTest
import YAMLTree
import CEL

final class NativePolicyTests: XCTestCase {
    let trainingPolicy = """
    apiVersion: palisade.dev/v1
    kind: Policy
    metadata:
      name: training
    spec:
      match:
        kinds: [Job]
        namespaces: [ml-training, ml-eval]
        labelSelector:
          matchExpressions:
          - {key: team, operator: In, values: [vision, nlp]}
        exclude:
          labelSelector:
            matchLabels: {palisade.dev/skip: "true"}
      variables:
      - name: spec
        expression: object.spec
      - name: deadline
        expression: variables.spec.?activeDeadlineSeconds.orValue(0)
      rules:
      - id: deadline
        severity: error
        expression: variables.deadline > 0 && variables.deadline <= 86400
        messageExpression: "'deadline ' + string(variables.deadline) + ' in ' + namespaceObject.metadata.name"
        message: bad deadline
        fieldPath: spec.activeDeadlineSeconds
        remediation: set it
      - id: ttl
        expression: object.spec.ttlSecondsAfterFinished > 0
        message: no ttl
    """

    func job(_ namespace: String, team: String = "vision", deadline: String? = nil, extraLabel: String = "") -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: train
          namespace: \(namespace)
          labels: {team: \(team)\(extraLabel)}
        spec:
        \(deadline.map { "  activeDeadlineSeconds: \($0)\n" } ?? "")  ttlSecondsAfterFinished: 60
          template: {}
        """
    }

    func testMatchVariablesMessageExpressionAndFieldPath() {
        let set = policySet(trainingPolicy)
        XCTAssertEqual(set.ruleIDs, ["training/deadline", "training/ttl"])
        XCTAssertEqual(summary(check(set, job("ml-training", deadline: "100000"))),
                       ["8:26 training/deadline error deadline 100000 in ml-training"])
        // No deadline: the finding points at the key of the deepest existing field of the
        // field path (`spec:`), where the missing field belongs.
        XCTAssertEqual(summary(check(set, job("ml-eval"))), ["7:1 training/deadline error deadline 0 in ml-eval"])
        XCTAssertEqual(summary(check(set, job("ml-training", deadline: "3600"))), [])
        // Not matched: other namespace, other team, excluded label.
        XCTAssertEqual(summary(check(set, job("web"))), [])
        XCTAssertEqual(summary(check(set, job("ml-training", team: "infra"))), [])
        XCTAssertEqual(summary(check(set, job("ml-training", extraLabel: ", palisade.dev/skip: \"true\""))), [])
    }

    func testFieldPathPointsAtTheField() {
        let set = policySet(trainingPolicy)
        let findings = check(set, job("ml-training", deadline: "100000"))
        XCTAssertEqual(findings.first?.fieldPath, "spec.activeDeadlineSeconds")
    }

    func testNamespaceObjectComesFromTheRepository() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: ns}
        spec:
          match: {kinds: [ConfigMap]}
          rules:
          - id: owner
            expression: "'owner' in namespaceObject.metadata.?labels.orValue({})"
            messageExpression: "'namespace ' + namespaceObject.metadata.name + ' has no owner label'"
        """)
        let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team-a}\n"
        XCTAssertEqual(summary(check(set, configMap)), ["1:1 ns/owner warning namespace team-a has no owner label"])
        let namespace = "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, labels: {owner: me}}\n---\n"
        XCTAssertEqual(summary(check(set, namespace + configMap)), [])
    }

    func testRuntimeErrorsArePolicyErrorFindingsAndDoNotStopTheRun() {
        let set = policySet(trainingPolicy)
        let noTTL = job("ml-training", deadline: "60").replacingOccurrences(of: "  ttlSecondsAfterFinished: 60\n", with: "")
        let findings = check(set, noTTL + "\n---\n" + job("ml-eval", deadline: "60"))
        XCTAssertEqual(summary(findings),
                       ["1:1 policy-error error policy training, rule ttl: no such key: ttlSecondsAfterFinished"])
        XCTAssertEqual(findings.first?.resource?.name, "train")
    }

    /// Policies that never read `namespaceObject` run with the per-resource rules (while each
    /// file is checked); the others wait for every Namespace of the run.
    func testOnlyPoliciesReadingNamespaceObjectWaitForTheWholeSet() {
        let perResource = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: jobs}
        spec:
          match: {kinds: [Job]}
          rules:
          - {id: ttl, expression: "has(object.spec.ttlSecondsAfterFinished)", message: no ttl}
        """)
        XCTAssertTrue(perResource.rules.contains { $0 is ResourcePolicyRule })
        XCTAssertFalse(perResource.rules.contains { $0 is PolicyRule })
        // `trainingPolicy` reads namespaceObject in a messageExpression only: that is enough.
        let wholeSet = policySet(trainingPolicy)
        XCTAssertEqual(wholeSet.rules.filter { $0 is PolicyRule }.count, 2)
        XCTAssertFalse(wholeSet.rules.contains { $0 is ResourcePolicyRule })
    }

    /// Rules of one policy share the variables of a resource, never those of another resource,
    /// and a runtime error of a per-resource policy is a `policy-error` of its own run only.
    func testPerResourcePoliciesShareVariablesPerResourceAndReportErrorsOncePerRun() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: jobs}
        spec:
          match: {kinds: [Job]}
          variables:
          - {name: ttl, expression: "object.spec.ttlSecondsAfterFinished"}
          rules:
          - {id: positive, expression: "variables.ttl > 0", messageExpression: "'ttl ' + string(variables.ttl)"}
          - {id: bounded, expression: "variables.ttl < 100", messageExpression: "'ttl ' + string(variables.ttl) + ' too long'"}
        """)
        func job(_ name: String, _ ttl: String?) -> String {
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: \(name)}\nspec:\n"
                + (ttl.map { "  ttlSecondsAfterFinished: \($0)\n" } ?? "  parallelism: 1\n")
        }
        let manifests = [job("a", "0"), job("b", "500"), job("c", nil)].joined(separator: "---\n")
        let expected = [
            "1:1 jobs/positive warning ttl 0",
            "7:1 jobs/bounded warning ttl 500 too long",
            "13:1 policy-error error policy jobs, rule bounded: no such key: ttlSecondsAfterFinished",
            "13:1 policy-error error policy jobs, rule positive: no such key: ttlSecondsAfterFinished",
        ]
        XCTAssertEqual(summary(check(set, manifests)), expected)
        // The same rules again: errors of the first run are not reported twice.
        XCTAssertEqual(summary(check(set, manifests)), expected)
    }

    func testVariablesReadingEachOtherAreAPolicyErrorNotAHang() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: loop}
        spec:
          match: {kinds: [ConfigMap]}
          variables:
          - {name: a, expression: "variables.b"}
          - {name: b, expression: "variables.a"}
          rules:
          - {id: r, expression: "variables.a == 1", message: m}
        """)
        XCTAssertEqual(summary(check(set, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")),
                       ["1:1 policy-error error policy loop, rule r: cyclic reference in lazily computed variable"])
    }

    /// A variable whose value holds `variables` itself still works, and is recomputed rather
    /// than stored: stored, it would keep its map (and the resource's scope) alive for ever.
    func testAVariableHoldingVariablesDoesNotKeepItsScopeAlive() throws {
        let definitions = [
            NamedExpression(name: "me", expression: try compiledExpression("variables")),
            NamedExpression(name: "wrapped", expression: try compiledExpression("[{'v': variables}]")),
            NamedExpression(name: "n", expression: try compiledExpression("1")),
        ]
        weak var released: PolicyVariables?
        do {
            let variables = PolicyVariables(definitions, CELActivation())
            released = variables
            let map = CELHostMap(variables)
            guard case .success(.hostMap(let me))? = variables.lookup("me", in: map) else { return XCTFail("me") }
            XCTAssertTrue((me.host as? PolicyVariables) === variables)
            guard case .success(.list(let wrapped))? = variables.lookup("wrapped", in: map) else { return XCTFail("wrapped") }
            XCTAssertEqual(wrapped.count, 1)
            // Plain values are still computed once and kept.
            guard case .success(.int(1))? = variables.lookup("n", in: map) else { return XCTFail("n") }
        }
        XCTAssertNil(released, "the variables map was kept alive by a value stored in itself")
    }

    /// Expressions of a scope read its variables in their own activation (`lookup(_:in:)`),
    /// nested reads and values holding `variables` included, with the same answers, and the
    /// scope's variables still go away with the scope.
    func testVariablesReadThroughTheScopeAnswerAsBeforeAndAreReleased() throws {
        let definitions = [
            NamedExpression(name: "n", expression: try compiledExpression("object.spec.replicas")),
            NamedExpression(name: "twice", expression: try compiledExpression("variables.n * 2")),
            NamedExpression(name: "me", expression: try compiledExpression("variables")),
            NamedExpression(name: "wrapped", expression: try compiledExpression("[{'v': variables}]")),
        ]
        let object = YAMLParser.parse(Array("spec: {replicas: 3}\n".utf8), file: "o.yaml").documents[0].root
        weak var released: PolicyVariables?
        do {
            var bindings = CELActivation()
            bindings.bind("object", to: YAMLCEL.value(object))
            let scope = EvaluationScope(bindings, variables: definitions)
            guard case .success(.hostMap(let map)) = scope.evaluate(try compiledExpression("variables")) else { return XCTFail("variables") }
            released = map.host as? PolicyVariables
            XCTAssertNotNil(released)
            for text in ["variables.twice == 6", "variables.me.twice == 6 && variables.wrapped[0].v.n == 3",
                         "has(variables.n) && !has(variables.m)", "'twice' in variables"] {
                guard case .success(.bool(true)) = scope.check(try compiledExpression(text)).map(CELValue.bool) else {
                    return XCTFail(text)
                }
            }
        }
        XCTAssertNil(released, "the scope's variables outlived it")
    }

    func testCostLimitIsAPolicyError() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: slow}
        spec:
          rules:
          - id: loop
            expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, a + b + c + d + e + f + object.size > 0))))))"
            message: never
        """)
        let findings = check(set, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: a}\nsize: 1\n")
        XCTAssertEqual(findings.map(\.ruleID), ["policy-error"])
        XCTAssertTrue(findings.first?.message.contains("cost limit") ?? false, findings.first?.message ?? "")
    }

    func testNonBoolResultIsAnError() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - {id: r, expression: "object.kind", message: m}
        """)
        XCTAssertEqual(summary(check(set, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")),
                       ["1:1 policy-error error policy p, rule r: expression must evaluate to bool, not string"])
    }

    func testDisabledRulesAndSeverityOverrides() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - {id: off, enabled: false, severity: info, expression: "false", message: m}
        """)
        XCTAssertEqual(set.rules.first?.metadata.enabledByDefault, false)
        XCTAssertEqual(set.rules.first?.metadata.severity, .info)
        var options = CheckOptions()
        options.selection.enabled = ["p/off"]
        options.selection.severities = ["p/off": .error]
        let findings = Checker(rules: set.rules, options: options)
            .check([SourceInput(name: "m.yaml", bytes: Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n".utf8))]).findings
        XCTAssertEqual(summary(findings), ["1:1 p/off error m"])
    }

    func testExamplesBecomeRuleExamples() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          rules:
          - id: r
            expression: "object.data.mode != 'debug'"
            message: debug mode
            examples:
              fail:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {mode: debug, "odd key": "x: y", n: 3}}
              pass:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data:
                  mode: "prod"
                  list: [a, {b: 1}, [c]]
        """)
        let m = set.rules[0].metadata
        XCTAssertEqual(m.triggering.map(\.yaml), ["""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
        data:
          mode: debug
          odd key: "x: y"
          n: 3

        """])
        XCTAssertEqual(m.nonTriggering.map(\.yaml), ["""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
        data:
          mode: "prod"
          list:
            - a
            - b: 1
            -
              - c

        """])
        XCTAssertEqual(check(set, m.triggering[0].yaml).map(\.ruleID), ["p/r"])
        XCTAssertEqual(check(set, m.nonTriggering[0].yaml).map(\.ruleID), [])
    }

    /// `fieldPath` per kind, `reportAt: key`, and where a partly present path points.
    func testFindingPositions() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: p}
        spec:
          match: {kinds: [Job, CronJob]}
          rules:
          - id: limit
            expression: "false"
            message: no backoffLimit
            fieldPath: {Job: spec.backoffLimit, CronJob: spec.jobTemplate.spec.backoffLimit}
          - id: whole-spec
            expression: "false"
            message: spec
            fieldPath: spec
            reportAt: key
          - id: first-container
            expression: "false"
            message: container
            fieldPath: spec.template.spec.containers[0].image
          - id: unlisted-kind
            expression: "false"
            message: unlisted
            fieldPath: {CronJob: spec.schedule}
        """)
        let jobs = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          backoffLimit: 2
          template:
            spec:
              containers: []
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          schedule: "@daily"
          jobTemplate:
            spec: {}
        """
        XCTAssertEqual(summary(check(set, jobs)).sorted(), [
            // Job. Present: the value (backoffLimit: 2).
            "5:17 p/limit warning no backoffLimit",
            // reportAt key: the `spec:` key.
            "4:1 p/whole-spec warning spec",
            // Partly present (an empty containers list): the key of the deepest existing field.
            "8:7 p/first-container warning container",
            // No path for this kind: the resource.
            "1:1 p/unlisted-kind warning unlisted",
            // CronJob. Its own path: the `spec:` key of jobTemplate, where backoffLimit belongs.
            "16:5 p/limit warning no backoffLimit",
            "13:1 p/whole-spec warning spec",
            // No template at all: the CronJob's `spec:` key.
            "13:1 p/first-container warning container",
            "14:13 p/unlisted-kind warning unlisted",
        ].sorted())
    }
}

extension NativePolicyTests {
    /// A policy that waits for the whole set reads any field of the kinds it matches: the
    /// checker keeps those whole instead of reducing their pod specs (`Retention`).
    func testPoliciesInTheSetPhaseSeeWholeResources() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: limits}
        spec:
          match: {kinds: [Deployment]}
          rules:
          - id: memory
            expression: >-
              namespaceObject.status.phase != 'Active' ||
              object.spec.template.spec.containers.all(c, has(c.resources.limits))
            messageExpression: "'a container in ' + namespaceObject.metadata.name + ' has no limits'"
        """)
        let rule = set.rules.compactMap { $0 as? PolicyRule }.first
        // The namespace object is read whole too (here its status, which a kept copy drops).
        XCTAssertEqual(rule?.readsWholeResources, .kinds(["Deployment", "Namespace"]))
        func deployment(_ resources: String) -> String {
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a}
            status: {phase: Active}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: team-a}
            spec:
              template:
                spec:
                  containers:
                  - {name: main, image: web, \(resources)}
            """
        }
        XCTAssertEqual(summary(check(set, deployment("resources: {limits: {memory: 1Gi}}"))), [])
        XCTAssertEqual(summary(check(set, deployment("resources: {}"))),
                       ["6:1 limits/memory warning a container in team-a has no limits"])
    }
}

extension NativePolicyTests {
    /// Runtime errors of per-resource policies are reported by `policy-error` after the file
    /// is checked, on the reduced copy the checker keeps of the resource: they must still
    /// find it (they once looked for the original document).
    func testRuntimeErrorsAreReportedOnTheKeptCopyOfAResource() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: jobs}
        spec:
          match: {kinds: [Job, ConfigMap]}
          rules:
          - {id: ttl, expression: "object.spec.ttlSecondsAfterFinished > 0", message: no ttl}
        """)
        let manifests = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: train}
        spec:
          template:
            spec:
              containers: [{name: t, image: t, resources: {limits: {memory: 1Gi}}}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {a: b}
        """
        XCTAssertEqual(summary(check(set, manifests)), [
            "1:1 policy-error error policy jobs, rule ttl: no such key: ttlSecondsAfterFinished",
            "9:1 policy-error error policy jobs, rule ttl: no such key: spec",
        ])
    }
}

extension NativePolicyTests {
    /// Two inputs may share a name (standard input named like a file): each runtime error is
    /// still reported on the resource it happened on.
    func testRuntimeErrorsOfInputsSharingANameStayWithTheirResources() {
        let set = policySet("""
        apiVersion: palisade.dev/v1
        kind: Policy
        metadata: {name: cm}
        spec:
          match: {kinds: [ConfigMap]}
          rules:
          - {id: mode, expression: "object.data.mode == 'prod'", message: not prod}
        """)
        let inputs = ["a", "b"].map {
            SourceInput(name: "m.yaml", bytes: Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \($0)}\ndata: {}\n".utf8))
        }
        let findings = Checker(rules: set.rules, options: CheckOptions()).check(inputs).findings
        XCTAssertEqual(findings.map { "\($0.ruleID) \($0.resource?.name ?? "-")" }.sorted(),
                       ["policy-error a", "policy-error b"])
    }
}

/// A native policy expression compiled from `text`, as the policy loader compiles one.
private func compiledExpression(_ text: String) throws -> CompiledExpression {
    let node = YAMLParser.parse(Array("\"\(text)\"".utf8), file: "t.yaml").documents[0].root
    return try CompiledExpression(node, field: "expression", variables: CompiledExpression.nativeVariables)
}
