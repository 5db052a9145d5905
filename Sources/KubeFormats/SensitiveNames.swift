// Does a key or env var name say "this holds a credential"? Case- and separator-insensitive:
// `DB_PASSWORD`, `dbPassword`, `db-password` and `db.password` are the same words.
//
// The name is split into words (at non-alphanumerics and camelCase humps). It is sensitive when a
// word is, or ends with, a credential word (password, passwd, secret, token, credential(s),
// creds, passphrase, bearer; pwd/pass/auth/jwt only as whole words), or a `key` word is qualified
// (`api key`, `private_key`, `AccessKey`, `signingKey`, a bare `KEY`…). It is NOT sensitive when
// the last word says the value is about a credential rather than the credential itself: a file,
// path, name, URL, reference, length, TTL… (`PASSWORD_FILE`, `TOKEN_PATH`, `SECRET_NAME`,
// `AUTH_URL`, `ACCESS_KEY_ID`).

public enum SensitiveNames {
    /// The words of `name`, lowercased.
    public static func words(_ name: String) -> [String] {
        var out: [String] = []
        var cur: [UInt8] = []
        let b = Array(name.utf8)
        func flush() {
            if !cur.isEmpty { out.append(String(decoding: cur, as: UTF8.self)); cur.removeAll(keepingCapacity: true) }
        }
        for i in 0..<b.count {
            let c = b[i]
            guard isAlnum(c) else { flush(); continue }
            if isUpper(c), !cur.isEmpty {
                // fooBar → foo|Bar ; APIKey → API|Key (compare with the original, not lowercased, bytes)
                let prev = b[i - 1]
                let nextIsLower = i + 1 < b.count && isLower(b[i + 1])
                if isLower(prev) || isDigit(prev) || (isUpper(prev) && nextIsLower) { flush() }
            }
            cur.append(asciiLower(c))
        }
        flush()
        return out
    }

    /// True when `name` names a credential (see the file comment for the rules).
    public static func isSensitive(_ name: String) -> Bool { matchedWord(name) != nil }

    /// The word that made `name` sensitive, or nil.
    public static func matchedWord(_ name: String) -> String? {
        guard mayContainCredentialWord(name) else { return nil }
        return matchedWord(inWords: words(name))
    }

    /// `matchedWord` on a name already split into words.
    static func matchedWord(inWords w: [String]) -> String? {
        guard let last = w.last else { return nil }
        if negatingLastWords.contains(last) { return nil }
        if last == "id" || last == "ids", w.count >= 2, w[w.count - 2].hasSuffix("key") { return nil }
        for (k, word) in w.enumerated() {
            if wholeWords.contains(word) { return word }
            for s in suffixWords where word.hasSuffix(s) { return word }
            if word == "key" || word == "keys" {
                if w.count == 1 { return word }
                if k > 0, keyQualifiers.contains(w[k - 1]) { return w[k - 1] + " " + word }
            } else if word.hasSuffix("key"), keyQualifiers.contains(String(word.dropLast(3))) {
                return word
            }
        }
        return nil
    }

    /// False when no credential word can be in `name`: every word that makes a name sensitive
    /// contains one of pw, pass, auth, jwt, cred, sas, secret, token, bearer or key, and a word
    /// is a piece of the name, so a name without any of them (most names) needs no splitting.
    static func mayContainCredentialWord(_ name: String) -> Bool {
        return name.withUTF8Bytes { b in
            let n = b.count
            func has(_ i: Int, _ s: StaticString) -> Bool {
                let m = s.utf8CodeUnitCount
                guard i + m <= n else { return false }
                let p = s.utf8Start
                for k in 1..<m where asciiLower(b[i + k]) != p[k] { return false }
                return true
            }
            for i in 0..<n {
                switch asciiLower(b[i]) {
                case 0x70: if has(i, "pw") || has(i, "pass") { return true }  // p
                case 0x61: if has(i, "auth") { return true }  // a
                case 0x6A: if has(i, "jwt") { return true }  // j
                case 0x63: if has(i, "cred") { return true }  // c
                case 0x73: if has(i, "sas") || has(i, "secret") { return true }  // s
                case 0x74: if has(i, "token") { return true }  // t
                case 0x62: if has(i, "bearer") { return true }  // b
                case 0x6B: if has(i, "key") { return true }  // k
                default: break
                }
            }
            return false
        }
    }

    /// Names that hold an AWS secret access key: `AWS_SECRET_ACCESS_KEY`, `aws_secret_key`,
    /// `secretAccessKey`…
    public static func isAWSSecretKeyName(_ name: String) -> Bool {
        let w = words(name)
        if w.contains("secretaccesskey") { return true }
        guard let s = w.firstIndex(of: "secret") else { return false }
        let rest = w[(s + 1)...]
        let hasKey = rest.contains("key") || rest.contains("accesskey")
        return hasKey && (w.contains("aws") || rest.contains("access") || rest.contains("accesskey"))
    }

    /// Names that hold an Azure storage account key: `AZURE_STORAGE_KEY`, `accountKey`,
    /// `azurestorageaccountkey`…
    public static func isAzureStorageKeyName(_ name: String) -> Bool {
        let w = words(name)
        guard let last = w.last, last.hasSuffix("key") else { return false }
        let joined = w.joined()
        return joined.contains("storage") || joined.contains("accountkey") || joined.contains("azure")
    }

    // Whole-word credential words (too short or too common to match inside other words).
    static let wholeWords: Set<String> = [
        "pwd", "pass", "auth", "jwt", "creds", "cred", "pw", "passwd", "sas",
    ]
    // Words matched at the end of a word, so `dbpassword`, `clientsecret`, `authtoken` count.
    static let suffixWords: [String] = [
        "password", "passwords", "passwd", "passphrase", "secret", "secrets", "token", "tokens",
        "credential", "credentials", "bearer", "apikey", "privatekey", "accesskey", "secretkey",
    ]
    // Words that make a following `key` a credential.
    static let keyQualifiers: Set<String> = [
        "api", "access", "secret", "private", "priv", "auth", "client", "account", "service", "signing", "sign",
        "encryption", "encrypt", "decryption", "master", "storage", "license", "licence", "ssh", "gpg", "pgp",
        "app", "admin", "session", "hmac", "jwt", "crypto", "cipher", "aes", "rsa", "sas", "shared", "webhook",
        "deploy", "root", "db", "database", "tls", "ssl", "x509", "sealed", "vault", "kms", "subscription",
        "primary", "secondary", "consumer", "cookie", "csrf", "secure",
    ]
    // A last word that makes the name about a credential rather than the credential itself.
    static let negatingLastWords: Set<String> = [
        "file", "files", "path", "paths", "dir", "directory", "folder", "name", "names", "url", "uri", "urls",
        "endpoint", "host", "hostname", "port", "ref", "reference", "arn", "mount", "location", "type", "kind",
        "mode", "enabled", "enable", "disabled", "disable", "required", "length", "len", "size", "ttl", "expiry",
        "expires", "expiration", "timeout", "header", "field", "version", "count", "max", "min", "format",
        "provider", "algorithm", "alg", "method", "strategy", "policy", "store", "backend", "source", "label",
        "annotation", "prefix", "suffix", "regex", "pattern", "rotation", "interval", "lifetime", "duration",
        "audience", "issuer", "scope", "scopes", "namespace", "selector", "volume", "template", "hint",
        "secretref", "keyref", "env", "var", "variable", "cache", "dirname", "filename", "filepath",
        "mountpath", "configmap", "user", "username", "login", "email",
    ]
}
