import KubeFormats
import Models
import YAMLTree

/// The keys of a Secret's `data` (base64) and `stringData` (plain text), with their nodes.
struct SecretEntry {
    enum Source: String { case data, stringData }

    var source: Source
    var key: String
    var keyNode: YAMLNode
    var valueNode: YAMLNode

    /// The value as the API server stores it: decoded for `data` (nil if not valid base64),
    /// as written for `stringData`.
    var decoded: [UInt8]? {
        guard let text = valueNode.scalar else { return nil }
        switch source {
        case .stringData: return Array(text.utf8)
        // Go's JSON decoder for []byte skips line breaks, so block scalars are accepted.
        case .data: return try? Base64.decode(text, allowLineBreaks: true).get()
        }
    }

    var decodedText: String? { decoded.map { String(decoding: $0, as: UTF8.self) } }
}

extension Resource {
    var isSecret: Bool { kind == "Secret" && apiVersion == "v1" }

    /// A SOPS-encrypted manifest carries a top-level `sops:` block; its values are ciphertext.
    var isSOPSEncrypted: Bool { node["sops"]?.isMapping ?? false }

    var secretEntries: [SecretEntry] {
        var result: [SecretEntry] = []
        for source in [SecretEntry.Source.data, .stringData] {
            guard let map = node[source.rawValue], map.isMapping else { continue }
            for (k, v) in map.pairs where k.isScalar {
                result.append(SecretEntry(source: source, key: k.scalar ?? "", keyNode: k, valueNode: v))
            }
        }
        return result
    }

    var secretType: String { node["type"]?.scalar ?? "Opaque" }
}

/// Column of a character inside a plain single-line scalar, so findings can point into it.
/// Quoted scalars may contain escapes, so their findings stay at the scalar's start.
func position(of offset: Int?, in node: YAMLNode) -> SourcePosition {
    guard let offset, node.style == .plain, let text = node.scalar, !text.contains("\n") else { return node.position }
    return SourcePosition(line: node.position.line, column: node.position.column + offset)
}
