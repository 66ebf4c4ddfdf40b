/// Reads `Rooms/*.toml`, one standing room per file, into validated `Room`s; a broken file stops start-up with the
/// file, the line and the key named (`Rooms/city.toml:4: number: "80a0" is not a dial number; ...`).
import Conference
import Foundation
import TOMLKit

public enum RoomFiles {
    /// Keys a room file may hold; anything else is refused, so a misspelt key is never silently ignored.
    static let roomKeys = ["name", "title", "number", "pin", "moderator_pin", "access", "srtp", "max_participants",
                           "speakers", "sites"]
    static let siteKeys = ["name", "title", "uri"]

    /// Every `*.toml` in `directory`, in name order, as one directory of rooms. A missing directory is no rooms.
    public static func load(directory: String) throws(ConfigurationError) -> [Room] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            if !FileManager.default.fileExists(atPath: directory) { return [] }
            throw ConfigurationError(origin: .file(path: directory, line: nil), key: "",
                                     problem: "cannot list the rooms directory: \(error.localizedDescription)")
        }
        var rooms: [Room] = []
        var files: [String: String] = [:]
        var directoryCheck = RoomDirectory()
        for name in names.sorted() where name.hasSuffix(".toml") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let text = try read(path)
            let room = try parse(text, path: path)
            do {
                try directoryCheck.add(room)
            } catch {
                // Blame the key that collides (the number, or else the name) at its line, and name the other file.
                let key = directoryCheck.room(forUser: room.number) != nil ? "number" : "name"
                let other = files[error.existingRoom].map { "; room \"\(error.existingRoom)\" is in \($0)" } ?? ""
                throw ConfigurationError(origin: .file(path: path, line: RoomFileLocator(text: text).line(of: key)),
                                         key: key, problem: error.message + other)
            }
            files[room.name] = path
            rooms.append(room)
        }
        return rooms
    }

    /// One room file.
    public static func load(file path: String) throws(ConfigurationError) -> Room {
        try parse(read(path), path: path)
    }

    private static func read(_ path: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "cannot be read as UTF-8 text")
        }
        return text
    }

    /// Parses the text of a room file named `path` (for messages).
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> Room {
        let locator = RoomFileLocator(text: text)
        func fail(_ key: String, _ problem: String) -> ConfigurationError {
            ConfigurationError(origin: .file(path: path, line: locator.line(of: key)), key: key, problem: problem)
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(origin: .file(path: path, line: error.source.begin.line), key: "",
                                     problem: "not valid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "not valid TOML: \(error)")
        }
        for (key, _) in root where !roomKeys.contains(key) {
            throw fail(key, "unknown key; a room file takes " + roomKeys.joined(separator: ", "))
        }
        func string(_ key: String, in table: TOMLTable, prefix: String = "", allowInteger: Bool = false)
            throws(ConfigurationError) -> String? {
            guard table.contains(key: key) else { return nil }
            let value = table[key]!
            if let text = value.string { return text }
            if allowInteger, let number = value.int { return String(number) }
            throw fail(prefix + key, "expected a quoted string, got \(TOMLConfigurationDocument.render(value))")
        }
        func integer(_ key: String) throws(ConfigurationError) -> Int? {
            guard root.contains(key: key) else { return nil }
            guard let number = root[key]!.int else {
                throw fail(key, "expected an integer, got \(TOMLConfigurationDocument.render(root[key]!))")
            }
            return number
        }
        guard let name = try string("name", in: root) else {
            throw fail("name", "missing; every room file needs name = \"...\" (lowercase letters, digits, - or _)")
        }
        guard let number = try string("number", in: root, allowInteger: true) else {
            throw fail("number", "missing; give the room a dial number such as number = \"8000\"")
        }
        var sites: [RoomSite] = []
        if root.contains(key: "sites") {
            guard let array = root["sites"]!.array else {
                throw fail("sites", "expected [[sites]] tables, each with name, title and uri")
            }
            for (index, element) in array.enumerated() {
                let prefix = "sites[\(index)]."
                guard let table = element.table else { throw fail("sites[\(index)]", "expected a [[sites]] table") }
                for (key, _) in table where !siteKeys.contains(key) {
                    throw fail(prefix + key, "unknown key; a site takes name, title and uri")
                }
                sites.append(RoomSite(name: try string("name", in: table, prefix: prefix) ?? "",
                                      title: try string("title", in: table, prefix: prefix),
                                      uri: try string("uri", in: table, prefix: prefix) ?? ""))
            }
        }
        do {
            return try Room.validated(
                name: name, title: try string("title", in: root), number: number,
                pin: try string("pin", in: root), moderatorPin: try string("moderator_pin", in: root),
                access: try string("access", in: root), srtp: try string("srtp", in: root),
                maxParticipants: try integer("max_participants"), speakers: try integer("speakers"), sites: sites)
        } catch let error as RoomDefinitionError {
            throw fail(error.key, error.message)
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError(origin: .file(path: path, line: nil), key: "", problem: "\(error)")
        }
    }
}

/// Finds the line of a room file's key: a top-level key, or `sites[i].key` inside the i-th `[[sites]]` table.
struct RoomFileLocator {
    private let lines: [String]

    init(text: String) {
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
    }

    func line(of key: String) -> Int? {
        var site: Int?
        var name = key
        if key.hasPrefix("sites["), let close = key.firstIndex(of: "]") {
            site = Int(key[key.index(key.startIndex, offsetBy: 6)..<close])
            name = key[key.index(after: close)...].hasPrefix(".") ? String(key[key.index(close, offsetBy: 2)...]) : ""
        }
        // A table header such as `[[site]]` (for `[[sites]]`) is where an unknown top-level key stands.
        if site == nil, let index = lines.firstIndex(where: { Self.tableName(of: $0) == name }) { return index + 1 }
        var sitesSeen = -1
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[[sites]]") {
                sitesSeen += 1
                if site == sitesSeen, name.isEmpty { return index + 1 }
                continue
            }
            if site == nil, sitesSeen >= 0 { break }
            guard site == nil || site == sitesSeen else { continue }
            let assigned = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
            if assigned == name { return index + 1 }
        }
        return nil
    }

    /// `sites` for a line `[[sites]]` or `[sites]` (comment aside), nil for any other line.
    private static func tableName(of line: String) -> String? {
        let header = line.prefix { $0 != "#" }.trimmingCharacters(in: .whitespaces)
        guard header.hasPrefix("["), header.hasSuffix("]") else { return nil }
        return header.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).trimmingCharacters(in: .whitespaces)
    }
}
