import Foundation  // exp, log for the reference softmax.

/// The plain reference twin of every fast kernel: textbook loops over unpadded arrays, in Double,
/// written to be obviously right rather than fast. Tests check the fast Float kernels against
/// these, and these against central finite differences (Double keeps those differences exact
/// enough to compare at 1e-6).
enum Reference {
    /// input (n, Cin, H, W), weight (Cout, Cin, 3, 3), bias (Cout) -> output (n, Cout, H, W);
    /// 3×3, stride 1, zero padding 1.
    static func convForward(_ input: [Double], weight: [Double], bias: [Double], count: Int,
                                   inChannels: Int, outChannels: Int, height: Int, width: Int) -> [Double] {
        var output = [Double](repeating: 0, count: count * outChannels * height * width)
        for n in 0..<count {
            for co in 0..<outChannels {
                for y in 0..<height {
                    for x in 0..<width {
                        var sum = bias[co]
                        for ci in 0..<inChannels {
                            for ky in 0..<3 {
                                for kx in 0..<3 {
                                    let sy = y + ky - 1, sx = x + kx - 1
                                    guard sy >= 0, sy < height, sx >= 0, sx < width else { continue }
                                    sum += weight[((co * inChannels + ci) * 3 + ky) * 3 + kx]
                                        * input[((n * inChannels + ci) * height + sy) * width + sx]
                                }
                            }
                        }
                        output[((n * outChannels + co) * height + y) * width + x] = sum
                    }
                }
            }
        }
        return output
    }

    /// input (n, Cin, H, W), weight (Cout, Cin, 3, 3), gradOutput (n, Cout, H, W)
    /// -> gradInput (n, Cin, H, W), gradWeight (Cout, Cin, 3, 3), gradBias (Cout).
    static func convBackward(_ input: [Double], weight: [Double], gradOutput: [Double], count: Int,
                                    inChannels: Int, outChannels: Int, height: Int, width: Int)
        -> (input: [Double], weight: [Double], bias: [Double]) {
        var gradInput = [Double](repeating: 0, count: input.count)
        var gradWeight = [Double](repeating: 0, count: weight.count)
        var gradBias = [Double](repeating: 0, count: outChannels)
        for n in 0..<count {
            for co in 0..<outChannels {
                for y in 0..<height {
                    for x in 0..<width {
                        let g = gradOutput[((n * outChannels + co) * height + y) * width + x]
                        gradBias[co] += g
                        for ci in 0..<inChannels {
                            for ky in 0..<3 {
                                for kx in 0..<3 {
                                    let sy = y + ky - 1, sx = x + kx - 1
                                    guard sy >= 0, sy < height, sx >= 0, sx < width else { continue }
                                    let w = ((co * inChannels + ci) * 3 + ky) * 3 + kx
                                    let i = ((n * inChannels + ci) * height + sy) * width + sx
                                    gradWeight[w] += g * input[i]
                                    gradInput[i] += g * weight[w]
                                }
                            }
                        }
                    }
                }
            }
        }
        return (gradInput, gradWeight, gradBias)
    }

    /// x -> max(x, 0)
    static func reluForward(_ input: [Double]) -> [Double] { input.map { max($0, 0) } }

    /// input, gradOutput -> gradInput (gradient passes where the input is positive).
    static func reluBackward(_ input: [Double], gradOutput: [Double]) -> [Double] {
        zip(input, gradOutput).map { $0 > 0 ? $1 : 0 }
    }

    /// input (n, C, H, W) -> output (n, C, H/2, W/2), 2×2 windows, stride 2.
    static func poolForward(_ input: [Double], planes: Int, height: Int, width: Int) -> [Double] {
        var output: [Double] = []
        for plane in 0..<planes {
            for y in 0..<height / 2 {
                for x in 0..<width / 2 {
                    output.append(poolWindow(input, plane, y, x, height, width).map { input[$0] }.max()!)
                }
            }
        }
        return output
    }

    /// input (n, C, H, W), gradOutput (n, C, H/2, W/2) -> gradInput (n, C, H, W): each window's
    /// gradient goes to its first maximum in scan order, as PyTorch does.
    static func poolBackward(_ input: [Double], gradOutput: [Double], planes: Int, height: Int, width: Int) -> [Double] {
        var gradInput = [Double](repeating: 0, count: input.count)
        var pooled = 0
        for plane in 0..<planes {
            for y in 0..<height / 2 {
                for x in 0..<width / 2 {
                    let window = poolWindow(input, plane, y, x, height, width)
                    let maximum = window.map { input[$0] }.max()!
                    gradInput[window.first { input[$0] == maximum }!] += gradOutput[pooled]
                    pooled += 1
                }
            }
        }
        return gradInput
    }

    /// Indices of a 2×2 window in scan order: top-left, top-right, bottom-left, bottom-right.
    private static func poolWindow(_ input: [Double], _ plane: Int, _ y: Int, _ x: Int, _ height: Int, _ width: Int) -> [Int] {
        let topLeft = (plane * height + 2 * y) * width + 2 * x
        return [topLeft, topLeft + 1, topLeft + width, topLeft + width + 1]
    }

    /// input (n, K), weight (O, K), bias (O) -> output (n, O).
    static func denseForward(_ input: [Double], weight: [Double], bias: [Double], count: Int, inFeatures: Int, outFeatures: Int) -> [Double] {
        var output = [Double](repeating: 0, count: count * outFeatures)
        for n in 0..<count {
            for o in 0..<outFeatures {
                var sum = bias[o]
                for k in 0..<inFeatures { sum += input[n * inFeatures + k] * weight[o * inFeatures + k] }
                output[n * outFeatures + o] = sum
            }
        }
        return output
    }

    /// input (n, K), weight (O, K), gradOutput (n, O) -> gradInput (n, K), gradWeight (O, K), gradBias (O).
    static func denseBackward(_ input: [Double], weight: [Double], gradOutput: [Double], count: Int, inFeatures: Int, outFeatures: Int)
        -> (input: [Double], weight: [Double], bias: [Double]) {
        var gradInput = [Double](repeating: 0, count: input.count)
        var gradWeight = [Double](repeating: 0, count: weight.count)
        var gradBias = [Double](repeating: 0, count: outFeatures)
        for n in 0..<count {
            for o in 0..<outFeatures {
                let g = gradOutput[n * outFeatures + o]
                gradBias[o] += g
                for k in 0..<inFeatures {
                    gradInput[n * inFeatures + k] += g * weight[o * inFeatures + k]
                    gradWeight[o * inFeatures + k] += g * input[n * inFeatures + k]
                }
            }
        }
        return (gradInput, gradWeight, gradBias)
    }

    /// logits (n, classes), labels (n) -> mean loss over the n samples, and its gradient (n, classes).
    static func softmaxCrossEntropy(_ logits: [Double], labels: [Int], classes: Int) -> (loss: Double, gradient: [Double]) {
        let count = labels.count
        var loss = 0.0
        var gradient = [Double](repeating: 0, count: logits.count)
        for n in 0..<count {
            let row = Array(logits[n * classes..<(n + 1) * classes])
            let maximum = row.max()!
            let sum = row.reduce(0) { $0 + exp($1 - maximum) }
            loss += maximum + log(sum) - row[labels[n]]
            for j in 0..<classes {
                gradient[n * classes + j] = (exp(row[j] - maximum) / sum - (j == labels[n] ? 1 : 0)) / Double(count)
            }
        }
        return (loss / Double(count), gradient)
    }
}
