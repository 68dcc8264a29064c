/// Just enough of HTML to test the page without a parser: the tags in order with their names and
/// attributes (values double-quoted, as the page writes them).
struct PageScan {
    struct Tag: Equatable {
        var name: String
        var isClosing: Bool
        var attributes: [String: String]
    }

    let tags: [Tag]

    init(_ html: String) {
        var tags: [Tag] = []
        let scalars = Array(html.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<", i + 1 < scalars.count else { i += 1; continue }
            var j = i + 1
            let isClosing = scalars[j] == "/"
            if isClosing { j += 1 }
            var name = ""
            while j < scalars.count, scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) || scalars[j] == "!" {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            guard !name.isEmpty else { i += 1; continue }
            var attributes: [String: String] = [:]
            while j < scalars.count, scalars[j] != ">" {
                if scalars[j] == " " { j += 1; continue }
                var key = ""
                while j < scalars.count, !["=", " ", ">"].contains(scalars[j]) {
                    key.unicodeScalars.append(scalars[j])
                    j += 1
                }
                var value = ""
                if j < scalars.count, scalars[j] == "=", j + 1 < scalars.count, scalars[j + 1] == "\"" {
                    j += 2
                    while j < scalars.count, scalars[j] != "\"" {
                        value.unicodeScalars.append(scalars[j])
                        j += 1
                    }
                    j += 1
                }
                if !key.isEmpty { attributes[key.lowercased()] = value }
            }
            tags.append(Tag(name: name.lowercased(), isClosing: isClosing, attributes: attributes))
            i = j + 1
        }
        self.tags = tags
    }

    func opening(_ name: String) -> [Tag] { tags.filter { $0.name == name && !$0.isClosing } }

    /// 1 for h1, 2 for h2 …, in document order.
    var headingLevels: [Int] {
        tags.filter { !$0.isClosing && $0.name.count == 2 && $0.name.hasPrefix("h") }.compactMap { Int($0.name.dropFirst()) }
    }
}
