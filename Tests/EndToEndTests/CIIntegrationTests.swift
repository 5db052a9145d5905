import Foundation
import XCTest

/// Pre-commit and CI-gate behaviour of the built binary: context, baselines, Helm source
/// mapping, completions, man page and hook definitions.
final class CIIntegrationTests: XCTestCase {
    func testContextResolvesReferencesButReportsOnlyNamedFiles() throws {
        let dir = try temporaryDirectory()
        try """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: trainer, namespace: ml}
            """.write(to: dir.appendingPathComponent("sa.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: train, namespace: ml}
            spec:
              serviceAccountName: trainer
              containers: [{name: t, image: "t:1", securityContext: {privileged: true}}]
            """.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: other, namespace: ml}
            spec:
              serviceAccountName: missing-account
              containers: [{name: o, image: "o:1"}]
            """.write(to: dir.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        let pod = dir.appendingPathComponent("pod.yaml").path
        // With the folder as context, the ServiceAccount resolves and other.yaml is not reported.
        let withContext = try palisade(["check", pod, "--context", dir.path, "--only", "missing-service-account,privileged-container"])
        XCTAssertTrue(withContext.stdout.contains("pod.yaml"), withContext.stdout)
        XCTAssertFalse(withContext.stdout.contains("other.yaml"), withContext.stdout)
        XCTAssertFalse(withContext.stdout.contains("missing-service-account"), withContext.stdout)
        // The same file alone is also fine (no ServiceAccounts defined in ml: partial repository).
        let alone = try palisade(["check", dir.appendingPathComponent("other.yaml").path, "--no-context",
                                      "--only", "missing-service-account"])
        XCTAssertFalse(alone.stdout.contains("missing-service-account"), alone.stdout)
        // With context, the missing account of other.yaml is found: ServiceAccounts exist in ml.
        let other = try palisade(["check", dir.appendingPathComponent("other.yaml").path, "--context", dir.path,
                                      "--only", "missing-service-account"])
        XCTAssertTrue(other.stdout.contains("[missing-service-account]"), other.stdout)
    }

    /// Without `--context`, the context is the git work tree of the files checked, not of the
    /// directory the command runs in (here the palisade checkout itself).
    func testDefaultContextIsTheRepositoryOfTheNamedFiles() throws {
        let repo = try temporaryDirectory()
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("apps"), withIntermediateDirectories: true)
        try """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: trainer, namespace: ctx-default-test}
            """.write(to: repo.appendingPathComponent("sa.yaml"), atomically: true, encoding: .utf8)
        let pod = repo.appendingPathComponent("apps/pod.yaml")
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: other, namespace: ctx-default-test}
            spec:
              serviceAccountName: missing-account
              containers: [{name: o, image: "o:1"}]
            """.write(to: pod, atomically: true, encoding: .utf8)
        // The ServiceAccounts of the namespace come from the pod's repository, so the missing
        // one is reported; sa.yaml itself is context and not reported.
        let run = try palisade(["check", pod.path, "--only", "missing-service-account"])
        XCTAssertTrue(run.stdout.contains("pod.yaml") && run.stdout.contains("[missing-service-account]"), run.stdout)
        XCTAssertFalse(run.stdout.contains("sa.yaml"), run.stdout)
        XCTAssertTrue(run.stdout.contains("in 1 file"), run.stdout)
        // Outside any repository there is no default context: a partial view reports nothing.
        let loose = try temporaryDirectory()
        let copy = loose.appendingPathComponent("pod.yaml")
        try FileManager.default.copyItem(at: pod, to: copy)
        let alone = try palisade(["check", copy.path, "--only", "missing-service-account"])
        XCTAssertFalse(alone.stdout.contains("[missing-service-account]"), alone.stdout)
    }

    func testBaselineHidesKnownFindingsAndReportsStaleEntries() throws {
        let dir = try temporaryDirectory()
        let manifest = dir.appendingPathComponent("m.yaml")
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: \"3\"\n"
            .write(to: manifest, atomically: true, encoding: .utf8)
        let baseline = dir.appendingPathComponent("baseline.json").path
        let create = try palisade(["baseline", "create", manifest.path, "--no-context", "-o", baseline])
        XCTAssertEqual(create.status, 0, create.stderr)
        let clean = try palisade(["check", manifest.path, "--no-context", "--baseline", baseline])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        XCTAssertTrue(clean.stdout.contains("suppressed"), clean.stdout)
        // Lines moving does not invalidate the baseline; a new finding is reported.
        try "# moved down\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: \"3\"\n  paused: \"no\"\n"
            .write(to: manifest, atomically: true, encoding: .utf8)
        let moved = try palisade(["check", manifest.path, "--no-context", "--baseline", baseline])
        XCTAssertEqual(moved.status, 1)
        XCTAssertTrue(moved.stdout.contains("spec.paused"), moved.stdout)
        XCTAssertFalse(moved.stdout.contains("spec.replicas"), moved.stdout)
        // Fixing a baselined finding makes its entry stale.
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n"
            .write(to: manifest, atomically: true, encoding: .utf8)
        let fixed = try palisade(["check", manifest.path, "--no-context", "--baseline", baseline])
        XCTAssertTrue(fixed.stdout.contains("[stale-baseline-entry] baseline entry for invalid-type"), fixed.stdout)
        XCTAssertEqual(try palisade(["check", manifest.path, "--baseline", dir.appendingPathComponent("nope").path]).status, 2)
    }

    /// Pre-commit runs on the changed files from wherever the user is: a baseline made at the
    /// repository root still matches from a subdirectory and on absolute paths, files left out
    /// of the run are not called stale, and CI reports name files from the repository root.
    func testBaselineAndReportsDoNotDependOnTheWorkingDirectory() throws {
        let repo = try temporaryDirectory()
        for dir in [".git", "apps", "infra"] {
            try FileManager.default.createDirectory(at: repo.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        try """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              type: NodePort
              selector: {app: web}
              ports: [{port: 80, nodePort: 40000}]
            """.write(to: repo.appendingPathComponent("apps/svc.yaml"), atomically: true, encoding: .utf8)
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            spec:
              hostNetwork: true
              containers: [{name: app, image: "nginx:1.27"}]
            """.write(to: repo.appendingPathComponent("infra/pod.yaml"), atomically: true, encoding: .utf8)
        let create = try palisade(["baseline", "create", ".", "-o", ".palisade-baseline.json"], in: repo)
        XCTAssertEqual(create.status, 0, create.stderr)
        let apps = repo.appendingPathComponent("apps")
        for file in ["svc.yaml", apps.appendingPathComponent("svc.yaml").path, "../apps/./svc.yaml"] {
            let run = try palisade(["check", file, "--baseline", "../.palisade-baseline.json", "--fail-on", "info"], in: apps)
            XCTAssertEqual(run.status, 0, "\(file): \(run.stdout)")
            XCTAssertFalse(run.stdout.contains("stale-baseline-entry"), run.stdout)
            XCTAssertTrue(run.stdout.contains("suppressed in 1 file"), run.stdout)
        }
        let github = try palisade(["check", "svc.yaml", "--only", "node-port-range", "-f", "github"], in: apps)
        XCTAssertTrue(github.stdout.hasPrefix("::error file=apps/svc.yaml,line=7,"), github.stdout)
        let fromApps = try palisade(["check", "svc.yaml", "--only", "node-port-range", "-f", "sarif"], in: apps)
        let fromRoot = try palisade(["check", "apps/svc.yaml", "--only", "node-port-range", "-f", "sarif"], in: repo)
        XCTAssertTrue(fromApps.stdout.contains("\"uri\": \"apps/svc.yaml\""), fromApps.stdout)
        func fingerprints(_ sarif: String) -> [String] {
            sarif.split(separator: "\n").filter { $0.contains("\"palisade/v1\"") }.map(String.init)
        }
        XCTAssertEqual(fingerprints(fromApps.stdout).count, 1)
        XCTAssertEqual(fingerprints(fromApps.stdout), fingerprints(fromRoot.stdout))
    }

    func testHelmSourceCommentsNameTheTemplate() throws {
        let run = try palisade(["check", "fixtures/helm", "--no-context", "-f", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let targetPort = findings.first { $0["ruleId"] as? String == "service-target-port" }
        XCTAssertEqual(targetPort?["sourceTemplate"] as? String, "notebook/templates/service.yaml")
        XCTAssertEqual(targetPort?["line"] as? Int, 22)
    }

    func testStdinFromARenderedChart() throws {
        let text = try String(contentsOfFile: CLIHarness.root.appendingPathComponent("fixtures/helm/rendered-notebook-chart.yaml").path,
                              encoding: .utf8)
        let run = try palisade(["check", "-", "--stdin-filename", "charts/notebook", "--no-context"], stdin: text)
        XCTAssertTrue(run.stdout.contains("charts/notebook:22:17: error [service-target-port]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("[from notebook/templates/service.yaml]"), run.stdout)
    }

    func testCompletionsManPageAndHooks() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try palisade(["--generate-completion-script", shell])
            XCTAssertEqual(run.status, 0)
            XCTAssertTrue(run.stdout.contains("palisade"))
        }
        let man = try String(contentsOfFile: CLIHarness.root.appendingPathComponent("docs/palisade.1").path, encoding: .utf8)
        XCTAssertTrue(man.contains(".Nm palisade") || man.contains("palisade"))
        let hooks = try String(contentsOfFile: CLIHarness.root.appendingPathComponent(".pre-commit-hooks.yaml").path, encoding: .utf8)
        // The hook file is itself checked by our YAML layer: it must parse cleanly.
        let run = try palisade(["check", ".pre-commit-hooks.yaml", "--no-context", "--fail-on", "warning"])
        XCTAssertEqual(run.status, 0, run.stdout)
        XCTAssertTrue(hooks.contains("- id: palisade\n") && hooks.contains("language: system"))
    }

    func testSeveralOutputsInOneRunAndValidSARIF() throws {
        let dir = try temporaryDirectory()
        let sarif = dir.appendingPathComponent("results.sarif").path
        let junit = dir.appendingPathComponent("results.xml").path
        let run = try palisade(["check", "fixtures/broken", "--no-context", "--output", "sarif=\(sarif)",
                                "--output", "junit=\(junit)", "--output", "text"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stdout.contains("fixtures/broken/bad-selector.yaml:8:3: error [selector-mismatch]"), run.stdout)
        let log = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarif))) as? [String: Any]
        XCTAssertEqual(log?["version"] as? String, "2.1.0")
        XCTAssertTrue(try String(contentsOfFile: junit, encoding: .utf8).contains("<testsuite name=\"fixtures/broken/bad-selector.yaml\""))
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = ["python3", CLIHarness.root.appendingPathComponent("scripts/validate-sarif.py").path, sarif]
        try validator.run()
        validator.waitUntilExit()
        if validator.terminationStatus == 3 { throw XCTSkip("python jsonschema is not installed") }
        XCTAssertEqual(validator.terminationStatus, 0, "SARIF fails schema validation")
        XCTAssertEqual(try palisade(["check", "--output", "text", "--output", "json", "fixtures/hardened"]).status, 2)
    }

    func testGitHubAnnotations() throws {
        let run = try palisade(["check", "fixtures/broken/bad-selector.yaml", "--no-context", "-f", "github"])
        XCTAssertTrue(run.stdout.contains("::error file=fixtures/broken/bad-selector.yaml,line=8,col=3,title=palisade selector-mismatch::"),
                      run.stdout)
    }
}

final class PolicyCommandTests: XCTestCase {
    func testUserPoliciesRunInCheckAndPolicyTestPasses() throws {
        let check = try palisade(["check", "fixtures/policies/manifests/storefront.yaml", "--policy", "fixtures/policies/policy",
                                  "--no-context", "--only", "replica-limit"])
        XCTAssertEqual(check.status, 0, check.stdout)  // warning only, below --fail-on error
        XCTAssertTrue(check.stdout.contains("storefront.yaml:7:1: warning [replica-limit] Deployment checkout asks for 8 replicas"),
                      check.stdout)
        let test = try palisade(["policy", "test", "fixtures/policies/policy"])
        XCTAssertEqual(test.status, 0, test.stdout)
        XCTAssertTrue(test.stdout.hasSuffix("11 passed, 0 failed\n"), test.stdout)
        let rules = try palisade(["rules", "--policy", "fixtures/policies/policy"])
        XCTAssertTrue(rules.stdout.contains("training-jobs/deadline"))
    }

    func testBrokenPolicyIsAUsageError() throws {
        let dir = try temporaryDirectory()
        try """
            apiVersion: palisade.dev/v1
            kind: Policy
            metadata: {name: p}
            spec:
              match: {kinds: [Pod]}
              rules:
              - id: r
                expression: object.spec.replicas >= && true
                message: replicas
            """.write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let run = try palisade(["check", "fixtures/hardened", "--policy", dir.path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("p.yaml:8:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("^"), run.stderr)
    }
}

final class PodTemplatePathsTests: XCTestCase {
    /// `podTemplatePaths` in `.palisade.yaml` replaces the shape search for its kind, for
    /// per-resource and cross-resource rules alike.
    func testConfiguredPathsReplaceTheShapeSearch() throws {
        let dir = try temporaryDirectory()
        try """
            apiVersion: platform.example.com/v1
            kind: Trainer
            metadata: {name: t, namespace: ml}
            spec:
              roles:
                worker:
                  pod:
                    spec:
                      containers:
                      - {name: w, image: "w:1.0.0", securityContext: {privileged: true}}
            """.write(to: dir.appendingPathComponent("trainer.yaml"), atomically: true, encoding: .utf8)
        let manifest = dir.appendingPathComponent("trainer.yaml").path
        let config = dir.appendingPathComponent("palisade.yaml")

        try "podTemplatePaths:\n  Trainer: [\"spec.roles.*.pod\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let configured = try palisade(["check", manifest, "--config", config.path, "--no-context", "--only", "privileged-container"])
        XCTAssertTrue(configured.stdout.contains("trainer.yaml:10:71: error [privileged-container]"), configured.stdout)

        try "podTemplatePaths:\n  platform.example.com/Trainer: [\"spec.elsewhere\"]\n".write(to: config, atomically: true, encoding: .utf8)
        let elsewhere = try palisade(["check", manifest, "--config", config.path, "--no-context", "--only", "privileged-container"])
        XCTAssertFalse(elsewhere.stdout.contains("privileged-container"), elsewhere.stdout)
    }

    /// The rules of the policies a configuration lists can be configured in the same file.
    func testConfigurationSetsTheSeverityOfItsOwnPolicies() throws {
        let dir = try temporaryDirectory()
        let config = dir.appendingPathComponent(".palisade.yaml")
        let policies = CLIHarness.root.appendingPathComponent("fixtures/policies/policy").path
        let manifest = "fixtures/policies/manifests/training.yaml"
        try "policies: [\"\(policies)\"]\nrules:\n  training-jobs/deadline: {severity: info}\n".write(to: config, atomically: true, encoding: .utf8)
        let run = try palisade(["check", manifest, "--config", config.path, "--no-context", "--only", "training-jobs/deadline"])
        XCTAssertTrue(run.stdout.contains("training.yaml:13:1: info [training-jobs/deadline]"), run.stdout + run.stderr)
        try "policies: [\"\(policies)\"]\nrules:\n  training-jobs/dedline: {severity: info}\n".write(to: config, atomically: true, encoding: .utf8)
        let typo = try palisade(["check", manifest, "--config", config.path, "--no-context"])
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains(":3:3: unknown key \"training-jobs/dedline\"; did you mean \"training-jobs/deadline\"?"), typo.stderr)
    }

    /// Rule parameters in `.palisade.yaml` are checked against what the rules take (exit 2
    /// with the position), `alias-bomb`'s sets the parse limit, and `exclude` is relative to
    /// the file's directory whichever directory palisade runs in.
    func testConfigurationParametersAndPathsEndToEnd() throws {
        let repo = try temporaryDirectory()
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("legacy"), withIntermediateDirectories: true)
        let config = repo.appendingPathComponent(".palisade.yaml")
        try "rules:\n  node-port-range: {nodePortRange: abc}\n".write(to: config, atomically: true, encoding: .utf8)
        let bad = try palisade(["check", "--no-context", "--config", config.path, "fixtures/hardened"])
        XCTAssertEqual(bad.status, 2, bad.stdout)
        XCTAssertEqual(bad.stderr, "palisade: invalid configuration: \(config.path):2:36: rules.node-port-range.nodePortRange must be "
                       + "FIRST-LAST or BASE+SIZE with ports from 1 to 65535, e.g. \"30000-32767\", not \"abc\"\n")

        let aliases = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
        try aliases.write(to: repo.appendingPathComponent("aliases.yaml"), atomically: true, encoding: .utf8)
        try "exclude: [\"legacy/**\"]\nrules:\n  alias-bomb: {maxAliasExpansion: 20}\n".write(to: config, atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {hostPID: true, containers: [{name: a, image: a}]}\n"
            .write(to: repo.appendingPathComponent("legacy/pod.yaml"), atomically: true, encoding: .utf8)
        let limited = try palisade(["check", "--no-context", "--config", config.path, repo.path, "--only", "alias-bomb,host-pid"])
        XCTAssertTrue(limited.stdout.contains("aliases.yaml:3:5: error [alias-bomb]"), limited.stdout)
        XCTAssertFalse(limited.stdout.contains("legacy"), limited.stdout)
        // The flag wins over the file, even when it gives the default.
        let flagged = try palisade(["check", "--no-context", "--config", config.path, repo.path, "--only", "alias-bomb",
                                    "--max-alias-expansion", "100000"])
        XCTAssertFalse(flagged.stdout.contains("alias-bomb"), flagged.stdout)
        // The same exclusion from another directory, with the file named relative to it.
        let fromLegacy = try palisade(["check", "--no-context", "--config", "../.palisade.yaml", "pod.yaml", "--only", "host-pid"],
                                      in: repo.appendingPathComponent("legacy"))
        XCTAssertFalse(fromLegacy.stdout.contains("host-pid"), fromLegacy.stdout)
    }
}
