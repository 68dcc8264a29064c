/// Stops the program with `message` unless `condition` holds: the kernels' and views' checks of
/// their shapes, made once per call before any pointer is touched.
///
/// A precondition in all but name. Not `precondition` itself because TinyCNN is always built with
/// `-O` (Package.swift), where `precondition` traps without printing its message; a wrong shape
/// should say which shape. The message is built only when the check fails.
@inline(__always)
func requireShape(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
