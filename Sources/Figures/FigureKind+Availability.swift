extension FigureKind {
    /// Why a run cannot give this figure — what its producer did not record — or nil when it can.
    /// Judged on the snapshot the figure ends at: a producer records the same tensors in every
    /// snapshot (RUN_FORMAT.md, "Optional tensors").
    func missingData(in inputs: FigureInputs, last: SnapshotDigest) -> String? {
        switch self {
        case .trainingCurves, .fc1ClassMeans, .rankingAllClasses, .contributions, .allContributions, .evolution, .rankingEvolution,
             .datasetPreview:
            return nil
        case .confusionMatrix, .confusionEvolution:
            return last.testSet == nil ? "the snapshots hold no test-set logits (test.label, test.logits)" : nil
        case .embeddingEvolution, .unitsOverTime:
            return last.testSet?.embedding == nil ? "the snapshots hold no test-set features (test.features)" : nil
        case .weightHistograms:
            return last.weightHistograms.isEmpty ? "the snapshots hold no weights (param.<name>)" : nil
        case .attribution:
            return last.attributions?.gradInput == nil && last.attributions?.gradCAM == nil
                ? "the snapshots hold no attributions (grad_input, gradcam)" : nil
        case .gradCAMEvolution:
            return last.attributions?.gradCAM == nil ? "the snapshots hold no Grad-CAM (gradcam)" : nil
        case .attributionFocus:
            guard last.attributions != nil else { return "the snapshots hold no attributions (grad_input, gradcam)" }
            return last.squares == nil ? "the run does not say where each probe's object is (square)" : nil
        }
    }
}
