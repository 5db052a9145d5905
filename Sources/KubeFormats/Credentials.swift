// Credential detection in manifest values (env values, Secret data after base64 decoding,
// ConfigMap data, args, annotations). Formats follow the published scanner rules collected in
// research D.4 (gitleaks, detect-secrets, trufflehog); each detector is a hand-written scan.
//
// Confidence:
// - `.high`: the value contains a token with a vendor format (AKIA…, ghp_…, a PEM private key,
//   a JWT…), or a format that is only meaningful next to a matching name (a 40-character AWS secret
//   key next to an AWS secret key name, an 88-character Azure key next to `AccountKey=`).
// - `.medium`: the name is sensitive (`SensitiveNames`) and the value is random-looking
//   (`Entropy.isHighEntropy`) and not a placeholder or reference.
//
// Never a credential (`CredentialScanner.isPlaceholder`): empty values, `$(VAR)`, `${VAR}`,
// `$VAR`, `{{ .Values.x }}`, `<...>`, file paths, references (`vault:`, `ref+`, `arn:`), masked or
// filler values (`XXXX`, `****`, one repeated character), and values containing `example`,
// `dummy`, `placeholder`, `changeme`, `replace_me`, `your_…`, `redacted`.

/// A kind of credential: a stable id for rules and suppressions, and a human name.
public struct CredentialKind: Sendable, Hashable, CustomStringConvertible {
    public let id: String
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    public var description: String { id }

    public static let awsAccessKeyID = CredentialKind(id: "aws-access-key-id", name: "AWS access key ID")
    public static let awsSecretAccessKey = CredentialKind(id: "aws-secret-access-key", name: "AWS secret access key")
    public static let githubPAT = CredentialKind(id: "github-pat", name: "GitHub personal access token")
    public static let githubOAuth = CredentialKind(id: "github-oauth-token", name: "GitHub OAuth access token")
    public static let githubUserToServer = CredentialKind(id: "github-user-token", name: "GitHub user-to-server token")
    public static let githubServerToServer = CredentialKind(id: "github-app-token", name: "GitHub App installation token")
    public static let githubRefresh = CredentialKind(id: "github-refresh-token", name: "GitHub refresh token")
    public static let githubFineGrainedPAT = CredentialKind(id: "github-fine-grained-pat", name: "GitHub fine-grained personal access token")
    public static let slackToken = CredentialKind(id: "slack-token", name: "Slack token")
    public static let slackWebhook = CredentialKind(id: "slack-webhook-url", name: "Slack incoming webhook URL")
    public static let privateKey = CredentialKind(id: "private-key", name: "PEM private key")
    public static let jwt = CredentialKind(id: "jwt", name: "JSON Web Token")
    public static let gcpAPIKey = CredentialKind(id: "gcp-api-key", name: "Google Cloud API key")
    public static let gcpServiceAccountKey = CredentialKind(id: "gcp-service-account-key", name: "Google Cloud service account key (JSON)")
    public static let azureStorageKey = CredentialKind(id: "azure-storage-account-key", name: "Azure storage account key")
    public static let urlCredentials = CredentialKind(id: "url-credentials", name: "password in a URL")
    public static let genericSecret = CredentialKind(id: "generic-secret", name: "high-entropy value under a sensitive name")

    /// Every kind this scanner reports.
    public static let all: [CredentialKind] = [
        .awsAccessKeyID, .awsSecretAccessKey, .githubPAT, .githubOAuth, .githubUserToServer, .githubServerToServer,
        .githubRefresh, .githubFineGrainedPAT, .slackToken, .slackWebhook, .privateKey, .jwt, .gcpAPIKey,
        .gcpServiceAccountKey, .azureStorageKey, .urlCredentials, .genericSecret,
    ]
}

public enum CredentialConfidence: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    case medium = 1
    case high = 2

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { self == .high ? "high" : "medium" }
}

/// One finding.
public struct CredentialMatch: Sendable, Hashable {
    public let kind: CredentialKind
    public let confidence: CredentialConfidence
    /// Where the credential sits in the value, in Unicode scalars (0-based, half-open).
    public let range: Range<Int>
    /// Human message; includes only the redacted form of the secret.
    public let message: String
    /// `Redaction.redact` of the matched text.
    public let redacted: String

    /// Start of `range`, for column reporting.
    public var offset: Int { range.lowerBound }
}

public enum CredentialScanner {
    /// The most significant credential in `value` (high before medium, then earliest), or nil.
    /// `name` is the env var name, data key or field name the value sits under, if any.
    public static func scan(value: String, name: String?) -> CredentialMatch? {
        let all = scanAll(value: value, name: name)
        return all.min { a, b in
            a.confidence != b.confidence ? a.confidence > b.confidence : a.range.lowerBound < b.range.lowerBound
        }
    }

    /// Every credential found in `value`, in order of position. A medium (name + entropy) finding
    /// is only reported when nothing with a known format was found.
    public static func scanAll(value: String, name: String?) -> [CredentialMatch] {
        value.withUTF8Bytes { b in
            var s = Scan(b: b)
            s.scanValue(name: name)
            return s.matches.sorted { $0.range.lowerBound < $1.range.lowerBound }
        }
    }

    /// True for values that are references, templates, paths or fillers rather than secrets.
    public static func isPlaceholder(_ value: String) -> Bool {
        value.withUTF8Bytes { b in
            var lo = 0, hi = b.count
            trim(b, &lo, &hi)
            return placeholder(b, lo, hi)
        }
    }

    // MARK: - Placeholder rules

    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ lo: inout Int, _ hi: inout Int) {
        while lo < hi && isSpaceByte(b[lo]) { lo += 1 }
        while hi > lo && isSpaceByte(b[hi - 1]) { hi -= 1 }
        // Strip one pair of matching quotes.
        if hi - lo >= 2, b[lo] == b[hi - 1], b[lo] == 0x22 || b[lo] == 0x27 { lo += 1; hi -= 1 }
    }

    private static let fillerWords: Set<String> = [
        "changeme", "changeit", "replaceme", "password", "passwd", "secret", "token", "none", "null", "nil",
        "undefined", "true", "false", "todo", "tbd", "fixme", "test", "example", "dummy", "placeholder",
        "redacted", "empty", "default", "notset", "unset", "xxx", "na", "n/a", "secretvalue", "mysecret",
        "mypassword", "yourpassword", "yoursecret", "yourtoken", "apikey", "yourapikey", "hidden", "masked",
    ]

    private static let fillerSubstrings: [StaticString] = [
        "example", "dummy", "placeholder", "changeme", "change_me", "change-me", "replace_me", "replaceme",
        "replace-me", "your_", "your-", "yourpassword", "redacted", "xxxx", "****", "<your", "insert_",
        "insert-your", "sample",
    ]

    static func placeholder(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        if hi <= lo { return true }
        let first = b[lo], last = b[hi - 1]
        // All one character.
        var same = true
        for i in lo..<hi where b[i] != first { same = false; break }
        if same { return true }
        // Templates and variable references anywhere.
        for i in lo..<(hi - 1) {
            let c = b[i], d = b[i + 1]
            if (c == 0x24 && (d == 0x28 || d == 0x7B)) || (c == 0x7B && d == 0x7B) || (c == 0x7D && d == 0x7D)
                || (c == 0x3C && d == 0x25) || (c == 0x23 && d == 0x7B) {
                return true
            }
        }
        // $VAR / %VAR%
        if first == 0x24, hi - lo >= 2, isAlpha(b[lo + 1]) || b[lo + 1] == 0x5F {
            var allWord = true
            for i in (lo + 1)..<hi where !(isAlnum(b[i]) || b[i] == 0x5F) { allWord = false; break }
            if allWord { return true }
        }
        if first == 0x25 && last == 0x25 && hi - lo >= 3 { return true }
        // <placeholder>
        if first == 0x3C && last == 0x3E { return true }
        // Paths and references.
        if first == 0x2F || hasBytes(b, at: lo, "./") || hasBytes(b, at: lo, "../") || hasBytes(b, at: lo, "~/")
            || hasBytesIgnoringCase(b, at: lo, "file://") {
            var pathy = true
            var upper = false, punct = false
            for i in lo..<hi {
                let c = b[i]
                if isSpaceByte(c) || c == 0x2B || c == 0x3D { pathy = false; break }
                if isUpper(c) { upper = true }
                if c == 0x2E || c == 0x5F || c == 0x2D { punct = true }
            }
            // A bare "/…" may also be standard base64 (which has '/', mixed case and no ".-_").
            if pathy && (first != 0x2F || !upper || punct) { return true }
        }
        if hasBytesIgnoringCase(b, at: lo, "vault:") || hasBytesIgnoringCase(b, at: lo, "ref+")
            || hasBytesIgnoringCase(b, at: lo, "arn:") {
            return true
        }
        // Filler words, compared without separators and case.
        // Counted first: a value with more letters than the longest filler word is none of them.
        if hi - lo <= 24 {
            var count = 0
            for i in lo..<hi where isAlnum(b[i]) || b[i] == 0x2F { count += 1 }
            if count <= longestFillerWord {
                var letters: [UInt8] = []
                letters.reserveCapacity(count)
                for i in lo..<hi where isAlnum(b[i]) || b[i] == 0x2F { letters.append(asciiLower(b[i])) }
                if fillerWords.contains(String(decoding: letters, as: UTF8.self)) { return true }
            }
        }
        // Only the filler substrings whose first byte occurs in the value are searched for
        // (this runs for every value under a sensitive name).
        var present: (low: UInt64, high: UInt64) = (0, 0)
        for i in lo..<hi {
            let c = asciiLower(b[i])
            if c < 64 { present.low |= 1 << UInt64(c) } else if c < 128 { present.high |= 1 << UInt64(c - 64) }
        }
        let slice = UnsafeBufferPointer(rebasing: b[lo..<hi])
        for w in fillerSubstrings {
            let first = w.utf8Start[0]
            let occurs = first < 64 ? present.low & (1 << UInt64(first)) != 0 : present.high & (1 << UInt64(first - 64)) != 0
            if occurs, findIgnoringCase(slice, w) != nil { return true }
        }
        return false
    }

    private static let longestFillerWord = fillerWords.map(\.utf8.count).max() ?? 0

    // MARK: - The scan

    private struct Scan {
        let b: UnsafeBufferPointer<UInt8>
        var matches: [CredentialMatch] = []
        /// Byte ranges already claimed by a match (a JWT inside a URL is reported once).
        var claimed: [Range<Int>] = []
        /// Whether the value mentions "service_account" (searched once, on the first `"private_key"`).
        var mentionsServiceAccount: Bool? = nil

        init(b: UnsafeBufferPointer<UInt8>) {
            self.b = b
        }

        mutating func add(_ kind: CredentialKind, _ confidence: CredentialConfidence, _ lo: Int, _ hi: Int, _ what: String? = nil) {
            let r = lo..<hi
            if claimed.contains(where: { $0.overlaps(r) }) { return }
            claimed.append(r)
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
            let red = Redaction.redact(text)
            let msg = (what ?? kind.name) + ": " + red
            matches.append(CredentialMatch(kind: kind, confidence: confidence,
                                           range: scalarOffset(b, lo)..<scalarOffset(b, hi), message: msg, redacted: red))
        }

        func isWord(_ i: Int) -> Bool { i >= 0 && i < b.count && (isAlnum(b[i]) || b[i] == 0x5F) }
        func isB64URL(_ i: Int) -> Bool { i >= 0 && i < b.count && (isAlnum(b[i]) || b[i] == 0x5F || b[i] == 0x2D) }
        func isB64Std(_ i: Int) -> Bool { i >= 0 && i < b.count && (isAlnum(b[i]) || b[i] == 0x2B || b[i] == 0x2F) }

        /// Length of the run starting at `i` whose bytes satisfy `pred`, up to `limit`.
        func run(_ i: Int, limit: Int = Int.max, _ pred: (UInt8) -> Bool) -> Int {
            var n = 0
            while i + n < b.count && n < limit && pred(b[i + n]) { n += 1 }
            return n
        }

        func tokenIsFiller(_ lo: Int, _ hi: Int) -> Bool { CredentialScanner.placeholder(b, lo, hi) }

        mutating func scanValue(name: String?) {
            var i = 0
            while i < b.count {
                let c = b[i]
                var next = i + 1
                switch c {
                case 0x41:  // 'A'
                    if let e = awsAccessKey(i) { next = e } else if let e = gcpAPIKey(i) { next = e }
                    else if let e = azureAccountKey(i) { next = e } else if let e = awsSecretInText(i) { next = e }
                case 0x61:  // 'a'
                    if let e = azureAccountKey(i) { next = e } else if let e = awsSecretInText(i) { next = e }
                case 0x73, 0x53:  // 's' 'S'
                    if let e = awsSecretInText(i) { next = e }
                case 0x67:  // 'g'
                    if let e = github(i) { next = e }
                case 0x78:  // 'x'
                    if let e = slackToken(i) { next = e }
                case 0x68:  // 'h'
                    if let e = slackWebhook(i) { next = e }
                case 0x2D:  // '-'
                    if let e = pemPrivateKey(i) { next = e }
                case 0x65:  // 'e'
                    if let e = jwt(i) { next = e }
                case 0x3A:  // ':'
                    if let e = urlPassword(i) { next = e }
                case 0x22:  // '"'
                    if let e = gcpServiceAccount(i) { next = e }
                default:
                    break
                }
                i = max(next, i + 1)
            }
            if let name { nameBased(name) }
        }

        // MARK: Detectors (each returns the end of its match, or nil)

        mutating func awsAccessKey(_ i: Int) -> Int? {
            guard !isWord(i - 1), hasBytes(b, at: i, "AKIA") || hasBytes(b, at: i, "ASIA")
                || hasBytes(b, at: i, "ABIA") || hasBytes(b, at: i, "ACCA") else { return nil }
            let n = run(i + 4, limit: 17) { isUpper($0) || isDigit($0) }
            guard n == 16, !isWord(i + 20) else { return nil }
            let end = i + 20
            if tokenIsFiller(i + 4, end) || Entropy.shannon(bytes: b, i, end) < 3.0 { return nil }
            add(.awsAccessKeyID, .high, i, end)
            return end
        }

        mutating func gcpAPIKey(_ i: Int) -> Int? {
            guard !isWord(i - 1), hasBytes(b, at: i, "AIza") else { return nil }
            let n = run(i + 4, limit: 36) { isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
            guard n == 35 else { return nil }
            let end = i + 39
            if tokenIsFiller(i, end) || Entropy.shannon(bytes: b, i, end) < 4.0 { return nil }
            add(.gcpAPIKey, .high, i, end)
            return end
        }

        mutating func azureAccountKey(_ i: Int) -> Int? {
            guard hasBytesIgnoringCase(b, at: i, "accountkey="), !isWord(i - 1) else { return nil }
            let start = i + 11
            let n = run(start, limit: 89) { isAlnum($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }
            guard n == 88 else { return nil }
            let end = start + 88
            let slice = UnsafeBufferPointer(rebasing: b[start..<end])
            guard case .success = Base64.decodeBytes(slice, alphabet: .standard, requirePadding: true,
                                                     allowLineBreaks: false, output: false),
                  !tokenIsFiller(start, end) else { return nil }
            add(.azureStorageKey, .high, start, end)
            return end
        }

        /// `aws_secret_access_key = <40 chars>` inside a larger text (credentials files, env dumps).
        mutating func awsSecretInText(_ i: Int) -> Int? {
            var k: Int
            if hasBytesIgnoringCase(b, at: i, "aws_secret_access_key") { k = i + 21 }
            else if hasBytesIgnoringCase(b, at: i, "secret_access_key") { k = i + 17 }
            else if hasBytesIgnoringCase(b, at: i, "aws_secret_key") { k = i + 14 }
            else if hasBytes(b, at: i, "secretAccessKey") { k = i + 15 }
            else { return nil }
            guard !isWord(i - 1) || b[i - 1] == 0x5F else { return nil }
            var sawSep = false
            while k < b.count, b[k] == 0x20 || b[k] == 0x09 || b[k] == 0x22 || b[k] == 0x27 || b[k] == 0x3A || b[k] == 0x3D {
                if b[k] == 0x3A || b[k] == 0x3D { sawSep = true }
                k += 1
            }
            guard sawSep else { return nil }
            let n = run(k, limit: 41) { isAlnum($0) || $0 == 0x2B || $0 == 0x2F }
            guard n == 40, !isB64Std(k + 40) else { return nil }
            if tokenIsFiller(k, k + 40) || Entropy.shannon(bytes: b, k, k + 40) < 3.5 { return nil }
            add(.awsSecretAccessKey, .high, k, k + 40)
            return k + 40
        }

        mutating func github(_ i: Int) -> Int? {
            guard !isWord(i - 1) else { return nil }
            if hasBytes(b, at: i, "github_pat_") {
                let a = run(i + 11, limit: 23) { isAlnum($0) }
                guard a == 22, i + 33 < b.count, b[i + 33] == 0x5F else { return nil }
                let c = run(i + 34, limit: 60) { isAlnum($0) }
                guard c == 59, !isWord(i + 93) else { return nil }
                let end = i + 93
                if tokenIsFiller(i + 11, end) || Entropy.shannon(bytes: b, i, end) < 3.0 { return nil }
                add(.githubFineGrainedPAT, .high, i, end)
                return end
            }
            guard i + 4 <= b.count, b[i + 1] == 0x68, b[i + 3] == 0x5F else { return nil }  // "gh?_"
            let kind: CredentialKind
            switch b[i + 2] {
            case 0x70: kind = .githubPAT
            case 0x6F: kind = .githubOAuth
            case 0x75: kind = .githubUserToServer
            case 0x73: kind = .githubServerToServer
            case 0x72: kind = .githubRefresh
            default: return nil
            }
            let n = run(i + 4, limit: 37) { isAlnum($0) }
            guard n == 36, !isWord(i + 40) else { return nil }
            let end = i + 40
            if tokenIsFiller(i + 4, end) || Entropy.shannon(bytes: b, i, end) < 3.0 { return nil }
            add(kind, .high, i, end)
            return end
        }

        /// `xox[abprsoe]-` then `digits-…-alnum` (at least one numeric segment, then a final one).
        mutating func slackToken(_ i: Int) -> Int? {
            guard !isWord(i - 1), hasBytes(b, at: i, "xox"), i + 4 < b.count, b[i + 4] == 0x2D else { return nil }
            switch b[i + 3] {
            case 0x61, 0x62, 0x70, 0x72, 0x73, 0x6F, 0x65: break
            default: return nil
            }
            var k = i + 5
            var numericSegments = 0
            var end = k
            while true {
                let n = run(k) { isAlnum($0) }
                if n == 0 { break }
                let allDigits = run(k, limit: n) { isDigit($0) } == n
                end = k + n
                if allDigits, k + n < b.count, b[k + n] == 0x2D, run(k + n + 1, { isAlnum($0) }) > 0 {
                    numericSegments += 1
                    k = k + n + 1
                    continue
                }
                break
            }
            guard numericSegments >= 1, end - i >= 20 else { return nil }
            if tokenIsFiller(i + 5, end) { return nil }
            add(.slackToken, .high, i, end)
            return end
        }

        mutating func slackWebhook(_ i: Int) -> Int? {
            guard hasBytes(b, at: i, "hooks.slack.com/") else { return nil }
            var k = i + 16
            var start = i
            if hasBytes(b, at: i - 8, "https://") { start = i - 8 } else if hasBytes(b, at: i - 7, "http://") { start = i - 7 }
            let word: (UInt8) -> Bool = { isAlnum($0) || $0 == 0x5F }
            if hasBytes(b, at: k, "services/") {
                k += 9
                guard k < b.count, b[k] == 0x54 else { return nil }  // T…
                let t = run(k, word)
                guard t >= 2, k + t < b.count, b[k + t] == 0x2F, k + t + 1 < b.count, b[k + t + 1] == 0x42 else { return nil }  // /B…
                k += t + 1
                let bb = run(k, word)
                guard bb >= 2, k + bb < b.count, b[k + bb] == 0x2F else { return nil }
                k += bb + 1
                let secret = run(k, word)
                guard secret >= 8 else { return nil }
                if tokenIsFiller(k, k + secret) { return nil }
                add(.slackWebhook, .high, start, k + secret)
                return k + secret
            }
            if hasBytes(b, at: k, "workflows/") || hasBytes(b, at: k, "triggers/") {
                k += b[k] == 0x77 ? 10 : 9
                let n = run(k) { isAlnum($0) || $0 == 0x2F || $0 == 0x2B }
                guard n >= 30, !tokenIsFiller(k, k + n) else { return nil }
                add(.slackWebhook, .high, start, k + n)
                return k + n
            }
            return nil
        }

        /// `-----BEGIN [A-Z0-9 _-]* PRIVATE KEY( BLOCK)?-----` with a real body (≥32 base64 characters).
        mutating func pemPrivateKey(_ i: Int) -> Int? {
            guard hasBytes(b, at: i, "-----BEGIN ") else { return nil }
            let labelStart = i + 11
            var k = labelStart
            while k < b.count, k - labelStart <= 100, !hasBytes(b, at: k, "-----") {
                let c = b[k]
                guard isUpper(c) || isDigit(c) || c == 0x20 || c == 0x5F || c == 0x2D else { return nil }
                k += 1
            }
            guard hasBytes(b, at: k, "-----") else { return nil }
            let label = String(decoding: UnsafeBufferPointer(rebasing: b[labelStart..<k]), as: UTF8.self)
            guard label.hasSuffix("PRIVATE KEY") || label.hasSuffix("PRIVATE KEY BLOCK") else { return nil }
            let bodyStart = k + 5
            var j = bodyStart
            var base64Chars = 0
            while j < b.count, !hasBytes(b, at: j, "-----END") {
                let c = b[j]
                if isAlnum(c) || c == 0x2B || c == 0x2F || c == 0x3D { base64Chars += 1 }
                j += 1
            }
            // Header lines such as "Proc-Type: 4,ENCRYPTED" are counted too; real keys are far longer.
            guard base64Chars >= 32, !tokenIsFiller(bodyStart, j) else { return nil }
            var end = j
            if hasBytes(b, at: j, "-----END") {
                var e = j + 8
                while e < b.count, !hasBytes(b, at: e, "-----"), b[e] != 0x0A { e += 1 }
                end = hasBytes(b, at: e, "-----") ? e + 5 : e
            }
            add(.privateKey, .high, i, end, "contains a PEM private key block")
            return end
        }

        /// `eyJ…` header `.` `eyJ…` payload `.` signature (may be empty), header decodes to JSON with "alg".
        mutating func jwt(_ i: Int) -> Int? {
            guard hasBytes(b, at: i, "eyJ"), !isB64URL(i - 1) else { return nil }
            let h = run(i) { isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
            guard h >= 10, i + h < b.count, b[i + h] == 0x2E else { return nil }
            let p0 = i + h + 1
            guard hasBytes(b, at: p0, "ey") else { return nil }
            let p = run(p0) { isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
            guard p >= 10, p0 + p < b.count, b[p0 + p] == 0x2E else { return nil }
            let s0 = p0 + p + 1
            let s = run(s0) { isAlnum($0) || $0 == 0x5F || $0 == 0x2D }
            var end = s0 + s
            while end < b.count, b[end] == 0x3D, end - (s0 + s) < 2 { end += 1 }
            guard !isB64URL(end) else { return nil }
            guard jsonObject(i, i + h, requireKey: "\"alg\""), jsonObject(p0, p0 + p, requireKey: nil) else { return nil }
            add(.jwt, .high, i, end)
            return end
        }

        func jsonObject(_ lo: Int, _ hi: Int, requireKey: String?) -> Bool {
            let slice = UnsafeBufferPointer(rebasing: b[lo..<hi])
            guard case .success(let bytes) = Base64.decodeBytes(slice, alphabet: .url, requirePadding: false,
                                                                allowLineBreaks: false, output: true) else { return false }
            var k = 0
            while k < bytes.count, isSpaceByte(bytes[k]) { k += 1 }
            guard k < bytes.count, bytes[k] == 0x7B else { return false }
            guard let key = requireKey else { return true }
            return bytes.withUnsafeBufferPointer { bp in
                let kb = Array(key.utf8)
                var x = 0
                while x + kb.count <= bp.count {
                    if bp[x] == kb[0], Array(bp[x..<(x + kb.count)]) == kb { return true }
                    x += 1
                }
                return false
            }
        }

        /// `scheme://user:password@host` with a non-placeholder password.
        mutating func urlPassword(_ i: Int) -> Int? {
            guard hasBytes(b, at: i, "://") else { return nil }
            var s = i
            while s > 0, isAlnum(b[s - 1]) || b[s - 1] == 0x2B || b[s - 1] == 0x2E || b[s - 1] == 0x2D { s -= 1 }
            guard s < i, isAlpha(b[s]) else { return nil }
            let u = i + 3
            var k = u
            var colon: Int? = nil
            var at: Int? = nil
            while k < b.count {
                let c = b[k]
                if c == 0x2F || c == 0x3F || c == 0x23 || isSpaceByte(c) || c == 0x22 || c == 0x27 { break }
                if c == 0x40 { at = k }  // the last '@' before the path ends the userinfo
                if c == 0x3A && colon == nil && at == nil { colon = k }
                k += 1
            }
            // An empty user is fine (`redis://:password@host`).
            guard let a = at, let c = colon, c < a, a + 1 < b.count, c + 1 < a, c >= u else { return nil }
            let pwLo = c + 1, pwHi = a
            if tokenIsFiller(pwLo, pwHi) { return nil }
            // A lone `$` or `%` escape sequence is still a reference, e.g. ":$PASS@".
            if b[pwLo] == 0x24 || b[pwLo] == 0x2A { return nil }
            add(.urlCredentials, .high, pwLo, pwHi, "contains a password in a URL")
            return a
        }

        /// `"private_key": "…"` in a JSON object that also says `"service_account"`.
        mutating func gcpServiceAccount(_ i: Int) -> Int? {
            guard hasBytes(b, at: i, "\"private_key\"") else { return nil }
            if mentionsServiceAccount == nil { mentionsServiceAccount = findIgnoringCase(b, "\"service_account\"") != nil }
            guard mentionsServiceAccount == true else { return nil }
            var k = i + 13
            while k < b.count, isSpaceByte(b[k]) { k += 1 }
            guard k < b.count, b[k] == 0x3A else { return nil }
            k += 1
            while k < b.count, isSpaceByte(b[k]) { k += 1 }
            guard k < b.count, b[k] == 0x22 else { return nil }
            let lo = k + 1
            var j = lo
            while j < b.count, b[j] != 0x22 { j += b[j] == 0x5C ? 2 : 1 }
            let hi = min(j, b.count)
            guard hi - lo >= 32, !tokenIsFiller(lo, hi) else { return nil }
            add(.gcpServiceAccountKey, .high, lo, hi, "contains a Google Cloud service account key")
            // The key itself is PEM; do not report it twice.
            return hi
        }

        // MARK: Name-based

        mutating func nameBased(_ name: String) {
            var lo = 0, hi = b.count
            CredentialScanner.trim(b, &lo, &hi)
            guard hi > lo else { return }
            let n = hi - lo
            // Cheap length tests first: the name checks split the name into words.
            if n == 40, SensitiveNames.isAWSSecretKeyName(name),
               run(lo, limit: 41, { isAlnum($0) || $0 == 0x2B || $0 == 0x2F }) == 40,
               !tokenIsFiller(lo, hi), Entropy.shannon(bytes: b, lo, hi) >= 3.5 {
                add(.awsSecretAccessKey, .high, lo, hi)
                return
            }
            if n == 88, SensitiveNames.isAzureStorageKeyName(name), !tokenIsFiller(lo, hi),
               case .success = Base64.decodeBytes(UnsafeBufferPointer(rebasing: b[lo..<hi]), alphabet: .standard,
                                                  requirePadding: true, allowLineBreaks: false, output: false) {
                add(.azureStorageKey, .high, lo, hi)
                return
            }
            guard matches.isEmpty, let word = SensitiveNames.matchedWord(name) else { return }
            if CredentialScanner.placeholder(b, lo, hi) { return }
            // Dictionary-like values (letters and _.- only) are left alone, as gitleaks does.
            var hasNonWordChar = false
            for k in lo..<hi where !(isAlpha(b[k]) || b[k] == 0x5F || b[k] == 0x2E || b[k] == 0x2D) {
                hasNonWordChar = true
                break
            }
            guard hasNonWordChar, Entropy.isHighEntropy(bytes: b, lo, hi) else { return }
            add(.genericSecret, .medium, lo, hi, "the name says '\(word)' and the value looks random")
        }
    }
}
