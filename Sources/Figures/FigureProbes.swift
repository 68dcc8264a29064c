/// Which probes the figures show, in one place so every figure and its title agree.
enum FigureProbes {
    /// The class whose first probe the feature-map animations follow: class 4, the square in the
    /// centre cell. Its square lies away from the image border, so what lights up in the maps is
    /// the square and not the zero padding's edge response, which every image shares.
    static let evolutionClass = 4

    /// The first probe of `evolutionClass`; the first probe of all when that class has none;
    /// nil without probes.
    static func evolution(labels: [Int]) -> Int? {
        labels.firstIndex(of: evolutionClass) ?? (labels.isEmpty ? nil : 0)
    }

    /// The probe each per-class figure shows for class k: its first.
    static func first(ofClass k: Int, labels: [Int]) -> Int? {
        labels.firstIndex(of: k)
    }
}
