/// A fully connected layer's parameters in memory, read-only: weight (O, K) and bias (O), as
/// PyTorch's Linear. A view, checked like `FeatureMaps`; `MutableDenseWeights` is the same with
/// write access (gradients).
package struct DenseWeights: CustomStringConvertible {
    package let weight, bias: UnsafePointer<Float>
    package let outFeatures, inFeatures: Int

    /// `weight` must hold exactly O · K values and `bias` O.
    package init(weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>, outFeatures: Int, inFeatures: Int) {
        requireShape(outFeatures >= 0 && inFeatures >= 0 && weight.count == outFeatures * inFeatures && bias.count == outFeatures,
                     "a \(outFeatures) × \(inFeatures) layer needs \(outFeatures * inFeatures) weights and \(outFeatures) biases, not \(weight.count) and \(bias.count)")
        self.init(unchecked: weight.baseAddress ?? UnsafePointer(emptyViewBase), bias: bias.baseAddress ?? UnsafePointer(emptyViewBase),
                  outFeatures: outFeatures, inFeatures: inFeatures)
    }

    /// For views cut from views already checked.
    init(unchecked weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, outFeatures: Int, inFeatures: Int) {
        (self.weight, self.bias, self.outFeatures, self.inFeatures) = (weight, bias, outFeatures, inFeatures)
    }

    /// "64 × 2048 + bias 64"
    package var description: String { "\(outFeatures) × \(inFeatures) + bias \(outFeatures)" }
}

/// A fully connected layer's parameters the kernels write: `DenseWeights` with write access.
package struct MutableDenseWeights: CustomStringConvertible {
    /// The same parameters, for the kernels that read them.
    package let readOnly: DenseWeights

    /// `weight` must hold exactly O · K values and `bias` O.
    package init(weight: UnsafeMutableBufferPointer<Float>, bias: UnsafeMutableBufferPointer<Float>, outFeatures: Int, inFeatures: Int) {
        readOnly = DenseWeights(weight: UnsafeBufferPointer(weight), bias: UnsafeBufferPointer(bias), outFeatures: outFeatures, inFeatures: inFeatures)
    }

    private init(mutating weights: DenseWeights) { readOnly = weights }

    package var weight: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.weight) }
    package var bias: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.bias) }
    package var outFeatures: Int { readOnly.outFeatures }
    package var inFeatures: Int { readOnly.inFeatures }

    /// The weights and biases of outputs `range` only, which must lie inside 0..<O.
    package func outputs(_ range: Range<Int>) -> MutableDenseWeights {
        requireShape(range.lowerBound >= 0 && range.upperBound <= outFeatures, "outputs \(range) of \(outFeatures)")
        return MutableDenseWeights(mutating: DenseWeights(
            unchecked: readOnly.weight + range.lowerBound * inFeatures, bias: readOnly.bias + range.lowerBound,
            outFeatures: range.count, inFeatures: inFeatures))
    }

    package var description: String { readOnly.description }
}
