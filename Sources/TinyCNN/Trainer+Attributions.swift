/// Where in the image the network looks, for given images and their true classes: the gradient of
/// the true class's logit with respect to the input, and Grad-CAM on conv2.
///
/// Both come from the trainer's own forward and backward kernels (`Network.forward`,
/// `Network.backward`), started from the logit instead of the loss: the gradient of logit k with
/// respect to the logits is the one-hot vector of k. Two steps the training never needs are done
/// here in plain loops: conv1's input gradient (one input channel, which the tiled kernel does not
/// take) and the gradient at conv2's output after ReLU, which Grad-CAM weighs the maps with.
public struct Attributions: Sendable, Equatable {
    /// (n, 1, 32, 32): ∂ logit[true class] / ∂ input.
    public let gradInput: [Float]
    /// (n, 16, 16): Grad-CAM on conv2 after ReLU: ReLU(Σ_c α_c A_c), α_c the mean over the map of
    /// ∂ logit[true class] / ∂ A_c. Zero everywhere when every α_c ≤ 0 (no channel speaks for the
    /// class), never NaN.
    public let gradCAM: [Float]

    /// (16, 16): the side of a Grad-CAM map.
    public static let mapSide = Network.pool1Side
}

extension Trainer {
    /// The attributions of `count` images (count × 32 × 32) for their classes `labels`.
    public func attributions(images: [Float], labels: [Int]) throws(TrainingError) -> Attributions {
        let count = labels.count
        guard images.count == count * SquaresDataset.pixelsPerImage else {
            throw .invalidDataset(reason: "\(images.count) pixel values for \(count) images of \(SquaresDataset.pixelsPerImage)")
        }
        if let bad = labels.first(where: { !(0..<Network.classes).contains($0) }) {
            throw .invalidDataset(reason: "label \(bad) is outside 0…\(Network.classes - 1)")
        }
        let memory = ViewMemory()
        let forward = probeBuffers(count: count), a = forward.activations
        let g = Network.Gradients(
            logits: memory.vectors(count: count, features: Network.classes), fc1: memory.vectors(count: count, features: Network.hiddenUnits),
            pool2: memory.featureMaps(count: count, Network.Maps.pool2), conv2: memory.routedMaps(count: count, Network.Maps.conv2),
            pool1: memory.featureMaps(count: count, Network.Maps.pool1), conv1Padded: memory.featureMaps(count: count, Network.Maps.conv1Padded))
        var gradInput = [Float](repeating: 0, count: count * SquaresDataset.pixelsPerImage)
        var gradCAM = [Float](repeating: 0, count: count * Attributions.mapSide * Attributions.mapSide)
        withExtendedLifetime((memory, forward)) {
            let weights = self.weights, width = tileWidth, conv2Kernels = self.conv2Kernels
            images.withUnsafeBufferPointer { pixels in
                a.inputPadded.copy(from: FeatureMaps(pixels, count: count, layout: Network.Maps.image))
            }
            for (sample, label) in labels.enumerated() { g.logits.base[sample * Network.classes + label] = 1 }
            runner.run(tasks: Network.chunkCount(count)) { chunk, _ in
                let samples = Network.chunk(chunk, of: count)
                let chunkActivations = a.samples(samples)
                Network.forward(chunkActivations, weights: weights, width: width, conv2Kernels: conv2Kernels)
                Network.backward(chunkActivations, g.samples(samples), weights: weights, width: width)
            }
            gradInput.withUnsafeMutableBufferPointer { out in
                Self.conv1InputGradient(g.conv1Padded.readOnly, weight: weights.conv1, into: out)
            }
            gradCAM.withUnsafeMutableBufferPointer { out in
                Self.gradCAM(conv2: a.conv2.readOnly, gradPool2: g.pool2.readOnly, into: out)
            }
        }
        return Attributions(gradInput: gradInput, gradCAM: gradCAM)
    }

    /// gradConv1 (n, 16, 32+2, 32+2) bordered, before conv1's ReLU; weight (16, 1, 3, 3)
    /// -> gradInput (n, 1, 32, 32): the input gradient of a 3×3, padding-1 convolution,
    /// gradInput[y][x] = Σ_c Σ_(ky,kx) W[c][ky][kx] · gradConv1[c][y − ky + 1][x − kx + 1].
    /// 16 columns at a time; each value's sum is formed in the order of the formula (per channel,
    /// the nine taps from zero, then added to the total), the same as one value at a time.
    static func conv1InputGradient(_ gradient: FeatureMaps, weight: ConvWeights, into out: UnsafeMutableBufferPointer<Float>) {
        let layout = gradient.layout, side = layout.width
        requireShape(layout.bordered && weight.inChannels == 1 && weight.outChannels == layout.channels && side % 16 == 0
                     && out.count == gradient.count * side * layout.height,
                     "conv1's input gradient of \(gradient) with \(weight) into \(out.count) values")
        guard let target = out.baseAddress else { return }
        for sample in 0..<gradient.count {
            for c in 0..<layout.channels {
                let map = gradient.base + sample * layout.floats + c * layout.planeStride
                let w = weight.weight + c * 9
                for y in 0..<layout.height {
                    for x in stride(from: 0, to: side, by: 16) {
                        // The bordered map's (y + 1, x + 1) is value (y, x); its border is zero.
                        var sum = Vector16()
                        for ky in 0..<3 {
                            let source = map + (y - ky + 2) * layout.rowStride + x + 2
                            for kx in 0..<3 {
                                let tap = Vector16(repeating: w[ky * 3 + kx]), values = Vector16.load(source - kx)
                                sum += tap * values
                            }
                        }
                        let row = target + (sample * layout.height + y) * side + x
                        (Vector16.load(row) + sum).store(row)
                    }
                }
            }
        }
    }

    /// conv2 (n, 32, 16, 16) after ReLU, gradPool2 (n, 32, 8, 8) -> Grad-CAM (n, 16, 16).
    ///
    /// The gradient at conv2's output after ReLU is pool2's, routed to each 2×2 window's first
    /// largest value (PyTorch's choice, also where the largest is 0: the ReLU's output, unlike its
    /// input, has a gradient there); α_c is its mean over the map.
    static func gradCAM(conv2: FeatureMaps, gradPool2: FeatureMaps, into out: UnsafeMutableBufferPointer<Float>) {
        let maps = conv2.layout, pooled = gradPool2.layout
        requireShape(!maps.bordered && !pooled.bordered && maps.channels == pooled.channels && maps.height == 2 * pooled.height
                     && maps.width == 2 * pooled.width && conv2.count == gradPool2.count && out.count == conv2.count * maps.height * maps.width,
                     "Grad-CAM of \(conv2) with pool2's gradient \(gradPool2) into \(out.count) values")
        let area = maps.height * maps.width
        for sample in 0..<conv2.count {
            let cam = UnsafeMutableBufferPointer(rebasing: out[(sample * area)..<((sample + 1) * area)])
            for c in 0..<maps.channels {
                let a = conv2.base + sample * maps.floats + c * area
                let g = gradPool2.base + sample * pooled.floats + c * pooled.height * pooled.width
                var sum: Float = 0
                for y in 0..<pooled.height {
                    for x in 0..<pooled.width {
                        sum += g[y * pooled.width + x]  // each window routes its gradient to exactly one cell
                    }
                }
                let alpha = sum / Float(area)
                for i in 0..<area { cam[i] += alpha * a[i] }
            }
            for i in 0..<area { cam[i] = max(cam[i], 0) }
        }
    }
}
