import XCTest
@testable import KubeFormats

final class SysctlsCapabilitiesTests: XCTestCase {
    func testSafeSysctls() {
        XCTAssertTrue(Sysctls.isSafe("kernel.shm_rmid_forced"))
        XCTAssertTrue(Sysctls.isSafe("net.ipv4.ip_local_port_range", in: KubernetesVersion(1, 10)))
        XCTAssertTrue(Sysctls.isSafe("net/ipv4/tcp_syncookies"))
        XCTAssertFalse(Sysctls.isSafe("net.ipv4.ping_group_range", in: KubernetesVersion(1, 17)))
        XCTAssertTrue(Sysctls.isSafe("net.ipv4.ping_group_range", in: KubernetesVersion(1, 18)))
        XCTAssertFalse(Sysctls.isSafe("net.ipv4.tcp_keepalive_time", in: KubernetesVersion(1, 28)))
        XCTAssertTrue(Sysctls.isSafe("net.ipv4.tcp_keepalive_time", in: KubernetesVersion(1, 29)))
        XCTAssertFalse(Sysctls.isSafe("net.ipv4.tcp_rmem", in: KubernetesVersion(1, 31)))
        XCTAssertTrue(Sysctls.isSafe("net.ipv4.tcp_rmem"))
        XCTAssertFalse(Sysctls.isSafe("net.core.somaxconn"))
        XCTAssertFalse(Sysctls.isSafe("kernel.msgmax"))
        XCTAssertEqual(Sysctls.safeNames(in: KubernetesVersion(1, 17)).count, 3)
        XCTAssertEqual(Sysctls.safeNames().count, 12)
    }

    func testNormalizeAndNamespaced() {
        XCTAssertEqual(Sysctls.normalize("net/ipv4/conf/eth0.100/forwarding"), "net.ipv4.conf.eth0/100.forwarding")
        XCTAssertEqual(Sysctls.normalize("net.ipv4.conf.eth0/100.forwarding"), "net.ipv4.conf.eth0/100.forwarding")
        XCTAssertTrue(Sysctls.isNamespaced("net.core.somaxconn"))
        XCTAssertTrue(Sysctls.isNamespaced("kernel.shmmax"))
        XCTAssertTrue(Sysctls.isNamespaced("kernel.msgmnb"))
        XCTAssertTrue(Sysctls.isNamespaced("kernel.sem"))
        XCTAssertTrue(Sysctls.isNamespaced("fs.mqueue.msg_max"))
        XCTAssertFalse(Sysctls.isNamespaced("vm.max_map_count"))
        XCTAssertFalse(Sysctls.isNamespaced("kernel.semx"))
        XCTAssertFalse(Sysctls.isNamespaced("fs.file-max"))
    }

    func testSysctlNames() {
        XCTAssertNil(Sysctls.validateName("net.ipv4.ip_local_port_range"))
        XCTAssertNil(Sysctls.validateName("net/ipv4/conf/eth0.100/forwarding"))
        XCTAssertNil(Sysctls.validateName("fs.file-max"))
        XCTAssertEqual(Sysctls.validateName("")?.code, "sysctl.empty")
        XCTAssertEqual(Sysctls.validateName("net..ipv4")?.offset, 4)
        XCTAssertEqual(Sysctls.validateName(".net")?.offset, 0)
        XCTAssertEqual(Sysctls.validateName("net.")?.offset, 3)
        XCTAssertEqual(Sysctls.validateName("net._x")?.code, "sysctl.bad-edge")
        XCTAssertEqual(Sysctls.validateName("net.IPv4")?.offset, 4)
        XCTAssertEqual(Sysctls.validateName("net.ïpv4")?.offset, 4)
        XCTAssertEqual(Sysctls.validateName(String(repeating: "a", count: 254))?.code, "sysctl.too-long")
        XCTAssertNil(Sysctls.validateName(String(repeating: "a", count: 253)))
    }

    func testCapabilities() {
        XCTAssertEqual(Capabilities.all.count, 41)
        XCTAssertEqual(Capabilities.normalize("cap_sys_admin"), "SYS_ADMIN")
        XCTAssertEqual(Capabilities.normalize(" CAP_NET_RAW "), "NET_RAW")
        XCTAssertEqual(Capabilities.normalize("all"), "ALL")
        // Canonical names take the byte-wise fast path; a canonical-looking CAP_ prefix does not.
        XCTAssertEqual(Capabilities.normalize("NET_BIND_SERVICE"), "NET_BIND_SERVICE")
        XCTAssertEqual(Capabilities.normalize("CAP_SYS_ADMIN"), "SYS_ADMIN")
        XCTAssertEqual(Capabilities.normalize("CAP_"), "")
        XCTAssertEqual(Capabilities.normalize("CAP"), "CAP")
        XCTAssertTrue(Capabilities.isKnown("net_bind_service"))
        XCTAssertTrue(Capabilities.isKnown("ALL"))
        XCTAssertFalse(Capabilities.isKnown("SYS_ADMINS"))
        for d in ["SYS_ADMIN", "cap_net_admin", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "NET_RAW", "SYS_RAWIO",
                  "BPF", "PERFMON", "ALL"] {
            XCTAssertTrue(Capabilities.isDangerous(d), d)
            XCTAssertNotNil(Capabilities.dangerReason(d))
        }
        XCTAssertFalse(Capabilities.isDangerous("NET_BIND_SERVICE"))
        XCTAssertFalse(Capabilities.isDangerous("CHOWN"))
        XCTAssertTrue(Capabilities.dangerous.keys.allSatisfy { $0 == "ALL" || Capabilities.all.contains($0) })
        XCTAssertTrue(Capabilities.baselineAllowed.isSubset(of: Capabilities.runtimeDefault))
        XCTAssertFalse(Capabilities.baselineAllowed.contains("NET_RAW"))
        XCTAssertNil(Capabilities.validate("CAP_CHOWN"))
        XCTAssertEqual(Capabilities.validate("CAP_FOO")?.code, "capability.unknown")
        XCTAssertEqual(Capabilities.validate("")?.code, "capability.empty")
        XCTAssertEqual(Capabilities.validate("sÿs_admin")?.code, "capability.unknown")
    }
}
