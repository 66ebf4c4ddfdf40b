/// "Did you mean …?" for a misspelt configuration key.
enum ConfigurationKeySuggestion {
    /// The known key closest to `key`: within a few edits of the whole dotted path, or with the same last component
    /// in another table (`listen` at the top level → `sip.listen`). Nil when nothing is plausibly meant.
    static func nearest(to key: String, among known: [String]) -> String? {
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        let scored = known.map { candidate -> (String, Int) in
            let candidateLeaf = candidate.split(separator: ".").last.map(String.init) ?? candidate
            let distance = candidateLeaf == leaf ? 0 : editDistance(key, candidate)
            return (candidate, distance)
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let tolerance = max(2, key.count / 4)
        return best.1 <= tolerance ? best.0 : nil
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
