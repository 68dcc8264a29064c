// Sine and cosine for circle and arc vertices. The standard library has none without importing the
// C library (Glibc/Darwin), and Raster stays pure Swift; shape geometry needs ~1e-12 accuracy, not speed.

/// sin(x) for finite x (NaN otherwise): reduced to [−π/2, π/2], then its Taylor series.
func sine(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let twoPi = 2 * Double.pi
    var r = x - (x / twoPi).rounded() * twoPi        // now in [−π, π]
    if r > Double.pi / 2 { r = Double.pi - r } else if r < -Double.pi / 2 { r = -Double.pi - r }
    let r2 = r * r
    var term = r, sum = r
    for n in stride(from: 2, through: 26, by: 2) {
        term *= -r2 / Double(n * (n + 1))
        sum += term
    }
    return sum
}

/// cos(x) for finite x.
func cosine(_ x: Double) -> Double { sine(x + Double.pi / 2) }
