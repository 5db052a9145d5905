import Dispatch
@testable import Engine
import Synchronization
import XCTest

/// Set rules run on several threads and share work through `RunMemo`: each value must be
/// computed once, whoever asks first, and keys must not block one another.
final class RunMemoTests: XCTestCase {
    func testConcurrentAsksComputeEachValueOnce() {
        let memo = RunMemo()
        let computed = Mutex([String: Int]())
        let answers = Mutex([Int]())
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let key = i.isMultiple(of: 2) ? "even" : "odd"
            let value = memo.value(key) { () -> Int in
                computed.withLock { $0[key, default: 0] += 1 }
                usleep(2_000)  // long enough for the other threads to arrive meanwhile
                return key == "even" ? 2 : 1
            }
            answers.withLock { $0.append(value) }
        }
        XCTAssertEqual(computed.withLock { $0 }, ["even": 1, "odd": 1])
        XCTAssertEqual(answers.withLock { $0.sorted() }, Array(repeating: 1, count: 32) + Array(repeating: 2, count: 32))
    }

    func testAValueMayUseAnotherKey() {
        let memo = RunMemo()
        let total = memo.value("total") { memo.value("part") { 20 } + 22 }
        XCTAssertEqual(total, 42)
        XCTAssertEqual(memo.value("part") { 0 }, 20)
    }
}
