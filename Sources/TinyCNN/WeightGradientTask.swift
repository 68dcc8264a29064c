/// One block of the weight gradients, computed over the whole batch (samples in order) by one
/// task: blocks never share an output, so they run in parallel and give the same bits however
/// they are scheduled. Biggest first, for load balance. The convolutions' gradients were summed
/// per chunk of samples in the forward-backward phase (`BatchBuffers.convolutionGradients`): here
/// the chunks' are added in chunk order, which the thread count does not change either.
enum WeightGradientTask: Sendable {
    case fc1(outputs: Range<Int>)
    case convolutions
    case fc2

    static let all: [WeightGradientTask] =
        stride(from: 0, to: Network.hiddenUnits, by: 4).map { .fc1(outputs: $0..<$0 + 4) } + [.convolutions, .fc2]

    /// Computes this block from the first `count` samples of the batch into `gradients`, in
    /// register tiles of `width`; returns whether all of the block is finite.
    func run(batch b: BatchBuffers, count: Int, gradients: Network.MutableWeights, width: TileWidth) -> Bool {
        let batch = 0..<count
        switch self {
        case .fc1(let outputs):
            Dense.sparseBackwardWeight(gradOutput: b.gradFc1.readOnly.samples(batch), input: b.pool2.readOnly.samples(batch).flattened,
                                       gradients: gradients.fc1, outputs: outputs, width: width)
            return gradients.fc1.outputs(outputs).allFinite
        case .convolutions:
            // conv1's and conv2's weights and biases lie first in the flat vector, in the chunks'
            // partial gradients as in `gradients`.
            let size = Network.convolutionParameters, total = gradients.conv1.weight
            let partials = UnsafePointer(b.chunkConvolutionGradients.baseAddress.unsafelyUnwrapped)
            total.update(from: partials, count: size)
            for chunk in 1..<Network.chunkCount(count) {
                let partial = partials + chunk * size
                for index in 0..<size { total[index] += partial[index] }
            }
            return allFiniteValues(total, size)
        case .fc2:
            Dense.backwardWeight(gradOutput: b.gradLogits.readOnly.samples(batch), input: b.fc1.readOnly.samples(batch),
                                 gradients: gradients.fc2, outputs: 0..<Network.classes, width: width)
            return gradients.fc2.outputs(0..<Network.classes).allFinite
        }
    }
}

extension MutableDenseWeights {
    /// Whether no weight or bias is NaN or infinite.
    fileprivate var allFinite: Bool { allFiniteValues(weight, outFeatures * inFeatures) && allFiniteValues(bias, outFeatures) }
}

/// Whether no value is NaN or infinite: those, and only those, have all eight exponent bits set,
/// so adding one to the exponent carries into the sign bit. In integers, which LLVM vectorises (a
/// float sum such as Σ x · 0 must keep its order and stays one addition at a time).
func allFiniteValues(_ values: UnsafePointer<Float>, _ count: Int) -> Bool {
    var nonFinite: UInt32 = 0
    for index in 0..<count { nonFinite |= ((values[index].bitPattern & 0x7F80_0000) &+ 0x0080_0000) >> 31 }
    return nonFinite == 0
}
