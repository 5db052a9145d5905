import Models
import YAMLTree

/// Host paths whose mounting amounts to node compromise, for `sensitive-host-path`.
enum HostPaths {
    /// Paths sensitive only when mounted exactly (their children are ordinary).
    static let sensitiveExact: [String: String] = [
        "/": "the node's whole filesystem",
        "/etc": "the node's configuration, credentials included",
        "/var": "the node's runtime state, container filesystems and kubelet data",
        "/var/lib": "the kubelet's and container runtime's state",
        "/run": "the node's runtime sockets, container runtime API included",
        "/var/run": "the node's runtime sockets, container runtime API included",
        "/usr": "the node's system binaries",
        "/bin": "the node's system binaries",
        "/sbin": "the node's system binaries",
        "/lib": "the node's system libraries and kernel modules",
        "/dev": "every device of the node, its disks included",
        "/home": "the node's user home directories and their credentials",
    ]
    /// Paths sensitive together with everything below them, with what they give away.
    static let sensitiveTrees: [(path: String, reason: String)] = [
        ("/proc", "the node's processes, their environment and kernel settings"),
        ("/root", "the node's root home directory and its credentials"),
        ("/boot", "the node's kernel and boot loader"),
        ("/etc/kubernetes", "the node's kubelet credentials and control-plane configuration"),
        ("/etc/shadow", "the node's password hashes"),
        ("/etc/sudoers", "the node's sudo configuration"),
        ("/etc/sudoers.d", "the node's sudo configuration"),
        ("/etc/ssh", "the node's SSH host keys and configuration"),
        ("/etc/cni", "the node's pod network configuration"),
        ("/etc/containerd", "the container runtime's configuration"),
        ("/etc/crio", "the container runtime's configuration"),
        ("/etc/docker", "the container runtime's configuration"),
        ("/var/run/docker.sock", "the Docker API, which can start privileged containers"),
        ("/run/docker.sock", "the Docker API, which can start privileged containers"),
        ("/var/run/docker", "the Docker runtime state and API"),
        ("/run/docker", "the Docker runtime state and API"),
        ("/var/run/cri-dockerd.sock", "the CRI API, which can start privileged containers"),
        ("/run/cri-dockerd.sock", "the CRI API, which can start privileged containers"),
        ("/var/run/containerd", "the containerd API, which can start privileged containers"),
        ("/run/containerd", "the containerd API, which can start privileged containers"),
        ("/run/k3s/containerd", "the containerd API, which can start privileged containers"),
        ("/var/run/crio", "the CRI-O API, which can start privileged containers"),
        ("/run/crio", "the CRI-O API, which can start privileged containers"),
        ("/var/run/podman", "the Podman API, which can start privileged containers"),
        ("/run/podman", "the Podman API, which can start privileged containers"),
        ("/var/lib/docker", "every container's filesystem on the node"),
        ("/var/lib/containerd", "every container's filesystem on the node"),
        ("/var/lib/kubelet", "the kubelet's credentials and every pod's volumes, secrets included"),
        ("/var/lib/etcd", "the cluster's etcd data, every Secret included"),
        ("/var/lib/rancher/k3s", "the k3s node's credentials and data"),
    ]

    /// Why mounting `path` (already cleaned) is dangerous, or nil.
    static func sensitivity(of path: String) -> String? {
        if let reason = sensitiveExact[path] { return reason }
        for entry in sensitiveTrees {
            if path == entry.path { return entry.reason }
            if path.hasPrefix(entry.path), path.utf8.count > entry.path.utf8.count,
               path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: entry.path.utf8.count)] == UInt8(ascii: "/") {
                return entry.reason
            }
        }
        return nil
    }

    /// Lexical clean as in Go's `path.Clean`: repeated and trailing slashes, `.` and `..`.
    static func clean(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is `prefix` or below it.
    static func isWithin(_ path: String, _ prefix: String) -> Bool {
        if prefix == "/" || path == prefix { return true }
        return path.hasPrefix(prefix + "/")
    }

    /// Pod volumes with a hostPath: volume name, path node, cleaned path.
    static func volumes(of spec: PodSpec) -> [(name: String, pathNode: YAMLNode, path: String)] {
        var result: [(name: String, pathNode: YAMLNode, path: String)] = []
        for volume in spec.volumes {
            guard let node = volume["hostPath"]?["path"], let raw = node.scalar, !raw.isEmpty else { continue }
            result.append((volume["name"]?.scalar ?? "<unnamed>", node, clean(raw)))
        }
        return result
    }

    /// How the pod's containers mount the volume: " (mounted writable)", " (mounted read-only)",
    /// or "" when no container mounts it.
    static func access(_ volume: String, in spec: PodSpec) -> String {
        var mounted = false
        for container in spec.allContainers {
            for mount in container.volumeMounts where mount["name"]?.scalar == volume {
                if mount["readOnly"]?.boolValue != true { return " (mounted writable)" }
                mounted = true
            }
        }
        return mounted ? " (mounted read-only)" : ""
    }
}
