/// A 3×3 convolution's parameters in memory, read-only: weight (Cout, Cin, 3, 3) and bias (Cout),
/// or no bias (the flipped kernel of an input gradient). A view, checked like `FeatureMaps`;
/// `MutableConvWeights` is the same with write access (gradients, the flipped kernel).
package struct ConvWeights: CustomStringConvertible {
    package let weight: UnsafePointer<Float>
    package let bias: UnsafePointer<Float>?
    package let outChannels, inChannels: Int

    /// `weight` must hold exactly Cout · Cin · 9 values and `bias`, if any, Cout.
    package init(weight: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>?, outChannels: Int, inChannels: Int) {
        requireShape(outChannels >= 0 && inChannels >= 0 && weight.count == outChannels * inChannels * 9,
                     "a 3×3 weight of \(outChannels) × \(inChannels) channels needs \(outChannels * inChannels * 9) values, not \(weight.count)")
        requireShape(bias.map { $0.count == outChannels } ?? true, "a bias of \(outChannels) channels needs \(outChannels) values, not \(bias?.count ?? 0)")
        self.init(unchecked: weight.baseAddress ?? UnsafePointer(emptyViewBase), bias: bias.map { $0.baseAddress ?? UnsafePointer(emptyViewBase) },
                  outChannels: outChannels, inChannels: inChannels)
    }

    /// For views cut from views already checked.
    init(unchecked weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, outChannels: Int, inChannels: Int) {
        (self.weight, self.bias, self.outChannels, self.inChannels) = (weight, bias, outChannels, inChannels)
    }

    /// "32 × 16 × 3 × 3 + bias 32"
    package var description: String {
        "\(outChannels) × \(inChannels) × 3 × 3" + (bias == nil ? " without bias" : " + bias \(outChannels)")
    }
}

/// A 3×3 convolution's parameters the kernels write: `ConvWeights` with write access.
package struct MutableConvWeights: CustomStringConvertible {
    /// The same parameters, for the kernels that read them.
    package let readOnly: ConvWeights

    /// `weight` must hold exactly Cout · Cin · 9 values and `bias`, if any, Cout.
    package init(weight: UnsafeMutableBufferPointer<Float>, bias: UnsafeMutableBufferPointer<Float>?, outChannels: Int, inChannels: Int) {
        readOnly = ConvWeights(weight: UnsafeBufferPointer(weight), bias: bias.map { UnsafeBufferPointer($0) },
                               outChannels: outChannels, inChannels: inChannels)
    }

    private init(mutating weights: ConvWeights) { readOnly = weights }

    package var weight: UnsafeMutablePointer<Float> { UnsafeMutablePointer(mutating: readOnly.weight) }
    package var bias: UnsafeMutablePointer<Float>? { readOnly.bias.map { UnsafeMutablePointer(mutating: $0) } }
    package var outChannels: Int { readOnly.outChannels }
    package var inChannels: Int { readOnly.inChannels }

    /// The weights and biases of output channels `range` only, which must lie inside 0..<Cout.
    package func outputs(_ range: Range<Int>) -> MutableConvWeights {
        requireShape(range.lowerBound >= 0 && range.upperBound <= outChannels, "output channels \(range) of \(outChannels)")
        return MutableConvWeights(mutating: ConvWeights(
            unchecked: readOnly.weight + range.lowerBound * inChannels * 9, bias: readOnly.bias.map { $0 + range.lowerBound },
            outChannels: range.count, inChannels: inChannels))
    }

    package var description: String { readOnly.description }
}
