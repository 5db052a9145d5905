import Foundation
import XCTest

/// The README's rule table must list every rule the binary knows, so docs cannot drift.
final class DocumentationTests: XCTestCase {
    func testREADMEListsEveryRule() throws {
        let readme = try String(contentsOf: CLIHarness.root.appendingPathComponent("README.md"), encoding: .utf8)
        let run = try palisade(["rules", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let ids = (object?["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertGreaterThan(ids.count, 100)
        for id in ids {
            XCTAssertTrue(readme.contains("| `\(id)` |"), "README.md's rule table lacks \(id)")
        }
    }
}

/// Every `$ palisade …` example in a README console block is run, and its output must be what
/// the README shows (exactly, or line by line for excerpts marked with `…`).
final class ReadmeExampleTests: XCTestCase {
    struct Example {
        var arguments: [String]
        var expected: String
    }

    static func examples() throws -> [Example] {
        let readme = try String(contentsOf: CLIHarness.root.appendingPathComponent("README.md"), encoding: .utf8)
        var examples: [Example] = []
        var rest = Substring(readme)
        while let open = rest.range(of: "```console\n") {
            guard let close = rest[open.upperBound...].range(of: "```") else { break }
            let body = rest[open.upperBound ..< close.lowerBound]
            rest = rest[close.upperBound...]
            // A block may hold several commands; each starts with "$ ".
            var command: String?
            var output = ""
            var continuing = false
            func flush() {
                if let command, command.hasPrefix("palisade "), !command.contains("|"), !command.contains(">"),
                   !command.contains("\""), !command.contains("'") {
                    let words = command.split(whereSeparator: { $0 == " " }).map(String.init).dropFirst()
                    examples.append(Example(arguments: Array(words), expected: output))
                }
                command = nil
                output = ""
            }
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                if continuing, command != nil {
                    command! += " " + line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\", with: "")
                    continuing = line.hasSuffix("\\")
                    continue
                }
                if line.hasPrefix("$ ") {
                    flush()
                    command = String(line.dropFirst(2)).replacingOccurrences(of: "\\", with: "").trimmingCharacters(in: .whitespaces)
                    continuing = line.hasSuffix("\\")
                } else if command != nil {
                    output += line + "\n"
                }
            }
            flush()
        }
        return examples
    }

    /// The man page `make install` installs is generated from the argument parser
    /// (`scripts/update-man-page.sh`): every subcommand and every option of `check` the binary
    /// offers must be in it, so it cannot fall behind the CLI unnoticed.
    func testManPageCoversEverySubcommandAndCheckOption() throws {
        let man = try String(contentsOfFile: CLIHarness.root.appendingPathComponent("docs/palisade.1").path, encoding: .utf8)
        let help = try palisade(["--help"]).stdout
        // The SUBCOMMANDS block runs to the first blank line; a name starts a line, two spaces in.
        let block = help.components(separatedBy: "SUBCOMMANDS:\n").last!.components(separatedBy: "\n\n").first!
        let subcommands = block.split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertGreaterThan(subcommands.count, 8, help)
        for name in subcommands {
            XCTAssertTrue(man.contains(".It Em \(name)\n"), "docs/palisade.1 lacks '\(name)': run scripts/update-man-page.sh")
        }
        let checkHelp = try palisade(["check", "--help"]).stdout
        // Options are the lines of the OPTIONS block that start with a flag.
        let optionLines = checkHelp.components(separatedBy: "OPTIONS:\n").last!.split(separator: "\n")
            .map { $0.drop { $0 == " " } }.filter { $0.hasPrefix("-") }
        let options = Set(optionLines.compactMap { line in
            line.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) }
                .first { $0.hasPrefix("--") }
        }).subtracting(["--help", "--version"])
        XCTAssertGreaterThan(options.count, 10, checkHelp)
        for option in options.sorted() {
            let name = option.dropFirst(2)
            XCTAssertTrue(man.contains("Fl -\(name)") || man.contains(", -\(name)"),
                          "docs/palisade.1 lacks '\(option)': run scripts/update-man-page.sh")
        }
    }

    func testREADMEExamplesReproduce() throws {
        let examples = try Self.examples()
        XCTAssertGreaterThan(examples.count, 10)
        for example in examples {
            let run = try palisade(example.arguments)
            let expected = example.expected.hasSuffix("\n\n") ? String(example.expected.dropLast()) : example.expected
            if expected.contains("…") || expected.contains("...") {
                for line in expected.split(separator: "\n") where !line.hasPrefix("…") && !line.contains("...") {
                    XCTAssertTrue(run.stdout.contains(line), "palisade \(example.arguments.joined(separator: " ")): missing line \(line)")
                }
            } else {
                XCTAssertEqual(run.stdout, expected, "palisade \(example.arguments.joined(separator: " "))")
            }
        }
    }
}
