@testable import Engine
import Foundation
import XCTest

final class InputDiscoveryTests: XCTestCase {
    func testFileExtensionIsTheLowercasedTextAfterTheLastDot() {
        XCTAssertEqual(fileExtension(of: "deploy.yaml"), "yaml")
        XCTAssertEqual(fileExtension(of: "Deploy.YML"), "yml")
        XCTAssertEqual(fileExtension(of: "chart.tar.gz"), "gz")
        XCTAssertEqual(fileExtension(of: "README"), "")
        XCTAssertEqual(fileExtension(of: ".yaml"), "")
        XCTAssertEqual(fileExtension(of: "dir.d/file"), "")
        XCTAssertEqual(fileExtension(of: "café.Json"), "json")
    }

    func testWalkListsManifestsByExtensionSortedAndSkipsHiddenEntries() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["b.yaml", "a.YML", "notes.txt", ".hidden.yaml", "sub/c.json", ".git/d.yaml"] {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        let found = InputDiscovery.walk(root.path, extensions: ["yaml", "yml", "json"])
            .map { String($0.dropFirst(root.path.count + 1)) }
        XCTAssertEqual(found, ["a.YML", "b.yaml", "sub/c.json"])
    }
}
