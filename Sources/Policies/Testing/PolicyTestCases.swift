import Engine
import Foundation  // Resolving file paths relative to the test file.
import YAMLTree

extension PolicyTester {
    /// Runs the cases of one `PolicyTest` document.
    static func runTest(_ test: PolicyTestDocument, defaultPolicies: PolicySet,
                        into report: inout PolicyTestReport) throws(PolicyError) {
        let root = try FieldReader(test.node, path: "")
        try root.allowOnly(["apiVersion", "kind", "metadata", "spec"])
        let testName = try root.mapping("metadata")?.string("name") ?? test.node.file
        let spec = try root.requiredMapping("spec")
        try spec.allowOnly(["policies", "cases"])
        let directory = (test.node.file as NSString).deletingLastPathComponent
        let policyPaths = try spec.strings("policies").map { relative($0, to: directory) }
        let policies = policyPaths.isEmpty ? defaultPolicies : try PolicyLoader.load(paths: policyPaths)
        let known = Set(policies.ruleIDs)

        for (i, c) in try spec.mappings("cases").enumerated() {
            try c.allowOnly(["name", "resource", "file", "expect"])
            let caseName = try c.string("name") ?? "case \(i + 1)"
            let input: SourceInput
            if let resource = c.node("resource") {
                guard resource.isMapping else { throw PolicyError("\(c.child("resource")) must be a Kubernetes object", at: resource) }
                input = SourceInput(name: "\(testName): \(caseName)", bytes: Array(YAMLEmitter.document(resource).utf8))
            } else if let file = try c.string("file") {
                let path = relative(file, to: directory)
                guard FileManager.default.fileExists(atPath: path) else {
                    throw PolicyError("\(c.child("file")): no such file \(path)", at: c.node["file"] ?? c.node)
                }
                input = SourceInput(name: path, path: path)
            } else {
                throw PolicyError("\(c.path) needs resource or file", at: c.node)
            }
            guard let expect = try c.mapping("expect"), expect.node.count > 0 else {
                throw PolicyError("\(c.child("expect")) must map rule ids to pass or fail", at: c.node)
            }
            let found = findings(policies, rule: nil, inputs: [input])
            for (k, v) in expect.node.pairs {
                let id = k.scalar ?? ""
                guard known.contains(id) else {
                    throw PolicyError("\(expect.path): no policy rule '\(id)' (known: \(known.sorted().joined(separator: ", ")))", at: k)
                }
                guard let outcome = v.scalar, outcome == "pass" || outcome == "fail" else {
                    throw PolicyError("\(expect.child(id)) must be pass or fail", at: v)
                }
                let hits = found.filter { $0.ruleID == id }
                let errors = found.filter { $0.ruleID == PolicyErrorRule.id }
                let passed = outcome == "fail" ? !hits.isEmpty : hits.isEmpty && errors.isEmpty
                report.results.append(.init(
                    name: "\(testName): \(caseName) expects \(id) \(outcome)", passed: passed,
                    detail: outcome == "fail" ? describe("expected a finding, got", found) : describe("expected no finding, got", hits + errors)))
            }
        }
    }

    static func relative(_ path: String, to directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path
    }
}
