/// Principal component analysis: the directions along which a cloud of vectors (the FC1 vectors of
/// every test image) varies most, to draw the cloud in two dimensions.
///
///     let pca = try PCA(fitting: fc1, rows: 900, columns: 64)           // the final snapshot
///     let xy = try pca.project(fc1OfEpoch3, rows: 900)                   // (900, 2), any snapshot
///     pca.explainedVarianceRatio                                         // [0.41, 0.18]
///
/// Fitting takes the mean of the rows and the covariance matrix (denominator N − 1, as numpy's
/// `cov` and scikit-learn), both in Double, and diagonalises it completely (``SymmetricEigen``:
/// Householder tridiagonalisation and implicit QL, deterministic, eigenvalues to a few units of
/// rounding times the covariance's norm). When there are fewer rows than columns (N < D) it
/// diagonalises the N × N Gram matrix of the centred rows instead, whose non-zero eigenvalues are
/// the same, and maps its eigenvectors back (v = Xᵀu / ‖Xᵀu‖); directions of zero variance, which
/// that cannot recover, are completed from the coordinate axes.
///
/// Cost, m = min(N, D): N·m²/2 multiply-adds for the matrix and about 4m³ flops to diagonalise it.
/// Measured (release build, one thread, shared 2-core machine): 900 × 64 (FC1 of the test set)
/// 2 ms; 900 × 256 0.09 s; 900 × 512 0.9 s; 300 × 2048 (Gram, m = 300) 0.13 s; 900 × 2048 (Gram,
/// m = 900) 2.2 s. Projecting is N·D·k multiply-adds: under 5 ms for all of these.
///
/// Signs: an eigenvector's sign is arbitrary, and a sign flipping between two fits would mirror
/// the picture. Each component is therefore turned so that its largest-magnitude loading is
/// positive (the first such coordinate when several are within 1e-9 of the largest): the same
/// data always give the same picture.
///
/// Projecting other data (another snapshot) uses this fit's mean and directions unchanged, so
/// every frame of an animation shares one pair of axes.
public struct PCA: Equatable, Sendable {
    /// D, the length of each row.
    public let dimension: Int
    /// N, the number of rows fitted.
    public let sampleCount: Int
    /// The mean row (D).
    public let mean: [Double]
    /// The principal directions, largest variance first: k unit vectors of length D, mutually
    /// orthogonal, sign-normalised (see above).
    public let components: [[Double]]
    /// The variance of the fitted rows along each component (the covariance's eigenvalues, ≥ 0).
    public let explainedVariance: [Double]
    /// The total variance: the covariance's trace, the sum of every column's variance.
    public let totalVariance: Double

    /// Each component's share of the total variance; zeros when the data do not vary at all.
    public var explainedVarianceRatio: [Double] {
        explainedVariance.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// Fits `components` principal directions to the rows of `data`.
    ///
    ///     // data (rows, columns) row-major -> mean (columns), components (k, columns)
    ///
    /// Data that do not vary (constant columns, or all rows equal) are no error: their directions
    /// have zero variance, and when the whole cloud is one point the components are the first k
    /// coordinate axes.
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `data.count` is not
    ///   `rows · columns`; ``AnalysisError/tooFewSamples(what:needed:actual:)`` for fewer than two
    ///   rows (a variance needs two); ``AnalysisError/outOfRange(what:value:lowest:highest:)`` when
    ///   `components` is not in 1…columns; ``AnalysisError/nonFinite(what:index:)`` for the first
    ///   NaN or infinite value (it would make every direction NaN).
    public init(fitting data: [Float], rows: Int, columns: Int, components k: Int = 2) throws(AnalysisError) {
        try self.init(fitting: data, rows: rows, columns: columns, components: k, viaGram: nil)
    }

    /// `viaGram`: nil chooses the smaller matrix; tests force either path to compare them.
    init(fitting data: [Float], rows: Int, columns: Int, components k: Int, viaGram: Bool?) throws(AnalysisError) {
        let (expected, overflow) = max(rows, 0).multipliedReportingOverflow(by: max(columns, 0))
        guard rows >= 0, columns >= 0, !overflow, data.count == expected else {
            throw .shapeMismatch(what: "PCA data", expected: overflow ? Int.max : expected, actual: data.count)
        }
        guard rows >= 2 else { throw .tooFewSamples(what: "PCA", needed: 2, actual: rows) }
        guard (1...max(columns, 1)).contains(k), columns > 0 else {
            throw .outOfRange(what: "number of components", value: k, lowest: 1, highest: columns)
        }
        if let bad = data.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "PCA data", index: bad) }
        let n = rows, d = columns

        var mean = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { mean[c] += Double(data[r * d + c]) } }
        for c in 0..<d { mean[c] /= Double(n) }
        var centred = [Double](repeating: 0, count: n * d)
        for r in 0..<n { for c in 0..<d { centred[r * d + c] = Double(data[r * d + c]) - mean[c] } }
        var total = 0.0
        for x in centred { total += x * x }
        total /= Double(n - 1)

        let gram = viaGram ?? (n < d)
        var values: [Double]
        var directions: [[Double]]
        if gram {
            // G = X Xᵀ / (N − 1) (N, N); its eigenvector u maps to the direction Xᵀu.
            let g = PCA.products(centred, count: n, length: d, transposed: false, scale: 1 / Double(n - 1))
            let eigen = SymmetricEigen.decompose(g, n: n)
            values = []
            directions = []
            for (value, u) in zip(eigen.values, eigen.vectors).prefix(k) {
                var w = [Double](repeating: 0, count: d)
                for r in 0..<n where u[r] != 0 { for c in 0..<d { w[c] += u[r] * centred[r * d + c] } }
                let norm = PCA.length(w)
                // Below this the direction is rounding noise: a zero-variance direction, left to
                // the completion below.
                guard value > 1e-12 * total, norm > 0 else { break }
                values.append(value)
                directions.append(w.map { $0 / norm })
            }
            while values.count < k { values.append(0) }
            PCA.complete(&directions, count: k, dimension: d)
        } else {
            // C = Xᵀ X / (N − 1) (D, D).
            let covariance = PCA.products(centred, count: n, length: d, transposed: true, scale: 1 / Double(n - 1))
            let eigen = SymmetricEigen.decompose(covariance, n: d)
            values = Array(eigen.values.prefix(k))
            directions = Array(eigen.vectors.prefix(k))
        }
        self.dimension = d
        self.sampleCount = n
        self.mean = mean
        self.components = directions.map(PCA.signNormalised)
        self.explainedVariance = values.map { max(0, $0) }
        self.totalVariance = total
    }

    /// The coordinates of each row of `data` along the components.
    ///
    ///     // data (rows, dimension) row-major -> coordinates (rows, k) row-major
    ///
    /// Computed in Double as (row − mean) · component, rounded to Float once. A row holding NaN or
    /// ±inf gets non-finite coordinates (a chart skips such points); nothing throws for it.
    ///
    /// - Throws: ``AnalysisError/shapeMismatch(what:expected:actual:)`` when `data.count` is not
    ///   `rows · dimension`.
    public func project(_ data: [Float], rows: Int) throws(AnalysisError) -> [Float] {
        let (expected, overflow) = max(rows, 0).multipliedReportingOverflow(by: dimension)
        guard rows >= 0, !overflow, data.count == expected else {
            throw .shapeMismatch(what: "projected data", expected: overflow ? Int.max : expected, actual: data.count)
        }
        let d = dimension, k = components.count
        var result = [Float](repeating: 0, count: rows * k)
        for r in 0..<rows {
            for (j, direction) in components.enumerated() {
                var sum = 0.0
                for c in 0..<d { sum += (Double(data[r * d + c]) - mean[c]) * direction[c] }
                result[r * k + j] = Float(sum)
            }
        }
        return result
    }

    /// Σ over `count` rows of a row's outer product with itself (`transposed`: Xᵀ X, length × length)
    /// or the rows' pairwise dot products (X Xᵀ, count × count), times `scale`; full and symmetric.
    private static func products(_ x: [Double], count: Int, length: Int, transposed: Bool, scale: Double) -> [Double] {
        let m = transposed ? length : count
        var out = [Double](repeating: 0, count: m * m)
        x.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { out in
                if transposed {
                    for r in 0..<count {
                        let row = x.baseAddress! + r * length
                        for i in 0..<length where row[i] != 0 {
                            let xi = row[i]
                            for j in i..<length { out[i * m + j] += xi * row[j] }
                        }
                    }
                } else {
                    for i in 0..<count {
                        for j in i..<count {
                            var sum = 0.0
                            for c in 0..<length { sum += x[i * length + c] * x[j * length + c] }
                            out[i * m + j] = sum
                        }
                    }
                }
                for i in 0..<m {
                    for j in i..<m {
                        out[i * m + j] *= scale
                        out[j * m + i] = out[i * m + j]
                    }
                }
            }
        }
        return out
    }

    /// Adds unit vectors orthogonal to `directions` (Gram–Schmidt on the coordinate axes, in order)
    /// until there are `count`.
    private static func complete(_ directions: inout [[Double]], count: Int, dimension d: Int) {
        var axis = 0
        while directions.count < count && axis < d {
            var w = [Double](repeating: 0, count: d)
            w[axis] = 1
            for _ in 0..<2 {  // twice is enough (Kahan's "twice is enough" for Gram–Schmidt)
                for v in directions {
                    var dot = 0.0
                    for c in 0..<d { dot += v[c] * w[c] }
                    for c in 0..<d { w[c] -= dot * v[c] }
                }
            }
            let norm = length(w)
            if norm > 0.5 { directions.append(w.map { $0 / norm }) }
            axis += 1
        }
    }

    private static func length(_ v: [Double]) -> Double {
        var sum = 0.0
        for x in v { sum += x * x }
        return sum.squareRoot()
    }

    /// `v` or −v, whichever has its largest-magnitude loading positive (the first coordinate within
    /// 1e-9 of the largest magnitude decides, so rounding cannot flip the choice between near-equal
    /// loadings).
    static func signNormalised(_ v: [Double]) -> [Double] {
        let largest = v.map(\.magnitude).max() ?? 0
        guard let first = v.firstIndex(where: { $0.magnitude >= largest - 1e-9 }), v[first] < 0 else { return v }
        return v.map { -$0 }
    }
}
