import Charts
import RunFormat

/// The words and numbers the figures share, so every title speaks the same language.
enum FigureText {
    /// "class 4 (centre)", "class 3" when the name is the number, "class 2 (cat)".
    static func className(_ k: Int, _ model: ModelDescription) -> String {
        guard model.classNames.indices.contains(k), model.classNames[k] != String(k) else { return "class \(k)" }
        return "class \(k) (\(model.classNames[k]))"
    }

    /// How a layer is named in titles: the post's "FC1" for viz's `fc1`, else its own name.
    static func layer(_ name: String) -> String {
        name.count <= 4 && name.hasPrefix("fc") && name.dropFirst(2).allSatisfy(\.isNumber) ? name.uppercased() : name
    }

    /// The symbols of the head's formula, `logit[k] = Σ_i x[i] · W[k][i] + b[k]`: the post's
    /// `fc1`, `W2`, `b2` for viz's fc1 → fc2, the head input's name and W, b otherwise (the digits
    /// of the head's name become the symbols' index: `fc2` → `W2`).
    static func symbols(_ model: ModelDescription) -> (x: String, w: String, b: String) {
        let index = String(model.head.name.reversed().prefix { $0.isNumber }.reversed())
        return (model.head.input, "W" + index, "b" + index)
    }

    /// A probe's name in titles: "#20", its index among the recorded probes.
    static func probe(_ p: Int) -> String { "#\(p)" }

    /// A unit's label: "#39".
    static func unit(_ i: Int) -> String { "#\(i)" }

    /// A value on a bar or in a title: two decimals, typographic minus.
    static func value(_ v: Float) -> String { NumberFormat.fixed(Double(v), decimals: 2) }

    /// An accuracy in 0…1 as "87.3 %".
    static func percent(_ fraction: Double) -> String { NumberFormat.fixed(fraction * 100, decimals: 1) + " %" }

    /// "epoch 3/10 (step 141) · test accuracy 87.3 %"; epoch 0 reads "before training"; a snapshot inside an
    /// epoch "epoch 0.49/10 (step 23) · …" — the epochs it is into, when the steps of an epoch are
    /// known, else "epoch 1/10, step 23".
    static func epochStatus(_ digest: SnapshotDigest, of lastEpoch: Int, stepsPerEpoch: Int?) -> String {
        let when: String
        if digest.epochEnd || digest.step == 0 {
            when = digest.epoch == 0 ? "before training (epoch 0/\(lastEpoch))"
                : "epoch \(digest.epoch)/\(lastEpoch)" + (digest.step > 0 ? " (step \(digest.step))" : "")
        } else if let stepsPerEpoch, stepsPerEpoch > 0 {
            when = "epoch \(NumberFormat.fixed(Double(digest.step) / Double(stepsPerEpoch), decimals: 2))/\(lastEpoch) (step \(digest.step))"
        } else {
            when = "epoch \(digest.epoch + 1)/\(lastEpoch), step \(digest.step)"
        }
        return digest.testAccuracy.map { when + " · test accuracy " + percent($0) } ?? when
    }

    /// When a still figure's snapshot was taken, and the test accuracy then: "after epoch 10 · test
    /// accuracy 100.0 %", or "at step 11 (epoch 0.23)" for one inside an epoch.
    static func stillStatus(_ digest: SnapshotDigest, stepsPerEpoch: Int?) -> String {
        let when: String
        if digest.epochEnd || digest.step == 0 {
            when = Self.when(digest.epoch)
        } else {
            when = "at step \(digest.step)" + (stepsPerEpoch.map { " (epoch " + epochs(digest, stepsPerEpoch: $0) + ")" } ?? "")
        }
        return digest.testAccuracy.map { when + " · test accuracy " + percent($0) } ?? when
    }

    /// Training time in epochs, "0.23": the step over the steps per epoch (the epoch when unknown).
    static func epochs(_ digest: SnapshotDigest, stepsPerEpoch: Int?) -> String {
        NumberFormat.fixed(time(digest, stepsPerEpoch: stepsPerEpoch), decimals: time(digest, stepsPerEpoch: stepsPerEpoch) < 10 ? 2 : 1)
    }

    static func time(_ digest: SnapshotDigest, stepsPerEpoch: Int?) -> Double {
        guard let stepsPerEpoch, stepsPerEpoch > 0 else { return Double(digest.epoch) }
        return Double(digest.step) / Double(stepsPerEpoch)
    }

    /// "after epoch 10" for the still figures (epoch 0: "before training").
    static func when(_ epoch: Int) -> String { epoch == 0 ? "before training" : "after epoch \(epoch)" }

    /// "five" for 5: counts in titles read as words up to ten.
    static func count(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return words.indices.contains(n) ? words[n] : String(n)
    }

    /// "sixteen" → "Sixteen", for a count that starts a sentence.
    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// "one test sample" / "five test samples".
    static func count(_ n: Int, _ noun: String) -> String { count(n) + " " + noun + (n == 1 ? "" : "s") }

    /// How probe p fared: "predicted 4 — right" or "predicted 7 — wrong".
    static func verdict(predicted: Int?, trueClass: Int) -> String {
        guard let predicted else { return "no prediction (NaN logits)" }
        return "predicted \(predicted) — " + (predicted == trueClass ? "right" : "wrong")
    }
}
