// Deprecated and removed built-in API versions. Removal versions and replacements come from the
// Kubernetes "Deprecated API Migration Guide" (which covers removals up to v1.32). The guide does
// not list when each version was deprecated; `deprecatedIn` is the release named in the API
// server's deprecation warning ("… is deprecated in v1.X+, unavailable in v1.Y+").

/// A Kubernetes minor (and optional patch) version, e.g. `1.29` or `v1.29.3`.
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `1.29`, `v1.29`, `1.29.3`, `v1.29.3-gke.100`, `1.30+` (a suffix after `-`, `+` or
    /// a space is ignored). Returns nil for anything else.
    public init?(_ string: String) {
        var parts: [Int] = []
        var cur: Int? = nil
        var scalars = Substring(string).unicodeScalars[...]
        if scalars.first == "v" || scalars.first == "V" { scalars = scalars.dropFirst() }
        for c in scalars {
            if let d = c.properties.numericType == .decimal && c.isASCII ? Int(c.value - 0x30) : nil {
                let (m, o1) = (cur ?? 0).multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 || a > 1_000_000 { return nil }
                cur = a
            } else if c == "." {
                guard let v = cur else { return nil }
                parts.append(v)
                cur = nil
                if parts.count == 3 { return nil }
            } else if c == "-" || c == "+" || c == " " {
                break
            } else {
                return nil
            }
        }
        guard let last = cur else { return nil }
        parts.append(last)
        guard parts.count >= 2 else { return nil }
        self.init(parts[0], parts[1], parts.count > 2 ? parts[2] : 0)
    }

    /// Parses a release as a user names one (`--kubernetes-version`, `kubernetesVersion:`):
    /// `1.29`, `v1.29`, `1.29.3`, `v1.29.3-gke.1200`, `v1.28.5+k3s1`. Stricter than
    /// `init(_:)`, which reads version text wherever it is printed: no spaces, no empty
    /// suffix, numbers of at most four digits.
    public init?(release text: String) {
        var rest = Substring(text)
        if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
        if let cut = rest.firstIndex(where: { $0 == "-" || $0 == "+" }) {
            let suffix = rest[rest.index(after: cut)...]
            guard !suffix.isEmpty, suffix.unicodeScalars.allSatisfy({ scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar) || ".-_+".unicodeScalars.contains(scalar))
            }) else { return nil }
            rest = rest[..<cut]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (2 ... 3).contains(parts.count), parts.allSatisfy({ part in
            !part.isEmpty && part.count <= 4 && part.unicodeScalars.allSatisfy { ("0" ... "9").contains($0) }
        }) else { return nil }
        let numbers = parts.map { Int($0)! }
        self.init(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    /// The newest release the embedded table is known to cover.
    public static let latestCovered = KubernetesVersion(1, 32)
    /// The default target when the user does not give one.
    public static let defaultTarget = latestCovered

    public static func < (a: Self, b: Self) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// `v1.29` (patch shown only when non-zero).
    public var description: String { patch == 0 ? "v\(major).\(minor)" : "v\(major).\(minor).\(patch)" }
}

/// One deprecated group/version + kind.
public struct APIDeprecationEntry: Sendable, Hashable {
    public let apiVersion: String
    public let kind: String
    public let deprecatedIn: KubernetesVersion
    /// The first release that no longer serves it; nil when not (yet) removed.
    public let removedIn: KubernetesVersion?
    /// The apiVersion to migrate to (for the same kind unless `replacementKind` says otherwise);
    /// nil when there is no replacement (PodSecurityPolicy).
    public let replacement: String?
    public let replacementKind: String?
    /// Extra context (no replacement, alpha API…).
    public let note: String?
}

/// The state of an apiVersion + kind at a target version.
public struct DeprecationStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Still served at the target version, but deprecated.
        case deprecated
        /// No longer served at the target version.
        case removed
    }

    public let state: State
    public let entry: APIDeprecationEntry
    /// The version the state applies since (`deprecatedIn` or `removedIn`).
    public var since: KubernetesVersion { state == .removed ? entry.removedIn ?? entry.deprecatedIn : entry.deprecatedIn }
    public var replacement: String? { entry.replacement }

    /// e.g. "extensions/v1beta1 Ingress is no longer served since v1.22; use networking.k8s.io/v1 Ingress".
    public var message: String {
        let subject = "\(entry.apiVersion) \(entry.kind)"
        var s: String
        switch state {
        case .removed:
            s = "\(subject) is no longer served since \(since) (deprecated in \(entry.deprecatedIn))"
        case .deprecated:
            s = "\(subject) is deprecated since \(entry.deprecatedIn)"
            if let r = entry.removedIn { s += " and is removed in \(r)" }
        }
        if let r = entry.replacement {
            s += "; use \(r) \(entry.replacementKind ?? entry.kind)"
        } else {
            s += "; there is no replacement API"
        }
        if let note = entry.note { s += " (\(note))" }
        return s
    }
}

public enum APIDeprecations {
    /// The state of `apiVersion` + `kind` at `version`, or nil when it is current there (or unknown).
    public static func status(apiVersion: String, kind: String,
                              in version: KubernetesVersion = .defaultTarget) -> DeprecationStatus? {
        guard let e = entry(apiVersion: apiVersion, kind: kind), version >= e.deprecatedIn else { return nil }
        if let r = e.removedIn, version >= r { return DeprecationStatus(state: .removed, entry: e) }
        return DeprecationStatus(state: .deprecated, entry: e)
    }

    /// The table entry for `apiVersion` + `kind`, regardless of version.
    public static func entry(apiVersion: String, kind: String) -> APIDeprecationEntry? {
        index[Key(apiVersion: apiVersion, kind: kind)]
    }

    /// Every entry, in table order.
    public static let entries: [APIDeprecationEntry] = {
        var out: [APIDeprecationEntry] = []
        func add(_ apiVersion: String, _ kinds: [String], _ dep: (Int, Int), _ rem: (Int, Int)?, _ replacement: String?,
                 replacementKind: String? = nil, note: String? = nil) {
            for k in kinds {
                out.append(APIDeprecationEntry(apiVersion: apiVersion, kind: k,
                                               deprecatedIn: KubernetesVersion(dep.0, dep.1),
                                               removedIn: rem.map { KubernetesVersion($0.0, $0.1) },
                                               replacement: replacement, replacementKind: replacementKind, note: note))
            }
        }
        // Removed in v1.16.
        add("extensions/v1beta1", ["Deployment", "DaemonSet", "ReplicaSet"], (1, 9), (1, 16), "apps/v1")
        add("extensions/v1beta1", ["NetworkPolicy"], (1, 9), (1, 16), "networking.k8s.io/v1")
        add("extensions/v1beta1", ["PodSecurityPolicy"], (1, 10), (1, 16), "policy/v1beta1",
            note: "policy/v1beta1 PodSecurityPolicy was itself removed in v1.25; use Pod Security Admission")
        add("apps/v1beta1", ["Deployment", "StatefulSet", "ReplicaSet", "ControllerRevision"], (1, 9), (1, 16), "apps/v1")
        add("apps/v1beta2", ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"], (1, 9), (1, 16), "apps/v1")
        // Removed in v1.22.
        add("extensions/v1beta1", ["Ingress"], (1, 14), (1, 22), "networking.k8s.io/v1")
        add("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], (1, 19), (1, 22), "networking.k8s.io/v1")
        add("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
            (1, 16), (1, 22), "admissionregistration.k8s.io/v1")
        add("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], (1, 16), (1, 22), "apiextensions.k8s.io/v1")
        add("apiregistration.k8s.io/v1beta1", ["APIService"], (1, 19), (1, 22), "apiregistration.k8s.io/v1")
        add("authentication.k8s.io/v1beta1", ["TokenReview"], (1, 19), (1, 22), "authentication.k8s.io/v1")
        add("authorization.k8s.io/v1beta1",
            ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview"],
            (1, 19), (1, 22), "authorization.k8s.io/v1")
        add("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], (1, 19), (1, 22), "certificates.k8s.io/v1")
        add("coordination.k8s.io/v1beta1", ["Lease"], (1, 19), (1, 22), "coordination.k8s.io/v1")
        add("rbac.authorization.k8s.io/v1beta1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
            (1, 17), (1, 22), "rbac.authorization.k8s.io/v1")
        add("rbac.authorization.k8s.io/v1alpha1", ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
            (1, 17), (1, 22), "rbac.authorization.k8s.io/v1")
        add("scheduling.k8s.io/v1beta1", ["PriorityClass"], (1, 14), (1, 22), "scheduling.k8s.io/v1")
        add("storage.k8s.io/v1beta1", ["CSIDriver", "StorageClass", "VolumeAttachment"], (1, 19), (1, 22), "storage.k8s.io/v1")
        add("storage.k8s.io/v1beta1", ["CSINode"], (1, 17), (1, 22), "storage.k8s.io/v1")
        // Removed in v1.25.
        add("batch/v1beta1", ["CronJob"], (1, 21), (1, 25), "batch/v1")
        add("discovery.k8s.io/v1beta1", ["EndpointSlice"], (1, 21), (1, 25), "discovery.k8s.io/v1")
        add("events.k8s.io/v1beta1", ["Event"], (1, 22), (1, 25), "events.k8s.io/v1")
        add("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], (1, 22), (1, 25), "autoscaling/v2")
        add("policy/v1beta1", ["PodDisruptionBudget"], (1, 21), (1, 25), "policy/v1")
        add("policy/v1beta1", ["PodSecurityPolicy"], (1, 21), (1, 25), nil,
            note: "use Pod Security Admission or a policy engine")
        add("node.k8s.io/v1beta1", ["RuntimeClass"], (1, 22), (1, 25), "node.k8s.io/v1")
        // Removed in v1.26, v1.27, v1.29, v1.32.
        add("flowcontrol.apiserver.k8s.io/v1beta1", ["FlowSchema", "PriorityLevelConfiguration"], (1, 23), (1, 26),
            "flowcontrol.apiserver.k8s.io/v1")
        add("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], (1, 23), (1, 26), "autoscaling/v2")
        add("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], (1, 24), (1, 27), "storage.k8s.io/v1")
        add("flowcontrol.apiserver.k8s.io/v1beta2", ["FlowSchema", "PriorityLevelConfiguration"], (1, 26), (1, 29),
            "flowcontrol.apiserver.k8s.io/v1")
        add("flowcontrol.apiserver.k8s.io/v1beta3", ["FlowSchema", "PriorityLevelConfiguration"], (1, 29), (1, 32),
            "flowcontrol.apiserver.k8s.io/v1")
        // Alpha DRA API replaced wholesale in v1.31 (alpha APIs carry no deprecation period; not in the guide).
        add("resource.k8s.io/v1alpha2", ["ResourceClaim", "ResourceClaimTemplate", "PodSchedulingContext", "ResourceSlice"],
            (1, 31), (1, 31), "resource.k8s.io/v1alpha3",
            note: "alpha API; the structured-parameters model in v1alpha3 is not a drop-in replacement")
        add("resource.k8s.io/v1alpha2", ["ResourceClass"], (1, 31), (1, 31), "resource.k8s.io/v1alpha3",
            replacementKind: "DeviceClass", note: "alpha API; ResourceClass was replaced by DeviceClass")
        return out
    }()

    /// Keyed by both strings as they are (no concatenated key per lookup: asked for every resource).
    private struct Key: Hashable {
        let apiVersion: String
        let kind: String
    }

    private static let index: [Key: APIDeprecationEntry] = {
        var d: [Key: APIDeprecationEntry] = [:]
        for e in entries { d[Key(apiVersion: e.apiVersion, kind: e.kind)] = e }
        return d
    }()
}
