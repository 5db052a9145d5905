// Pod `securityContext.sysctls`: the safe set the kubelet allows by default (and the Pod Security
// Standards baseline allows), from the Kubernetes docs ("Using sysctls in a Kubernetes Cluster",
// "Linux Kernel Version Requirements"), plus name syntax and normalisation.

/// One sysctl of the safe set.
public struct SafeSysctl: Sendable, Hashable {
    public let name: String
    /// The Kubernetes release that added it to the safe set; nil for the original set.
    public let addedIn: KubernetesVersion?
    /// The minimum kernel for it to be namespaced (and so safe), when the docs give one.
    public let minimumKernel: String?
}

public enum Sysctls {
    /// The safe set, oldest first.
    public static let safe: [SafeSysctl] = [
        SafeSysctl(name: "kernel.shm_rmid_forced", addedIn: nil, minimumKernel: nil),
        SafeSysctl(name: "net.ipv4.ip_local_port_range", addedIn: nil, minimumKernel: nil),
        SafeSysctl(name: "net.ipv4.tcp_syncookies", addedIn: nil, minimumKernel: "4.6"),
        SafeSysctl(name: "net.ipv4.ping_group_range", addedIn: KubernetesVersion(1, 18), minimumKernel: nil),
        SafeSysctl(name: "net.ipv4.ip_unprivileged_port_start", addedIn: KubernetesVersion(1, 22), minimumKernel: nil),
        SafeSysctl(name: "net.ipv4.ip_local_reserved_ports", addedIn: KubernetesVersion(1, 27), minimumKernel: "3.16"),
        SafeSysctl(name: "net.ipv4.tcp_keepalive_time", addedIn: KubernetesVersion(1, 29), minimumKernel: "4.5"),
        SafeSysctl(name: "net.ipv4.tcp_fin_timeout", addedIn: KubernetesVersion(1, 29), minimumKernel: "4.6"),
        SafeSysctl(name: "net.ipv4.tcp_keepalive_intvl", addedIn: KubernetesVersion(1, 29), minimumKernel: "4.5"),
        SafeSysctl(name: "net.ipv4.tcp_keepalive_probes", addedIn: KubernetesVersion(1, 29), minimumKernel: "4.5"),
        SafeSysctl(name: "net.ipv4.tcp_rmem", addedIn: KubernetesVersion(1, 32), minimumKernel: "4.15"),
        SafeSysctl(name: "net.ipv4.tcp_wmem", addedIn: KubernetesVersion(1, 32), minimumKernel: "4.15"),
    ]

    /// Names in the safe set at `version`.
    public static func safeNames(in version: KubernetesVersion = .defaultTarget) -> [String] {
        safe.filter { $0.addedIn.map { $0 <= version } ?? true }.map(\.name)
    }

    /// True when `name` (dot or slash form) is in the safe set at `version`.
    public static func isSafe(_ name: String, in version: KubernetesVersion = .defaultTarget) -> Bool {
        let n = normalize(name)
        return safe.contains { $0.name == n && ($0.addedIn.map { $0 <= version } ?? true) }
    }

    /// The Kubernetes normalisation: when the first separator is `/`, the name uses slashes as
    /// separators and dots inside components (`net/ipv4/conf/eth0.100/forwarding`), so `/` and `.`
    /// are swapped to get the dotted form (`net.ipv4.conf.eth0/100.forwarding`).
    public static func normalize(_ name: String) -> String {
        guard let first = name.unicodeScalars.first(where: { $0 == "." || $0 == "/" }), first == "/" else { return name }
        var out = String.UnicodeScalarView()
        for c in name.unicodeScalars {
            out.append(c == "/" ? "." : c == "." ? "/" : c)
        }
        return String(out)
    }

    /// True for sysctls in a Linux namespace (so a pod may set them, with the kubelet's
    /// `--allowed-unsafe-sysctls` when not safe): `kernel.shm*`, `kernel.msg*`, `kernel.sem`,
    /// `fs.mqueue.*`, `net.*`. Node-level sysctls cannot be set per pod at all.
    public static func isNamespaced(_ name: String) -> Bool {
        let n = normalize(name)
        return n.hasPrefix("kernel.shm") || n.hasPrefix("kernel.msg") || n == "kernel.sem"
            || n.hasPrefix("fs.mqueue.") || n.hasPrefix("net.")
    }

    /// Name syntax (`IsValidSysctlName`): ≤253 characters, components of
    /// `[a-z0-9]([-_a-z0-9]*[a-z0-9])?` separated by `.` or `/`.
    public static func validateName(_ name: String) -> FormatIssue? {
        name.withUTF8Bytes { b in
            if b.isEmpty { return FormatIssue(code: "sysctl.empty", message: "a sysctl name must not be empty") }
            var compStart = 0
            for i in 0...b.count {
                if i == b.count || b[i] == 0x2E || b[i] == 0x2F {
                    if i == compStart {
                        return FormatIssue(code: "sysctl.empty-component",
                                           message: "a sysctl name must not start or end with a separator or contain two in a row",
                                           offset: scalarOffset(b, min(i, b.count - 1)))
                    }
                    if !isLowerAlnum(b[compStart]) || !isLowerAlnum(b[i - 1]) {
                        let at = !isLowerAlnum(b[compStart]) ? compStart : i - 1
                        return FormatIssue(code: "sysctl.bad-edge",
                                           message: "each component of a sysctl name must start and end with a lowercase letter or digit",
                                           offset: scalarOffset(b, at))
                    }
                    compStart = i + 1
                    continue
                }
                let c = b[i]
                if isLowerAlnum(c) || c == 0x2D || c == 0x5F { continue }
                return FormatIssue(code: "sysctl.invalid-character",
                                   message: "\(describeScalar(at: i, in: b)) is not allowed in a sysctl name (lowercase letters, digits, '-', '_', '.', '/')",
                                   offset: scalarOffset(b, i))
            }
            if b.count > 253 {
                return FormatIssue(code: "sysctl.too-long", message: "a sysctl name must be no more than 253 characters", offset: 253)
            }
            return nil
        }
    }
}
