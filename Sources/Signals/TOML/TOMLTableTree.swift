/// The tables of a TOML document while it is read, with TOML 1.0's rules on defining them:
///
/// - a `[table]` header defines its table once; tables it creates on the way (`a` for `[a.b]`)
///   may be defined later by their own header;
/// - dotted keys (`a.b = 1`) define `a` too, once their section ends: no later header or
///   section may add to it with dotted keys, but `[a.c]` may still add a sub-table;
/// - inline tables and arrays are values, complete when written: nothing can extend them;
/// - `[[a]]` appends a table to an array of tables; `[a.b]` after it goes into the last one.
///
/// Tables live in an array and refer to each other by index, so the document is built without
/// copying nested values; `table(_:)` converts a table to `ConfigTable` in file order.
struct TOMLTableTree {
    enum Child {
        case table(Int)
        case tables([Int])
        case value(ConfigValue)
    }

    enum Definition {
        case header
        case dottedKeys
    }

    struct Node {
        var depth: Int
        var order: [String] = []
        var children: [String: Child] = [:]
        var definedBy: Definition?
    }

    /// The error messages name keys; this is how a failed operation reports one.
    struct Failure: Error {
        var message: String
    }

    static let root = 0
    private(set) var nodes: [Node]
    /// Tables made by dotted keys in the current section; defined when the section ends.
    private var pending: [Int] = []
    let maxDepth: Int

    /// - Parameter baseDepth: how deep the root already is (for inline tables inside values).
    init(baseDepth: Int = 0, maxDepth: Int) {
        nodes = [Node(depth: baseDepth)]
        self.maxDepth = maxDepth
    }

    func depth(of table: Int) -> Int { nodes[table].depth }

    /// Ends the current section: tables its dotted keys made are now defined.
    mutating func finishSection() {
        for i in pending { nodes[i].definedBy = nodes[i].definedBy ?? .dottedKeys }
        pending.removeAll()
    }

    /// `[path]`: the table the header defines.
    mutating func defineTable(_ path: [String]) throws(Failure) -> Int {
        finishSection()
        let parent = try walkHeader(path.dropLast(), full: path)
        let key = path[path.count - 1]
        switch nodes[parent].children[key] {
        case nil:
            let node = try addTable(key, in: parent, path: path)
            nodes[node].definedBy = .header
            return node
        case .table(let node)?:
            switch nodes[node].definedBy {
            case .header?: throw Failure(message: "table [\(Self.show(path))] is defined twice")
            case .dottedKeys?: throw Failure(message: "table [\(Self.show(path))] was already defined with dotted keys")
            case nil:
                nodes[node].definedBy = .header
                return node
            }
        case .tables?:
            throw Failure(message: "\(Self.show(path)) is an array of tables; add an element with [[\(Self.show(path))]]")
        case .value(let v)?:
            throw Failure(message: Self.notATable(path, v))
        }
    }

    /// `[[path]]`: a new table appended to the array of tables.
    mutating func appendTable(_ path: [String]) throws(Failure) -> Int {
        finishSection()
        let parent = try walkHeader(path.dropLast(), full: path)
        let key = path[path.count - 1]
        let node = try newNode(in: parent, path: path)
        switch nodes[parent].children[key] {
        case nil:
            nodes[parent].order.append(key)
            nodes[parent].children[key] = .tables([node])
        case .tables(var list)?:
            nodes[parent].children[key] = nil  // keep the array uniquely referenced while appending
            list.append(node)
            nodes[parent].children[key] = .tables(list)
        case .table?:
            throw Failure(message: "\(Self.show(path)) is a table, so [[\(Self.show(path))]] cannot make it an array of tables")
        case .value(let v)?:
            if case .array = v {
                throw Failure(message: "\(Self.show(path)) is an array value, which [[\(Self.show(path))]] cannot extend")
            }
            throw Failure(message: Self.notATable(path, v))
        }
        nodes[node].definedBy = .header
        return node
    }

    /// `key = value` inside `table` (a header's table or an inline table's root).
    mutating func setValue(_ value: ConfigValue, at key: [String], in table: Int) throws(Failure) {
        var current = table
        for (i, part) in key.dropLast().enumerated() {
            let path = key.prefix(i + 1)
            switch nodes[current].children[part] {
            case nil:
                current = try addTable(part, in: current, path: Array(path))
                pending.append(current)
            case .table(let node)?:
                switch nodes[node].definedBy {
                case .header?:
                    throw Failure(message: "cannot add to table \(Self.show(path)) with dotted keys: it has its own [header]")
                case .dottedKeys?:
                    throw Failure(message: "cannot add to table \(Self.show(path)) with dotted keys outside the section that defined it")
                case nil:
                    current = node
                    pending.append(node)
                }
            case .tables?:
                throw Failure(message: "\(Self.show(path)) is an array of tables; dotted keys cannot add to it")
            case .value(let v)?:
                throw Failure(message: Self.notATable(Array(path), v))
            }
        }
        let last = key[key.count - 1]
        guard nodes[current].children[last] == nil else {
            throw Failure(message: "key \(Self.show(key)) is defined twice")
        }
        nodes[current].order.append(last)
        nodes[current].children[last] = .value(value)
    }

    /// Walks a header's leading keys, creating missing tables and entering the last element of
    /// arrays of tables.
    private mutating func walkHeader(_ keys: ArraySlice<String>, full: [String]) throws(Failure) -> Int {
        var current = Self.root
        for (i, part) in keys.enumerated() {
            let path = Array(full.prefix(i + 1))
            switch nodes[current].children[part] {
            case nil: current = try addTable(part, in: current, path: path)
            case .table(let node)?: current = node
            case .tables(let list)?: current = list[list.count - 1]
            case .value(let v)?: throw Failure(message: Self.notATable(path, v))
            }
        }
        return current
    }

    private mutating func newNode(in parent: Int, path: [String]) throws(Failure) -> Int {
        let depth = nodes[parent].depth + 1
        guard depth <= maxDepth else {
            throw Failure(message: "tables are nested more than \(maxDepth) levels deep")
        }
        nodes.append(Node(depth: depth))
        return nodes.count - 1
    }

    private mutating func addTable(_ key: String, in parent: Int, path: [String]) throws(Failure) -> Int {
        let node = try newNode(in: parent, path: path)
        nodes[parent].order.append(key)
        nodes[parent].children[key] = .table(node)
        return node
    }

    private static func notATable(_ path: [String], _ value: ConfigValue) -> String {
        if case .table = value {
            return "\(show(path)) is an inline table, which cannot be extended after it is written"
        }
        return "\(show(path)) is already \(value.typeName), so it cannot also be a table"
    }

    /// A dotted key as written in a file, quoting parts that are not bare; at most 200 characters.
    static func show<C: Collection>(_ path: C) -> String where C.Element == String {
        let text = path.map { part in
            !part.isEmpty && part.utf8.allSatisfy(TOMLScanner.isBareKeyByte) ? part : "\"" + part.debugQuoted + "\""
        }.joined(separator: ".")
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// The table at `index` with its keys in file order.
    func table(_ index: Int) -> ConfigTable {
        var out = ConfigTable()
        let node = nodes[index]
        out.entries.reserveCapacity(node.order.count)
        for key in node.order {
            guard let child = node.children[key] else { continue }
            let value: ConfigValue
            switch child {
            case .table(let i): value = .table(table(i))
            case .tables(let list): value = .array(list.map { .table(table($0)) })
            case .value(let v): value = v
            }
            out.entries.append(ConfigTable.Entry(key: key, value: value))
        }
        return out
    }
}

extension String {
    /// The string with `"`, `\` and control characters escaped as in a TOML basic string.
    fileprivate var debugQuoted: String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u" + String(TOMLScanner.codePoint(scalar.value).dropFirst(2))
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
