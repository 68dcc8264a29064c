import Testing
@testable import TinyCNN

/// The reference layers (Double) against central finite differences. Each objective is
/// L = Σ r ⊙ layer(x) for fixed random r, whose gradient the layer's backward gives with
/// gradOutput = r.
@Suite struct GradientCheckTests {
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    func check(_ analytic: [Double], _ f: ([Double]) -> Double, at x: [Double]) {
        let numeric = x.indices.map { centralDifference(f, at: x, index: $0) }
        #expect(maxRelativeError(analytic, numeric) < 1e-6)
    }

    @Test func conv() {
        let (n, cin, cout, h, w) = (2, 2, 3, 5, 4)
        let x = randomValues(n * cin * h * w, seed: 21), weight = randomValues(cout * cin * 9, seed: 22), bias = randomValues(cout, seed: 23)
        let r = randomValues(n * cout * h * w, seed: 24)
        func f(_ x: [Double], _ weight: [Double], _ bias: [Double]) -> Double {
            dot(r, Reference.convForward(x, weight: weight, bias: bias, count: n, inChannels: cin, outChannels: cout, height: h, width: w))
        }
        let g = Reference.convBackward(x, weight: weight, gradOutput: r, count: n, inChannels: cin, outChannels: cout, height: h, width: w)
        check(g.input, { f($0, weight, bias) }, at: x)
        check(g.weight, { f(x, $0, bias) }, at: weight)
        check(g.bias, { f(x, weight, $0) }, at: bias)
    }

    @Test func maxPool() {
        // Distinct values, away from ties, where max is differentiable.
        let x = randomValues(2 * 3 * 4 * 6, seed: 25), r = randomValues(2 * 3 * 2 * 3, seed: 26)
        let g = Reference.poolBackward(x, gradOutput: r, planes: 6, height: 4, width: 6)
        check(g, { dot(r, Reference.poolForward($0, planes: 6, height: 4, width: 6)) }, at: x)
    }

    @Test func relu() {
        let x = randomValues(50, seed: 27).map { abs($0) < 1e-3 ? 0.5 : $0 }, r = randomValues(50, seed: 28)
        check(Reference.reluBackward(x, gradOutput: r), { dot(r, Reference.reluForward($0)) }, at: x)
    }

    @Test func dense() {
        let (n, k, o) = (3, 7, 4)
        let x = randomValues(n * k, seed: 29), weight = randomValues(o * k, seed: 30), bias = randomValues(o, seed: 31)
        let r = randomValues(n * o, seed: 32)
        func f(_ x: [Double], _ weight: [Double], _ bias: [Double]) -> Double {
            dot(r, Reference.denseForward(x, weight: weight, bias: bias, count: n, inFeatures: k, outFeatures: o))
        }
        let g = Reference.denseBackward(x, weight: weight, gradOutput: r, count: n, inFeatures: k, outFeatures: o)
        check(g.input, { f($0, weight, bias) }, at: x)
        check(g.weight, { f(x, $0, bias) }, at: weight)
        check(g.bias, { f(x, weight, $0) }, at: bias)
    }

    @Test func softmaxCrossEntropy() {
        let logits = randomValues(3 * 9, seed: 33, scale: 4), labels = [2, 8, 0]
        let g = Reference.softmaxCrossEntropy(logits, labels: labels, classes: 9).gradient
        check(g, { Reference.softmaxCrossEntropy($0, labels: labels, classes: 9).loss }, at: logits)
    }

    /// The whole reference network: a few coordinates of every parameter tensor.
    @Test func wholeNetwork() throws {
        // Continuous random pixels: clipped data would put exact ties into the pooling windows,
        // where max is not differentiable and a finite difference straddles the kink.
        var generator = SeededGenerator(seed: 34)
        let parameters = Parameters(generator: &generator).values.map(Double.init)
        let images = randomValues(2 * 1024, seed: 35).map { 0.5 + 0.4 * $0 }
        let labels = [4, 7]
        let (_, gradient) = ReferenceNetwork.lossAndGradient(parameters, images: images, labels: labels)
        for name in ParameterName.allCases {
            // The coordinate with the largest gradient (certainly exercised) and the first one.
            let range = name.offset..<name.offset + name.count
            let largest = range.max { abs(gradient[$0]) < abs(gradient[$1]) }!
            for index in [largest, name.offset] {
                let numeric = centralDifference({ ReferenceNetwork.loss($0, images: images, labels: labels) }, at: parameters, index: index, step: 1e-6)
                #expect(abs(numeric - gradient[index]) < 1e-6 + 1e-4 * abs(gradient[index]), "\(name.rawValue)[\(index - name.offset)]")
            }
        }
    }
}
