import Foundation
import XCTest

/// `write(2)`, by a name no method of a test case hides.
private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// Inputs at the edges of `palisade check`: directories that cannot be read, standard input
/// over the size limit, one file named several ways, and flags that cannot apply.
final class InputEdgeCaseTests: XCTestCase {
    static let unnamed = "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    // MARK: - Unreadable directories

    /// How to run the binary as a user that mode 000 keeps out: ourselves, or, as root (who
    /// reads anything), `nobody` by way of `setpriv`. Skips when neither can be arranged.
    private func unprivilegedRunner(probing directory: URL) throws -> (URL, [String]) {
        if getuid() != 0 {
            if let handle = opendir(directory.path) {
                closedir(handle)
                throw XCTSkip("the mode-000 directory is readable here")
            }
            return (CLIHarness.binary, [])
        }
        let setpriv = URL(fileURLWithPath: "/usr/bin/setpriv")
        guard FileManager.default.isExecutableFile(atPath: setpriv.path) else {
            throw XCTSkip("running as root without setpriv: a mode-000 directory is readable")
        }
        let drop = ["--reuid=65534", "--regid=65534", "--clear-groups"]
        // nobody must be able to run the binary and must not be able to list the directory.
        guard try run(setpriv, drop + [CLIHarness.binary.path, "--version"]).status == 0 else {
            throw XCTSkip("user nobody cannot run \(CLIHarness.binary.path)")
        }
        guard try run(setpriv, drop + ["/bin/ls", directory.path]).status != 0 else {
            throw XCTSkip("the mode-000 directory is readable by nobody")
        }
        return (setpriv, drop + [CLIHarness.binary.path])
    }

    private func run(_ executable: URL, _ arguments: [String], stdin: FileHandle? = nil) throws -> CLIHarness.Run {
        let running = try start(executable, arguments, stdin: stdin ?? FileHandle.nullDevice)
        return finish(running)
    }

    private struct Running {
        var process: Process
        var out: Pipe
        var err: Pipe
    }

    private func start(_ executable: URL, _ arguments: [String], stdin: Any) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let running = Running(process: process, out: Pipe(), err: Pipe())
        process.standardOutput = running.out
        process.standardError = running.err
        process.standardInput = stdin
        try process.run()
        return running
    }

    private func finish(_ running: Running) -> CLIHarness.Run {
        // Both outputs are short here: read one then the other.
        let o = running.out.fileHandleForReading.readDataToEndOfFile()
        let e = running.err.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        return CLIHarness.Run(status: running.process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                              stderr: String(decoding: e, as: UTF8.self))
    }

    func testUnreadableDirectoryIsAFindingAndEverythingElseIsChecked() throws {
        let dir = try temporaryDirectory()
        // Readable by nobody too, when root drops to it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let tree = dir.appendingPathComponent("tree")
        try write(Self.unnamed, to: tree.appendingPathComponent("a.yaml"))
        try write(Self.unnamed, to: tree.appendingPathComponent("locked/hidden.yaml"))
        try write(Self.unnamed, to: tree.appendingPathComponent("z/after.yaml"))
        let alone = dir.appendingPathComponent("alone")
        try write(Self.unnamed, to: alone.appendingPathComponent("inside.yaml"))
        for path in [dir, tree, tree.appendingPathComponent("z"), alone].map(\.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        for file in ["a.yaml", "z/after.yaml"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tree.appendingPathComponent(file).path)
        }
        let locked = tree.appendingPathComponent("locked")
        for path in [locked.path, alone.path] {
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        }
        defer {
            for path in [locked.path, alone.path] {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }
        let (executable, prefix) = try unprivilegedRunner(probing: locked)

        let result = try run(executable, prefix + ["check", "--no-context", tree.path, alone.path])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertEqual(result.stderr, "")
        let reason = "cannot read file: directory cannot be listed: Permission denied"
        XCTAssertTrue(result.stdout.contains("\(locked.path):1:1: error [unreadable-file] \(reason)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\(alone.path):1:1: error [unreadable-file] \(reason)"), result.stdout)
        // Files before and after the locked folder are still checked.
        for file in ["a.yaml", "z/after.yaml"] {
            XCTAssertTrue(result.stdout.contains("\(tree.appendingPathComponent(file).path):3:1: error [missing-name]"), result.stdout)
        }
        XCTAssertTrue(result.stdout.contains("in 4 files"), result.stdout)
    }

    // MARK: - Standard input over the size limit

    func testStandardInputStopsReadingPastTheSizeLimit() throws {
        signal(SIGPIPE, SIG_IGN)
        let input = Pipe()
        let running = try start(CLIHarness.binary, ["check", "-", "--stdin-filename", "rendered.yaml", "--max-file-size", "1000",
                                                    "--no-context"], stdin: input)
        // Offer 64 MiB of comment lines; palisade should close its end after about 1 KB.
        let line = Array(("# " + String(repeating: "x", count: 61) + "\n").utf8)
        let chunk = Array(repeating: line, count: 1024).flatMap { $0 }
        let total = 1024 * chunk.count
        var written = 0
        let fd = input.fileHandleForWriting.fileDescriptor
        writing: while written < total {
            var sent = 0
            while sent < chunk.count {
                let n = chunk.withUnsafeBytes { writeBytes(fd, $0.baseAddress! + sent, chunk.count - sent) }
                if n < 0 {
                    if errno == EINTR { continue }
                    break writing  // EPIPE: palisade stopped reading
                }
                sent += n
            }
            written += sent
        }
        try input.fileHandleForWriting.close()
        let result = finish(running)
        XCTAssertLessThan(written, total / 2, "palisade read standard input far past the 1000-byte limit")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(
            "rendered.yaml:1:1: error [unreadable-file] cannot read file: file is at least 1001 bytes, over the limit of 1000 bytes; not parsed\n"),
            result.stdout)
    }

    func testStandardInputRedirectedFromALargeFileIsRefusedLikeThatFile() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("big.yaml")
        try write(Self.unnamed + String(repeating: "# padding\n", count: 200), to: file)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        let limit = ["--max-file-size", "1000", "--no-context"]
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let piped = try run(CLIHarness.binary, ["check", "-"] + limit, stdin: handle)
        let named = try run(CLIHarness.binary, ["check", file.path] + limit)
        let message = "error [unreadable-file] cannot read file: file is \(size) bytes, over the limit of 1000 bytes; not parsed"
        XCTAssertTrue(piped.stdout.hasPrefix("<stdin>:1:1: \(message)\n"), piped.stdout)
        XCTAssertTrue(named.stdout.hasPrefix("\(file.path):1:1: \(message)\n"), named.stdout)
        XCTAssertEqual(piped.status, 1)
    }

    func testStandardInputUnderTheLimitIsChecked() throws {
        let run = try palisade(["check", "-", "--max-file-size", String(Self.unnamed.utf8.count), "--no-context"], stdin: Self.unnamed)
        XCTAssertTrue(run.stdout.hasPrefix("<stdin>:3:1: error [missing-name]"), run.stdout)
    }

    // MARK: - One file, several spellings

    func testTheSameFileNamedSeveralWaysIsCheckedOnce() throws {
        let dir = try temporaryDirectory().resolvingSymlinksInPath()
        let file = dir.appendingPathComponent("net/a.yaml")
        try write(Self.unnamed, to: file)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: file.path)
        let spellings = [dir.path + "/net/../net/a.yaml", file.path, dir.path + "/./net/a.yaml", dir.path + "/net//a.yaml",
                         dir.path + "/link.yaml", dir.appendingPathComponent("net").path]
        let run = try palisade(["check", "--no-context"] + spellings)
        XCTAssertEqual(run.status, 1)
        // Reported once, under the first spelling.
        XCTAssertEqual(run.stdout, "\(spellings[0]):3:1: error [missing-name] metadata.name is missing (ConfigMap/<unnamed>)\n\n"
            + "1 error, 0 warnings, 0 info in 1 file (1 resource)\n")
    }

    /// A symbolic link to a manifest is read through the link. In a walk that also meets the
    /// file itself, the file keeps its own name whatever sorts first (links used to be refused as
    /// "not a regular file" while standing in for the target, so the target's findings were
    /// lost), and excluding the links does not drop it. A link met in a walk is not followed out
    /// of the git repository the walk is in (else out of the walked directory), to a file or a
    /// directory: a repository must not make palisade read other files. Named on the command
    /// line, a link is followed anywhere.
    func testSymlinksInAWalk() throws {
        let dir = try temporaryDirectory().resolvingSymlinksInPath()
        let tree = dir.appendingPathComponent("tree")
        try write(Self.unnamed, to: tree.appendingPathComponent("real.yaml"))
        try write(Self.unnamed, to: dir.appendingPathComponent("outside.yaml"))
        try write(Self.unnamed, to: dir.appendingPathComponent("elsewhere/x.yaml"))
        for (link, target) in [("a-link.yaml", "real.yaml"), ("chain.yaml", "a-link.yaml"), ("b-out.yaml", "../outside.yaml"),
                               ("ext", "../elsewhere")] {
            try FileManager.default.createSymbolicLink(atPath: tree.appendingPathComponent(link).path, withDestinationPath: target)
        }
        let message = ":3:1: error [missing-name] metadata.name is missing (ConfigMap/<unnamed>)\n"
        let run = try palisade(["check", "--no-context", "tree"], in: dir)
        XCTAssertEqual(run.stdout, "tree/b-out.yaml:1:1: error [unreadable-file] cannot read file: symbolic link to a file "
            + "outside \(tree.path); not followed\n"
            + "tree/ext:1:1: error [unreadable-file] cannot read file: symbolic link to a directory outside \(tree.path); not followed\n"
            + "tree/real.yaml" + message + "\n"
            + "3 errors, 0 warnings, 0 info in 3 files (1 resource)\n")
        let named = try palisade(["check", "--no-context", "tree/b-out.yaml"], in: dir)
        XCTAssertEqual(named.stdout, "tree/b-out.yaml" + message + "\n1 error, 0 warnings, 0 info in 1 file (1 resource)\n")
        // Inside a git repository, links within the repository are followed.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let inRepository = try palisade(["check", "--no-context", "tree"], in: dir)
        XCTAssertEqual(inRepository.stdout, "tree/b-out.yaml" + message + "tree/ext/x.yaml" + message + "tree/real.yaml" + message
            + "\n3 errors, 0 warnings, 0 info in 3 files (3 resources)\n")
        try "exclude: [\"tree/a-link.yaml\", \"tree/chain*.yaml\"]\n".write(to: dir.appendingPathComponent(".palisade.yaml"), atomically: true, encoding: .utf8)
        let excluded = try palisade(["check", "--no-context", "tree"], in: dir)
        XCTAssertTrue(excluded.stdout.contains("tree/real.yaml" + message), excluded.stdout)
    }

    /// A file whose name is not valid UTF-8 cannot be named as a path here: it is reported, not
    /// skipped, and the other files are checked.
    func testAFileNameThatIsNotUTF8IsReported() throws {
        let dir = try temporaryDirectory().resolvingSymlinksInPath()
        try write(Self.unnamed, to: dir.appendingPathComponent("good.yaml"))
        var path = Array(dir.path.utf8) + Array("/bad".utf8) + [0xFF] + Array(".yaml".utf8)
        path.append(0)
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        guard fd >= 0 else { throw XCTSkip("the file system refuses names that are not UTF-8") }
        close(fd)
        let run = try palisade(["check", "--no-context", dir.path])
        XCTAssertTrue(run.stdout.contains("/bad\u{FFFD}.yaml:1:1: error [unreadable-file] cannot read file: file name is not valid UTF-8"), run.stdout)
        XCTAssertTrue(run.stdout.contains("good.yaml:3:1: error [missing-name]"), run.stdout)
    }

    /// The largest size limit does not overflow while reading standard input.
    func testLargestSizeLimitOnStandardInput() throws {
        let run = try palisade(["check", "-", "--no-context", "--max-file-size", String(Int.max)], stdin: Self.unnamed)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("<stdin>:3:1: error [missing-name]"), run.stdout)
    }

    func testDifferentFilesWithTheSameContentAreAllChecked() throws {
        let dir = try temporaryDirectory()
        for name in ["a.yaml", "b.yaml", "sub/a.yaml"] { try write(Self.unnamed, to: dir.appendingPathComponent(name)) }
        let run = try palisade(["check", "--no-context", dir.path, dir.appendingPathComponent("a.yaml").path])
        XCTAssertTrue(run.stdout.hasSuffix("3 errors, 0 warnings, 0 info in 3 files (3 resources)\n"), run.stdout)
    }

    // MARK: - Flags that cannot apply

    func testStdinFilenameWithoutStandardInputIsAUsageError() throws {
        let run = try palisade(["check", "--stdin-filename", "chart.yaml", "--no-context", "fixtures/hardened"])
        XCTAssertEqual(run.status, 2, run.stdout)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "palisade: --stdin-filename only applies when reading standard input: add '-' to the paths\n")
        // With '-' it names standard input, as before.
        let named = try palisade(["check", "-", "--stdin-filename", "chart.yaml", "--no-context"], stdin: Self.unnamed)
        XCTAssertTrue(named.stdout.hasPrefix("chart.yaml:3:1: error [missing-name]"), named.stdout)
    }

    func testTwoOutputsToOneFileAreAUsageError() throws {
        let dir = try temporaryDirectory()
        let report = dir.appendingPathComponent("a.out").path
        for second in [report, dir.path + "/./a.out", dir.path + "/../" + dir.lastPathComponent + "/a.out"] {
            let run = try palisade(["check", "--no-context", "fixtures/hardened", "--output", "sarif=\(report)", "--output", "json=\(second)"])
            XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
            XCTAssertEqual(run.stderr, "palisade: --output sarif=\(report) and --output json=\(second) write to the same file\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: report), "nothing is written on a usage error")
        }
        let two = try palisade(["check", "--no-context", "fixtures/hardened", "--output", "sarif=\(report)", "--output", "json=\(report).json"])
        XCTAssertEqual(two.status, 0, two.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: report + ".json"))
    }

    /// The same rule as `kubernetesVersion:` in the configuration file: a release, with or
    /// without `v` and a patch level.
    func testKubernetesVersionMustBeARelease() throws {
        for bad in ["banana", "1", "1.", ".29", "1.29.3.1", "1.x", "v", "", "1.29x", "1.29 garbage", "1.29 ", "1.29-", "1.29+", "1.1000000"] {
            let run = try palisade(["check", "--no-context", "--kubernetes-version", bad, "fixtures/hardened"])
            XCTAssertEqual(run.status, 2, "\(bad): \(run.stdout)")
            XCTAssertEqual(run.stderr, "palisade: --kubernetes-version must be a release such as 1.29 (got '\(bad)')\n")
        }
        for good in ["1.29", "v1.25", "1.31", "1.29.3", "v1.29.3-gke.1200", "v1.28.5+k3s1"] {
            let run = try palisade(["check", "--no-context", "--kubernetes-version", good, "fixtures/hardened"])
            XCTAssertEqual(run.status, 0, "\(good): \(run.stdout + run.stderr)")
        }
    }
}
