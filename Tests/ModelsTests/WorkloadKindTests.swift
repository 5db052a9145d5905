import Models
import XCTest

final class WorkloadKindTests: XCTestCase {
    /// The hand-written initializer must agree with the raw values, case for case.
    func testEveryKindRoundTrips() {
        for kind in WorkloadKind.allCases {
            XCTAssertEqual(WorkloadKind(rawValue: kind.rawValue), kind)
        }
    }

    func testOtherKindsAreNotWorkloads() {
        for name in ["", "deployment", "Deployments", "ReplicationControllers", "Pods", "Service", "CronJob ", "Jo"] {
            XCTAssertNil(WorkloadKind(rawValue: name), name)
        }
    }
}
