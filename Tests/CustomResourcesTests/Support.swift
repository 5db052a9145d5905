import Engine
import Foundation
import Models
import YAMLTree
import XCTest

/// Runs `rules` through the whole pipeline on in-memory files (sorted by name).
func runChecks(_ rules: [any Rule], _ files: [String: String], context: [String: String] = [:],
               strict: Bool = false) -> [Finding] {
    var options = CheckOptions()
    options.selection.only = Set(rules.map(\.metadata.id))
    options.context.strictReferences = strict
    let inputs = files.sorted { $0.key < $1.key }.map { SourceInput(name: $0.key, bytes: Array($0.value.utf8)) }
    let contextInputs = context.sorted { $0.key < $1.key }.map { SourceInput(name: $0.key, bytes: Array($0.value.utf8)) }
    let ids = Set(rules.map(\.metadata.id))
    return Checker(rules: rules, options: options).check(inputs, context: contextInputs).findings
        .filter { ids.contains($0.ruleID) }
}

/// `line:column` of each finding.
func positions(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.position.line):\($0.position.column)" }
}

/// The resources of one YAML text.
func resources(_ yaml: String, file: String = "test.yaml") -> [Resource] {
    let stream = YAMLParser.parse(Array(yaml.utf8), file: file)
    return stream.documents.flatMap { ResourceDecoder.resources(in: $0).resources }
}

/// Repository root, for fixture files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func fixture(_ name: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent("fixtures/custom-resources/" + name), encoding: .utf8)
}
