import TinyCNN

/// `viz-bench train`: training and inference throughput of TinyCNN.
enum TrainingBench {
    static func run(_ arguments: [String]) throws {
        var config = TrainingConfig()
        let trainer = try Trainer(config: config)
        for _ in 0..<2 {
            let m = try trainer.runEpoch()
            print("epoch \(m.epoch): \(Int(m.samplesPerSecond)) samples/s, loss \(m.trainLoss), test acc \(m.testAccuracy)")
        }
        config.threads = 1
    }
}
