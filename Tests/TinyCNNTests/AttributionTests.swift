import Testing
@testable import TinyCNN

/// The attributions of a trained network: the input gradient and Grad-CAM from the trainer's
/// kernels, against the reference layers in Double and against finite differences on the input.
@Suite struct AttributionTests {
    /// TinyCNN in Double for n images: the true logits' gradients with respect to the input and to
    /// conv2's output after ReLU, and that output, from the reference layers.
    static func reference(_ p: [Double], images: [Double], labels: [Int]) -> (logit: [Double], gradInput: [Double], conv2: [Double], gradConv2: [Double]) {
        let n = labels.count
        func slice(_ name: ParameterName) -> [Double] { Array(p[name.offset..<name.offset + name.count]) }
        let conv1Pre = Reference.convForward(images, weight: slice(.conv1Weight), bias: slice(.conv1Bias), count: n,
                                             inChannels: 1, outChannels: 16, height: 32, width: 32)
        let conv1 = Reference.reluForward(conv1Pre)
        let pool1 = Reference.poolForward(conv1, planes: n * 16, height: 32, width: 32)
        let conv2Pre = Reference.convForward(pool1, weight: slice(.conv2Weight), bias: slice(.conv2Bias), count: n,
                                             inChannels: 16, outChannels: 32, height: 16, width: 16)
        let conv2 = Reference.reluForward(conv2Pre)
        let pool2 = Reference.poolForward(conv2, planes: n * 32, height: 16, width: 16)
        let fc1Pre = Reference.denseForward(pool2, weight: slice(.fc1Weight), bias: slice(.fc1Bias), count: n, inFeatures: 2048, outFeatures: 64)
        let fc1 = Reference.reluForward(fc1Pre)
        let logits = Reference.denseForward(fc1, weight: slice(.fc2Weight), bias: slice(.fc2Bias), count: n, inFeatures: 64, outFeatures: 9)
        var oneHot = [Double](repeating: 0, count: n * 9)
        for (i, label) in labels.enumerated() { oneHot[i * 9 + label] = 1 }
        let gradFc1 = Reference.denseBackward(fc1, weight: slice(.fc2Weight), gradOutput: oneHot, count: n, inFeatures: 64, outFeatures: 9).input
        let gradPool2 = Reference.denseBackward(pool2, weight: slice(.fc1Weight), gradOutput: Reference.reluBackward(fc1Pre, gradOutput: gradFc1),
                                                count: n, inFeatures: 2048, outFeatures: 64).input
        let gradConv2 = Reference.poolBackward(conv2, gradOutput: gradPool2, planes: n * 32, height: 16, width: 16)
        let gradPool1 = Reference.convBackward(pool1, weight: slice(.conv2Weight), gradOutput: Reference.reluBackward(conv2Pre, gradOutput: gradConv2),
                                               count: n, inChannels: 16, outChannels: 32, height: 16, width: 16).input
        let gradConv1 = Reference.reluBackward(conv1Pre, gradOutput: Reference.poolBackward(conv1, gradOutput: gradPool1, planes: n * 16, height: 32, width: 32))
        let gradInput = Reference.convBackward(images, weight: slice(.conv1Weight), gradOutput: gradConv1, count: n,
                                               inChannels: 1, outChannels: 16, height: 32, width: 32).input
        return (labels.enumerated().map { logits[$0.offset * 9 + $0.element] }, gradInput, conv2, gradConv2)
    }

    static func trainedTrainer() throws -> Trainer {
        var settings = TrainingSettings()
        settings.trainSamples = 300
        settings.testSamples = 90
        settings.epochs = 2
        let trainer = try Trainer(settings: settings, threads: 2)
        try trainer.runEpoch()
        return trainer
    }

    @Test func inputGradientAndGradCAMAgreeWithTheReference() throws {
        let trainer = try Self.trainedTrainer()
        let probes = trainer.probes
        let fast = try trainer.attributions(images: probes.images, labels: probes.labels)
        let reference = Self.reference(trainer.parameters.values.map(Double.init), images: probes.images.map(Double.init), labels: probes.labels)
        let scale = reference.gradInput.map(abs).max()!
        let error = zip(fast.gradInput, reference.gradInput).map { abs(Double($0) - $1) }.max()!
        #expect(error <= 1e-4 * scale, "input gradient: error \(error), largest \(scale)")
        // Grad-CAM in Double: α_c the mean of the gradient at conv2's output, ReLU of the weighted maps.
        var cam = [Double](repeating: 0, count: probes.count * 256)
        for sample in 0..<probes.count {
            for c in 0..<32 {
                let base = (sample * 32 + c) * 256
                let alpha = reference.gradConv2[base..<base + 256].reduce(0, +) / 256
                for i in 0..<256 { cam[sample * 256 + i] += alpha * reference.conv2[base + i] }
            }
        }
        cam = cam.map { max($0, 0) }
        let camScale = cam.max()!
        let camError = zip(fast.gradCAM, cam).map { abs(Double($0) - $1) }.max()!
        #expect(camScale > 0 && camError <= 1e-4 * camScale, "Grad-CAM: error \(camError), largest \(camScale)")
    }

    /// The input gradient is the derivative of the true class's logit: central differences of the
    /// reference logit in Double, at the pixels where the gradient is largest.
    @Test func inputGradientMatchesFiniteDifferences() throws {
        let trainer = try Self.trainedTrainer()
        let probe = 20, image = Array(trainer.probes.image(probe)).map(Double.init), label = trainer.probes.labels[probe]
        let parameters = trainer.parameters.values.map(Double.init)
        let fast = try trainer.attributions(images: image.map(Float.init), labels: [label]).gradInput.map(Double.init)
        let pixels = fast.indices.sorted { abs(fast[$0]) > abs(fast[$1]) }.prefix(8)
        for pixel in pixels {
            let numeric = centralDifference({ Self.reference(parameters, images: $0, labels: [label]).logit[0] }, at: image, index: pixel, step: 1e-4)
            #expect(abs(numeric - fast[pixel]) <= 1e-3 * max(1, abs(numeric)), "pixel \(pixel): \(fast[pixel]) vs \(numeric)")
        }
    }

    /// When no channel speaks for the class (every α ≤ 0) Grad-CAM is zero, not NaN.
    @Test func gradCAMIsZeroWhenEveryWeightIsNegative() {
        var conv2 = [Float](repeating: 0.5, count: 2 * 256), gradPool2 = [Float](repeating: -1, count: 2 * 64)
        var out = [Float](repeating: 0, count: 256)
        conv2.withUnsafeMutableBufferPointer { maps in
            gradPool2.withUnsafeMutableBufferPointer { gradients in
                out.withUnsafeMutableBufferPointer { out in
                    Trainer.gradCAM(conv2: FeatureMaps(UnsafeBufferPointer(maps), count: 1, layout: .init(channels: 2, height: 16, width: 16, bordered: false)),
                                    gradPool2: FeatureMaps(UnsafeBufferPointer(gradients), count: 1, layout: .init(channels: 2, height: 8, width: 8, bordered: false)),
                                    into: out)
                }
            }
        }
        #expect(out.allSatisfy { $0 == 0 })
    }

    @Test func wrongLabelsAreRefused() throws {
        let trainer = try Trainer(settings: TrainingSettings(), threads: 1)
        #expect(throws: TrainingError.invalidDataset(reason: "label 9 is outside 0…8")) {
            try trainer.attributions(images: [Float](repeating: 0, count: 1024), labels: [9])
        }
    }
}
