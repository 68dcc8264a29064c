/// The contents of one safetensors file: named tensors plus string metadata.
///
/// The format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length
/// N, N bytes of UTF-8 JSON mapping each tensor name to `{"dtype", "shape", "data_offsets"}` (plus
/// an optional `"__metadata__"` object of strings), then the tensors' raw little-endian bytes.
///
/// Writing: `encoded()` produces the bytes Python's `safetensors` writer would (same tensor order,
/// same JSON spelling, header padded with spaces to a multiple of 8), so Python and PyTorch load
/// them and the same tensors always give the same bytes.
///
/// Reading: `init(decoding:limits:)` checks the whole file before trusting any of it and reports
/// each fault as its own `SafeTensorsError`; it never traps, whatever the input.
///
/// Limits, stated honestly: the whole file is held in memory (viz files are a few tens of MB);
/// the name `__metadata__` is reserved for the metadata, so a tensor must not be called that
/// (the file written would be rejected by every reader); tensor names are dictionary keys, so two
/// names that differ in bytes but are canonically equivalent Unicode count as the same name.
public struct SafeTensorsFile: Sendable {
    public var tensors: [String: Tensor]
    public var metadata: [String: String]

    /// The header key holding `metadata`; no tensor may use it as a name.
    public static let metadataKey = "__metadata__"

    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor called `name`, checked to have the dtype and shape the caller relies on.
    /// Throws `tensorNotFound`, or `tensorMismatch` naming what was expected and what was found.
    public func tensor(_ name: String, dtype: DType, shape: [Int]) throws(SafeTensorsError) -> Tensor {
        guard let tensor = tensors[name] else { throw .tensorNotFound(name) }
        guard tensor.dtype == dtype, tensor.shape == shape else {
            throw .tensorMismatch(name: name, expectedDType: dtype, expectedShape: shape,
                                  foundDType: tensor.dtype, foundShape: tensor.shape)
        }
        return tensor
    }
}
