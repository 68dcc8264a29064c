/// One block of the weight gradients, computed over the whole batch (samples in order) by one
/// task: blocks never share an output, so they run in parallel and give the same bits however
/// they are scheduled. Biggest first, for load balance.
enum WeightGradientTask: Sendable {
    case fc1(outputs: Range<Int>)
    case conv2(channels: Range<Int>)
    case conv1(channels: Range<Int>)
    case fc2

    static let all: [WeightGradientTask] =
        stride(from: 0, to: Network.hiddenUnits, by: 4).map { .fc1(outputs: $0..<$0 + 4) }
        + stride(from: 0, to: Network.conv2Channels, by: 2).map { .conv2(channels: $0..<$0 + 2) }
        + stride(from: 0, to: Network.conv1Channels, by: 2).map { .conv1(channels: $0..<$0 + 2) }
        + [.fc2]

    /// Computes this block into the flat gradient vector; returns whether all of it is finite.
    func run(batch b: BatchBuffers, count: Int, gradients: UnsafeMutablePointer<Float>) -> Bool {
        switch self {
        case .fc1(let outputs):
            let weight = gradients + ParameterName.fc1Weight.offset, bias = gradients + ParameterName.fc1Bias.offset
            Dense.backwardWeight(gradOutput: b.gradFc1.pointer, input: b.pool2.pointer, gradWeight: weight, gradBias: bias,
                                 count: count, inFeatures: Network.flatFeatures, outFeatures: Network.hiddenUnits, outputs: outputs)
            return allFinite(weight + outputs.lowerBound * Network.flatFeatures, outputs.count * Network.flatFeatures)
                && allFinite(bias + outputs.lowerBound, outputs.count)
        case .conv2(let channels):
            let weight = gradients + ParameterName.conv2Weight.offset, bias = gradients + ParameterName.conv2Bias.offset
            Conv2D.backwardWeight(gradOutput: b.gradConv2Padded.pointer, input: b.pool1Padded.pointer, gradWeight: weight, gradBias: bias,
                                  count: count, inChannels: Network.conv1Channels, outChannels: Network.conv2Channels,
                                  height: Network.pool1Side, width: Network.pool1Side, channels: channels)
            return allFinite(weight + channels.lowerBound * Network.conv1Channels * 9, channels.count * Network.conv1Channels * 9)
                && allFinite(bias + channels.lowerBound, channels.count)
        case .conv1(let channels):
            let weight = gradients + ParameterName.conv1Weight.offset, bias = gradients + ParameterName.conv1Bias.offset
            Conv2D.backwardWeight(gradOutput: b.gradConv1Padded.pointer, input: b.inputPadded.pointer, gradWeight: weight, gradBias: bias,
                                  count: count, inChannels: 1, outChannels: Network.conv1Channels,
                                  height: Network.side, width: Network.side, channels: channels)
            return allFinite(weight + channels.lowerBound * 9, channels.count * 9) && allFinite(bias + channels.lowerBound, channels.count)
        case .fc2:
            let weight = gradients + ParameterName.fc2Weight.offset, bias = gradients + ParameterName.fc2Bias.offset
            Dense.backwardWeight(gradOutput: b.gradLogits.pointer, input: b.fc1.pointer, gradWeight: weight, gradBias: bias,
                                 count: count, inFeatures: Network.hiddenUnits, outFeatures: Network.classes, outputs: 0..<Network.classes)
            return allFinite(weight, ParameterName.fc2Weight.count) && allFinite(bias, Network.classes)
        }
    }

    /// Whether no value is NaN or infinite: x · 0 is 0 for finite x and NaN otherwise, and a
    /// NaN anywhere makes the sum NaN. Branch-free, so it vectorises.
    private func allFinite(_ values: UnsafePointer<Float>, _ count: Int) -> Bool {
        var probe: Float = 0
        for index in 0..<count { probe += values[index] * 0 }
        return probe == 0
    }
}
