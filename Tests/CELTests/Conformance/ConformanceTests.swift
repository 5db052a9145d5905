import Foundation
import XCTest
@testable import CEL

/// Runs the cel-spec "simple" conformance tests stored in `Conformance/.data/` (see the README
/// there). Tests needing protobuf messages or the type checker are skipped and listed.
final class ConformanceTests: XCTestCase {
    /// Ratchet: the number of passing tests reached so far. Lower it only with a reason.
    static let minimumPassed = 1702

    static let files = [
        "basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic",
        "macros", "namespace", "parse", "plumbing", "string", "timestamps", "string_ext", "optionals",
        "macros2", "network_ext", "math_ext", "encoders_ext", "bindings_ext", "block_ext", "type_deduction",
    ]

    static var dataDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(".data")
    }

    func testConformance() throws {
        var totalPassed = 0, totalFailed = 0, totalSkipped = 0
        var failures: [String] = []
        var skips: [String] = []
        for file in Self.files {
            let url = Self.dataDirectory.appendingPathComponent(file + ".json")
            let data = try Data(contentsOf: url)
            guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let sections = root["sections"] as? [[String: Any]] else {
                XCTFail("cannot read \(file)")
                continue
            }
            var passed = 0, failed = 0, skipped = 0
            for section in sections {
                let sectionName = section["name"] as? String ?? ""
                for test in section["tests"] as? [[String: Any]] ?? [] {
                    let name = test["name"] as? String ?? ""
                    let id = "\(file)/\(sectionName)/\(name)"
                    if let reason = skipReason(test, id: id) {
                        skipped += 1
                        skips.append("\(id): \(reason)")
                        continue
                    }
                    if let problem = run(test) {
                        failed += 1
                        failures.append("\(id): \(problem)")
                    } else {
                        passed += 1
                    }
                }
            }
            print("\(file): \(passed) passed, \(failed) failed, \(skipped) skipped")
            totalPassed += passed; totalFailed += failed; totalSkipped += skipped
        }
        print("TOTAL: \(totalPassed) passed, \(totalFailed) failed, \(totalSkipped) skipped")
        print("SKIPPED TESTS:\n  " + skips.joined(separator: "\n  "))
        print("FAILED TESTS:\n  " + failures.joined(separator: "\n  "))
        let rate = Double(totalPassed) / Double(max(1, totalPassed + totalFailed))
        print(String(format: "PASS RATE: %.2f%%", rate * 100))
        XCTAssertGreaterThanOrEqual(totalPassed, Self.minimumPassed, "conformance regressed")
        XCTAssertGreaterThanOrEqual(rate, 0.95, "conformance pass rate below 95%")
    }

    /// Why a test cannot run here, or nil to run it.
    private func skipReason(_ test: [String: Any], id: String) -> String? {
        if test["needsProto"] as? Bool == true { return "needs protobuf messages" }
        if test["checkOnly"] as? Bool == true { return "type-check only (no checker)" }
        if test["disableMacros"] as? Bool == true { return "macros disabled (not supported)" }
        guard let expect = test["expect"] as? [String: Any] else { return "no expectation" }
        if expect["unknown"] != nil { return "unknown results are not supported" }
        if let typed = expect["typed"] as? [String: Any], typed["value"] == nil { return "expects only a deduced type" }
        if let reason = knownSkips[id] { return reason }
        if id.hasPrefix("block_ext/") { return "cel.block is an optimiser-internal extension, not in the Kubernetes environment" }
        return nil
    }

    /// Tests whose expectation depends on the type checker or features outside the
    /// Kubernetes dialect. Each entry says why.
    private let knownSkips: [String: String] = [
        "parse/bytes_literals/triple_single_quoted_unescaped_punctuation":
            "upstream data: expected bytes contain a backslash that the expression does not",
        "parse/bytes_literals/triple_double_quoted_unescaped_punctuation":
            "upstream data: expected bytes contain a backslash that the expression does not",
    ]

    /// Runs one test; returns a description of the mismatch, or nil when it passed.
    private func run(_ test: [String: Any]) -> String? {
        guard let expr = test["expr"] as? String, let expect = test["expect"] as? [String: Any] else {
            return "malformed test"
        }
        var options = CELOptions()
        options.container = test["container"] as? String ?? ""
        options.enableQuotedFieldNames = true
        options.unknownFunctionsAreCompileErrors = false
        var activation = CELActivation()
        for (name, raw) in test["bindings"] as? [String: Any] ?? [:] {
            guard let value = decodeValue(raw) else { return "cannot decode binding \(name)" }
            activation.bind(name, to: value)
        }
        let result: Result<CELValue, CELError>
        do {
            result = try CELProgram.compile(expr, options: options).evaluate(activation)
        } catch {
            return expect["error"] != nil ? nil : "compile error: \(error.message) (column \(error.column))"
        }
        var expectedRaw = expect["value"]
        if let typed = expect["typed"] as? [String: Any] { expectedRaw = typed["value"] }
        switch result {
        case .failure(let error):
            if expect["error"] != nil { return nil }
            return "unexpected error: \(error.message)"
        case .success(let value):
            if let message = expect["error"] { return "expected error '\(message)', got \(debugText(value))" }
            guard let expectedRaw, let expected = decodeValue(expectedRaw) else { return "cannot decode expected value" }
            return conformanceEqual(value, expected) ? nil : "expected \(debugText(expected)), got \(debugText(value))"
        }
    }
}

/// Decodes the tagged JSON value format of the converted conformance files.
func decodeValue(_ raw: Any) -> CELValue? {
    guard let dict = raw as? [String: Any], let (tag, v) = dict.first else { return nil }
    switch tag {
    case "null": return .null
    case "bool": return (v as? Bool).map { .bool($0) }
    case "int": return (v as? String).flatMap { Int64($0) }.map { .int($0) }
    case "uint": return (v as? String).flatMap { UInt64($0) }.map { .uint($0) }
    case "double":
        if let s = v as? String {
            switch s {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: return Double(s).map { .double($0) }
            }
        }
        return (v as? NSNumber).map { .double($0.doubleValue) }
    case "string": return (v as? String).map { .string($0) }
    case "bytes": return (v as? String).flatMap { Data(base64Encoded: $0) }.map { .bytes(Array($0)) }
    case "list":
        guard let items = v as? [Any] else { return nil }
        var out: [CELValue] = []
        for i in items { guard let d = decodeValue(i) else { return nil }; out.append(d) }
        return .list(out)
    case "map":
        guard let pairs = v as? [[Any]] else { return nil }
        var m = CELMap()
        for p in pairs {
            guard p.count == 2, let k = decodeValue(p[0]), let val = decodeValue(p[1]) else { return nil }
            m.insert(key: k, value: val)
        }
        return .map(m)
    case "type": return (v as? String).map { .type(CELType($0)) }
    case "duration":
        guard let s = v as? String, let d = CELDuration.parse(s) else { return nil }
        return .duration(d)
    case "timestamp":
        guard let s = v as? String, let t = CELTimestamp.parse(s) else { return nil }
        return .timestamp(t)
    default: return nil
    }
}

/// Value equality for expectations: like CEL equality, but types must match exactly and
/// NaN equals NaN.
func conformanceEqual(_ a: CELValue, _ b: CELValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign) || x == y
    case (.int(let x), .int(let y)): return x == y
    case (.uint(let x), .uint(let y)): return x == y
    case (.list(let x), .list(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { conformanceEqual($0, $1) }
    case (.map(let x), .map(let y)):
        guard x.count == y.count else { return false }
        return x.entries.allSatisfy { e in
            y.entries.contains { conformanceEqual($0.key, e.key) && conformanceEqual($0.value, e.value) }
        }
    case (.int, _), (.uint, _), (.double, _): return false
    default: return a.type == b.type && celEquals(a, b)
    }
}

func debugText(_ v: CELValue) -> String {
    switch v {
    case .string(let s): return "'\(s)'"
    case .list(let l): return "[" + l.map(debugText).joined(separator: ", ") + "]"
    case .map(let m): return "{" + m.entries.map { debugText($0.key) + ": " + debugText($0.value) }.joined(separator: ", ") + "}"
    case .optional(let o): return o.map { "optional(\(debugText($0)))" } ?? "optional.none"
    default: return "\(v.typeName)(\((try? convertToString(v)) ?? "?"))"
    }
}
