/// Max pooling 2×2, stride 2, forward and backward side by side. Both kernels work on 16 columns
/// (8 windows) at a time: the vertical max is a lane-wise max of two rows, the horizontal one a
/// max of even and odd lanes.
///
/// Backward follows PyTorch: the gradient goes to the first maximum of each window in scan order
/// (top-left, top-right, bottom-left, bottom-right). Because TinyCNN pools rectified activations,
/// the ReLU backward is fused in: positions whose activation is not positive get zero.
/// Requirements, checked once per call with the shapes: height even, width % 16 == 0.
/// Reference twins: `Reference.poolForward` / `poolBackward`.
package enum MaxPool2D {
    /// The requirements of both kernels on the unpooled maps (n, C, H, W) and the pooled ones.
    private static func requireShapes(_ kernel: String, unpooled: FeatureMaps, pooled: FeatureMaps) {
        let (big, small) = (unpooled.layout, pooled.layout)
        requireShape(!big.bordered && unpooled.count == pooled.count && small.channels == big.channels
                     && 2 * small.height == big.height && 2 * small.width == big.width,
                     "\(kernel): \(unpooled) does not pool 2×2 into \(pooled)")
        requireShape(big.width % 16 == 0, "\(kernel): width \(big.width) is not a multiple of 16")
    }

    /// input (n, C, H, W) -> output (n, C, H/2, W/2), or with a border, (n, C, H/2+2, W/2+2): the
    /// pooled values land inside the border, which is left untouched (zero), ready for the next
    /// padded convolution.
    package static func forward(input: FeatureMaps, output: MutableFeatureMaps) {
        requireShapes("MaxPool2D.forward", unpooled: input, pooled: output.readOnly)
        let channels = input.layout.channels, height = input.layout.height, width = input.layout.width
        let outWidth = output.layout.rowStride, outPlane = output.layout.planeStride, interior = output.layout.interiorOffset
        let count = input.count, input = input.base, output = output.base
        for plane in 0..<count * channels {
            let source = input + plane * height * width
            let target = output + plane * outPlane + interior
            for y in 0..<height / 2 {
                let top = source + 2 * y * width, bottom = top + width
                for x in stride(from: 0, to: width, by: 16) {
                    let rows = Vector16.load(top + x).maximum(.load(bottom + x))
                    rows.evenHalf.maximum(rows.oddHalf).store(target + y * outWidth + x / 2)
                }
            }
        }
    }

    /// activation (n, C, H, W) rectified, gradOutput (n, C, H/2, W/2)
    /// -> gradInput (n, C, H+2, W+2) written inside its one-pixel border (left zero): the
    /// gradient of the ReLU's input, ready for the padded convolution backward.
    package static func backward(activation: FeatureMaps, gradOutput: FeatureMaps, gradInput: MutableFeatureMaps) {
        requireShapes("MaxPool2D.backward", unpooled: activation, pooled: gradOutput)
        let channels = activation.layout.channels, height = activation.layout.height, width = activation.layout.width
        requireShape(!gradOutput.layout.bordered, "MaxPool2D.backward: gradOutput \(gradOutput) has a border")
        requireShape(gradInput.count == activation.count
                     && gradInput.layout == FeatureMaps.Layout(channels: channels, height: height, width: width, bordered: true),
                     "MaxPool2D.backward: gradInput \(gradInput) is not activation \(activation) with a border")
        let count = activation.count, activation = activation.base, gradOutput = gradOutput.base, gradInput = gradInput.base
        let paddedWidth = width + 2, paddedPlane = (height + 2) * paddedWidth
        for plane in 0..<count * channels {
            let source = activation + plane * height * width
            let gradient = gradOutput + plane * (height / 2) * (width / 2)
            let target = gradInput + plane * paddedPlane + paddedWidth + 1
            for y in 0..<height / 2 {
                let top = source + 2 * y * width, bottom = top + width
                for x in stride(from: 0, to: width, by: 16) {
                    let upper = Vector16.load(top + x), lower = Vector16.load(bottom + x)
                    let (a, b, c, d) = (upper.evenHalf, upper.oddHalf, lower.evenHalf, lower.oddHalf)
                    let maximum = a.maximum(b).maximum(c.maximum(d))
                    let routed = SIMD8<Float>.load(gradient + y * (width / 2) + x / 2)
                        .replacing(with: 0, where: .!(maximum .> 0))
                    let takesA = a .== maximum
                    let takesB = .!takesA .& (b .== maximum)
                    let takesC = .!takesA .& .!takesB .& (c .== maximum)
                    let takesD = .!takesA .& .!takesB .& .!takesC
                    let zero = SIMD8<Float>.zero
                    SIMD8.interleave(zero.replacing(with: routed, where: takesA), zero.replacing(with: routed, where: takesB))
                        .store(target + 2 * y * paddedWidth + x)
                    SIMD8.interleave(zero.replacing(with: routed, where: takesC), zero.replacing(with: routed, where: takesD))
                        .store(target + (2 * y + 1) * paddedWidth + x)
                }
            }
        }
    }
}
