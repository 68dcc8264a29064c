/// Which probes the figures show, in one place so every figure and its title agree.
enum FigureProbes {
    /// The probe the layer animations follow: the first of the middle class (viz's class 4, the
    /// square in the centre cell, whose square lies away from the image border, so what lights up
    /// in the maps is the square and not the zero padding's edge response); the first probe of all
    /// when that class has none; nil without probes.
    static func evolution(labels: [Int], classCount: Int) -> Int? {
        labels.firstIndex(of: classCount / 2) ?? (labels.isEmpty ? nil : 0)
    }

    /// The probe each per-class figure shows for class k: its first.
    static func first(ofClass k: Int, labels: [Int]) -> Int? {
        labels.firstIndex(of: k)
    }
}
