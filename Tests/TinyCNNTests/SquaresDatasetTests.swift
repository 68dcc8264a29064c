import Testing
@testable import TinyCNN

@Suite struct SquaresDatasetTests {
    func generate(_ count: Int, noise: Float, seed: UInt64 = 42) -> SquaresDataset {
        var generator = SeededGenerator(seed: seed)
        return SquaresDataset(generating: count, noise: noise, generator: &generator)
    }

    @Test func sameSeedGivesTheSameBitsAndAnotherSeedDoesNot() {
        #expect(generate(50, noise: 0.3) == generate(50, noise: 0.3))
        #expect(generate(50, noise: 0.3).images != generate(50, noise: 0.3, seed: 43).images)
    }

    @Test("the same bits from 1, 2 and 3 threads, across blocks, as the one-pixel-pair-at-a-time loop gives")
    func sameBitsForAnyThreadCount() {
        // 600 images: more than two blocks of 256, the last one short.
        func generate(threads: Int) -> (SquaresDataset, UInt64) {
            var generator = SeededGenerator(seed: 7)
            let data = SquaresDataset(generating: 600, noise: 0.3, generator: &generator, threads: threads)
            return (data, generator.next())  // and the generator goes on from the same state
        }
        let (one, nextAfterOne) = generate(threads: 1)
        for threads in [2, 3] {
            let (many, nextAfterMany) = generate(threads: threads)
            #expect(many == one)
            #expect(nextAfterMany == nextAfterOne)
        }
        // The plain loop: per image its placement's three draws, then its pixels a normal pair at a
        // time; then the shuffle.
        var generator = SeededGenerator(seed: 7)
        var images: [[Float]] = []
        for sample in 0..<600 {
            let label = sample % 9
            let top = (label / 3) * 10 + generator.nextInt(below: 5), left = (label % 3) * 10 + generator.nextInt(below: 5)
            let inverted = generator.next() >> 63 == 1
            var image = [Float](repeating: 0, count: 1024)
            for pixel in stride(from: 0, to: 1024, by: 2) {
                let (a, b) = generator.nextNormalPair()
                for (k, gaussian) in [(0, a), (1, b)] {
                    let y = (pixel + k) / 32, x = (pixel + k) % 32
                    let inSquare = y >= top && y < top + 6 && x >= left && x < left + 6
                    let clean: Double = (inSquare != inverted) ? 1 : 0
                    image[pixel + k] = Float(min(max(clean + Double(Float(0.3)) * gaussian, 0), 1))
                }
            }
            images.append(image)
        }
        var order = Array(0..<600)
        for index in stride(from: 599, to: 0, by: -1) { order.swapAt(index, generator.nextInt(below: index + 1)) }
        #expect(one.images == order.flatMap { images[$0] })
        #expect(generator.next() == nextAfterOne)
    }

    @Test func labelsAreBalancedAndShuffled() {
        let data = generate(900, noise: 0.3)
        for label in 0..<9 { #expect(data.labels.filter { $0 == label }.count == 100) }
        #expect(data.labels != (0..<900).map { $0 % 9 })
    }

    @Test func withoutNoiseEachImageHoldsOneSixBySixSquareInsideItsCell() {
        let data = generate(300, noise: 0)
        var inverted = 0
        for index in 0..<data.count {
            let image = Array(data.image(index))
            #expect(image.allSatisfy { $0 == 0 || $0 == 1 })
            // The minority value marks the square (36 of 1024 pixels).
            let squareValue: Float = image.filter { $0 == 1 }.count == 36 ? 1 : 0
            if squareValue == 0 { inverted += 1 }
            let pixels = image.indices.filter { image[$0] == squareValue }
            #expect(pixels.count == 36)
            let rows = pixels.map { $0 / 32 }, columns = pixels.map { $0 % 32 }
            let (top, left) = (rows.min()!, columns.min()!)
            #expect(rows.max()! - top == 5 && columns.max()! - left == 5)
            let label = data.labels[index]
            let cellTop = (label / 3) * 10, cellLeft = (label % 3) * 10
            #expect((cellTop...cellTop + 4).contains(top) && (cellLeft...cellLeft + 4).contains(left))
        }
        #expect(inverted > 100 && inverted < 200)
    }

    @Test func noiseIsAddedThenClipped() {
        let data = generate(100, noise: 0.3)
        #expect(data.images.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(data.images.contains { $0 > 0 && $0 < 1 })
        #expect(data.images.contains(0) && data.images.contains(1))
    }

    @Test func probesAreTheFirstSamplesOfEachClassInClassOrder() throws {
        let data = generate(90, noise: 0.3)
        let probes = try data.probes(perClass: 5)
        #expect(probes.labels == (0..<45).map { $0 / 5 })
        let firstOfClass4 = data.labels.firstIndex(of: 4)!
        #expect(Array(probes.image(20)) == Array(data.image(firstOfClass4)))
        #expect(throws: TrainingError.invalidDataset(reason: "11 probes per class need 11 test samples of class 0, the test set has 10")) {
            try data.probes(perClass: 11)
        }
    }

    @Test func mismatchedImagesAndLabelsAreRejected() {
        #expect(throws: TrainingError.invalidDataset(reason: "2 pixel values for 1 images of 1024")) {
            try SquaresDataset(images: [0, 1], labels: [0])
        }
        #expect(throws: TrainingError.invalidDataset(reason: "label 9 is outside 0…8")) {
            try SquaresDataset(images: Array(repeating: 0, count: 1024), labels: [9])
        }
    }
}
