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
