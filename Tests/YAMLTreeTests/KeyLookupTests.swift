import XCTest
@testable import YAMLTree

/// Key lookup compares bytes: keys that look alike, long keys, empty and non-scalar keys,
/// duplicates, merges and aliases must still find exactly the right pair.
final class KeyLookupTests: XCTestCase {
    private func root(_ text: String) throws -> YAMLNode {
        let stream = YAMLParser.parse(Array(text.utf8), file: "k.yaml")
        return try XCTUnwrap(stream.documents.first).root
    }

    func testKeysAlikeButForOneByteAreToldApart() throws {
        let node = try root("aXbcd: 1\naYbcd: 2\n")
        XCTAssertEqual(node["aXbcd"]?.scalar, "1")
        XCTAssertEqual(node["aYbcd"]?.scalar, "2")
        XCTAssertNil(node["aZbcd"])
        XCTAssertEqual(node.keyNode("aYbcd")?.position, SourcePosition(line: 2, column: 1))
    }

    func testKeysWithTheSamePrintAreToldApartByTheirBytes() throws {
        // Same length, first, middle and last byte: the stored print matches both.
        let node = try root("aXbYc: 1\naZbWc: 2\n")
        XCTAssertEqual(node["aZbWc"]?.scalar, "2")
        XCTAssertEqual(node["aXbYc"]?.scalar, "1")
        XCTAssertNil(node["aQbQc"])
        XCTAssertEqual(node.pairs.map { $0.value.scalar }, ["1", "2"])
    }

    func testLongKeysCompareTheirWholeLength() throws {
        let long = String(repeating: "k", count: 300)
        let longer = long + "k"
        let other = String(repeating: "k", count: 150) + "x" + String(repeating: "k", count: 149)
        let exactly255 = String(repeating: "e", count: 255)
        let node = try root("\(longer): 1\n\(other): 2\n\(long): 3\n\(exactly255): 4\n")
        XCTAssertEqual(node[long]?.scalar, "3")
        XCTAssertEqual(node[longer]?.scalar, "1")
        XCTAssertEqual(node[other]?.scalar, "2")
        XCTAssertEqual(node[exactly255]?.scalar, "4")
        XCTAssertNil(node[String(repeating: "e", count: 256)])
        XCTAssertNil(node[String(repeating: "k", count: 299)])
    }

    func testEmptyNonScalarDuplicateAndAliasedKeys() throws {
        let node = try root("""
            "": empty
            [a, b]: list key
            {c: d}: map key
            dup: first
            dup: second
            base: &b {x: 1, y: 2}
            copy: *b
            """)
        XCTAssertEqual(node[""]?.scalar, "empty")
        XCTAssertNil(node["[a, b]"])
        XCTAssertNil(node["a"])
        XCTAssertEqual(node["dup"]?.scalar, "first")
        XCTAssertEqual(node["copy"]?["y"]?.scalar, "2")
        XCTAssertNil(node["copy"]?["z"])
        XCTAssertNil(node["dup"]?["x"], "a scalar has no keys")
    }

    func testMergedKeysAreFound() throws {
        let node = try root("""
            defaults: &d {image: nginx, port: 80}
            app:
              <<: *d
              port: 8080
            """)
        XCTAssertEqual(node["app"]?["image"]?.scalar, "nginx")
        XCTAssertEqual(node["app"]?["port"]?.scalar, "8080")
    }

    func testReducedCopiesFindTheirKeys() throws {
        let node = try root("aXbcd: 1\ndrop: {p: q}\naYbcd: 2\n")
        let doc = node.document
        let drop = try XCTUnwrap(node.keyNode("drop"))
        var scratch = SubtreeScratch()
        let copy = doc.subtree(at: doc.rootID, omitting: [MappingPair(mapping: doc.rootID, key: drop.id)], scratch: &scratch)
        XCTAssertEqual(copy.root["aYbcd"]?.scalar, "2")
        XCTAssertEqual(copy.root["aXbcd"]?.scalar, "1")
        XCTAssertNil(copy.root["drop"])
    }

    /// The inline comparison (words, then the last word overlapping) agrees with a byte-by-byte
    /// one for every length up to three words and a difference at every position.
    func testInlineByteComparisonMatchesByteByByte() {
        for count in 0 ... 24 {
            let a = (0 ..< count).map { UInt8(truncatingIfNeeded: 0x41 + $0) }
            a.withUnsafeBufferPointer { pa in
                XCTAssertTrue(count == 0 || sameBytes(pa.baseAddress!, pa.baseAddress!, count))
                for i in 0 ..< count {
                    var b = a
                    b[i] ^= 0x20
                    b.withUnsafeBufferPointer { pb in
                        XCTAssertFalse(sameBytes(pa.baseAddress!, pb.baseAddress!, count), "length \(count), byte \(i)")
                    }
                }
            }
        }
    }

    /// The inline copy (overlapping words) writes exactly `count` bytes, for every length.
    func testInlineByteCopyWritesExactlyTheBytes() {
        for count in 0 ... 40 {
            let source = (0 ..< count).map { UInt8(truncatingIfNeeded: 0x30 + $0) }
            var destination = [UInt8](repeating: 0xEE, count: count + 2)
            source.withUnsafeBufferPointer { s in
                destination.withUnsafeMutableBufferPointer { d in
                    copyBytes(to: d.baseAddress! + 1, from: s.baseAddress ?? UnsafePointer(d.baseAddress!), count: count)
                }
            }
            XCTAssertEqual(Array(destination[1 ..< count + 1]), source, "length \(count)")
            XCTAssertEqual([destination.first!, destination.last!], [0xEE, 0xEE], "length \(count) wrote outside")
        }
    }
}
