import Rules

/// Text and JSON forms of `palisade secrets`. Keys are listed, values never.
public enum SecretInventoryReport {
    public static func text(_ inventory: SecretInventory) -> String {
        var out = ""
        for e in inventory.entries {
            let place = e.file.map { "\($0):\(e.line ?? 1)" } ?? "not defined in the repository"
            out += "Secret \(e.namespace)/\(e.name)  type \(e.type)  (\(place))\n"
            if !e.keys.isEmpty { out += "  keys: \(e.keys.joined(separator: ", "))\n" }
            if e.consumers.isEmpty { out += "  consumers: none\n" }
            for c in e.consumers {
                out += "  consumer: \(c.resource)\(c.container.map { " container \($0)" } ?? "") via \(c.how) (\(c.file):\(c.line))\n"
            }
            let granted = e.readers.filter { !$0.builtIn }
            if granted.isEmpty { out += "  readable by: no subject in the repository's RBAC/ABAC\n" }
            for r in granted {
                out += "  readable by: \(r.subject) [\(r.verbs.joined(separator: ","))]\n"
                for chain in r.evidence.prefix(3) { out += "      \(chain)\n" }
                if r.evidence.count > 3 { out += "      … and \(r.evidence.count - 3) more grants\n" }
            }
            let builtIn = e.readers.filter(\.builtIn).map(\.subject)
            if !builtIn.isEmpty { out += "  also readable through built-in bindings by: \(builtIn.joined(separator: ", "))\n" }
            out += "\n"
        }
        let undefined = inventory.entries.filter(\.undefined).count
        out += "\(inventory.entries.count - undefined) Secrets defined, \(undefined) referenced but not defined\n"
        return out
    }

    public static func json(_ inventory: SecretInventory) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.value("version", 1)
        w.beginArray("secrets")
        for e in inventory.entries {
            w.beginObject()
            w.value("namespace", e.namespace)
            w.value("name", e.name)
            w.value("type", e.type)
            w.value("defined", !e.undefined)
            w.value("file", e.file)
            if let line = e.line { w.value("line", line) } else { w.raw("line", "null") }
            w.beginArray("keys")
            for k in e.keys { w.value(nil, k) }
            w.endArray()
            w.beginArray("consumers")
            for c in e.consumers {
                w.beginObject()
                w.value("resource", c.resource.description)
                w.value("container", c.container)
                w.value("how", c.how)
                w.value("file", c.file)
                w.value("line", c.line)
                w.endObject()
            }
            w.endArray()
            w.beginArray("readers")
            for r in e.readers {
                w.beginObject()
                w.value("subject", r.subject)
                w.value("builtIn", r.builtIn)
                w.beginArray("verbs")
                for v in r.verbs { w.value(nil, v) }
                w.endArray()
                w.beginArray("evidence")
                for chain in r.evidence { w.value(nil, chain) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}
