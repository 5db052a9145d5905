import XCTest
@testable import KubeFormats

final class NamesTests: XCTestCase {
    private func assertIssue(_ issue: FormatIssue?, code: String, offset: Int?, contains text: String? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let issue else { return XCTFail("expected an issue \(code)", file: file, line: line) }
        XCTAssertEqual(issue.code, code, issue.message, file: file, line: line)
        XCTAssertEqual(issue.offset, offset, issue.message, file: file, line: line)
        if let text { XCTAssertTrue(issue.message.contains(text), issue.message, file: file, line: line) }
    }

    func testDNS1123Label() {
        for ok in ["a", "0", "my-name", "123-abc", String(repeating: "a", count: 63)] {
            XCTAssertNil(Names.dns1123Label(ok), ok)
        }
        assertIssue(Names.dns1123Label(""), code: "name.empty", offset: nil)
        assertIssue(Names.dns1123Label("-a"), code: "name.bad-edge", offset: 0)
        assertIssue(Names.dns1123Label("a-"), code: "name.bad-edge", offset: 1)
        assertIssue(Names.dns1123Label("My-name"), code: "name.invalid-character", offset: 0, contains: "use lowercase")
        assertIssue(Names.dns1123Label("a.b"), code: "name.invalid-character", offset: 1)
        assertIssue(Names.dns1123Label(String(repeating: "a", count: 64)), code: "name.too-long", offset: 63)
        // Non-ASCII: offset counts scalars, not bytes.
        assertIssue(Names.dns1123Label("é-x"), code: "name.invalid-character", offset: 0, contains: "U+00E9")
        assertIssue(Names.dns1123Label("aé"), code: "name.invalid-character", offset: 1)
        assertIssue(Names.dns1123Label("ab🙂c"), code: "name.invalid-character", offset: 2, contains: "U+1F642")
    }

    func testDNS1035Label() {
        XCTAssertNil(Names.dns1035Label("web"))
        XCTAssertNil(Names.dns1035Label("a1-b2"))
        assertIssue(Names.dns1035Label("1web"), code: "name.bad-start", offset: 0)
        assertIssue(Names.dns1035Label("-web"), code: "name.bad-start", offset: 0)
        assertIssue(Names.dns1035Label("web_1"), code: "name.invalid-character", offset: 3)
        assertIssue(Names.dns1035Label("a" + String(repeating: "b", count: 63)), code: "name.too-long", offset: 63)
    }

    func testDNS1123Subdomain() {
        XCTAssertNil(Names.dns1123Subdomain("example.com"))
        XCTAssertNil(Names.dns1123Subdomain("a-1.b-2.c"))
        // Kubernetes does not limit each label to 63 inside a subdomain.
        XCTAssertNil(Names.dns1123Subdomain(String(repeating: "a", count: 100)))
        let max = String(repeating: "a", count: 126) + "." + String(repeating: "b", count: 126)
        XCTAssertEqual(max.count, 253)
        XCTAssertNil(Names.dns1123Subdomain(max))
        assertIssue(Names.dns1123Subdomain(max + "c"), code: "name.too-long", offset: 253)
        assertIssue(Names.dns1123Subdomain(".a"), code: "name.empty-label", offset: 0)
        assertIssue(Names.dns1123Subdomain("a."), code: "name.empty-label", offset: 1)
        assertIssue(Names.dns1123Subdomain("a..b"), code: "name.empty-label", offset: 2)
        assertIssue(Names.dns1123Subdomain("a.-b"), code: "name.bad-edge", offset: 2)
        assertIssue(Names.dns1123Subdomain("a.B"), code: "name.invalid-character", offset: 2, contains: "'.'")
        assertIssue(Names.dns1123Subdomain(""), code: "name.empty", offset: nil)
    }

    func testPathSegment() {
        XCTAssertNil(Names.pathSegmentName("system:controller:foo"))
        XCTAssertNil(Names.pathSegmentName("Mixed Case ok"))
        assertIssue(Names.pathSegmentName("."), code: "name.dot", offset: 0)
        assertIssue(Names.pathSegmentName(".."), code: "name.dot", offset: 0)
        XCTAssertNil(Names.pathSegmentName("..."))
        assertIssue(Names.pathSegmentName("a/b"), code: "name.invalid-character", offset: 1, contains: "'/'")
        assertIssue(Names.pathSegmentName("ü%"), code: "name.invalid-character", offset: 1, contains: "'%'")
        assertIssue(Names.pathSegmentName(""), code: "name.empty", offset: nil)
    }

    func testNameValidationForKind() {
        XCTAssertEqual(Names.nameValidation(forKind: "Pod").syntax, .dns1123Subdomain)
        XCTAssertEqual(Names.nameValidation(forKind: "Deployment").syntax, .dns1123Subdomain)
        XCTAssertEqual(Names.nameValidation(forKind: "ConfigMap").syntax, .dns1123Subdomain)
        XCTAssertEqual(Names.nameValidation(forKind: "Secret").syntax, .dns1123Subdomain)
        XCTAssertEqual(Names.nameValidation(forKind: "ServiceAccount").syntax, .dns1123Subdomain)
        XCTAssertEqual(Names.nameValidation(forKind: "Service").syntax, .dns1035Label)
        XCTAssertEqual(Names.nameValidation(forKind: "Namespace").syntax, .dns1123Label)
        XCTAssertEqual(Names.nameValidation(forKind: "ClusterRole").syntax, .pathSegment)
        XCTAssertEqual(Names.nameValidation(forKind: "RoleBinding").syntax, .pathSegment)
        XCTAssertEqual(Names.nameValidation(forKind: "MyCustomThing").syntax, .dns1123Subdomain)

        XCTAssertNil(Names.nameValidation(forKind: "ClusterRole").validate("system:aggregate-to-admin"))
        XCTAssertNotNil(Names.nameValidation(forKind: "ConfigMap").validate("system:x"))
        XCTAssertNotNil(Names.nameValidation(forKind: "Service").validate("1abc"))
        let cron = Names.nameValidation(forKind: "CronJob")
        XCTAssertNil(cron.validate(String(repeating: "c", count: 52)))
        assertIssue(cron.validate(String(repeating: "c", count: 53)), code: "name.too-long", offset: 52, contains: "52")
        assertIssue(Names.nameValidation(forKind: "Job").validate(String(repeating: "j", count: 64)),
                    code: "name.too-long", offset: 63)
    }

    func testLabelKeys() {
        for ok in ["app", "app.kubernetes.io/name", "example.com/My_Key.v1", "a", "A9",
                   String(repeating: "k", count: 63), String(repeating: "p", count: 253) + "/" + "n"] {
            XCTAssertNil(Names.labelKey(ok), ok)
        }
        assertIssue(Names.labelKey(""), code: "key.empty", offset: nil)
        assertIssue(Names.labelKey("/name"), code: "key.empty-prefix", offset: 0)
        assertIssue(Names.labelKey("example.com/"), code: "key.empty-name", offset: 12)
        assertIssue(Names.labelKey("a/b/c"), code: "key.invalid-character", offset: 3)
        assertIssue(Names.labelKey("Example.com/x"), code: "name.invalid-character", offset: 0)
        assertIssue(Names.labelKey("example.com/-x"), code: "name.bad-edge", offset: 12)
        assertIssue(Names.labelKey("x_"), code: "name.bad-edge", offset: 1)
        assertIssue(Names.labelKey("a b"), code: "name.invalid-character", offset: 1, contains: "space")
        assertIssue(Names.labelKey(String(repeating: "k", count: 64)), code: "key.name-too-long", offset: 63)
        assertIssue(Names.labelKey("ex.com/" + String(repeating: "k", count: 64)), code: "key.name-too-long", offset: 70)
        assertIssue(Names.labelKey(String(repeating: "p", count: 254) + "/n"), code: "key.prefix-too-long", offset: 253)
        assertIssue(Names.annotationKey("ключ"), code: "name.invalid-character", offset: 0)
    }

    func testLabelValues() {
        XCTAssertNil(Names.labelValue(""))
        XCTAssertNil(Names.labelValue("v1.2.3_rc-1"))
        XCTAssertNil(Names.labelValue(String(repeating: "v", count: 63)))
        assertIssue(Names.labelValue(String(repeating: "v", count: 64)), code: "name.too-long", offset: 63)
        assertIssue(Names.labelValue(".v"), code: "name.bad-edge", offset: 0)
        assertIssue(Names.labelValue("a/b"), code: "name.invalid-character", offset: 1)
        assertIssue(Names.labelValue("naïve"), code: "name.invalid-character", offset: 2)
    }

    func testAnnotationsSize() {
        XCTAssertNil(Names.annotationsSize(["a": "b"].map { (key: $0.key, value: $0.value) }))
        let limit = Names.totalAnnotationSizeLimit
        let exact = [(key: "k", value: String(repeating: "v", count: limit - 1))]
        XCTAssertNil(Names.annotationsSize(exact))
        let over = [(key: "k", value: String(repeating: "v", count: limit))]
        XCTAssertEqual(Names.annotationsSize(over)?.code, "annotations.too-large")
    }

    func testPortNames() {
        for ok in ["http", "h2c", "metrics-9090", "a", String(repeating: "p", count: 15)] {
            XCTAssertNil(Names.portName(ok), ok)
        }
        assertIssue(Names.portName(""), code: "port-name.empty", offset: nil)
        assertIssue(Names.portName("8080"), code: "port-name.no-letter", offset: nil)
        assertIssue(Names.portName("-http"), code: "port-name.hyphen-edge", offset: 0)
        assertIssue(Names.portName("http-"), code: "port-name.hyphen-edge", offset: 4)
        assertIssue(Names.portName("ht--tp"), code: "port-name.double-hyphen", offset: 2)
        assertIssue(Names.portName("HTTP"), code: "port-name.invalid-character", offset: 0)
        assertIssue(Names.portName("http_x"), code: "port-name.invalid-character", offset: 4)
        assertIssue(Names.portName(String(repeating: "p", count: 16)), code: "port-name.too-long", offset: 15)
    }

    func testEnvVarNames() {
        XCTAssertNil(Names.envVarName("PATH"))
        XCTAssertNil(Names.envVarName("my.env-name"))
        XCTAssertNil(Names.envVarName("_x1"))
        XCTAssertNil(Names.envVarName("-x"))
        assertIssue(Names.envVarName("1X"), code: "env.leading-digit", offset: 0)
        assertIssue(Names.envVarName("A B"), code: "env.invalid-character", offset: 1)
        assertIssue(Names.envVarName("."), code: "env.dot", offset: 0)
        assertIssue(Names.envVarName(".."), code: "env.dot", offset: 0)
        assertIssue(Names.envVarName("..x"), code: "env.dot", offset: 0, contains: "start with")
        assertIssue(Names.envVarName(""), code: "env.empty", offset: nil)

        XCTAssertNil(Names.envVarName("MY_VAR_2", rule: .portable))
        assertIssue(Names.envVarName("my.var", rule: .portable), code: "env.not-portable", offset: 2)
        assertIssue(Names.envVarName("9x", rule: .portable), code: "env.not-portable", offset: 0, contains: "digit")

        XCTAssertNil(Names.envVarName("1 weird:name!", rule: .relaxed))
        assertIssue(Names.envVarName("A=B", rule: .relaxed), code: "env.invalid-character", offset: 1)
        assertIssue(Names.envVarName("Aé", rule: .relaxed), code: "env.invalid-character", offset: 1)
    }

    func testConfigMapKeys() {
        for ok in ["config.yaml", ".hidden", "a-b_c.d", "x",
                   String(repeating: "k", count: 253)] {
            XCTAssertNil(Names.configMapKey(ok), ok)
        }
        assertIssue(Names.configMapKey(""), code: "data-key.empty", offset: nil)
        assertIssue(Names.secretKey("."), code: "data-key.dot", offset: 0)
        assertIssue(Names.secretKey(".."), code: "data-key.dot", offset: 0)
        assertIssue(Names.secretKey("..data"), code: "data-key.dot", offset: 0)
        assertIssue(Names.secretKey("a/b"), code: "data-key.invalid-character", offset: 1)
        assertIssue(Names.secretKey("ñ"), code: "data-key.invalid-character", offset: 0)
        assertIssue(Names.secretKey(String(repeating: "k", count: 254)), code: "data-key.too-long", offset: 253)
    }
}
