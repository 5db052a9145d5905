import XCTest
@testable import KubeFormats

/// Every entry point over a few thousand seeded pseudo-random strings: no crash, the same answer
/// twice, and offsets/ranges inside the value.
final class FuzzTests: XCTestCase {
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let fragments: [String] = [
        "AKIA", "ASIA", "AIza", "ghp_", "github_pat_", "xoxb-", "123-", "hooks.slack.com/services/T", "/B", "eyJ",
        "-----BEGIN ", "PRIVATE KEY-----", "-----END", "://", "@", ":", "/", "=", "==", "*", ",", "-", "/5", "?", ".",
        "..", "TZ=", "CRON_TZ=", "@every ", "@daily", "1h", "ms", "µs", " ", "\t", "\n", "\"", "'", "{", "}", "$(", "${",
        "{{", "\"private_key\": \"", "\"service_account\"", "AccountKey=", "aws_secret_access_key=", "sha256:", "JAN",
        "sun", "é", "🙂", "\u{0}", "\u{301}", "ß", "İ", "localhost", "[::1]", "docker.io", "latest", "_", "__", "%",
        "CAP_", "net.", "kernel.shm", "v1.", "In", "0", "9", "59", "60", "A", "z", "Z", "x",
    ]

    static func randomString(_ rng: inout SplitMix64) -> String {
        let mode = rng.below(3)
        let len = rng.below(48)
        switch mode {
        case 0:  // raw bytes (invalid UTF-8 is repaired by String(decoding:))
            var bytes: [UInt8] = []
            for _ in 0..<len { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
            return String(decoding: bytes, as: UTF8.self)
        case 1:  // printable ASCII
            var s = ""
            for _ in 0..<len { s.unicodeScalars.append(Unicode.Scalar(UInt8(0x20 + rng.below(95)))) }
            return s
        default:  // fragments that reach deeper paths, mixed with random characters
            var s = ""
            for _ in 0..<(len / 3) {
                if rng.below(4) == 0 {
                    s.unicodeScalars.append(Unicode.Scalar(UInt8(0x21 + rng.below(94))))
                } else {
                    s += fragments[rng.below(fragments.count)]
                }
            }
            return s
        }
    }

    func testNoCrashAndDeterminism() {
        var rng = SplitMix64(state: 0x5EED_CAFE)
        let kinds = ["Pod", "Service", "Namespace", "ClusterRole", "CronJob", "Job", "Widget"]
        for iteration in 0..<3000 {
            let s = Self.randomString(&rng)
            let other = Self.randomString(&rng)
            let count = s.unicodeScalars.count
            func inBounds(_ i: FormatIssue?, _ what: String) {
                if let o = i?.offset { XCTAssert(o >= 0 && o <= count, "\(what) offset \(o) out of 0...\(count) for \(s.debugDescription)") }
            }
            func twice<T: Equatable>(_ what: String, _ f: () -> T) {
                let a = f(), b = f()
                XCTAssertEqual(a, b, "\(what) not deterministic for \(s.debugDescription)")
            }
            func issue(_ what: String, _ f: () -> FormatIssue?) {
                twice(what, f)
                inBounds(f(), what)
            }

            issue("dns1123Label") { Names.dns1123Label(s) }
            issue("dns1035Label") { Names.dns1035Label(s) }
            issue("dns1123Subdomain") { Names.dns1123Subdomain(s) }
            issue("pathSegmentName") { Names.pathSegmentName(s) }
            issue("labelKey") { Names.labelKey(s) }
            issue("labelValue") { Names.labelValue(s) }
            issue("portName") { Names.portName(s) }
            issue("configMapKey") { Names.configMapKey(s) }
            for rule in EnvVarNameRule.allCases { issue("envVarName") { Names.envVarName(s, rule: rule) } }
            issue("nameRule") { Names.nameValidation(forKind: kinds[iteration % kinds.count]).validate(s) }
            twice("annotationsSize") { Names.annotationsSize([(key: s, value: other)]) }

            twice("cron.parse") { Cron.parse(s) }
            issue("cron.validate") { Cron.validate(s) }
            twice("cron.validate.tz") { Cron.validate("TZ=" + s) }
            if let o = Cron.validate("TZ=" + s)?.offset { XCTAssert(o >= 0 && o <= count + 3, "tz offset \(o)") }
            issue("cron.validateTimeZone") { Cron.validateTimeZone(s) }

            for lb in [false, true] {
                issue("base64.validate") { Base64.validate(s, allowLineBreaks: lb) }
                twice("base64.decode") { Base64.decode(s, allowLineBreaks: lb) }
            }
            twice("base64.url") { Base64.decodeURLSafe(s) }
            if case .success(let bytes) = Base64.decode(s) { XCTAssertNil(Base64.validate(Base64.encode(bytes))) }

            for name in [nil, other, "PASSWORD", "AWS_SECRET_ACCESS_KEY", "AZURE_STORAGE_KEY"] as [String?] {
                twice("scanAll") { CredentialScanner.scanAll(value: s, name: name) }
                for m in CredentialScanner.scanAll(value: s, name: name) {
                    XCTAssert(m.range.lowerBound >= 0 && m.range.upperBound <= count && !m.range.isEmpty,
                              "range \(m.range) for \(s.debugDescription)")
                }
                twice("scan") { CredentialScanner.scan(value: s, name: name) }
            }
            twice("isPlaceholder") { CredentialScanner.isPlaceholder(s) }
            twice("sensitive") { SensitiveNames.matchedWord(s) }
            twice("words") { SensitiveNames.words(s) }
            twice("awsName") { SensitiveNames.isAWSSecretKeyName(s) }
            twice("azureName") { SensitiveNames.isAzureStorageKeyName(s) }
            twice("entropy") { Entropy.shannon(s) }
            twice("highEntropy") { Entropy.isHighEntropy(s) }
            twice("alphabet") { Entropy.alphabet(of: s) }
            twice("redact") { Redaction.redact(s) }
            twice("redactRange") { Redaction.redact(s, scalarRange: (iteration % 7)..<(iteration % 13 + 7)) }
            XCTAssertLessThanOrEqual(Redaction.redact(s).unicodeScalars.count, 4 * 8 + 20)

            twice("image") { ImageReference.parse(s) }
            if case .failure(let i) = ImageReference.parse(s) { inBounds(i, "image") }
            twice("version") { KubernetesVersion(s) }
            twice("deprecation") { APIDeprecations.status(apiVersion: s, kind: other) }

            issue("sysctlName") { Sysctls.validateName(s) }
            twice("sysctlSafe") { Sysctls.isSafe(s) }
            twice("sysctlNormalize") { Sysctls.normalize(s) }
            twice("sysctlNamespaced") { Sysctls.isNamespaced(s) }
            twice("capNormalize") { Capabilities.normalize(s) }
            issue("capValidate") { Capabilities.validate(s) }
            twice("capDangerous") { Capabilities.isDangerous(s) }

            let sel = LabelSelector(matchLabels: [s: other],
                                    matchExpressions: [.init(key: other, operator: s, values: [s, other])])
            twice("selectorValidate") { sel.validate() }
            var labels = [s: other]
            labels[other] = s
            twice("selectorMatch") { sel.matches(labels: labels) }
        }
    }
}
