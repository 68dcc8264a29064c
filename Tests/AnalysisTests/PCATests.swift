import Foundation
import Testing
@testable import Analysis

/// PCA on data sets whose answers are known by construction.
@Suite struct PCATests {
    /// Deterministic pseudo-random values in −1…1 (a linear congruential sequence).
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func pointsOnALineHaveOneDirection() throws {
        // x = c + t·u, u = (0.6, −0.8, 0): all the variance along u, none across.
        let ts: [Double] = [-2, -1, 0, 0.5, 1, 3]
        let data = ts.flatMap { t in [Float(1 + 0.6 * t), Float(2 - 0.8 * t), 5] }
        let pca = try PCA(fitting: data, rows: ts.count, columns: 3)
        let first = pca.components[0]
        // Sign rule: the largest loading (−0.8, coordinate 1) made positive.
        #expect(abs(first[0] + 0.6) < 1e-6 && abs(first[1] - 0.8) < 1e-6 && abs(first[2]) < 1e-6)
        let mean = ts.reduce(0, +) / Double(ts.count)
        let variance = ts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(ts.count - 1)
        #expect(abs(pca.explainedVariance[0] - variance) < 1e-5)
        #expect(pca.explainedVariance[1] < 1e-10)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-9)
        #expect(abs(pca.mean[2] - 5) < 1e-12)
    }

    /// N equally spaced points on an ellipse with semi-axes a > b, turned by φ: the covariance is
    /// R·diag(a², b²)·Rᵀ · N / (2(N − 1)) exactly, so the components are R's columns.
    @Test(arguments: [0.0, 0.4, 2.0])
    func ellipseAxesAreTheComponents(angle phi: Double) throws {
        let n = 40, a = 3.0, b = 1.0
        var data: [Float] = []
        for i in 0..<n {
            let theta = 2 * Double.pi * Double(i) / Double(n)
            let x = a * cos(theta), y = b * sin(theta)
            data += [Float(x * cos(phi) - y * sin(phi) + 10), Float(x * sin(phi) + y * cos(phi) - 4)]
        }
        let pca = try PCA(fitting: data, rows: n, columns: 2)
        let scale = Double(n) / (2 * Double(n - 1))
        #expect(abs(pca.explainedVariance[0] - a * a * scale) < 1e-5)
        #expect(abs(pca.explainedVariance[1] - b * b * scale) < 1e-5)
        #expect(abs(pca.totalVariance - (a * a + b * b) * scale) < 1e-5)
        #expect(abs(pca.explainedVarianceRatio[0] - 0.9) < 1e-6)
        // Up to sign, the major axis (cos φ, sin φ) and the minor one (−sin φ, cos φ).
        #expect(abs(abs(Self.dot(pca.components[0], [cos(phi), sin(phi)])) - 1) < 1e-6)
        #expect(abs(abs(Self.dot(pca.components[1], [-sin(phi), cos(phi)])) - 1) < 1e-6)
        #expect(abs(pca.mean[0] - 10) < 1e-5 && abs(pca.mean[1] + 4) < 1e-5)
    }

    @Test func componentsAreOrthonormalEigenvectorsOfTheCovariance() throws {
        let n = 50, d = 12
        let base = Self.noise(n * d, seed: 3)
        // Correlated columns with very different scales.
        let data = (0..<(n * d)).map { i in Float(base[i] * Double(1 + i % d) + base[(i / d) * d] * 2) }
        let pca = try PCA(fitting: data, rows: n, columns: d, components: d)
        var covariance = [Double](repeating: 0, count: d * d)
        for i in 0..<d {
            for j in 0..<d {
                var s = 0.0
                for r in 0..<n { s += (Double(data[r * d + i]) - pca.mean[i]) * (Double(data[r * d + j]) - pca.mean[j]) }
                covariance[i * d + j] = s / Double(n - 1)
            }
        }
        for (value, v) in zip(pca.explainedVariance, pca.components) {
            let cv = (0..<d).map { i in (0..<d).reduce(0.0) { $0 + covariance[i * d + $1] * v[$1] } }
            let residual = zip(cv, v).map { ($0 - value * $1).magnitude }.max() ?? 0
            #expect(residual < 1e-10 * pca.explainedVariance[0], "C v = λ v")
        }
        for i in 0..<d {
            for j in 0..<d {
                #expect(abs(Self.dot(pca.components[i], pca.components[j]) - (i == j ? 1 : 0)) < 1e-12)
            }
        }
        #expect(zip(pca.explainedVariance, pca.explainedVariance.dropFirst()).allSatisfy { $0 >= $1 }, "descending")
        #expect(abs(pca.explainedVariance.reduce(0, +) - pca.totalVariance) < 1e-9 * pca.totalVariance, "all D components: the trace")
    }

    @Test func largestLoadingOfEveryComponentIsPositive() throws {
        for seed in UInt64(1)...8 {
            let values = Self.noise(30 * 6, seed: seed).map(Float.init)
            for flipped in [values, values.map { -$0 }] {
                let pca = try PCA(fitting: flipped, rows: 30, columns: 6, components: 6)
                for v in pca.components {
                    let largest = v.indices.max { v[$0].magnitude < v[$1].magnitude }!
                    #expect(v[largest] > 0)
                }
            }
            // Mirrored data have the same covariance: the same components, not their negatives.
            let a = try PCA(fitting: values, rows: 30, columns: 6), b = try PCA(fitting: values.map { -$0 }, rows: 30, columns: 6)
            for (u, v) in zip(a.components, b.components) { #expect(zip(u, v).allSatisfy { abs($0 - $1) < 1e-9 }) }
        }
        // Equal magnitudes: the first coordinate decides.
        #expect(PCA.signNormalised([-0.5, 0.5, -0.5, 0.5]) == [0.5, -0.5, 0.5, -0.5])
        #expect(PCA.signNormalised([0.1, -0.9]) == [-0.1, 0.9])
    }

    @Test func projectedFitDataHaveZeroMeanAndTheExplainedVariance() throws {
        let n = 200, d = 8
        let data = Self.noise(n * d, seed: 11).enumerated().map { Float($0.element * Double(d - $0.offset % d) + 3) }
        let pca = try PCA(fitting: data, rows: n, columns: d)
        let xy = try pca.project(data, rows: n)
        #expect(xy.count == n * 2)
        for j in 0..<2 {
            let column = stride(from: j, to: xy.count, by: 2).map { Double(xy[$0]) }
            let mean = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - pca.explainedVariance[j]) < 1e-4 * pca.explainedVariance[j])
        }
    }

    @Test func otherDataAreProjectedOnTheFittedAxes() throws {
        let n = 60, d = 4
        let data = Self.noise(n * d, seed: 5).map(Float.init)
        let pca = try PCA(fitting: data, rows: n, columns: d)
        // Shift every row by 2 along the first component: its first coordinate grows by 2.
        let shift = pca.components[0].map { Float($0 * 2) }
        let moved = data.indices.map { data[$0] + shift[$0 % d] }
        let before = try pca.project(data, rows: n), after = try pca.project(moved, rows: n)
        for r in 0..<n {
            #expect(abs(after[2 * r] - before[2 * r] - 2) < 1e-5)
            #expect(abs(after[2 * r + 1] - before[2 * r + 1]) < 1e-5)
        }
        #expect(try pca.project([], rows: 0).isEmpty)
    }

    /// Fewer rows than columns: the Gram matrix gives the same components as the covariance.
    @Test func gramPathAgreesWithCovariancePath() throws {
        let n = 7, d = 15
        let data = Self.noise(n * d, seed: 9).map(Float.init)
        let viaGram = try PCA(fitting: data, rows: n, columns: d, components: 3, viaGram: true)
        let viaCovariance = try PCA(fitting: data, rows: n, columns: d, components: 3, viaGram: false)
        #expect(try PCA(fitting: data, rows: n, columns: d, components: 3) == viaGram, "N < D chooses the Gram matrix")
        for j in 0..<3 {
            #expect(abs(viaGram.explainedVariance[j] - viaCovariance.explainedVariance[j]) < 1e-9 * viaCovariance.explainedVariance[0])
            #expect(zip(viaGram.components[j], viaCovariance.components[j]).allSatisfy { abs($0 - $1) < 1e-7 })
        }
    }

    /// Two rows span one direction; the others have no variance and are completed orthonormally.
    @Test func directionsBeyondTheRankAreCompleted() throws {
        let data: [Float] = [1, 2, 3, 4, 5, 3, 2, 1, 0, -1]
        let pca = try PCA(fitting: data, rows: 2, columns: 5, components: 3)
        #expect(pca.explainedVariance[1] == 0 && pca.explainedVariance[2] == 0)
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(Self.dot(pca.components[i], pca.components[j]) - (i == j ? 1 : 0)) < 1e-12) }
        }
        let difference: [Double] = [2, 0, -2, -4, -6]
        let norm = Self.dot(difference, difference).squareRoot()
        #expect(abs(abs(Self.dot(pca.components[0], difference)) - norm) < 1e-9)
    }

    @Test func constantDataHaveNoVarianceAndTheCoordinateAxes() throws {
        let pca = try PCA(fitting: [Float](repeating: 2.5, count: 12), rows: 4, columns: 3)
        #expect(pca.explainedVariance == [0, 0] && pca.explainedVarianceRatio == [0, 0] && pca.totalVariance == 0)
        #expect(pca.components == [[1, 0, 0], [0, 1, 0]])
        #expect(try pca.project([2.5, 2.5, 2.5, 3.5, 2.5, 2.5], rows: 2) == [0, 0, 1, 0])
        // A constant column beside varying ones just has no loading.
        let mixed = try PCA(fitting: [1, 7, 2, 7, 3, 7, 5, 7], rows: 4, columns: 2)
        #expect(mixed.components[0] == [1, 0] && mixed.explainedVariance[1] == 0)
    }

    @Test func nonFiniteRowsProjectToNonFiniteCoordinates() throws {
        let pca = try PCA(fitting: [0, 0, 1, 0, 0, 1, 1, 1], rows: 4, columns: 2)
        let xy = try pca.project([0, 0, .nan, 1, .infinity, 0], rows: 3)
        #expect(xy[0].isFinite && xy[1].isFinite)
        #expect(xy[2].isNaN && xy[3].isNaN)
        #expect(!xy[4].isFinite)
    }

    @Test func badInputIsATypedError() {
        #expect(throws: AnalysisError.tooFewSamples(what: "PCA", needed: 2, actual: 1)) { try PCA(fitting: [1, 2], rows: 1, columns: 2) }
        #expect(throws: AnalysisError.tooFewSamples(what: "PCA", needed: 2, actual: 0)) { try PCA(fitting: [], rows: 0, columns: 2) }
        #expect(throws: AnalysisError.shapeMismatch(what: "PCA data", expected: 6, actual: 5)) { try PCA(fitting: [1, 2, 3, 4, 5], rows: 3, columns: 2) }
        #expect(throws: AnalysisError.shapeMismatch(what: "PCA data", expected: 0, actual: 1)) { try PCA(fitting: [1], rows: -3, columns: 2) }
        #expect(throws: AnalysisError.nonFinite(what: "PCA data", index: 3)) { try PCA(fitting: [1, 2, 3, .nan], rows: 2, columns: 2) }
        #expect(throws: AnalysisError.nonFinite(what: "PCA data", index: 0)) { try PCA(fitting: [.infinity, 2, 3, 4], rows: 2, columns: 2) }
        #expect(throws: AnalysisError.outOfRange(what: "number of components", value: 3, lowest: 1, highest: 2)) {
            try PCA(fitting: [1, 2, 3, 4], rows: 2, columns: 2, components: 3)
        }
        #expect(throws: AnalysisError.outOfRange(what: "number of components", value: 0, lowest: 1, highest: 2)) {
            try PCA(fitting: [1, 2, 3, 4], rows: 2, columns: 2, components: 0)
        }
        #expect(throws: AnalysisError.outOfRange(what: "number of components", value: 2, lowest: 1, highest: 0)) {
            try PCA(fitting: [], rows: 3, columns: 0)
        }
        #expect(throws: AnalysisError.shapeMismatch(what: "projected data", expected: 4, actual: 3)) {
            try PCA(fitting: [1, 2, 3, 5], rows: 2, columns: 2).project([1, 2, 3], rows: 2)
        }
    }

    @Test func fittingIsDeterministic() throws {
        let data = Self.noise(300 * 64, seed: 2).map(Float.init)
        #expect(try PCA(fitting: data, rows: 300, columns: 64) == PCA(fitting: data, rows: 300, columns: 64))
    }

}

/// The fast eigen-solver against the plain reference, and both against known answers.
@Suite struct SymmetricEigenTests {
    typealias Solver = @Sendable ([Double], Int) -> (values: [Double], vectors: [[Double]])
    static let solvers: [(String, Solver)] = [("QL", SymmetricEigen.decompose), ("Jacobi", SymmetricEigen.jacobi)]

    @Test func bothFindTheEigenvaluesOfAKnownMatrix() {
        for (name, solve) in Self.solvers {
            // The second-difference matrix: eigenvalues 2 + √2, 2, 2 − √2.
            let (values, vectors) = solve([2, -1, 0, -1, 2, -1, 0, -1, 2], 3)
            #expect(abs(values[0] - (2 + 2.0.squareRoot())) < 1e-14, "\(name)")
            #expect(abs(values[1] - 2) < 1e-14, "\(name)")
            #expect(abs(values[2] - (2 - 2.0.squareRoot())) < 1e-14, "\(name)")
            #expect(abs(abs(PCATests.dot(vectors[1], [1, 0, -1])) - 2.0.squareRoot()) < 1e-14, "\(name)")
            #expect(solve([], 0).values.isEmpty)
            #expect(solve([0, 0, 0, 0], 2).vectors == [[1, 0], [0, 1]], "\(name): a zero matrix keeps the axes")
            #expect(solve([5], 1).values == [5] && solve([5], 1).vectors == [[1]])
        }
    }

    /// A · v = λ · v for every pair, the vectors orthonormal, the values descending.
    static func expectEigenpairs(_ a: [Double], n: Int, _ result: (values: [Double], vectors: [[Double]]), _ name: String) {
        let scale = max(1, a.map(abs).max() ?? 0)
        for (value, v) in zip(result.values, result.vectors) {
            let av = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] } }
            let residual = zip(av, v).map { ($0 - value * $1).magnitude }.max() ?? 0
            #expect(residual < 1e-12 * scale, "\(name): residual \(residual)")
        }
        for i in 0..<n {
            for j in 0..<n { #expect(abs(PCATests.dot(result.vectors[i], result.vectors[j]) - (i == j ? 1 : 0)) < 1e-12, "\(name)") }
        }
        #expect(zip(result.values, result.values.dropFirst()).allSatisfy { $0 >= $1 }, "\(name): descending")
    }

    @Test(arguments: [1, 2, 5, 17, 40])
    func qlAgreesWithJacobiOnRandomMatrices(n: Int) {
        let noise = PCATests.noise(n * n, seed: UInt64(n))
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { a[i * n + j] = noise[i * n + j] * Double(1 + (i + j) % 4); a[j * n + i] = a[i * n + j] } }
        let fast = SymmetricEigen.decompose(a, n: n), reference = SymmetricEigen.jacobi(a, n: n)
        Self.expectEigenpairs(a, n: n, fast, "QL")
        Self.expectEigenpairs(a, n: n, reference, "Jacobi")
        for i in 0..<n {
            #expect(abs(fast.values[i] - reference.values[i]) < 1e-12 * max(1, abs(reference.values[0])))
            // Distinct eigenvalues: the same vector up to sign.
            #expect(abs(abs(PCATests.dot(fast.vectors[i], reference.vectors[i])) - 1) < 1e-9)
        }
    }

    /// Repeated eigenvalues (a covariance of equal variances): any basis of the eigenspace will do,
    /// as long as it is one.
    @Test func repeatedEigenvaluesStillGiveAnOrthonormalBasis() {
        // Q · diag(3, 3, 3, 1, 1) · Qᵀ with Q a product of two rotations.
        let n = 5
        var a = [Double](repeating: 0, count: n * n)
        let diagonal: [Double] = [3, 3, 3, 1, 1]
        let c = 0.6, s = 0.8
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { q[i * n + i] = 1 }
        q[0] = c; q[4] = -s; q[20] = s; q[24] = c           // rotation of axes 0 and 4
        for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += q[i * n + k] * diagonal[k] * q[j * n + k] } } }
        for (name, solve) in Self.solvers {
            let result = solve(a, n)
            Self.expectEigenpairs(a, n: n, result, name)
            #expect(zip(result.values, [3, 3, 3, 1, 1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(name): \(result.values)")
        }
    }

    @Test func diagonalMatricesAreSortedAsTheyAre() {
        let (values, vectors) = SymmetricEigen.decompose([1, 0, 0, 0, 4, 0, 0, 0, 2], n: 3)
        #expect(values == [4, 2, 1])
        #expect(vectors == [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    }
}
