import XCTest
@testable import KubeFormats

final class ImageReferenceTests: XCTestCase {
    let hex = String(repeating: "0123456789abcdef", count: 4)

    private func parse(_ s: String) throws -> ImageReference { try ImageReference.parse(s).get() }

    private func assertIssue(_ s: String, code: String, offset: Int?, file: StaticString = #filePath, line: UInt = #line) {
        switch ImageReference.parse(s) {
        case .success(let r): XCTFail("expected \(code) for '\(s)', parsed \(r)", file: file, line: line)
        case .failure(let i):
            XCTAssertEqual(i.code, code, i.message, file: file, line: line)
            XCTAssertEqual(i.offset, offset, i.message, file: file, line: line)
        }
    }

    func testParses() throws {
        let a = try parse("nginx")
        XCTAssertEqual(a.registry, "docker.io")
        XCTAssertFalse(a.hasExplicitRegistry)
        XCTAssertEqual(a.repository, "nginx")
        XCTAssertEqual(a.normalizedRepository, "library/nginx")
        XCTAssertEqual(a.fullName, "docker.io/library/nginx")
        XCTAssertNil(a.tag)
        XCTAssertNil(a.digest)
        XCTAssertTrue(a.isLatestOrUntagged)

        let b = try parse("ghcr.io/org/team/app:v1.2.3")
        XCTAssertEqual(b.registry, "ghcr.io")
        XCTAssertEqual(b.repository, "org/team/app")
        XCTAssertEqual(b.tag, "v1.2.3")
        XCTAssertFalse(b.isLatestOrUntagged)

        let c = try parse("localhost:5000/foo:latest")
        XCTAssertEqual(c.registry, "localhost:5000")
        XCTAssertEqual(c.tag, "latest")
        XCTAssertTrue(c.isLatestOrUntagged)

        let d = try parse("registry.example.com:443/a/b@sha256:\(hex)")
        XCTAssertEqual(d.digest, "sha256:\(hex)")
        XCTAssertNil(d.tag)
        XCTAssertFalse(d.isLatestOrUntagged)

        let e = try parse("nginx:latest@sha256:\(hex)")
        XCTAssertEqual(e.tag, "latest")
        XCTAssertFalse(e.isLatestOrUntagged)

        let f = try parse("localhost/app")
        XCTAssertEqual(f.registry, "localhost")
        let g = try parse("library/nginx:1.25-alpine")
        XCTAssertEqual(g.registry, "docker.io")
        XCTAssertEqual(g.normalizedRepository, "library/nginx")
        let h = try parse("[::1]:5000/app:dev")
        XCTAssertEqual(h.registry, "[::1]:5000")
        XCTAssertEqual(try parse("Registry.Corp/app").registry, "Registry.Corp")
        XCTAssertEqual(try parse("MyHost/app").registry, "MyHost")  // uppercase → domain (Docker rule)
        XCTAssertEqual(try parse("a/b__c/d-----e/f.g:_tag").repository, "a/b__c/d-----e/f.g")
        XCTAssertEqual(try parse("localhost:5000").tag, "5000")   // no slash: a tag, not a port
        XCTAssertEqual(try parse("app:" + String(repeating: "t", count: 128)).tag?.count, 128)
        XCTAssertEqual(try parse("app@sha512:" + hex + hex).digest?.count, 135)
        XCTAssertEqual(ImageReference.isLatestOrUntagged("nginx:1.0"), false)
        XCTAssertNil(ImageReference.isLatestOrUntagged("Bad Image"))
        XCTAssertEqual(try parse("gcr.io/p/app:v1@sha256:\(hex)").description, "gcr.io/p/app:v1@sha256:\(hex)")
    }

    func testErrors() {
        assertIssue("", code: "image.empty", offset: nil)
        assertIssue(" nginx", code: "image.whitespace", offset: 0)
        assertIssue("nginx ", code: "image.whitespace", offset: 5)
        assertIssue("Nginx", code: "image.uppercase", offset: 0)
        assertIssue("docker.io/Library/nginx", code: "image.uppercase", offset: 10)
        assertIssue("nginx:", code: "image.tag", offset: 5)
        assertIssue("nginx:-x", code: "image.tag", offset: 6)
        assertIssue("nginx:a+b", code: "image.tag", offset: 7)
        assertIssue("app:" + String(repeating: "t", count: 129), code: "image.tag", offset: 132)
        assertIssue("nginx@sha256:abc", code: "image.digest", offset: 13)
        assertIssue("nginx@sha256:" + hex + "0", code: "image.digest", offset: 77)
        assertIssue("nginx@sha256:" + hex.uppercased(), code: "image.digest", offset: 23)
        assertIssue("nginx@md5", code: "image.digest", offset: 6)
        assertIssue("nginx@1sha:" + hex, code: "image.digest", offset: 6)
        assertIssue("nginx@sha256:" + String(hex.dropLast()) + "g", code: "image.digest", offset: 76)
        assertIssue("@sha256:" + hex, code: "image.repository", offset: 0)
        assertIssue(":tag", code: "image.repository", offset: 0)
        assertIssue("a//b", code: "image.repository", offset: 2)
        assertIssue("ghcr.io/", code: "image.repository", offset: 8)
        assertIssue("a/-b", code: "image.repository", offset: 2)
        assertIssue("a/b-", code: "image.repository", offset: 3)
        assertIssue("a/b___c", code: "image.repository", offset: 3)
        assertIssue("a/b._c", code: "image.repository", offset: 3)
        assertIssue("a/b c", code: "image.repository", offset: 3)
        assertIssue("bad_host.io/app", code: "image.registry", offset: 3)
        assertIssue("-host.io/app", code: "image.registry", offset: 0)
        assertIssue("host..io/app", code: "image.registry", offset: 5)
        assertIssue("host.io:/app", code: "image.registry", offset: 7)
        assertIssue("host.io:80a/app", code: "image.registry", offset: 10)
        assertIssue("[::1/app", code: "image.registry", offset: 0)
        assertIssue("registry.io/ünïcode", code: "image.repository", offset: 12)
        assertIssue("é.io/app", code: "image.registry", offset: 0)
        let long = String(repeating: "a", count: 250) + "/" + "bcdef"
        assertIssue(long, code: "image.too-long", offset: 255)
    }
}
