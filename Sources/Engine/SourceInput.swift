import Foundation

/// A file (or standard input) to check, named as the user will see it.
public struct SourceInput: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        case file(String)
        case bytes([UInt8])
        /// Something named or found that cannot be read (an unlistable directory, standard
        /// input over the size limit): reading it gives this error, reported like any
        /// unreadable file.
        case unreadable(InputError)
    }

    public var name: String
    public var origin: Origin

    public init(name: String, path: String) {
        self.name = name
        origin = .file(path)
    }

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        origin = .bytes(bytes)
    }

    public init(name: String, unreadable error: InputError) {
        self.name = name
        origin = .unreadable(error)
    }

    /// Reads standard input (or `descriptor`), stopping as soon as more than `maxBytes` have
    /// arrived: a huge stream is refused after `maxBytes + 1` bytes, not read whole first.
    /// Over the limit, or on a read error, the input is unreadable and reported like a file.
    public static func standardInput(name: String, maxBytes: Int, descriptor: Int32 = STDIN_FILENO) -> SourceInput {
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > maxBytes {
            // Redirected from a file: its size is known without reading it.
            return SourceInput(name: name, unreadable: .overLimit(size: Int(info.st_size), maxBytes: maxBytes))
        }
        let limit = maxBytes == Int.max ? Int.max : maxBytes + 1
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let n = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, wanted) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return SourceInput(name: name, unreadable: InputError(message: "read failed: \(String(cString: strerror(errno)))"))
            }
            bytes.append(contentsOf: chunk[0 ..< n])
        }
        if bytes.count > maxBytes {
            return SourceInput(name: name, unreadable: .overLimit(size: bytes.count, maxBytes: maxBytes, atLeast: true))
        }
        return SourceInput(name: name, bytes: bytes)
    }

    /// The file's canonical path (symlinks resolved), nil for standard input.
    public var realPath: String? {
        guard case .file(let path) = origin else { return nil }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Reads the input; errors are returned as text for a finding, never thrown past here.
    public func read(maxBytes: Int) -> Result<[UInt8], InputError> {
        switch origin {
        case .bytes(let bytes):
            return .success(bytes)
        case .unreadable(let error):
            return .failure(error)
        case .file(let path):
            // `stat` follows a symbolic link: a link to a manifest is read as the manifest.
            var info = stat()
            guard stat(path, &info) == 0 else {
                if isSymbolicLink(path) {
                    return .failure(InputError(message: "symbolic link cannot be resolved (dangling, or a loop)"))
                }
                return .failure(InputError(message: errno == ENOENT ? "no such file" : "cannot look it up: \(String(cString: strerror(errno)))"))
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: return .failure(InputError(message: "is a directory, not a file"))
            case S_IFIFO: return .failure(InputError(message: "not a regular file (a FIFO); skipped"))
            case S_IFSOCK: return .failure(InputError(message: "not a regular file (a socket); skipped"))
            default: return .failure(InputError(message: "not a regular file (a device); skipped"))
            }
            if Int(info.st_size) > maxBytes {
                return .failure(.overLimit(size: Int(info.st_size), maxBytes: maxBytes))
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                return .failure(InputError(message: "cannot open file (permission denied?)"))
            }
            defer { try? handle.close() }
            do {
                let data = try handle.readToEnd() ?? Data()
                return .success([UInt8](data))
            } catch {
                return .failure(InputError(message: "read failed: \(error.localizedDescription)"))
            }
        }
    }
}

public struct InputError: Error, Sendable, Hashable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    /// A file over `--max-file-size`; `atLeast` when only a prefix was read (standard input).
    static func overLimit(size: Int, maxBytes: Int, atLeast: Bool = false) -> InputError {
        InputError(message: "file is \(atLeast ? "at least " : "")\(size) bytes, over the limit of \(maxBytes) bytes; not parsed")
    }
}

/// Expands command-line paths into the files to check, in a stable order.
public enum InputDiscovery {
    public static let manifestExtensions: Set<String> = ["yaml", "yml", "json", "jsonl"]

    /// Each file is listed once, however often and however it is spelled (`a.yaml`,
    /// `./a.yaml`, `net/../a.yaml`, an absolute path, a symlink to it): the first spelling names it.
    ///
    /// - Throws: `InputError` for a named path that does not exist (a usage error).
    public static func inputs(for paths: [String], extraExtensions: Set<String> = []) throws(InputError) -> [SourceInput] {
        var result: [SourceInput] = []
        var seen: Set<Identity> = []
        let extensions = manifestExtensions.union(extraExtensions)
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = errno
                // A symlink loop or dangling link is there but unreadable: a finding, not a usage error.
                if isSymbolicLink(path) {
                    if seen.insert(.name(displayName(path))).inserted {
                        result.append(SourceInput(name: displayName(path), path: path))
                    }
                    continue
                }
                // So is a path in a folder that may not be searched (permissions): it may well exist.
                if reason != ENOENT && reason != ENOTDIR {
                    if seen.insert(.name(displayName(path))).inserted {
                        result.append(SourceInput(name: displayName(path), unreadable: InputError(
                            message: "cannot be looked up: \(String(cString: strerror(reason)))")))
                    }
                    continue
                }
                throw InputError(message: "\(path): no such file or directory")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                // A file met both as itself and through symbolic links is named as itself,
                // whatever sorts first: findings and baselines keep the file's own name, and
                // excluding a link does not drop the file. Links claim what is left, in order.
                // Links met in a walk are followed only to files and directories inside its
                // boundary (the git repository the directory is in, else the directory): a
                // repository must not make palisade read the machine's other files. A link named
                // on the command line is followed anywhere: the user asked for it.
                let entries = scan(path, extensions: extensions, boundary: linkBoundary(of: path))
                let links = Set(entries.indices.filter { entries[$0].isLink })
                var kept = Set<Int>()
                for i in entries.indices where !links.contains(i) && seen.insert(entries[i].identity).inserted { kept.insert(i) }
                for i in entries.indices where links.contains(i) && seen.insert(entries[i].identity).inserted { kept.insert(i) }
                for (i, entry) in entries.enumerated() where kept.contains(i) {
                    if let error = entry.error {
                        result.append(SourceInput(name: displayName(entry.path), unreadable: error))
                    } else {
                        result.append(SourceInput(name: displayName(entry.path), path: entry.path))
                    }
                }
            } else if seen.insert(Identity(info)).inserted {
                // A file named explicitly is checked whatever its extension. A symbolic link to
                // a file is that file (read through the link), under the first name met.
                result.append(SourceInput(name: displayName(path), path: path))
            }
        }
        return result
    }

    /// What makes two paths the same file: its device and inode, from the `stat` a walk makes
    /// anyway (resolving every path would cost a system call per path component); by name
    /// where there is nothing to stat.
    enum Identity: Hashable {
        case file(device: UInt64, inode: UInt64)
        case name(String)

        init(_ info: stat) {
            self = .file(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }

    /// One thing a walk found: a file to read, or a directory it could not read.
    struct Entry {
        var path: String
        var identity: Identity
        /// Set for what cannot be read: a directory whose entries cannot be listed or looked
        /// at, a link out of the walk's boundary, a name that is not UTF-8.
        var error: InputError?
        /// A symbolic link to a file inside the boundary (its target may be met as itself).
        var isLink = false
    }

    /// `./a/b.yaml` and `a/b.yaml` are the same file: name it one way, so fingerprints and
    /// baselines do not depend on how the path was typed.
    static func displayName(_ path: String) -> String {
        var name = Substring(path)
        while name.hasPrefix("./") { name = name.dropFirst(2) }
        while name.contains("//") { name = Substring(name.replacingOccurrences(of: "//", with: "/")) }
        return name.isEmpty ? path : String(name)
    }

    /// Files under a directory, sorted; hidden entries skipped; symlinked directories
    /// followed once (a loop cannot recur because real paths are remembered).
    static func walk(_ root: String, extensions: Set<String>) -> [String] {
        scan(root, extensions: extensions, boundary: linkBoundary(of: root)).filter { $0.error == nil }.map(\.path)
    }

    /// Where links met in a walk of `dir` may lead: the root of the git repository `dir` is
    /// in (real path), else `dir` itself.
    static func linkBoundary(of dir: String) -> String {
        let real = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
        var candidate = real
        while true {
            if FileManager.default.fileExists(atPath: candidate + "/.git") { return candidate }
            let parent = LexicalPath.directory(of: candidate)
            if parent.isEmpty || parent == candidate { return real }
            candidate = parent
        }
    }

    /// Whether `path`, with every link resolved, is `boundary` or inside it.
    static func isInside(_ path: String, _ boundary: String) -> Bool {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        return real == boundary || LexicalPath.relative(real, to: boundary) != nil
    }

    /// `walk`, plus the directories that could not be read, sorted among the files: a directory
    /// the walk cannot list (permissions) is reported, not silently left out of the run.
    static func scan(_ root: String, extensions: Set<String>, boundary: String) -> [Entry] {
        var found: [Entry] = []
        var visited: Set<String> = []
        var stack: [String] = [root]
        let fm = FileManager.default
        while let dir = stack.popLast() {
            let real = (try? fm.destinationOfSymbolicLink(atPath: dir)).map { _ in
                URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
            } ?? URL(fileURLWithPath: dir).standardizedFileURL.resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { continue }
            let entries: [String]
            switch list(dir) {
            case .success(let names): entries = names
            case .failure(let error):
                found.append(Entry(path: dir, identity: .name(real), error: error))
                continue
            }
            var subdirectories: [String] = []
            var blocked: Int32?
            for var entry in entries.sorted() where !entry.hasPrefix(".") {
                let invalidName = entry.hasPrefix(invalidNamePrefix)
                if invalidName {
                    entry.removeFirst(invalidNamePrefix.count)
                    if entry.hasPrefix(".") { continue }
                }
                let path = dir == "." ? entry : (dir.hasSuffix("/") ? dir + entry : dir + "/" + entry)
                let manifestNamed = extensions.contains(fileExtension(of: entry))
                if invalidName {
                    if manifestNamed {
                        found.append(Entry(path: path, identity: .name(path), error: InputError(
                            message: "file name is not valid UTF-8 (shown with U+FFFD); rename it to check it")))
                    }
                    continue
                }
                var info = stat()
                guard stat(path, &info) == 0 else {
                    let reason = errno
                    // A manifest-named symlink that cannot be resolved (dangling, or a loop) is listed so
                    // that reading it reports a finding instead of the file silently dropping out of the run.
                    if isSymbolicLink(path) {
                        if manifestNamed { found.append(Entry(path: path, identity: .name(displayName(path)))) }
                    } else if reason != ENOENT {
                        // Listed but not searchable (read without execute permission): nothing in it can be told apart.
                        blocked = reason
                    }
                    continue
                }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                guard isDirectory || manifestNamed else { continue }
                let isLink = isSymbolicLink(path)
                if isLink, !isInside(path, boundary) {
                    found.append(Entry(path: path, identity: .name(displayName(path)), error: InputError(
                        message: "symbolic link to a \(isDirectory ? "directory" : "file") outside \(boundary); not followed")))
                } else if isDirectory {
                    subdirectories.append(path)
                } else {
                    found.append(Entry(path: path, identity: Identity(info), isLink: isLink))
                }
            }
            if let blocked {
                found.append(Entry(path: dir, identity: .name(real),
                                   error: InputError(message: "directory entries cannot be read: \(String(cString: strerror(blocked)))")))
            }
            stack.append(contentsOf: subdirectories.reversed())
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The names in a directory, or the system's reason it cannot be listed. A name that is not
    /// valid UTF-8 cannot be spelt as a path here (a String repairs it into another name): it
    /// comes back as `invalidNamePrefix` + the repaired name, to be reported, not skipped.
    static let invalidNamePrefix = "\u{0}invalid-utf8\u{0}"

    static func list(_ dir: String) -> Result<[String], InputError> {
        guard let handle = opendir(dir) else {
            return .failure(InputError(message: "directory cannot be listed: \(String(cString: strerror(errno)))"))
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            // In place: a directory record can be shorter than `d_name`'s declared 256 bytes,
            // so the field is never copied whole.
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { bytes -> String in
                    let raw = UnsafeBufferPointer(start: bytes, count: strlen(UnsafeRawPointer(bytes).assumingMemoryBound(to: CChar.self)))
                    let text = String(decoding: raw, as: UTF8.self)
                    return text.utf8.elementsEqual(raw) ? text : invalidNamePrefix + text
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return .success(names)
    }
}

/// The lowercased extension of a file name (`a.YAML` → `yaml`, `.yaml` and `a` → empty), as
/// bytes: bridging each name of a repository walk to NSString for `pathExtension` cost more
/// than checking a small change.
func fileExtension(of name: String) -> String {
    let utf8 = name.utf8
    guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex,
          !utf8[dot...].contains(UInt8(ascii: "/")) else { return "" }
    return String(decoding: utf8[utf8.index(after: dot)...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// `read(2)`, by a name the input's own `read(maxBytes:)` does not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Whether `path` itself (not what it points to) is a symbolic link.
func isSymbolicLink(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
}
