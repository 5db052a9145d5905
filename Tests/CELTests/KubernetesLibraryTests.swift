@testable import CEL
import XCTest

final class KubernetesLibraryTests: XCTestCase {
    func testQuantity() {
        assertTrue("quantity('200M').compareTo(quantity('0.2G')) == 0")
        assertTrue("quantity('1.5Gi').isGreaterThan(quantity('1Gi'))")
        assertTrue("quantity('100m').isLessThan(quantity('1'))")
        assertTrue("quantity('1Gi').add(quantity('512Mi')) == quantity('1536Mi')")
        assertTrue("quantity('1').add(2) == quantity('3')")
        assertTrue("quantity('5').sub(quantity('7')).sign() == -1")
        assertTrue("quantity('2k').asInteger() == 2000")
        assertTrue("quantity('1500m').asApproximateFloat() == 1.5")
        assertTrue("quantity('1500m').isInteger() == false && quantity('3').isInteger()")
        assertTrue("isQuantity('1.5Gi') && !isQuantity('200K') && !isQuantity('500mi')")
        assertTrue("string(quantity('1.5Gi')) == '1536Mi'")
        assertTrue("type(quantity('1')) == kubernetes.Quantity")
        assertError("quantity('200K')", containing: "suffix")
        assertError("quantity('1500m').asInteger()")
    }

    func testStringsExtension() {
        assertTrue("'hello'.charAt(1) == 'e' && 'héllo'.indexOf('l') == 2 && 'hello'.lastIndexOf('l') == 3")
        assertTrue("'TacoCat'.lowerAscii() == 'tacocat' && 'TacoCat'.upperAscii() == 'TACOCAT'")
        assertTrue("'a-b-c'.replace('-', '+') == 'a+b+c' && 'a-b-c'.replace('-', '+', 1) == 'a+b-c'")
        assertTrue("'a,b,c'.split(',') == ['a', 'b', 'c'] && 'a,b,c'.split(',', 2) == ['a', 'b,c']")
        assertTrue("'tacocat'.substring(4) == 'cat' && 'tacocat'.substring(0, 4) == 'taco'")
        assertTrue("'  x  '.trim() == 'x' && ['a', 'b'].join('-') == 'a-b' && ['a', 'b'].join() == 'ab'")
        assertTrue("'%s has %d items costing %.2f'.format(['cart', 3, 9.5]) == 'cart has 3 items costing 9.50'")
        assertTrue("strings.quote('a\"b') == '\"a\\\\\"b\"' && 'abc'.reverse() == 'cba'")
        assertError("'abc'.substring(5)", containing: "index out of range")
    }

    func testListsSetsAndMath() {
        assertTrue("[1, 2, 3].isSorted() && ![3, 1].isSorted() && [1, 2, 3].sum() == 6 && [1.5, 2.5].sum() == 4.0")
        assertTrue("[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3 && [1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2")
        assertTrue("[1, 2, 3, 4].slice(1, 3) == [2, 3] && [[1], [2, [3]]].flatten() == [1, 2, [3]]")
        assertTrue("[1, 2, 1, 3].distinct() == [1, 2, 3] && [3, 1, 2].sort() == [1, 2, 3] && lists.range(3) == [0, 1, 2]")
        assertTrue("['b', 'a'].sortBy(x, x) == ['a', 'b']")
        assertTrue("sets.contains([1, 2, 3], [1u, 2.0]) && sets.equivalent([1, 2], [2, 1, 1]) && sets.intersects([1], [1.0, 5])")
        assertTrue("math.greatest(1, 2.5, 2u) == 2.5 && math.least([3, -1]) == -1")
        assertError("[].min()", containing: "empty")
    }

    func testURL() {
        assertTrue("url('https://example.com:8443/a%20b?x=1&x=2&y=z').getScheme() == 'https'")
        assertTrue("url('https://example.com:8443/path').getHost() == 'example.com:8443'")
        assertTrue("url('https://example.com:8443/path').getHostname() == 'example.com'")
        assertTrue("url('https://example.com:8443/path').getPort() == '8443'")
        assertTrue("url('https://[::1]:80/').getHostname() == '::1' && url('https://[::1]:80/').getHost() == '[::1]:80'")
        assertTrue("url('https://e.com/a%20b').getEscapedPath() == '/a%20b'")
        assertTrue("url('https://e.com/?x=1&x=2&y=z').getQuery() == {'x': ['1', '2'], 'y': ['z']}")
        assertTrue("url('/absolute/path').getScheme() == '' && isURL('https://example.com') && !isURL('relative/path')")
        assertError("url('not a url')")
    }

    func testNetwork() {
        assertTrue("isIP('10.0.0.1') && !isIP('10.0.0.01') && cidr('10.0.0.0/8').containsIP('10.1.2.3')")
        assertTrue("ip('fe80::1').isLinkLocalUnicast() && ip('2001:db8::1').family() == 6")
        assertTrue("cidr('192.168.1.7/24').masked() == cidr('192.168.1.0/24') && cidr('10.0.0.0/8').prefixLength() == 8")
        assertTrue("!ip.isCanonical('2001:DB8::1') && ip.isCanonical('2001:db8::1')")
    }

    func testOptionalsAndTwoVariableMacros() {
        assertTrue("optional.of(1).hasValue() && !optional.none().hasValue() && optional.none().orValue(5) == 5")
        assertTrue("{'a': 1}.?b.orValue(0) == 0 && {'a': {'b': 2}}.?a.b.value() == 2")
        assertTrue("optional.ofNonZeroValue('').hasValue() == false && optional.none().or(optional.of(3)).value() == 3")
        assertTrue("[?optional.none(), ?optional.of(1)] == [1] && {?'k': optional.none()} == {}")
        assertTrue("[10, 20].all(i, v, v == (i + 1) * 10) && {'a': 1}.exists(k, v, k == 'a' && v == 1)")
        assertTrue("[1, 2, 3].existsOne(i, v, v == 2) && [1, 2].transformList(i, v, v * 2) == [2, 4]")
        assertTrue("{'a': 1, 'b': 2}.transformMap(k, v, v > 1, v * 10) == {'b': 20}")
        assertTrue("{'a': 1}.transformMapEntry(k, v, {v: k}) == {1: 'a'}")
    }
}
