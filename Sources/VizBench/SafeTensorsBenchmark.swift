import SafeTensors

/// `viz-bench safetensors [repeats]`: writes and reads one snapshot file with the tensors of
/// SPEC §4 (≈ 5.7 MB), and prints the median time and throughput of each step over `repeats`.
enum SafeTensorsBenchmark {
    static func run(arguments: [String]) throws {
        let repeats = max(arguments.first.flatMap(Int.init) ?? 21, 1)
        let shapes: [(String, [Int])] = [
            ("input", [45, 1, 32, 32]), ("conv1", [45, 16, 32, 32]), ("pool1", [45, 16, 16, 16]),
            ("conv2", [45, 32, 16, 16]), ("pool2", [45, 32, 8, 8]), ("fc1", [45, 64]), ("logits", [45, 9]),
            ("fc2.weight", [9, 64]), ("fc2.bias", [9]),
        ]
        var file = SafeTensorsFile(metadata: ["epoch": "0"])
        for (name, shape) in shapes {
            let count = shape.reduce(1, *)
            file.tensors[name] = try Tensor(shape: shape, floats: (0..<count).map { Float($0 % 251) * 0.01 })
        }
        file.tensors["label"] = try Tensor(shape: [45], int64s: (0..<45).map { Int64($0 % 9) })
        let bytes = file.encoded()
        let megabytes = Double(bytes.count) / 1e6
        print("safetensors: snapshot of \(file.tensors.count) tensors, \(bytes.count) bytes, median of \(repeats)")

        var checksum = 0
        func report(_ step: String, _ body: () throws -> Int) rethrows {
            var seconds: [Double] = []
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                checksum &+= try body()
                seconds.append((ContinuousClock.now - start) / .seconds(1))
            }
            let median = seconds.sorted()[seconds.count / 2]
            let line = "  \(step)" + String(repeating: " ", count: max(1, 22 - step.count))
            print(line + "\(format3(median * 1e3)) ms  \(Int(megabytes / median)) MB/s")
        }
        report("encode") { file.encoded().count }
        try report("decode") { try SafeTensorsFile(decoding: bytes).tensors.count }
        try report("decode + floats()") {
            let decoded = try SafeTensorsFile(decoding: bytes)
            return try shapes.reduce(0) { sum, entry in sum + (try decoded.tensors[entry.0]?.floats().count ?? 0) }
        }
        print("  (checksum \(checksum))")
    }

    /// `value` with three decimals, without Foundation.
    private static func format3(_ value: Double) -> String {
        let thousandths = Int(value * 1000 + 0.5)
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
