import XCTest

final class KubeFormatsTestsPlaceholder: XCTestCase {}
