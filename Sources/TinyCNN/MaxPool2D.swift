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
                    rows.evenLanes.maximum(rows.oddLanes).store(target + y * outWidth + x / 2)
                }
            }
        }
    }

    /// For 8 windows side by side (their rows at `top` and `bottom`, 16 columns; their pooled
    /// gradients at `gradient`): the gradient each routes, zero where its maximum is not positive,
    /// and which position takes it: the first maximum in scan order.
    @inline(__always) private static func routes(_ top: UnsafePointer<Float>, _ bottom: UnsafePointer<Float>, _ gradient: UnsafePointer<Float>)
        -> (SIMD8<Float>, SIMDMask<SIMD8<Int32>>, SIMDMask<SIMD8<Int32>>, SIMDMask<SIMD8<Int32>>, SIMDMask<SIMD8<Int32>>) {
        let upper = Vector16.load(top), lower = Vector16.load(bottom)
        let (a, b, c, d) = (upper.evenLanes, upper.oddLanes, lower.evenLanes, lower.oddLanes)
        let maximum = a.maximum(b).maximum(c.maximum(d))
        let routed = SIMD8<Float>.load(gradient).replacing(with: 0, where: .!(maximum .> 0))
        let takesA = a .== maximum
        let takesB = .!takesA .& (b .== maximum)
        let takesC = .!takesA .& .!takesB .& (c .== maximum)
        return (routed, takesA, takesB, takesC, .!takesA .& .!takesB .& .!takesC)
    }

    /// activation (n, C, H, W) rectified, gradOutput (n, C, H/2, W/2) -> `routed` (n, C, H, W):
    /// what `backward` gives, at half height (`RoutedMaps`), for conv2's sparse gradient kernels.
    package static func route(activation: FeatureMaps, gradOutput: FeatureMaps, into routed: RoutedMaps) {
        requireShapes("MaxPool2D.route", unpooled: activation, pooled: gradOutput)
        requireShape(!gradOutput.layout.bordered, "MaxPool2D.route: gradOutput \(gradOutput) has a border")
        requireShape(routed.count == activation.count && routed.layout == activation.layout,
                     "MaxPool2D.route: \(routed) does not hold the gradient of activation \(activation)")
        let channels = activation.layout.channels, height = activation.layout.height, width = activation.layout.width
        let count = activation.count, activation = activation.base, gradOutput = gradOutput.base
        for plane in 0..<count * channels {
            let source = activation + plane * height * width
            let gradient = gradOutput + plane * (height / 2) * (width / 2)
            let values = routed.values + plane * routed.mapStride, lowerRow = routed.lowerRow + plane * routed.mapStride
            for y in 0..<height / 2 {
                let top = source + 2 * y * width, bottom = top + width
                for x in stride(from: 0, to: width, by: 16) {
                    let (routedGradient, takesA, takesB, takesC, takesD) = routes(top + x, bottom + x, gradient + y * (width / 2) + x / 2)
                    let zero = SIMD8<Float>.zero, one = SIMD8<Float>(repeating: 1)
                    SIMD8.interleave(zero.replacing(with: routedGradient, where: takesA .| takesC),
                                     zero.replacing(with: routedGradient, where: takesB .| takesD))
                        .store(values + y * width + x)
                    let lower = SIMD8.interleave(zero.replacing(with: one, where: takesC), zero.replacing(with: one, where: takesD))
                    UnsafeMutableRawPointer(lowerRow + y * width + x)
                        .storeBytes(of: SIMD16<Int32>.zero.replacing(with: 1, where: lower .> 0), as: SIMD16<Int32>.self)
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
                    let (routed, takesA, takesB, takesC, takesD) = routes(top + x, bottom + x, gradient + y * (width / 2) + x / 2)
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
