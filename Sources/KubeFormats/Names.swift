// Kubernetes name and key syntax (apimachinery `util/validation` and the per-kind name functions
// of `pkg/apis/*/validation`), reimplemented from the documented rules with byte scanning.
//
// Every function returns nil for a valid value, or the first problem found.

/// The syntax rule a kind applies to `metadata.name`.
public enum NameSyntax: String, Sendable, Hashable, CaseIterable {
    /// ≤253 characters, dot-separated DNS-1123 labels (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`).
    case dns1123Subdomain
    /// ≤63 characters, `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
    case dns1123Label
    /// ≤63 characters, `[a-z]([-a-z0-9]*[a-z0-9])?` (must start with a letter).
    case dns1035Label
    /// Anything except `.`/`..` and names containing `/` or `%` (used by RBAC objects).
    case pathSegment
}

/// How a kind validates `metadata.name`: a syntax plus, for a few kinds, a tighter length.
public struct NameRule: Sendable, Hashable {
    public let syntax: NameSyntax
    /// Tighter maximum than the syntax's own (CronJob: 52), or nil.
    public let maxLength: Int?
    /// Why the rule differs from the common case, for messages and docs.
    public let note: String?

    public init(syntax: NameSyntax, maxLength: Int? = nil, note: String? = nil) {
        self.syntax = syntax
        self.maxLength = maxLength
        self.note = note
    }

    /// Validates `name` against this rule.
    public func validate(_ name: String) -> FormatIssue? {
        if let issue = Names.validate(name, syntax: syntax) { return issue }
        if let maxLength {
            let count = name.unicodeScalars.count
            if count > maxLength {
                return FormatIssue(
                    code: "name.too-long",
                    message: "must be no more than \(maxLength) characters (is \(count))" + (note.map { "; \($0)" } ?? ""),
                    offset: maxLength)
            }
        }
        return nil
    }
}

/// How strictly to check environment variable names.
public enum EnvVarNameRule: String, Sendable, Hashable, CaseIterable {
    /// POSIX/C identifier `[A-Za-z_][A-Za-z0-9_]*`: works with every shell and runtime. Recommended.
    case portable
    /// The classic Kubernetes rule `[-._a-zA-Z][-._a-zA-Z0-9]*`, not `.`/`..`, not starting with
    /// `..` (all versions accept these).
    case kubernetes
    /// `RelaxedEnvironmentVariableValidation` (beta and on by default in 1.32): any printable
    /// ASCII except `=`. Only clusters with that gate accept the extra names.
    case relaxed
}

public enum Names {
    public static let dns1123LabelMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253
    public static let dns1035LabelMaxLength = 63
    public static let labelValueMaxLength = 63
    public static let qualifiedNameMaxLength = 63
    public static let portNameMaxLength = 15
    public static let configMapKeyMaxLength = 253
    /// `TotalAnnotationSizeLimitB`: keys plus values, in bytes.
    public static let totalAnnotationSizeLimit = 256 * 1024

    // MARK: - DNS names

    /// RFC 1123 label as Kubernetes checks it (`IsDNS1123Label`).
    public static func dns1123Label(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { b in
            label(b, 0, b.count, firstMustBeLetter: false, what: "a DNS-1123 label")
                ?? lengthIssue(b, max: dns1123LabelMaxLength)
        }
    }

    /// RFC 1035 label (`IsDNS1035Label`): like a 1123 label but must start with a letter.
    public static func dns1035Label(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { b in
            label(b, 0, b.count, firstMustBeLetter: true, what: "a DNS-1035 label")
                ?? lengthIssue(b, max: dns1035LabelMaxLength)
        }
    }

    /// RFC 1123 subdomain (`IsDNS1123Subdomain`): ≤253, dot-separated labels. Kubernetes does not
    /// limit each label to 63 here, and neither does this.
    public static func dns1123Subdomain(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { b in subdomain(b, 0, b.count) ?? lengthIssue(b, max: dns1123SubdomainMaxLength) }
    }

    /// `IsValidPathSegmentName`: not `.` or `..`, no `/` or `%`. Empty names are rejected too
    /// (metadata.name is required).
    public static func pathSegmentName(_ value: String) -> FormatIssue? {
        if value.isEmpty { return FormatIssue(code: "name.empty", message: "must not be empty") }
        if value == "." || value == ".." {
            return FormatIssue(code: "name.dot", message: "may not be '\(value)'", offset: 0)
        }
        return value.withUTF8Bytes { b in
            for i in 0..<b.count where b[i] == 0x2F || b[i] == 0x25 {
                let c = b[i] == 0x2F ? "/" : "%"
                return FormatIssue(code: "name.invalid-character", message: "may not contain '\(c)'",
                                   offset: scalarOffset(b, i))
            }
            return nil
        }
    }

    /// Validates `value` with the given syntax.
    public static func validate(_ value: String, syntax: NameSyntax) -> FormatIssue? {
        switch syntax {
        case .dns1123Subdomain: return dns1123Subdomain(value)
        case .dns1123Label: return dns1123Label(value)
        case .dns1035Label: return dns1035Label(value)
        case .pathSegment: return pathSegmentName(value)
        }
    }

    // MARK: - metadata.name per kind

    /// The rule a built-in kind applies to `metadata.name`. Unknown kinds (including custom
    /// resources) get DNS-1123 subdomain, which is the API server's default.
    ///
    /// - Namespace: DNS-1123 label.
    /// - Service: DNS-1035 label (1.33 adds the alpha gate `RelaxedServiceNameValidation`, which
    ///   would accept DNS-1123 labels; not modelled).
    /// - Role, ClusterRole, RoleBinding, ClusterRoleBinding: path segment (so `system:foo` is fine).
    /// - CronJob: subdomain, at most 52 characters (the controller appends an 11-character suffix
    ///   to Job names).
    /// - Job: subdomain; the `job-name`/`batch.kubernetes.io/job-name` pod labels carry the name, so
    ///   names over 63 characters fail label validation.
    /// - Everything else: DNS-1123 subdomain.
    public static func nameValidation(forKind kind: String) -> NameRule {
        switch kind {
        case "Namespace":
            return NameRule(syntax: .dns1123Label)
        case "Service":
            return NameRule(syntax: .dns1035Label)
        case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
            return NameRule(syntax: .pathSegment)
        case "CronJob":
            return NameRule(syntax: .dns1123Subdomain, maxLength: 52,
                            note: "CronJob names are limited to 52 characters because Job names get a suffix")
        case "Job":
            return NameRule(syntax: .dns1123Subdomain, maxLength: 63,
                            note: "the Job name is copied into a pod label value, which is limited to 63 characters")
        default:
            return NameRule(syntax: .dns1123Subdomain)
        }
    }

    // MARK: - Labels and annotations

    /// A label or annotation key (`IsQualifiedName`): optional DNS-1123 subdomain prefix (≤253)
    /// and `/`, then a name of ≤63 characters matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
    public static func labelKey(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { labelKey(utf8: $0) }
    }

    /// `labelKey(_:)` of UTF-8 bytes read in place (every label and annotation key of a run).
    public static func labelKey(utf8 b: UnsafeBufferPointer<UInt8>) -> FormatIssue? {
        do {
            if b.isEmpty { return FormatIssue(code: "key.empty", message: "a label or annotation key must not be empty") }
            var slash: Int? = nil
            for i in 0..<b.count where b[i] == 0x2F {
                if slash != nil {
                    return FormatIssue(code: "key.invalid-character",
                                       message: "a qualified name may contain at most one '/' (prefix/name)",
                                       offset: scalarOffset(b, i))
                }
                slash = i
            }
            var nameStart = 0
            if let s = slash {
                if s == 0 {
                    return FormatIssue(code: "key.empty-prefix", message: "the prefix before '/' must not be empty", offset: 0)
                }
                if let issue = subdomain(b, 0, s) { return issue }
                if s > dns1123SubdomainMaxLength {
                    return FormatIssue(code: "key.prefix-too-long",
                                       message: "the prefix must be no more than \(dns1123SubdomainMaxLength) characters",
                                       offset: dns1123SubdomainMaxLength)
                }
                nameStart = s + 1
            }
            if nameStart == b.count {
                return FormatIssue(code: "key.empty-name", message: "the name part of the key must not be empty",
                                   offset: scalarOffset(b, nameStart))
            }
            if let issue = qualifiedNamePart(b, nameStart, b.count, what: "the name part of a key") { return issue }
            let nameLen = scalarOffset(b, b.count) - scalarOffset(b, nameStart)
            if nameLen > qualifiedNameMaxLength {
                return FormatIssue(code: "key.name-too-long",
                                   message: "the name part must be no more than \(qualifiedNameMaxLength) characters (is \(nameLen))",
                                   offset: scalarOffset(b, nameStart) + qualifiedNameMaxLength)
            }
            return nil
        }
    }

    /// Annotation keys follow the same rule as label keys.
    public static func annotationKey(_ value: String) -> FormatIssue? { labelKey(value) }

    /// `annotationKey(_:)` of UTF-8 bytes read in place.
    public static func annotationKey(utf8 b: UnsafeBufferPointer<UInt8>) -> FormatIssue? { labelKey(utf8: b) }

    /// A label value (`IsValidLabelValue`): empty, or ≤63 characters matching
    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
    public static func labelValue(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { labelValue(utf8: $0) }
    }

    /// `labelValue(_:)` of UTF-8 bytes read in place.
    public static func labelValue(utf8 b: UnsafeBufferPointer<UInt8>) -> FormatIssue? {
        if b.isEmpty { return nil }
        if let issue = qualifiedNamePart(b, 0, b.count, what: "a label value") { return issue }
        return lengthIssue(b, max: labelValueMaxLength)
    }

    /// Total size of annotations (sum of key and value lengths in bytes) against the 256 KiB limit.
    public static func annotationsSize<S: Sequence>(_ annotations: S) -> FormatIssue?
    where S.Element == (key: String, value: String) {
        var total = 0
        for (k, v) in annotations { total += k.utf8.count + v.utf8.count }
        if total > totalAnnotationSizeLimit {
            return FormatIssue(code: "annotations.too-large",
                               message: "annotations total \(total) bytes; the limit is \(totalAnnotationSizeLimit) bytes (256 KiB)")
        }
        return nil
    }

    // MARK: - Ports, env vars, keys

    /// IANA_SVC_NAME (`IsValidPortName`): 1–15 characters of `[-a-z0-9]`, at least one letter,
    /// no leading, trailing or doubled `-`.
    public static func portName(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { b in
            if b.isEmpty { return FormatIssue(code: "port-name.empty", message: "a port name must not be empty") }
            var hasLetter = false
            for i in 0..<b.count {
                let c = b[i]
                if isLower(c) { hasLetter = true; continue }
                if isDigit(c) { continue }
                if c == 0x2D {
                    if i == 0 || i == b.count - 1 {
                        return FormatIssue(code: "port-name.hyphen-edge",
                                           message: "a port name must not begin or end with '-'",
                                           offset: scalarOffset(b, i))
                    }
                    if b[i + 1] == 0x2D {
                        return FormatIssue(code: "port-name.double-hyphen",
                                           message: "a port name must not contain consecutive hyphens ('--')",
                                           offset: scalarOffset(b, i))
                    }
                    continue
                }
                return FormatIssue(code: "port-name.invalid-character",
                                   message: "\(describeScalar(at: i, in: b)) is not allowed; a port name may contain only lowercase letters, digits and '-'",
                                   offset: scalarOffset(b, i))
            }
            if b.count > portNameMaxLength {
                return FormatIssue(code: "port-name.too-long",
                                   message: "a port name must be no more than \(portNameMaxLength) characters (is \(b.count))",
                                   offset: portNameMaxLength)
            }
            if !hasLetter {
                return FormatIssue(code: "port-name.no-letter", message: "a port name must contain at least one letter (a-z)")
            }
            return nil
        }
    }

    /// An environment variable name. The default, `.kubernetes`, is what every supported API
    /// server accepts; use `.portable` to also require a C identifier (what shells can expand).
    public static func envVarName(_ value: String, rule: EnvVarNameRule = .kubernetes) -> FormatIssue? {
        value.withUTF8Bytes { b in
            if b.isEmpty { return FormatIssue(code: "env.empty", message: "an environment variable name must not be empty") }
            switch rule {
            case .relaxed:
                for i in 0..<b.count where b[i] < 0x20 || b[i] > 0x7E || b[i] == 0x3D {
                    return FormatIssue(code: "env.invalid-character",
                                       message: "\(describeScalar(at: i, in: b)) is not allowed; an environment variable name must consist of printable ASCII characters other than '='",
                                       offset: scalarOffset(b, i))
                }
                return nil
            case .portable:
                for i in 0..<b.count {
                    let c = b[i]
                    if isAlpha(c) || c == 0x5F || (i > 0 && isDigit(c)) { continue }
                    let why = isDigit(c) ? "must not start with a digit"
                        : "\(describeScalar(at: i, in: b)) is not allowed; a portable name uses only letters, digits and '_'"
                    return FormatIssue(code: "env.not-portable", message: "a portable environment variable name \(why)",
                                       offset: scalarOffset(b, i))
                }
                return nil
            case .kubernetes:
                for i in 0..<b.count {
                    let c = b[i]
                    if isAlpha(c) || c == 0x5F || c == 0x2D || c == 0x2E || (i > 0 && isDigit(c)) { continue }
                    if isDigit(c) {
                        return FormatIssue(code: "env.leading-digit", message: "an environment variable name must not start with a digit", offset: 0)
                    }
                    return FormatIssue(code: "env.invalid-character",
                                       message: "\(describeScalar(at: i, in: b)) is not allowed; an environment variable name may contain only letters, digits, '_', '-' and '.'",
                                       offset: scalarOffset(b, i))
                }
                return chdirPrefix(b, what: "an environment variable name", code: "env")
            }
        }
    }

    /// A Secret or ConfigMap data key (`IsConfigMapKey`): `[-._a-zA-Z0-9]+`, ≤253, not `.`/`..`,
    /// not starting with `..`.
    public static func configMapKey(_ value: String) -> FormatIssue? {
        value.withUTF8Bytes { b in
            if b.isEmpty { return FormatIssue(code: "data-key.empty", message: "a data key must not be empty") }
            for i in 0..<b.count {
                let c = b[i]
                if isAlnum(c) || c == 0x2D || c == 0x2E || c == 0x5F { continue }
                return FormatIssue(code: "data-key.invalid-character",
                                   message: "\(describeScalar(at: i, in: b)) is not allowed; a data key may contain only letters, digits, '-', '_' and '.'",
                                   offset: scalarOffset(b, i))
            }
            if b.count > configMapKeyMaxLength {
                return FormatIssue(code: "data-key.too-long",
                                   message: "a data key must be no more than \(configMapKeyMaxLength) characters (is \(b.count))",
                                   offset: configMapKeyMaxLength)
            }
            return chdirPrefix(b, what: "a data key", code: "data-key")
        }
    }

    /// Secret keys follow the ConfigMap key rule.
    public static func secretKey(_ value: String) -> FormatIssue? { configMapKey(value) }

    // MARK: - Internals

    private static func lengthIssue(_ b: UnsafeBufferPointer<UInt8>, max: Int) -> FormatIssue? {
        // Characters were already checked to be ASCII, so bytes == characters here.
        guard b.count > max else { return nil }
        return FormatIssue(code: "name.too-long", message: "must be no more than \(max) characters (is \(b.count))", offset: max)
    }

    /// One DNS label in `b[start..<end]`.
    private static func label(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                              firstMustBeLetter: Bool, what: String,
                              charset: String = "lowercase letters, digits and '-'") -> FormatIssue? {
        if start == end {
            return FormatIssue(code: "name.empty", message: "\(what) must not be empty",
                               offset: start == 0 ? nil : scalarOffset(b, start))
        }
        for i in start..<end {
            let c = b[i]
            if isLowerAlnum(c) || c == 0x2D {
                if i == start && firstMustBeLetter && !isLower(c) {
                    return FormatIssue(code: "name.bad-start", message: "\(what) must start with a lowercase letter",
                                       offset: scalarOffset(b, i))
                }
                if c == 0x2D && (i == start || i == end - 1) {
                    return FormatIssue(code: "name.bad-edge",
                                       message: "\(what) must start and end with a lowercase letter or digit",
                                       offset: scalarOffset(b, i))
                }
                continue
            }
            let hint = isUpper(c) ? "; use lowercase" : ""
            return FormatIssue(code: "name.invalid-character",
                               message: "\(describeScalar(at: i, in: b)) is not allowed in \(what), which may contain only \(charset)\(hint)",
                               offset: scalarOffset(b, i))
        }
        return nil
    }

    private static func subdomain(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> FormatIssue? {
        if start == end { return FormatIssue(code: "name.empty", message: "a DNS-1123 subdomain must not be empty") }
        var labelStart = start
        var i = start
        while i <= end {
            if i == end || b[i] == 0x2E {
                if i == labelStart {
                    return FormatIssue(code: "name.empty-label",
                                       message: "a DNS-1123 subdomain must not start or end with '.' or contain '..'",
                                       offset: scalarOffset(b, i < end ? i : i - 1))
                }
                if let issue = label(b, labelStart, i, firstMustBeLetter: false, what: "a DNS-1123 subdomain",
                                     charset: "lowercase letters, digits, '-' and '.'") {
                    return issue
                }
                labelStart = i + 1
            }
            i += 1
        }
        return nil
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]` over `b[start..<end]` (non-empty).
    private static func qualifiedNamePart(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, what: String) -> FormatIssue? {
        for i in start..<end {
            let c = b[i]
            if isAlnum(c) { continue }
            if c == 0x2D || c == 0x5F || c == 0x2E {
                if i == start || i == end - 1 {
                    return FormatIssue(code: "name.bad-edge",
                                       message: "\(what) must start and end with a letter or digit",
                                       offset: scalarOffset(b, i))
                }
                continue
            }
            return FormatIssue(code: "name.invalid-character",
                               message: "\(describeScalar(at: i, in: b)) is not allowed in \(what), which may contain only letters, digits, '-', '_' and '.'",
                               offset: scalarOffset(b, i))
        }
        return nil
    }

    private static func chdirPrefix(_ b: UnsafeBufferPointer<UInt8>, what: String, code: String) -> FormatIssue? {
        if b.count == 1 && b[0] == 0x2E { return FormatIssue(code: "\(code).dot", message: "\(what) must not be '.'", offset: 0) }
        if b.count >= 2 && b[0] == 0x2E && b[1] == 0x2E {
            let m = b.count == 2 ? "\(what) must not be '..'" : "\(what) must not start with '..'"
            return FormatIssue(code: "\(code).dot", message: m, offset: 0)
        }
        return nil
    }
}
