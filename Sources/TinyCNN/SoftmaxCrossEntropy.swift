import Foundation  // expf, logf: nine of each per sample.

/// Softmax cross-entropy on logits, forward and backward in one pass (the gradient needs the
/// softmax the loss already computed). Stable: log Σ exp(z) = m + log Σ exp(z − m), m = max z.
enum SoftmaxCrossEntropy {
    /// logits (n, classes) and the true label of each sample (`label(i)` for sample i)
    /// -> Σ of the losses −log softmax(z)[label], added up in sample order, and how many samples
    /// have the label as the arg-max (first maximum) of their logits; gradient (n, classes)
    /// = (softmax(z) − onehot(label)) · `gradientScale` (1 / batch size for a mean loss).
    static func lossAndGradient(
        logits: Vectors, label: (Int) -> Int, gradientScale: Float, gradient: MutableVectors
    ) -> (lossSum: Double, correct: Int) {
        requireShape(gradient.count == logits.count && gradient.features == logits.features && logits.features > 0,
                     "SoftmaxCrossEntropy: logits \(logits) and gradient \(gradient) differ")
        let classes = logits.features
        var lossSum = 0.0, correct = 0
        for sample in 0..<logits.count {
            let label = label(sample)
            requireShape(label >= 0 && label < classes, "SoftmaxCrossEntropy: label \(label) of sample \(sample) is not one of \(classes) classes")
            let logits = logits.base + sample * classes, gradient = gradient.base + sample * classes
            var maximum = logits[0], predicted = 0
            for index in 1..<classes where logits[index] > maximum { (maximum, predicted) = (logits[index], index) }
            var sum: Float = 0
            for index in 0..<classes {
                gradient[index] = expf(logits[index] - maximum)
                sum += gradient[index]
            }
            lossSum += Double(maximum + logf(sum) - logits[label])
            correct += predicted == label ? 1 : 0
            for index in 0..<classes {
                gradient[index] = (gradient[index] / sum - (index == label ? 1 : 0)) * gradientScale
            }
        }
        return (lossSum, correct)
    }

    /// Loss sum and correct count only (evaluation).
    static func loss(logits: Vectors, label: (Int) -> Int) -> (lossSum: Double, correct: Int) {
        let classes = logits.features
        requireShape(classes > 0, "SoftmaxCrossEntropy: logits \(logits) have no classes")
        var lossSum = 0.0, correct = 0
        for sample in 0..<logits.count {
            let label = label(sample)
            requireShape(label >= 0 && label < classes, "SoftmaxCrossEntropy: label \(label) of sample \(sample) is not one of \(classes) classes")
            let logits = logits.base + sample * classes
            var maximum = logits[0], predicted = 0
            for index in 1..<classes where logits[index] > maximum { (maximum, predicted) = (logits[index], index) }
            var sum: Float = 0
            for index in 0..<classes { sum += expf(logits[index] - maximum) }
            lossSum += Double(maximum + logf(sum) - logits[label])
            correct += predicted == label ? 1 : 0
        }
        return (lossSum, correct)
    }
}
