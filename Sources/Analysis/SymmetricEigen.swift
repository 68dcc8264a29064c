/// Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: what
/// ``PCA`` diagonalises its covariance (or Gram) matrix with.
///
/// Why Jacobi: it is short enough to check by eye, has no failure mode on symmetric input (every
/// rotation shrinks the off-diagonal mass; a zero matrix or repeated eigenvalues are no special
/// case), gives all eigenvectors orthonormal to rounding, and is exactly reproducible: the
/// rotations run in a fixed order (rows p = 0, 1, …, columns q > p), so the same matrix gives the
/// same bits on every machine.
///
/// Accuracy: sweeps stop when the off-diagonal Frobenius norm is at most `tolerance` (1e-14) times
/// the matrix's Frobenius norm, so every eigenvalue is within about 1e-14 · ‖A‖_F (plus rounding)
/// of the exact one, and an eigenvector within about that divided by its eigenvalue's gap to the
/// next. Jacobi converges quadratically: 6–10 sweeps for the matrices PCA meets.
///
/// Cost: one sweep is n(n−1)/2 rotations of 6n multiply-adds each, about 3n³: n = 64 takes well
/// under a millisecond, n = 512 about a second, n = 900 several seconds (see ``PCA``).
enum SymmetricEigen {
    static let tolerance = 1e-14
    static let maxSweeps = 60

    /// matrix (n,n) row-major, symmetric -> values (n), descending; vectors (n,n), row i the unit
    /// eigenvector of values[i]. Only the upper triangle of `matrix` is read. Equal eigenvalues keep
    /// the order of their diagonal positions (a stable sort).
    static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [[Double]]) {
        guard n > 0, matrix.count >= n * n else { return ([], []) }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                a[i * n + j] = matrix[i * n + j]
                a[j * n + i] = matrix[i * n + j]
            }
        }
        // v holds the eigenvectors in its columns while rotating.
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var total = 0.0
        for x in a { total += x * x }
        let limit = tolerance * tolerance * total
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<maxSweeps {
                    var off = 0.0
                    for p in 0..<n { for q in (p + 1)..<n { off += 2 * a[p * n + q] * a[p * n + q] } }
                    if off <= limit { break }
                    for p in 0..<(n - 1) {
                        for q in (p + 1)..<n {
                            let apq = a[p * n + q]
                            if apq == 0 { continue }
                            // The rotation that zeroes a[p][q]: t = tan φ, the smaller root of
                            // t² + 2θt − 1 = 0 (Numerical Recipes, §11.1).
                            let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                            let t = theta.magnitude > 1e150 ? 1 / (2 * theta)
                                : (theta < 0 ? -1.0 : 1.0) / (theta.magnitude + (theta * theta + 1).squareRoot())
                            let c = 1 / (t * t + 1).squareRoot(), s = t * c
                            for k in 0..<n {  // columns p and q: A·J
                                let akp = a[k * n + p], akq = a[k * n + q]
                                a[k * n + p] = c * akp - s * akq
                                a[k * n + q] = s * akp + c * akq
                            }
                            for k in 0..<n {  // rows p and q: Jᵀ·(A·J)
                                let apk = a[p * n + k], aqk = a[q * n + k]
                                a[p * n + k] = c * apk - s * aqk
                                a[q * n + k] = s * apk + c * aqk
                            }
                            a[p * n + q] = 0
                            a[q * n + p] = 0
                            for k in 0..<n {
                                let vkp = v[k * n + p], vkq = v[k * n + q]
                                v[k * n + p] = c * vkp - s * vkq
                                v[k * n + q] = s * vkp + c * vkq
                            }
                        }
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] != a[$1 * n + $1] ? a[$0 * n + $0] > a[$1 * n + $1] : $0 < $1 }
        return (order.map { a[$0 * n + $0] }, order.map { j in (0..<n).map { v[$0 * n + j] } })
    }
}
