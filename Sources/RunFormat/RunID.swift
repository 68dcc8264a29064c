import TinyCNN

/// Run identities (RUN_FORMAT.md `run_id`): every file of a run carries its run's id, so a file of
/// another run is recognised wherever it turns up.
///
/// viz derives its id from the seed and settings, since the same settings give the same run bit
/// for bit — two runs sharing an id are identical anyway, and the same seed still gives the same
/// bytes. The hash is two lanes of a SplitMix64-style mix over the settings' canonical text (not
/// cryptographic: it tells runs apart, it does not authenticate them).
public enum RunID {
    /// `viz-` and 32 hex digits.
    public static func derived(from settings: TrainingSettings) -> String {
        let canonical = TrainingSettings.table.map { "\($0.key)=\($0.text(of: settings))" }.joined(separator: "\n")
        let bytes = Array(canonical.utf8)
        return "viz-" + hex(hash(bytes, seed: 0x9E37_79B9_7F4A_7C15)) + hex(hash(bytes, seed: 0xD1B5_4A32_D192_ED03))
    }

    /// 1–64 characters of `A–Z a–z 0–9 _ -`.
    public static func isValid(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F || $0 == 0x2D }
    }

    private static func hash(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var state = seed
        for byte in bytes { state = mix(state ^ UInt64(byte)) }
        return mix(state ^ UInt64(bytes.count))
    }

    /// SplitMix64's finaliser: every input bit affects every output bit.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
