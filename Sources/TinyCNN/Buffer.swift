/// A zero-initialised, fixed-size block of Floats owned by one object, so kernels running on
/// several threads can share views of it while the owner keeps it alive.
package final class Buffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    package init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    package convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { pointer.update(from: base, count: values.count) } }
    }

    /// Overwrites the first `values.count` values (callers check the count).
    func copy(from values: [Float]) {
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { pointer.update(from: base, count: min(values.count, count)) } }
    }

    /// All the values, for views (`FeatureMaps`, `Network.Weights`, …) and the optimiser.
    package var floats: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    var array: [Float] { Array(floats) }

    deinit { pointer.deallocate() }
}
