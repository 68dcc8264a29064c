/// The element types of the safetensors format, spelled as in the file's header.
///
/// Only whole-byte types are supported; the sub-byte (`F4`, `F6_*`) and complex (`C64`) types of
/// newer `safetensors` releases are rejected as unknown, because viz never writes them.
public enum DType: String, Sendable, CaseIterable {
    case bool = "BOOL"
    case u8 = "U8"
    case i8 = "I8"
    case f8E5M2 = "F8_E5M2"
    case f8E4M3 = "F8_E4M3"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case f64 = "F64"
    case i64 = "I64"
    case u64 = "U64"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .bool, .u8, .i8, .f8E5M2, .f8E4M3: 1
        case .i16, .u16, .f16, .bf16: 2
        case .i32, .u32, .f32: 4
        case .f64, .i64, .u64: 8
        }
    }

    /// Rank in the upstream `safetensors` `Dtype` enum; its writer lays tensors out by descending
    /// rank (then by name), which keeps wide types aligned. The cases above are declared in that order.
    var writeRank: Int { Self.allCases.firstIndex(of: self)! }  // always found: self is a case
}
