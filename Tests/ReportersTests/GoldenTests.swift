import Engine
import Foundation
import Reporters
import RuleCatalogue
import Rules
import XCTest

/// Compares the text report of each fixture file, and the JSON report of the whole
/// fixtures folder, with expected output checked in under `Tests/Golden/`.
/// Regenerate after an intended change with `PALISADE_UPDATE_GOLDEN=1 swift test --filter GoldenTests`.
final class GoldenTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["PALISADE_UPDATE_GOLDEN"] == "1" }

    override func setUp() {
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(Self.root.path))
    }

    private func run(_ paths: [String]) throws -> CheckResult {
        let inputs = try InputDiscovery.inputs(for: paths)
        return Checker(rules: RuleCatalogue.builtin, options: CheckOptions()).check(inputs)
    }

    private func compare(_ actual: String, with name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.golden.appendingPathComponent(name)
        if Self.updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(actual, expected, "output differs from \(name)", file: file, line: line)
    }

    func testEachFixtureFileMatchesItsExpectedText() throws {
        let files = try InputDiscovery.inputs(for: ["fixtures"]).map(\.name)
        XCTAssertGreaterThan(files.count, 10)
        for file in files {
            let text = TextReporter().render(try run([file]), rules: [])
            try compare(text, with: file + ".txt")
        }
    }

    func testWholeFixturesFolderJSON() throws {
        let json = JSONReporter().render(try run(["fixtures"]), rules: [])
        try compare(json, with: "fixtures.json")
    }

    func testOutputIsIdenticalForAnyThreadCount() throws {
        let inputs = try InputDiscovery.inputs(for: ["fixtures"])
        var outputs: Set<String> = []
        for jobs in [1, 2, 4, 16] {
            var options = CheckOptions()
            options.jobs = jobs
            let result = Checker(rules: RuleCatalogue.builtin, options: options).check(inputs)
            outputs.insert(JSONReporter().render(result, rules: []))
        }
        XCTAssertEqual(outputs.count, 1)
    }
}
