import Foundation
import XCTest

/// Runs the built `palisade` binary as a user would.
enum CLIHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `PALISADE_BIN`, or the `palisade` built next to the test bundle by `swift test`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PALISADE_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0 ..< 4 where !FileManager.default.fileExists(atPath: dir.appendingPathComponent("palisade").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("palisade")
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }
}

extension XCTestCase {
    @discardableResult
    func palisade(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                  in directory: URL? = nil) throws -> CLIHarness.Run {
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? CLIHarness.root
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        // stderr goes to a file so a large stderr cannot block the child while stdout is read.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let out = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return CLIHarness.Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self))
    }

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}
