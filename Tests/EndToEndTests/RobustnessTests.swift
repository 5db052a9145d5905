import Foundation
import XCTest

/// The built CLI on hostile inputs: every case ends with the documented exit code, a finding
/// naming the file (where there is something to report), bounded time and memory, and the
/// good file checked in the same run still reported ("nothing lost").
///
/// Big inputs are generated once for the class. Bounds are generous for debug builds on a
/// shared machine: what they catch is a hang, a quadratic blow-up or a file read whole into
/// memory several times, not a slow machine.
final class RobustnessTests: XCTestCase {
    nonisolated(unsafe) static var shared: URL!
    static let good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"
    static let goodFinding = "good.yaml:3:1: error [missing-name]"

    override class func setUp() {
        super.setUp()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-robustness-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        shared = dir
        try! Data(good.utf8).write(to: dir.appendingPathComponent("good.yaml"))

        // 100 MB: a valid manifest followed by comment lines, written in chunks.
        let big = dir.appendingPathComponent("big.yaml")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try! FileHandle(forWritingTo: big)
        handle.write(Data("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n".utf8))
        let line = "# " + String(repeating: "x", count: 1021) + "\n"
        let chunk = Data(String(repeating: line, count: 1024).utf8) // 1 MiB
        for _ in 0 ..< 100 { handle.write(chunk) }
        try! handle.close()

        // 100,000 small documents, then one more: the document limit is reached exactly there.
        var docs = ""
        docs.reserveCapacity(100_001 * 12)
        for i in 0 ..< 100_001 { docs += "a: \(i)\n---\n" }
        try! Data(docs.utf8).write(to: dir.appendingPathComponent("many.yaml"))

        // A 10 MB single-line scalar.
        let scalar = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\ndata:\n  big: " + String(repeating: "y", count: 10_000_000) + "\n"
        try! Data(scalar.utf8).write(to: dir.appendingPathComponent("long-scalar.yaml"))
    }

    override class func tearDown() {
        if let shared { try? FileManager.default.removeItem(at: shared) }
        super.tearDown()
    }

    struct Measured {
        var run: CLIHarness.Run
        var seconds: Double
        /// Peak resident set of the CLI process, in MiB (nil when /usr/bin/time is unavailable).
        var peakMiB: Double?
    }

    /// Runs `palisade ARGS` under `/usr/bin/time` (for the child's own peak RSS); falls back to the
    /// plain harness and wall-clock time when `/usr/bin/time` is missing.
    func measure(_ arguments: [String]) throws -> Measured {
        let start = ContinuousClock.now
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else {
            let run = try palisade(arguments)
            let elapsed = ContinuousClock.now - start
            return Measured(run: run, seconds: Double(elapsed.components.seconds), peakMiB: nil)
        }
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-time-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: time)
        process.arguments = ["-f", "%M", "-o", report.path, CLIHarness.binary.path] + arguments
        process.currentDirectoryURL = CLIHarness.root
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let elapsed = ContinuousClock.now - start
        let kib = (try? String(contentsOf: report, encoding: .utf8))?
            .split(separator: "\n").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        let run = CLIHarness.Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                                 stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measured(run: run, seconds: seconds, peakMiB: kib.map { $0 / 1024 })
    }

    /// Checks `hostile` together with the good file; asserts the good file is reported, stderr
    /// is clean, the exit code, and the time and memory bounds. Returns the run for more checks.
    @discardableResult
    func check(_ hostile: [String], extra: [String] = [], status: Int32 = 1, seconds: Double = 20, peakMiB: Double = 600,
               file: StaticString = #filePath, line: UInt = #line) throws -> CLIHarness.Run {
        let good = Self.shared.appendingPathComponent("good.yaml").path
        let m = try measure(["check"] + extra + hostile + [good])
        XCTAssertEqual(m.run.status, status, m.run.stdout + m.run.stderr, file: file, line: line)
        XCTAssertTrue(m.run.stdout.contains(Self.goodFinding), "good file lost:\n\(m.run.stdout.prefix(2000))", file: file, line: line)
        XCTAssertEqual(m.run.stderr, "", file: file, line: line)
        XCTAssertLessThan(m.seconds, seconds, "too slow", file: file, line: line)
        if let peak = m.peakMiB { XCTAssertLessThan(peak, peakMiB, "peak RSS in MiB", file: file, line: line) }
        return m.run
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    // MARK: - Size

    func testHundredMegabyteFileIsRefusedWithoutReadingIt() throws {
        let big = Self.shared.appendingPathComponent("big.yaml").path
        let run = try check([big], seconds: 10, peakMiB: 200)
        XCTAssertTrue(run.stdout.contains(
            "big.yaml:1:1: error [unreadable-file] cannot read file: file is 104857653 bytes, over the limit of 67108864 bytes; not parsed"),
            run.stdout)
    }

    func testHundredMegabyteFileParsedWhenTheLimitIsRaised() throws {
        let big = Self.shared.appendingPathComponent("big.yaml").path
        // The file is read and parsed (a clean ConfigMap): memory stays a small multiple of its size.
        let run = try check([big], extra: ["--max-file-size", "200000000"], seconds: 60, peakMiB: 1_000)
        XCTAssertFalse(run.stdout.contains("big.yaml"), String(run.stdout.prefix(2000)))
    }

    func testHundredThousandDocumentsInOneStream() throws {
        let many = Self.shared.appendingPathComponent("many.yaml").path
        // The error is kept in the text report although 100,000 info findings come before it:
        // the per-file cap keeps the most severe findings.
        let run = try check([many], seconds: 30, peakMiB: 400)
        XCTAssertTrue(run.stdout.contains(
            "many.yaml:200000:1: error [input-limit] more than 100000 documents in one file; the rest are not read"),
            String(run.stdout.prefix(3000)))
    }

    func testTenMegabyteSingleLineScalar() throws {
        let path = Self.shared.appendingPathComponent("long-scalar.yaml").path
        let run = try check([path], seconds: 20, peakMiB: 400)
        XCTAssertTrue(run.stdout.contains("long-scalar.yaml:3:1: error [missing-name]"), run.stdout)
        // Under a smaller scalar limit it is an input-limit finding at the scalar, not a crash.
        let limited = try check([path], extra: ["--max-scalar-size", "1000000"], seconds: 20, peakMiB: 400)
        XCTAssertTrue(limited.stdout.contains("long-scalar.yaml:6:8: error [input-limit]"), limited.stdout)
    }

    // MARK: - Structure

    func testNestingDepthOfOneHundredThousand() throws {
        let flow = try write("deep-flow.yaml", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        let block = try write("deep-block.yaml", String(repeating: "- ", count: 100_000) + "x\n")
        let mapping = try write("deep-map.yaml", String(repeating: "{a: ", count: 100_000) + String(repeating: "}", count: 100_000))
        let run = try check([flow, block, mapping], seconds: 20, peakMiB: 300)
        XCTAssertTrue(run.stdout.contains("deep-flow.yaml:1:257: error [input-limit] nesting deeper than 256 levels"), run.stdout)
        XCTAssertTrue(run.stdout.contains("deep-block.yaml:1:513: error [input-limit] nesting deeper than 256 levels"), run.stdout)
        XCTAssertTrue(run.stdout.contains("deep-map.yaml:1:1025: error [input-limit] nesting deeper than 256 levels"), run.stdout)
    }

    func testAliasBomb() throws {
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n"
        bomb += "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1 ..< 10 { bomb += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let path = try write("bomb.yaml", bomb)
        let run = try check([path], seconds: 10, peakMiB: 200)
        XCTAssertTrue(run.stdout.contains("bomb.yaml:") && run.stdout.contains("error [alias-bomb] aliases expand to more than 100000 nodes"),
                      run.stdout)
    }

    // MARK: - Encoding

    func testInvalidUTF8InKeysAndValues() throws {
        let key = try write("bad-key.yaml", Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: k\ndata:\n  ".utf8) + [0xC3, 0x28] + Array(": v\n".utf8))
        let value = try write("bad-value.yaml", Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\ndata:\n  k: ab".utf8) + [0xFF, 0xFE, 0x80] + [0x0A])
        let run = try check([key, value])
        XCTAssertTrue(run.stdout.contains("bad-key.yaml:6:3: error [file-encoding] not valid UTF-8/UTF-16 text: invalid trailing UTF-8 octet (byte 0xc3)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("bad-value.yaml:6:8: error [file-encoding] not valid UTF-8/UTF-16 text: invalid leading UTF-8 octet (byte 0xff)"), run.stdout)
    }

    func testUTF16WithByteOrderMark() throws {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n"
        let le = try write("utf16le.yaml", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let be = try write("utf16be.yaml", [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        let run = try check([le, be])
        // Decoded and checked like UTF-8, with positions in characters.
        for name in ["utf16le.yaml", "utf16be.yaml"] {
            XCTAssertTrue(run.stdout.contains("\(name):3:1: error [missing-name]"), "\(name) not reported:\n\(run.stdout)")
        }
    }

    func testNULBytes() throws {
        let path = try write("nul.yaml", Array("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a".utf8) + [0x00] + Array("b\n".utf8))
        let run = try check([path])
        XCTAssertTrue(run.stdout.contains("nul.yaml:4:10: error [file-encoding]"), run.stdout)
    }

    func testCRLFLineEndingsKeepPositions() throws {
        let text = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\n# c\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  labels: {}\r\n"
        let path = try write("crlf.yaml", text)
        let run = try check([path])
        XCTAssertTrue(run.stdout.contains("crlf.yaml:9:1: error [missing-name]"), run.stdout)
        XCTAssertEqual(run.stdout.components(separatedBy: "crlf.yaml:").count - 1, 1, run.stdout)
    }

    // MARK: - Not regular files

    func testDirectoryNamedLikeAManifest() throws {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        // A directory is walked, not read: named explicitly or found inside another directory.
        try check([dir.appendingPathComponent("dir.yaml").path, dir.path])
    }

    func testFIFOIsNotOpened() throws {
        // Opening a FIFO for reading would block until a writer appears: it must be skipped by type.
        let dir = try temporaryDirectory()
        let fifo = dir.appendingPathComponent("pipe.yaml")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        let run = try check([fifo.path, dir.path], seconds: 10)
        XCTAssertTrue(run.stdout.contains("pipe.yaml:1:1: error [unreadable-file] cannot read file: not a regular file"), run.stdout)
    }

    func testUnreadablePermissions() throws {
        let dir = try temporaryDirectory()
        let locked = dir.appendingPathComponent("locked.yaml")
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n".write(to: locked, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path) }
        if getuid() == 0 {
            // root reads it anyway: the file is checked like any other (the FIFO test covers refusal).
            let run = try check([locked.path])
            XCTAssertTrue(run.stdout.contains("locked.yaml:3:1: error [missing-name]"), run.stdout)
        } else {
            let run = try check([locked.path])
            XCTAssertTrue(run.stdout.contains("locked.yaml:1:1: error [unreadable-file]"), run.stdout)
        }
    }

    func testSymlinkLoop() throws {
        let dir = try temporaryDirectory()
        let a = dir.appendingPathComponent("a.yaml"), b = dir.appendingPathComponent("b.yaml")
        try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: b.path)
        try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: a.path)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("self").path, withDestinationPath: dir.path)
        let message = "error [unreadable-file] cannot read file: symbolic link cannot be resolved (dangling, or a loop)"
        // Found by walking the directory (which also holds a directory symlink to itself)...
        let walked = try check([dir.path], seconds: 10)
        XCTAssertTrue(walked.stdout.contains("a.yaml:1:1: \(message)"), walked.stdout)
        XCTAssertTrue(walked.stdout.contains("b.yaml:1:1: \(message)"), walked.stdout)
        // ...and named explicitly: a finding, not a usage error that would drop the other files.
        let named = try check([a.path], seconds: 10)
        XCTAssertTrue(named.stdout.contains("a.yaml:1:1: \(message)"), named.stdout)
    }

    // MARK: - Nothing in it

    func testEmptyFileAndOnlySeparator() throws {
        let empty = try write("empty.yaml", "")
        let separator = try write("separator.yaml", "---\n")
        let separators = try write("separators.yaml", "---\n---\n...\n---")
        let run = try check([empty, separator, separators])
        // Valid, empty streams: nothing to report, and they count as checked.
        XCTAssertFalse(run.stdout.contains("empty.yaml"), run.stdout)
        XCTAssertFalse(run.stdout.contains("separator"), run.stdout)
        let json = try palisade(["check", "--format", "json", empty, separator, separators,
                                 Self.shared.appendingPathComponent("good.yaml").path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["files"] as? Int, 4, json.stdout)
    }

    // MARK: - All at once

    /// Every hostile input in one run: each is reported and the good file still is.
    func testEverythingInOneRun() throws {
        let dir = try temporaryDirectory()
        for name in ["big.yaml", "long-scalar.yaml"] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent(name),
                                                       withDestinationURL: Self.shared.appendingPathComponent(name))
        }
        try Data(([0xFF, 0xFE] as [UInt8]) + Self.good.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            .write(to: dir.appendingPathComponent("utf16.yaml"))
        try Data([0x00, 0x01]).write(to: dir.appendingPathComponent("nul.yaml"))
        try Data((String(repeating: "[", count: 100_000)).utf8).write(to: dir.appendingPathComponent("deep.yaml"))
        try Data().write(to: dir.appendingPathComponent("empty.yaml"))
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("fifo.yaml").path, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop.yaml").path,
                                                   withDestinationPath: dir.appendingPathComponent("loop.yaml").path)
        let run = try check([dir.path], seconds: 30, peakMiB: 600)
        for name in ["big.yaml", "long-scalar.yaml", "utf16.yaml", "nul.yaml", "deep.yaml", "fifo.yaml", "loop.yaml"] {
            XCTAssertTrue(run.stdout.contains("/\(name):"), "\(name) not reported:\n\(run.stdout)")
        }
    }
}

/// A generated file with 10,000 findings: the text report folds them per file, JSON keeps all.
final class OutputCapTests: XCTestCase {
    func testTenThousandFindingsAreFoldedInTextButAllInJSON() throws {
        let dir = try temporaryDirectory()
        let flood = dir.appendingPathComponent("flood.yaml")
        try Data(String(repeating: "apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {}}\n---\n", count: 10_000).utf8).write(to: flood)
        let good = dir.appendingPathComponent("good.yaml")
        try Data(RobustnessTests.good.utf8).write(to: good)

        let text = try palisade(["check", flood.path, good.path])
        XCTAssertEqual(text.status, 1)
        XCTAssertTrue(text.stdout.contains("  … and 9800 more in this file (9800 error; use --format json for all)\n"),
                      String(text.stdout.suffix(2000)))
        XCTAssertEqual(text.stdout.components(separatedBy: "flood.yaml:").count - 1, 200)
        XCTAssertTrue(text.stdout.contains("good.yaml:3:1: error [missing-name]"))
        XCTAssertLessThan(text.stdout.split(separator: "\n").count, 300)

        let json = try palisade(["check", "--format", "json", flood.path, good.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(findings.filter { ($0["file"] as? String)?.hasSuffix("flood.yaml") == true }.count, 10_000)
        XCTAssertEqual(findings.count, 10_001)
    }
}
