import Foundation
import Testing
@testable import TinyCNN

@Suite struct OptimizerTests {
    /// Runs `steps` updates of a 20-element vector (16 vector lanes + a 4-lane scalar tail) with
    /// the same gradients every step; returns the parameters after each step.
    func run(_ kind: OptimizerKind, learningRate: Float, gradients: [Float], steps: Int) -> [[Float]] {
        var optimizer = Optimizer(kind: kind, learningRate: learningRate, parameterCount: gradients.count)
        let parameters = Buffer(Array(repeating: 1, count: gradients.count)), g = Buffer(gradients)
        var history: [[Float]] = []
        for _ in 0..<steps {
            optimizer.step += 1
            Optimizer.update(optimizer.constants(forStep: optimizer.step), range: 0..<gradients.count, parameters: parameters.floats,
                             gradients: UnsafeBufferPointer(g.floats), firstMoment: optimizer.firstMoment.floats,
                             secondMoment: optimizer.secondMoment?.floats)
            history.append(parameters.array)
        }
        return history
    }

    /// Gradients whose lanes 16…19 repeat lanes 0…3: vector and scalar paths must agree bit for bit.
    let gradients: [Float] = [0.5, -2, 1e-3, -7e-6] + (4..<16).map { Float($0) * 0.1 - 0.8 } + [0.5, -2, 1e-3, -7e-6]

    @Test func adamFollowsPyTorchsFormulaWithBiasCorrection() {
        let history = run(.adam, learningRate: 0.01, gradients: gradients, steps: 3)
        for (step, parameters) in history.enumerated() {
            let t = Double(step + 1)
            for (index, g) in gradients.enumerated() {
                // Constant gradient: m = g(1 − β1ᵗ), v = g²(1 − β2ᵗ), so each step moves by
                // lr · g / (|g| + ε·√(1 − β2ᵗ)) · … ≈ lr · sign(g) (in Double, to Float accuracy).
                let g = Double(g)
                let m = g * (1 - pow(0.9, t)), v = g * g * (1 - pow(0.999, t))
                let move = 0.01 / (1 - pow(0.9, t)) * m / (v.squareRoot() / (1 - pow(0.999, t)).squareRoot() + 1e-8)
                let expected = step == 0 ? 1 - move : Double(history[step - 1][index]) - move
                #expect(abs(Double(parameters[index]) - expected) < 1e-6, "step \(step + 1) lane \(index)")
            }
            #expect(Array(parameters[16..<20]) == Array(parameters[0..<4]))
        }
    }

    @Test func sgdUsesMomentumWithTheFirstGradientAsBuffer() {
        let history = run(.sgd, learningRate: 0.1, gradients: gradients, steps: 2)
        for (index, g) in gradients.enumerated() {
            let afterFirst = 1 + (-0.1) * g, buffer = g * 0.9 + g
            #expect(history[0][index] == afterFirst)
            #expect(history[1][index] == afterFirst + (-0.1) * buffer)
        }
    }
}
