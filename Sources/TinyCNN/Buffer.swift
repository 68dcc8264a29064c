/// A zero-initialised, fixed-size block of Floats owned by one object, so kernels running on
/// several threads can share raw pointers into it while the owner keeps it alive.
/// Internal: no pointer leaves the library.
final class Buffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { pointer.update(from: base, count: values.count) } }
    }

    /// Overwrites the first `values.count` values (callers check the count).
    func copy(from values: [Float]) {
        values.withUnsafeBufferPointer { if let base = $0.baseAddress { pointer.update(from: base, count: min(values.count, count)) } }
    }

    var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    deinit { pointer.deallocate() }
}
