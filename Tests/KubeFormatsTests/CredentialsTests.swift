import XCTest
@testable import KubeFormats

/// Fixtures are assembled from pieces so that this file itself does not trip secret scanners.
final class CredentialsTests: XCTestCase {
    private func kind(_ value: String, name: String? = nil) -> String? {
        CredentialScanner.scan(value: value, name: name)?.kind.id
    }

    private func b64url(_ s: String) -> String {
        var out = ""
        for c in Base64.encode(Array(s.utf8)) {
            switch c {
            case "+": out.append("-")
            case "/": out.append("_")
            case "=": continue
            default: out.append(c)
            }
        }
        return out
    }

    // MARK: AWS

    let awsID = "AK" + "IA" + "Z7Q3M9W2K4R8T1Y6"
    let awsSecret = "wJ8lrXUtnFEMI/K7MDENG/bPxRfiCYz1x9Q2w3E4"

    func testAWSAccessKeyID() throws {
        XCTAssertEqual(awsSecret.count, 40)
        let m = try XCTUnwrap(CredentialScanner.scan(value: awsID, name: nil))
        XCTAssertEqual(m.kind, .awsAccessKeyID)
        XCTAssertEqual(m.confidence, .high)
        XCTAssertEqual(m.range, 0..<20)
        XCTAssertEqual(m.redacted, "AKIA… (20 chars)")
        XCTAssertFalse(m.message.contains(awsID))
        for prefix in ["AS" + "IA", "AB" + "IA", "AC" + "CA"] {
            XCTAssertEqual(kind(prefix + "Z7Q3M9W2K4R8T1Y6"), "aws-access-key-id", prefix)
        }
        let inText = try XCTUnwrap(CredentialScanner.scan(value: "key=\(awsID) more", name: nil))
        XCTAssertEqual(inText.range, 4..<24)
        // Near misses.
        XCTAssertNil(kind("AK" + "IA" + "Z7Q3M9W2K4R8T1Y"))        // 15
        XCTAssertNil(kind("AK" + "IA" + "Z7Q3M9W2K4R8T1Y6Q"))      // 17, no boundary
        XCTAssertNil(kind("X" + awsID))                            // no boundary before
        XCTAssertNil(kind("ak" + "ia" + "z7q3m9w2k4r8t1y6"))       // lowercase
        XCTAssertNil(kind("AK" + "IA" + "Z7Q3M9w2K4R8T1Y6"))       // lowercase inside
        XCTAssertNil(kind("AK" + "IA" + "IOSFODNN7" + "EXAMPLE"))  // AWS documentation key
        XCTAssertNil(kind("AK" + "IA" + String(repeating: "X", count: 16)))
        XCTAssertNil(kind("AKZA" + "Z7Q3M9W2K4R8T1Y6"))
    }

    func testAWSSecretAccessKey() throws {
        let m = try XCTUnwrap(CredentialScanner.scan(value: awsSecret, name: "AWS_SECRET_ACCESS_KEY"))
        XCTAssertEqual(m.kind, .awsSecretAccessKey)
        XCTAssertEqual(m.confidence, .high)
        XCTAssertEqual(kind(awsSecret, name: "secretAccessKey"), "aws-secret-access-key")
        XCTAssertEqual(kind("\"\(awsSecret)\"", name: "aws_secret_key"), "aws-secret-access-key")
        // In a credentials file.
        let file = "[default]\naws_access_key_id = \(awsID)\naws_secret_access_key = \(awsSecret)\n"
        let all = CredentialScanner.scanAll(value: file, name: nil)
        XCTAssertEqual(all.map(\.kind.id), ["aws-access-key-id", "aws-secret-access-key"])
        // Not next to an AWS secret name: not reported as an AWS secret.
        XCTAssertNil(kind(awsSecret, name: "CHECKSUM"))
        XCTAssertNil(kind(awsSecret, name: nil))
        XCTAssertNotEqual(kind(String(awsSecret.dropLast()), name: "AWS_SECRET_ACCESS_KEY"), "aws-secret-access-key")
        XCTAssertNil(kind("wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY", name: "AWS_SECRET_ACCESS_KEY"))
    }

    // MARK: GitHub

    func testGitHubTokens() throws {
        let body = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
        XCTAssertEqual(body.count, 36)
        let cases: [(String, CredentialKind)] = [("ghp_", .githubPAT), ("gho_", .githubOAuth), ("ghu_", .githubUserToServer),
                                                  ("ghs_", .githubServerToServer), ("ghr_", .githubRefresh)]
        for (prefix, k) in cases {
            XCTAssertEqual(CredentialScanner.scan(value: prefix + body, name: nil)?.kind, k, prefix)
        }
        let fine = "github_" + "pat_" + "11ABCDEFG0123456789abc" + "_" + "ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210zYxWvUtSrQpOnMlKjIhGfEd"
        XCTAssertEqual(kind(fine), "github-fine-grained-pat")
        XCTAssertEqual(try XCTUnwrap(CredentialScanner.scan(value: "token: \(fine)", name: nil)).range.count, 93)
        // Near misses.
        XCTAssertNil(kind("ghp_" + body.dropLast()))
        XCTAssertNil(kind("ghp_" + body + "x"))
        XCTAssertNil(kind("ghx_" + body))
        XCTAssertNil(kind("xghp_" + body))
        XCTAssertNil(kind("ghp_" + String(repeating: "x", count: 36)))
        XCTAssertNil(kind("github_" + "pat_" + "11ABCDEFG0123456789abc" + "_" + "short"))
    }

    // MARK: Slack

    func testSlack() throws {
        let bot = "xo" + "xb-" + "1234567890123-1234567890123-" + "AbCdEfGhIjKlMnOpQrStUvWx"
        XCTAssertEqual(kind(bot), "slack-token")
        XCTAssertEqual(kind("xo" + "xp-" + "123456789012-123456789012-123456789012-" + "0123456789abcdef0123456789abcdef"), "slack-token")
        XCTAssertNil(kind("xo" + "xb-abc"))
        XCTAssertNil(kind("xo" + "xb-" + "AbCdEfGhIjKlMnOpQrStUvWx"))   // no numeric segment
        XCTAssertNil(kind("xo" + "xq-" + "1234567890123-1234567890123-AbCdEf"))
        XCTAssertNil(kind("xo" + "xb-1-a"))

        let hook = "https://hooks.slack.com/services/" + "T024BE7LD/B08ABCDEF/" + "abcDEF123ghiJKL456mno789"
        let m = try XCTUnwrap(CredentialScanner.scan(value: hook, name: "WEBHOOK_URL"))
        XCTAssertEqual(m.kind, .slackWebhook)
        XCTAssertEqual(m.range, 0..<hook.count)
        XCTAssertNil(kind("https://hooks.slack.com/services/" + "T00000000/B00000000/" + String(repeating: "X", count: 24)))
        XCTAssertNil(kind("https://hooks.slack.com/services/"))
        XCTAssertNil(kind("https://hooks.slack.com/services/T024BE7LD/C08ABCDEF/abcDEF123ghiJKL456mno789"))
    }

    // MARK: Private keys

    func testPEMPrivateKey() throws {
        let body = "MIIEpAIBAAKCAQEA7bq98vk2XZ0YzVWm0Hc5pD1x8YQmq3mFv9w0q2L5pHcQk3Zr"
        for label in ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                      "PGP PRIVATE KEY BLOCK"] {
            let pem = "-----BEGIN \(label)-----\n\(body)\n-----END \(label)-----\n"
            let m = try XCTUnwrap(CredentialScanner.scan(value: pem, name: "tls.key"), label)
            XCTAssertEqual(m.kind, .privateKey)
            XCTAssertEqual(m.range.lowerBound, 0)
            XCTAssertEqual(m.range.upperBound, pem.count - 1, label)
            XCTAssertEqual(m.redacted, "----… (\(pem.count - 1) chars)")
        }
        // Truncated (no END) still counts.
        XCTAssertEqual(kind("-----BEGIN PRIVATE KEY-----\n\(body)"), "private-key")
        // Near misses.
        XCTAssertNil(kind("-----BEGIN PUBLIC KEY-----\n\(body)\n-----END PUBLIC KEY-----"))
        XCTAssertNil(kind("-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----"))
        XCTAssertNil(kind("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"))
        XCTAssertNil(kind("-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----"))
        XCTAssertNil(kind("-----BEGIN private key-----\n\(body)"))
    }

    // MARK: JWT

    func testJWT() throws {
        let header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
        let payload = b64url("{\"sub\":\"1234567890\",\"name\":\"Jane\",\"iat\":1516239022}")
        let sig = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        let token = "\(header).\(payload).\(sig)"
        let m = try XCTUnwrap(CredentialScanner.scan(value: "Bearer \(token)", name: nil))
        XCTAssertEqual(m.kind, .jwt)
        XCTAssertEqual(m.range, 7..<(7 + token.count))
        XCTAssertEqual(kind("\(header).\(payload)."), "jwt")  // unsigned token
        // Near misses.
        XCTAssertNil(kind("\(header).\(payload)"))
        XCTAssertNil(kind("\(b64url("{\"typ\":\"JWT\"}")).\(payload).\(sig)"))
        XCTAssertNil(kind("\(header).\(b64url("[1,2,3,4,5,6,7,8]")).\(sig)"))
        XCTAssertNil(kind("eyJnotbase64!!.eyJxxxxxxxxxxxx.abc"))
        // A JWT under a sensitive name is still reported as a JWT (high beats medium).
        XCTAssertEqual(kind(token, name: "API_TOKEN"), "jwt")
    }

    // MARK: Google Cloud

    func testGCP() throws {
        let key = "AI" + "za" + "SyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"
        XCTAssertEqual(key.count, 39)
        XCTAssertEqual(kind(key), "gcp-api-key")
        XCTAssertEqual(kind("key=\(key)&q=1"), "gcp-api-key")
        XCTAssertNil(kind(String(key.dropLast())))
        XCTAssertNil(kind(key + "Q"))
        XCTAssertNil(kind("AI" + "za" + String(repeating: "A", count: 35)))

        let pem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n"
        let sa = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo\",\n  \"private_key_id\": \"abc123\",\n  \"private_key\": \"\(pem)\",\n  \"client_email\": \"x@demo.iam.gserviceaccount.com\"\n}"
        let all = CredentialScanner.scanAll(value: sa, name: "key.json")
        XCTAssertEqual(all.map(\.kind.id), ["gcp-service-account-key"])
        // Without "service_account" it is just a private key.
        XCTAssertEqual(kind(sa.replacingOccurrences("service_account", "authorized_user")), "private-key")
        XCTAssertNil(kind("{\"type\": \"service_account\", \"private_key\": \"\"}"))
    }

    // MARK: Azure

    func testAzureStorageKey() throws {
        let raw = (0..<64).map { UInt8(($0 * 37 + 11) % 256) }
        let key = Base64.encode(raw)
        XCTAssertEqual(key.count, 88)
        let conn = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=\(key);EndpointSuffix=core.windows.net"
        let m = try XCTUnwrap(CredentialScanner.scan(value: conn, name: "CONNECTION"))
        XCTAssertEqual(m.kind, .azureStorageKey)
        XCTAssertEqual(m.range.count, 88)
        XCTAssertEqual(kind(key, name: "AZURE_STORAGE_KEY"), "azure-storage-account-key")
        XCTAssertEqual(kind(key, name: "storageAccountKey"), "azure-storage-account-key")
        XCTAssertNotEqual(kind(key, name: "CHECKSUM"), "azure-storage-account-key")
        XCTAssertNil(kind("AccountKey=" + String(key.dropFirst())))
    }

    // MARK: URLs

    func testURLCredentials() throws {
        let m = try XCTUnwrap(CredentialScanner.scan(value: "postgres://app:S3cr3tP4ss@db:5432/app", name: "DATABASE_URL"))
        XCTAssertEqual(m.kind, .urlCredentials)
        XCTAssertEqual(m.range, 15..<25)
        XCTAssertEqual(kind("redis://:pw8z2k1q@redis:6379/0"), "url-credentials")
        XCTAssertNil(kind("postgres://app:${DB_PASS}@db/app"))
        XCTAssertNil(kind("postgres://app:$(DB_PASS)@db/app"))
        XCTAssertNil(kind("postgres://app:$DB_PASS@db/app"))
        XCTAssertNil(kind("https://user@host/path"))
        XCTAssertNil(kind("https://host:8443/path"))
        XCTAssertNil(kind("https://user:password@host/"))
        XCTAssertNil(kind("https://user:****@host/"))
        XCTAssertNil(kind("https://example.com/a:b@c"))
    }

    // MARK: Generic

    func testGenericHighEntropy() throws {
        let m = try XCTUnwrap(CredentialScanner.scan(value: "q8Zt!w2@Lm9#", name: "DB_PASSWORD"))
        XCTAssertEqual(m.kind, .genericSecret)
        XCTAssertEqual(m.confidence, .medium)
        XCTAssertEqual(kind("a8f5f167f44f4964e6c998dee827110c", name: "API_KEY"), "generic-secret")
        XCTAssertEqual(kind("  'Zk29xLq0Pw7mRt4v'  ", name: "clientSecret"), "generic-secret")
        XCTAssertEqual(try XCTUnwrap(CredentialScanner.scan(value: "  'Zk29xLq0Pw7mRt4v'  ", name: "clientSecret")).range, 3..<19)
        // Not sensitive names.
        for name in ["PASSWORD_FILE", "TOKEN_PATH", "SECRET_NAME", "DB_URL", "LOG_LEVEL", "CHECKSUM"] {
            XCTAssertNil(kind("q8Zt!w2@Lm9#", name: name), name)
        }
        XCTAssertNil(kind("q8Zt!w2@Lm9#", name: nil))
        // Placeholders and references under a sensitive name.
        for v in ["", "   ", "changeme", "CHANGE_ME", "$(DB_PASSWORD)", "${DB_PASSWORD}", "$DB_PASSWORD",
                  "{{ .Values.db.password }}", "<password>", "XXXXXXXX", "xxxx-xxxx-1234", "REPLACE_ME",
                  "dummy-password-123", "example-secret-9f8e", "aaaaaaaaaaaa", "production", "********",
                  "/etc/secrets/db-password", "./secrets/pw.txt", "vault:secret/data/db#password",
                  "ref+awssm://prod/db", "arn:aws:secretsmanager:eu-west-1:123:secret:db", "your_password_here",
                  "%DB_PASSWORD%", "true", "12", "short1!"] {
            XCTAssertNil(kind(v, name: "DB_PASSWORD"), v)
        }
        // Low entropy with digits.
        XCTAssertNil(kind("abababab12", name: "TOKEN"))
    }

    func testIsPlaceholder() {
        XCTAssertTrue(CredentialScanner.isPlaceholder(""))
        XCTAssertTrue(CredentialScanner.isPlaceholder("${X}"))
        XCTAssertTrue(CredentialScanner.isPlaceholder("/var/run/secrets/kubernetes.io/serviceaccount/token"))
        XCTAssertFalse(CredentialScanner.isPlaceholder("/9j4AAQSkZJRgABAQEASABIAAD"))  // base64 starting with '/'
        XCTAssertFalse(CredentialScanner.isPlaceholder("q8Zt!w2@Lm9#"))
    }

    // MARK: Names

    func testSensitiveNames() {
        for n in ["password", "DB_PASSWORD", "dbPassword", "db-password", "db.password", "passwd", "PWD", "DB_PASS",
                  "MYSQL_ROOT_PASSWORD", "clientSecret", "CLIENT_SECRET", "api_key", "apiKey", "APIKey", "API-KEY",
                  "apikey", "ACCESS_KEY", "private_key", "privateKey", "GITHUB_TOKEN", "authToken", "credentials",
                  "AWS_SECRET_ACCESS_KEY", "AUTH", "BASIC_AUTH", "KEY", "SSH_KEY", "ENCRYPTION_KEY", "secret",
                  "SECRET_KEY_BASE", "bearer", "registryCreds", "passphrase", "VAULT_SECRET_ID"] {
            XCTAssertTrue(SensitiveNames.isSensitive(n), n)
        }
        for n in ["PASSWORD_FILE", "TOKEN_PATH", "SECRET_NAME", "DB_URL", "AUTH_URL", "ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID",
                  "USERNAME", "PUBLIC_KEY", "CACHE_KEY", "PARTITION_KEY", "TOKENIZER", "LOG_LEVEL", "KEY_NAME",
                  "PASSWORD_MIN_LENGTH", "SECRET_REF", "TOKEN_TTL", "passwordFile", "secretName", "", "_", "keyboard",
                  "monkey", "passenger", "compass", "author"] {
            XCTAssertFalse(SensitiveNames.isSensitive(n), n)
        }
        // The quick pre-filter never hides a sensitive name: every credential word, alone and
        // inside names built around it, passes it.
        var names: [String] = []
        let words = Array(SensitiveNames.wholeWords) + SensitiveNames.suffixWords
            + SensitiveNames.keyQualifiers.flatMap { [$0 + "Key", $0 + "_key", $0.uppercased() + "KEY"] } + ["key", "KEYS"]
        for w in words {
            names += [w, w.uppercased(), "db_" + w, "my" + w.prefix(1).uppercased() + w.dropFirst(), "X-" + w + "-2"]
        }
        for n in names {
            XCTAssertTrue(SensitiveNames.mayContainCredentialWord(n), n)
        }
        // The property itself, on names sensitive or not: whatever the word rules find
        // sensitive, the filter lets through.
        let others = ["LOG_LEVEL", "replicas", "PASSWORD_FILE", "keyboard", "monkey", "compass", "author",
                      "MyAPIKeyV2", "x-Auth-Token", "dbPassWd", "ÄPFEL_KEY", "über-secret", "k3y", "pw1"]
        var sensitive = 0
        for n in names + others where SensitiveNames.matchedWord(inWords: SensitiveNames.words(n)) != nil {
            sensitive += 1
            XCTAssertTrue(SensitiveNames.mayContainCredentialWord(n), n)
        }
        XCTAssertGreaterThan(sensitive, 300)
        for n in ["LOG_LEVEL", "replicas", "JAVA_OPTS", "app.kubernetes.io/name", "DATABASE_HOST"] {
            XCTAssertFalse(SensitiveNames.mayContainCredentialWord(n), n)
        }
        XCTAssertEqual(SensitiveNames.words("myAPIKey_v2-x.y"), ["my", "api", "key", "v2", "x", "y"])
        XCTAssertTrue(SensitiveNames.isAWSSecretKeyName("AWS_SECRET_ACCESS_KEY"))
        XCTAssertFalse(SensitiveNames.isAWSSecretKeyName("AWS_ACCESS_KEY_ID"))
        XCTAssertTrue(SensitiveNames.isAzureStorageKeyName("AZURE_STORAGE_ACCOUNT_KEY"))
        XCTAssertFalse(SensitiveNames.isAzureStorageKeyName("AZURE_STORAGE_ACCOUNT"))
    }

    // MARK: Large input

    /// Many trigger characters in a large value: must stay linear (this would take minutes if any
    /// detector rescanned the whole value per trigger).
    func testLargeValueWithManyTriggers() {
        let chunk = "\"private_key\": \"x\", -----BEGIN x eyJ http://a: AKIA ghp_ xoxb- hooks.slack.com/ aws_secret_access_key="
        let big = String(repeating: chunk, count: 2_000) + awsID
        let all = CredentialScanner.scanAll(value: big, name: "PASSWORD")
        XCTAssertEqual(all.map(\.kind), [.awsAccessKeyID])
        XCTAssertEqual(all.first?.range.upperBound, big.unicodeScalars.count)
    }

    // MARK: Redaction and entropy

    func testRedaction() {
        XCTAssertEqual(Redaction.redact(awsID), "AKIA… (20 chars)")
        XCTAssertEqual(Redaction.redact("abc"), "a… (3 chars)")
        XCTAssertEqual(Redaction.redact("ab"), "… (2 chars)")
        XCTAssertEqual(Redaction.redact("x"), "… (1 char)")
        XCTAssertEqual(Redaction.redact(""), "(empty)")
        XCTAssertEqual(Redaction.redact("a\nbcdefghijkl"), "a… (13 chars)")
        // Past the printable-ASCII fast path: DEL and CR LF (one character, two bytes).
        XCTAssertEqual(Redaction.redact("\u{7F}bcdefgh"), "… (8 chars)")
        XCTAssertEqual(Redaction.redact("ab\r\ncdefgh"), "ab… (9 chars)")
        XCTAssertEqual(Redaction.redact("pässwört-123"), "päss… (12 chars)")
        XCTAssertEqual(Redaction.redact("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑"), "🔑🔑🔑🔑… (12 chars)")
        XCTAssertEqual(Redaction.redact("my awsID is here", scalarRange: 3..<6), "a… (3 chars)")
        XCTAssertEqual(Redaction.redact("short", scalarRange: 3..<99), "… (2 chars)")
        // Never more than 4 characters of the secret.
        let long = String(repeating: "Z", count: 1000)
        XCTAssertEqual(Redaction.redact(long), "ZZZZ… (1000 chars)")
    }

    func testEntropy() {
        XCTAssertEqual(Entropy.shannon(""), 0)
        XCTAssertEqual(Entropy.shannon("aaaa"), 0)
        XCTAssertEqual(Entropy.shannon("ab"), 1, accuracy: 1e-12)
        XCTAssertEqual(Entropy.shannon("abcd"), 2, accuracy: 1e-12)
        XCTAssertEqual(Entropy.log2(8), 3, accuracy: 1e-12)
        XCTAssertEqual(Entropy.log2(10), 3.321928094887362, accuracy: 1e-12)
        XCTAssertEqual(Entropy.log2(0.3), -1.7369655941662063, accuracy: 1e-12)
        XCTAssertEqual(Entropy.log2(1), 0, accuracy: 1e-15)
        XCTAssertEqual(Entropy.alphabet(of: "deadBEEF09"), .hex)
        XCTAssertEqual(Entropy.alphabet(of: "abc+/="), .base64)
        XCTAssertEqual(Entropy.alphabet(of: "abc!"), .other)
        XCTAssertEqual(Entropy.threshold(length: 1000, alphabet: .hex), 3.0)
        XCTAssertEqual(Entropy.threshold(length: 1000, alphabet: .base64), 4.5)
        XCTAssertTrue(Entropy.isHighEntropy("a8f5f167f44f4964e6c998dee827110c"))
        XCTAssertFalse(Entropy.isHighEntropy("deadbeefdeadbeef"))
        XCTAssertFalse(Entropy.isHighEntropy("abc123"))
    }
}

private extension String {
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

private extension Substring {
    func range(of target: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}
