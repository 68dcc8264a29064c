import Foundation  // pow, once per step, for the bias correction exactly as PyTorch computes it.

/// Optimiser state and update with PyTorch's single-tensor semantics (the CPU default), on the flat
/// parameter vector. The update of each element depends only on that element, so any split of
/// the vector between threads gives the same bits.
///
/// Adam (torch.optim.Adam, weight_decay 0, amsgrad off), step t counted from 1:
///   m ← m + (1 − β1)(g − m)                     (exp_avg.lerp_(grad, 1 − β1))
///   v ← v·β2 + (1 − β2)·g·g                      (exp_avg_sq.mul_(β2).addcmul_(grad, grad, 1 − β2))
///   denom ← √v / √(1 − β2ᵗ) + ε                  (bias corrections in Double, as Python floats)
///   p ← p + (−lr / (1 − β1ᵗ))·m / denom          (param.addcdiv_(exp_avg, denom, −step_size))
/// SGD (momentum 0.9, dampening 0): buf ← g at the first step, then buf·0.9 + g; p ← p + (−lr)·buf.
struct Optimizer {
    static let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, momentum: Float = 0.9

    let kind: OptimizerKind
    let learningRate: Float
    /// Updates applied so far.
    var step = 0
    /// Adam's exp_avg, or SGD's momentum buffer.
    let firstMoment: Buffer
    /// Adam's exp_avg_sq (nil for SGD).
    let secondMoment: Buffer?

    init(kind: OptimizerKind, learningRate: Float, parameterCount: Int) {
        self.kind = kind
        self.learningRate = learningRate
        firstMoment = Buffer(count: parameterCount)
        secondMoment = kind == .adam ? Buffer(count: parameterCount) : nil
    }

    /// The state vectors in the order of `kind.momentNames`.
    var moments: [Buffer] { [firstMoment] + (secondMoment.map { [$0] } ?? []) }

    /// The scalars of one step, computed once and shared by every range.
    struct StepConstants {
        let kind: OptimizerKind, isFirstStep: Bool
        let oneMinusBeta1: Float, beta2: Float, oneMinusBeta2: Float
        let biasCorrection2Root: Float, epsilon: Float, negativeStepSize: Float, momentum: Float
    }

    func constants(forStep step: Int) -> StepConstants {
        let t = Double(step)
        let biasCorrection1 = 1 - pow(Self.beta1, t), biasCorrection2 = 1 - pow(Self.beta2, t)
        return StepConstants(
            kind: kind, isFirstStep: step == 1,
            oneMinusBeta1: Float(1 - Self.beta1), beta2: Float(Self.beta2), oneMinusBeta2: Float(1 - Self.beta2),
            biasCorrection2Root: Float(biasCorrection2.squareRoot()), epsilon: Float(Self.epsilon),
            negativeStepSize: kind == .adam ? Float(-(Double(learningRate) / biasCorrection1)) : -learningRate,
            momentum: Self.momentum)
    }

    /// Applies one step to `range` of the flat vectors.
    /// parameters, gradients, firstMoment, secondMoment (P) -> parameters, moments updated in place.
    /// All four hold P values, `range` lies inside them, and the second moment is there for Adam only.
    static func update(
        _ c: StepConstants, range: Range<Int>, parameters: UnsafeMutableBufferPointer<Float>, gradients: UnsafeBufferPointer<Float>,
        firstMoment: UnsafeMutableBufferPointer<Float>, secondMoment: UnsafeMutableBufferPointer<Float>?
    ) {
        let count = parameters.count
        requireShape(gradients.count == count && firstMoment.count == count && (secondMoment.map { $0.count == count } ?? true),
                     "Optimizer.update: \(count) parameters but \(gradients.count) gradients, \(firstMoment.count) and \(secondMoment?.count ?? 0) moments")
        requireShape(range.lowerBound >= 0 && range.upperBound <= count, "Optimizer.update: range \(range) of \(count) parameters")
        requireShape((secondMoment != nil) == (c.kind == .adam), "Optimizer.update: \(c.kind) with\(secondMoment == nil ? "out" : "") a second moment")
        guard let parameters = parameters.baseAddress, let gradients = gradients.baseAddress, let firstMoment = firstMoment.baseAddress else {
            return  // no parameters at all
        }
        let secondMoment = secondMoment?.baseAddress
        // 16 lanes at a time, then the tail one by one: every operation is an IEEE elementwise
        // one, so vector and scalar lanes give the same bits.
        let vectorEnd = range.lowerBound + (range.count / 16) * 16
        switch c.kind {
        case .adam:
            guard let secondMoment else { return }
            let oneMinusBeta1 = Vector16(repeating: c.oneMinusBeta1), beta2 = Vector16(repeating: c.beta2)
            let oneMinusBeta2 = Vector16(repeating: c.oneMinusBeta2), root = Vector16(repeating: c.biasCorrection2Root)
            let epsilon = Vector16(repeating: c.epsilon), negativeStepSize = Vector16(repeating: c.negativeStepSize)
            for i in stride(from: range.lowerBound, to: vectorEnd, by: 16) {
                let g = Vector16.load(gradients + i), m0 = Vector16.load(firstMoment + i)
                let m = m0 + oneMinusBeta1 * (g - m0)
                let v = Vector16.load(secondMoment + i) * beta2 + oneMinusBeta2 * g * g
                let denominator = v.squareRoot() / root + epsilon
                (Vector16.load(parameters + i) + negativeStepSize * m / denominator).store(parameters + i)
                m.store(firstMoment + i)
                v.store(secondMoment + i)
            }
            for i in vectorEnd..<range.upperBound {
                let g = gradients[i]
                let m = firstMoment[i] + c.oneMinusBeta1 * (g - firstMoment[i])
                let v = secondMoment[i] * c.beta2 + c.oneMinusBeta2 * g * g
                let denominator = v.squareRoot() / c.biasCorrection2Root + c.epsilon
                parameters[i] = parameters[i] + c.negativeStepSize * m / denominator
                firstMoment[i] = m
                secondMoment[i] = v
            }
        case .sgd:
            for i in range {
                let buffer = c.isFirstStep ? gradients[i] : firstMoment[i] * c.momentum + gradients[i]
                parameters[i] = parameters[i] + c.negativeStepSize * buffer
                firstMoment[i] = buffer
            }
        }
    }
}
