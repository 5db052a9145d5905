// Container image references, per the distribution/reference grammar:
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component { "/" path-component }     (≤ 255 characters)
//   domain     := host [ ":" port ]      host := domain-component { "." domain-component } | "[" IPv6 "]"
//   domain-component := [A-Za-z0-9] | [A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]
//   path-component   := [a-z0-9]+ { separator [a-z0-9]+ }   separator := "." | "_" | "__" | "-"+
//   tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//   digest     := algorithm ":" hex      algorithm := [A-Za-z][A-Za-z0-9]* { [+._-] [A-Za-z][A-Za-z0-9]* }
//
// The first path component is a registry host when it contains `.` or `:`, is `localhost`, or
// has an uppercase letter (Docker's normalisation rule); otherwise the registry is `docker.io`.
// Registered digest algorithms are checked strictly: `sha256` needs 64 and `sha512` 128 lowercase
// hex characters; others need at least 32 hex characters.

public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public static let defaultRegistry = "docker.io"

    /// The registry host (with port), `docker.io` when none is written.
    public let registry: String
    /// True when the reference names its registry.
    public let hasExplicitRegistry: Bool
    /// The repository path as written, e.g. `nginx` or `org/app`.
    public let repository: String
    /// The tag, nil when absent (an absent tag means `latest` to the runtime unless a digest is given).
    public let tag: String?
    /// The digest, e.g. `sha256:…`, nil when absent.
    public let digest: String?

    /// The repository as the registry sees it: Docker Hub single-component names gain `library/`.
    public var normalizedRepository: String {
        if registry == Self.defaultRegistry && !repository.contains("/") { return "library/" + repository }
        return repository
    }

    /// `registry/normalizedRepository`.
    public var fullName: String { registry + "/" + normalizedRepository }

    /// True for `:latest` or for no tag and no digest (which pulls `latest`). A digest pins the
    /// image even when the tag says `latest`.
    public var isLatestOrUntagged: Bool {
        if digest != nil { return false }
        return tag == nil || tag == "latest"
    }

    public var description: String {
        var s = hasExplicitRegistry ? registry + "/" + repository : repository
        if let tag { s += ":" + tag }
        if let digest { s += "@" + digest }
        return s
    }

    /// Parses `reference`. Issue codes: `image.empty`, `image.whitespace`, `image.registry`,
    /// `image.repository`, `image.uppercase`, `image.too-long`, `image.tag`, `image.digest`.
    public static func parse(_ reference: String) -> Result<ImageReference, FormatIssue> {
        reference.withUTF8Bytes { b in parseBytes(b) }
    }

    /// Convenience: `parse(reference)` then `isLatestOrUntagged`; nil when the reference is invalid.
    public static func isLatestOrUntagged(_ reference: String) -> Bool? {
        try? parse(reference).get().isLatestOrUntagged
    }

    // MARK: - Internals

    private static func parseBytes(_ b: UnsafeBufferPointer<UInt8>) -> Result<ImageReference, FormatIssue> {
        func fail(_ code: String, _ message: String, _ at: Int?) -> Result<ImageReference, FormatIssue> {
            .failure(FormatIssue(code: code, message: message, offset: at.map { scalarOffset(b, $0) }))
        }
        func text(_ lo: Int, _ hi: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) }
        let n = b.count
        if n == 0 { return fail("image.empty", "the image reference must not be empty", nil) }
        if isSpaceByte(b[0]) { return fail("image.whitespace", "the image must not have leading whitespace", 0) }
        if isSpaceByte(b[n - 1]) { return fail("image.whitespace", "the image must not have trailing whitespace", n - 1) }

        // Digest.
        var nameEnd = n
        var digest: String? = nil
        if let at = firstIndex(b, 0x40, 0, n) {
            if let issue = checkDigest(b, at + 1, n) { return .failure(issue) }
            digest = text(at + 1, n)
            nameEnd = at
        }
        if nameEnd == 0 { return fail("image.repository", "the repository name is missing before '@'", 0) }

        // Tag: the last ':' after the last '/'.
        var lastSlash = -1
        for i in 0..<nameEnd where b[i] == 0x2F { lastSlash = i }
        var tag: String? = nil
        if let colon = lastIndex(b, 0x3A, lastSlash + 1, nameEnd) {
            let tlo = colon + 1
            if tlo == nameEnd { return fail("image.tag", "the tag after ':' is empty", colon) }
            if tlo < nameEnd && !(isAlnum(b[tlo]) || b[tlo] == 0x5F) {
                return fail("image.tag", "a tag must start with a letter, digit or '_'", tlo)
            }
            for i in tlo..<nameEnd where !(isAlnum(b[i]) || b[i] == 0x5F || b[i] == 0x2E || b[i] == 0x2D) {
                return fail("image.tag", "\(describeScalar(at: i, in: b)) is not allowed in a tag (letters, digits, '_', '.', '-')", i)
            }
            if nameEnd - tlo > 128 {
                return fail("image.tag", "a tag must be no more than 128 characters (is \(nameEnd - tlo))", tlo + 128)
            }
            tag = text(tlo, nameEnd)
            nameEnd = colon
        }
        if nameEnd == 0 { return fail("image.repository", "the repository name is missing", 0) }

        // Registry.
        var pathStart = 0
        var registry = defaultRegistry
        var explicit = false
        if let slash = firstIndex(b, 0x2F, 0, nameEnd) {
            var isDomain = false
            if slash == 9 && hasBytes(b, at: 0, "localhost") { isDomain = true }
            for i in 0..<slash where b[i] == 0x2E || b[i] == 0x3A || isUpper(b[i]) { isDomain = true }
            if isDomain {
                if let issue = checkDomain(b, 0, slash) { return .failure(issue) }
                registry = text(0, slash)
                explicit = true
                pathStart = slash + 1
            }
        }
        if pathStart == nameEnd { return fail("image.repository", "the repository path after the registry is empty", pathStart) }
        if let issue = checkPath(b, pathStart, nameEnd) { return .failure(issue) }
        if nameEnd > 255 {
            return fail("image.too-long", "the repository name must be no more than 255 characters (is \(nameEnd))", 255)
        }
        return .success(ImageReference(registry: registry, hasExplicitRegistry: explicit,
                                       repository: text(pathStart, nameEnd), tag: tag, digest: digest))
    }

    private static func firstIndex(_ b: UnsafeBufferPointer<UInt8>, _ c: UInt8, _ lo: Int, _ hi: Int) -> Int? {
        var i = lo
        while i < hi { if b[i] == c { return i }; i += 1 }
        return nil
    }

    private static func lastIndex(_ b: UnsafeBufferPointer<UInt8>, _ c: UInt8, _ lo: Int, _ hi: Int) -> Int? {
        var i = hi - 1
        while i >= lo { if b[i] == c { return i }; i -= 1 }
        return nil
    }

    private static func checkDomain(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> FormatIssue? {
        func fail(_ message: String, _ at: Int) -> FormatIssue {
            FormatIssue(code: "image.registry", message: message, offset: scalarOffset(b, at))
        }
        var hostEnd = hi
        var i = lo
        if b[lo] == 0x5B {  // [IPv6]
            guard let close = firstIndex(b, 0x5D, lo, hi) else { return fail("unterminated '[' in the registry host", lo) }
            if close == lo + 1 { return fail("empty IPv6 address in the registry host", lo) }
            for k in (lo + 1)..<close where !(isHexDigit(b[k]) || b[k] == 0x3A || b[k] == 0x2E) {
                return fail("\(describeScalar(at: k, in: b)) is not allowed in an IPv6 address", k)
            }
            hostEnd = close + 1
            i = hostEnd
            if i < hi && b[i] != 0x3A { return fail("expected ':port' or '/' after the IPv6 address", i) }
        } else {
            if let colon = firstIndex(b, 0x3A, lo, hi) { hostEnd = colon }
            var compStart = lo
            while i <= hostEnd {
                if i == hostEnd || b[i] == 0x2E {
                    if i == compStart { return fail("empty component in the registry host", min(i, hi - 1)) }
                    if b[compStart] == 0x2D || b[i - 1] == 0x2D {
                        return fail("a registry host component must not start or end with '-'", b[compStart] == 0x2D ? compStart : i - 1)
                    }
                    compStart = i + 1
                } else if !(isAlnum(b[i]) || b[i] == 0x2D) {
                    return fail("\(describeScalar(at: i, in: b)) is not allowed in a registry host", i)
                }
                i += 1
            }
            i = hostEnd
        }
        if i < hi {  // ":port"
            let p = i + 1
            if p == hi { return fail("the registry port after ':' is empty", i) }
            for k in p..<hi where !isDigit(b[k]) {
                return fail("\(describeScalar(at: k, in: b)) is not allowed in a registry port (digits only)", k)
            }
        }
        return nil
    }

    private static func checkPath(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> FormatIssue? {
        func fail(_ code: String, _ message: String, _ at: Int) -> FormatIssue {
            FormatIssue(code: code, message: message, offset: scalarOffset(b, at))
        }
        var compStart = lo
        var i = lo
        while i <= hi {
            if i == hi || b[i] == 0x2F {
                if i == compStart { return fail("image.repository", "empty path component in the repository name", min(i, hi - 1)) }
                compStart = i + 1
                i += 1
                continue
            }
            let c = b[i]
            if isLowerAlnum(c) { i += 1; continue }
            if isUpper(c) { return fail("image.uppercase", "the repository name must be lowercase", i) }
            if c == 0x2E || c == 0x5F || c == 0x2D {
                // A separator: must sit between alphanumerics; '.' alone, '_' or '__', or any run of '-'.
                var j = i
                while j < hi && (b[j] == 0x2E || b[j] == 0x5F || b[j] == 0x2D) { j += 1 }
                let run = UnsafeBufferPointer(rebasing: b[i..<j])
                let ok = (run.count == 1) || (run.allSatisfy { $0 == 0x5F } && run.count == 2) || run.allSatisfy { $0 == 0x2D }
                if i == compStart || j == hi || b[j] == 0x2F {
                    return fail("image.repository", "a repository path component must start and end with a lowercase letter or digit", i)
                }
                if !ok { return fail("image.repository", "invalid separator in the repository name (use '.', '_', '__' or '-')", i) }
                i = j
                continue
            }
            return fail("image.repository",
                        "\(describeScalar(at: i, in: b)) is not allowed in a repository name (lowercase letters, digits, '.', '_', '-', '/')", i)
        }
        return nil
    }

    private static func checkDigest(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> FormatIssue? {
        func fail(_ message: String, _ at: Int) -> FormatIssue {
            FormatIssue(code: "image.digest", message: message, offset: scalarOffset(b, at))
        }
        guard let colon = firstIndex(b, 0x3A, lo, hi) else {
            return fail("a digest must look like 'sha256:<64 hex characters>'", lo)
        }
        if colon == lo { return fail("the digest algorithm is missing", lo) }
        var expectLetter = true
        for i in lo..<colon {
            let c = b[i]
            if expectLetter {
                guard isAlpha(c) else { return fail("\(describeScalar(at: i, in: b)) cannot start a digest algorithm component", i) }
                expectLetter = false
            } else if c == 0x2B || c == 0x2E || c == 0x5F || c == 0x2D {
                expectLetter = true
            } else if !isAlnum(c) {
                return fail("\(describeScalar(at: i, in: b)) is not allowed in a digest algorithm", i)
            }
        }
        if expectLetter { return fail("the digest algorithm must not end with a separator", colon - 1) }
        let algo = String(decoding: UnsafeBufferPointer(rebasing: b[lo..<colon]), as: UTF8.self)
        let h = colon + 1
        let strictLength: Int? = algo == "sha256" ? 64 : algo == "sha512" ? 128 : nil
        for i in h..<hi {
            let c = b[i]
            if strictLength != nil ? !(isDigit(c) || (c >= 0x61 && c <= 0x66)) : !isHexDigit(c) {
                let why = strictLength != nil && isHexDigit(c) ? " (\(algo) digests use lowercase hex)" : ""
                return fail("\(describeScalar(at: i, in: b)) is not a hex digit\(why)", i)
            }
        }
        let count = hi - h
        if let want = strictLength, count != want {
            return fail("a \(algo) digest has \(want) hex characters (found \(count))", count < want ? h : h + want)
        }
        if strictLength == nil && count < 32 { return fail("a digest needs at least 32 hex characters (found \(count))", h) }
        return nil
    }
}
