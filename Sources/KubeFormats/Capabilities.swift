// Linux capabilities as written in `securityContext.capabilities.add/drop`. Runtimes accept them
// with or without the `CAP_` prefix; `normalize` maps both (and any case) to the bare upper-case
// name Kubernetes documents (`NET_ADMIN`).

public enum Capabilities {
    /// Every Linux capability (capability.h, through CAP_CHECKPOINT_RESTORE = 40), bare names.
    public static let all: [String] = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    /// The set containerd and Docker grant by default (what `drop: [ALL]` removes).
    public static let runtimeDefault: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// What the Pod Security Standards baseline profile allows in `add` (the runtime default set
    /// minus NET_RAW).
    public static let baselineAllowed: Set<String> = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
        "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]

    /// What the restricted profile allows in `add` (it also requires `drop: [ALL]`).
    public static let restrictedAllowed: Set<String> = ["NET_BIND_SERVICE"]

    /// Capabilities that amount to (or easily lead to) node compromise, with the reason.
    public static let dangerous: [String: String] = [
        "ALL": "grants every capability",
        "SYS_ADMIN": "near-root: mount, namespaces, many privileged operations",
        "NET_ADMIN": "reconfigure networking: interfaces, routes, iptables, sniffing setup",
        "SYS_PTRACE": "trace and inject into other processes",
        "SYS_MODULE": "load kernel modules",
        "SYS_RAWIO": "raw I/O ports and device access",
        "SYS_BOOT": "reboot the node or load a new kernel",
        "SYS_TIME": "set the node clock",
        "DAC_READ_SEARCH": "bypass file read permission checks (open_by_handle_at container escape)",
        "NET_RAW": "raw sockets: spoofing and ARP/DNS poisoning inside the cluster network",
        "BPF": "load BPF programs",
        "PERFMON": "kernel performance monitoring and BPF tracing",
        "MAC_ADMIN": "change LSM (AppArmor/SELinux) policy",
        "MAC_OVERRIDE": "bypass LSM policy",
        "SYSLOG": "read kernel logs and addresses",
        "LINUX_IMMUTABLE": "change immutable and append-only file flags",
        "CHECKPOINT_RESTORE": "checkpoint/restore other processes",
    ]

    /// `cap_sys_admin`, `CAP_SYS_ADMIN`, ` sys_admin ` → `SYS_ADMIN`.
    public static func normalize(_ name: String) -> String {
        // Most names are written canonically (`ALL`, `NET_BIND_SERVICE`): checked byte by byte,
        // they are returned as they are, without the Unicode property lookups below.
        var canonical = true
        var count = 0
        for b in name.utf8 {
            guard (b >= 0x41 && b <= 0x5A) || b == 0x5F || (b >= 0x30 && b <= 0x39) else { canonical = false; break }
            count += 1
        }
        if canonical, !(count >= 4 && name.utf8.starts(with: "CAP_".utf8)) { return name }
        var s = String.UnicodeScalarView()
        for c in name.unicodeScalars where !c.properties.isWhitespace {
            s.append(c.value >= 0x61 && c.value <= 0x7A ? Unicode.Scalar(c.value - 0x20)! : c)
        }
        var out = String(s)
        if out.hasPrefix("CAP_") { out.removeFirst(4) }
        return out
    }

    /// True for a known capability name or `ALL` (after normalising).
    public static func isKnown(_ name: String) -> Bool {
        let n = normalize(name)
        return n == "ALL" || known.contains(n)
    }

    /// True when the capability is in `dangerous`.
    public static func isDangerous(_ name: String) -> Bool { dangerous[normalize(name)] != nil }

    /// Why the capability is dangerous, or nil.
    public static func dangerReason(_ name: String) -> String? { dangerous[normalize(name)] }

    /// Flags unknown names (code `capability.unknown`). Names that are only unusual in form (lower
    /// case, `CAP_` prefix) pass; use `normalize` to compare them.
    public static func validate(_ name: String) -> FormatIssue? {
        if name.isEmpty { return FormatIssue(code: "capability.empty", message: "a capability name must not be empty") }
        if isKnown(name) { return nil }
        return FormatIssue(code: "capability.unknown", message: "'\(normalize(name))' is not a Linux capability name")
    }

    private static let known: Set<String> = Set(all)
}
