import Foundation  // expf, logf: nine of each per sample.

/// Softmax cross-entropy on logits, forward and backward in one pass (the gradient needs the
/// softmax the loss already computed). Stable: log Σ exp(z) = m + log Σ exp(z − m), m = max z.
enum SoftmaxCrossEntropy {
    /// logits (classes) and the true `label` -> loss −log softmax(z)[label]; gradient (classes)
    /// = (softmax(z) − onehot(label)) · `gradientScale` (1 / batch size for a mean loss).
    /// Returns whether the arg-max of the logits (first maximum) equals the label.
    static func lossAndGradient(
        logits: UnsafePointer<Float>, label: Int, classes: Int, gradientScale: Float,
        gradient: UnsafeMutablePointer<Float>
    ) -> (loss: Float, correct: Bool) {
        var maximum = logits[0], predicted = 0
        for index in 1..<classes where logits[index] > maximum { (maximum, predicted) = (logits[index], index) }
        var sum: Float = 0
        for index in 0..<classes {
            gradient[index] = expf(logits[index] - maximum)
            sum += gradient[index]
        }
        let loss = maximum + logf(sum) - logits[label]
        for index in 0..<classes {
            gradient[index] = (gradient[index] / sum - (index == label ? 1 : 0)) * gradientScale
        }
        return (loss, predicted == label)
    }

    /// Loss and correctness only (evaluation).
    static func loss(logits: UnsafePointer<Float>, label: Int, classes: Int) -> (loss: Float, correct: Bool) {
        var maximum = logits[0], predicted = 0
        for index in 1..<classes where logits[index] > maximum { (maximum, predicted) = (logits[index], index) }
        var sum: Float = 0
        for index in 0..<classes { sum += expf(logits[index] - maximum) }
        return (maximum + logf(sum) - logits[label], predicted == label)
    }
}
