/// Zero-initialised memory handed out as views, one `Buffer` per view, all kept alive as long as
/// this object: the owner of a set of views (a training step's buffers, an evaluation's scratch).
package final class ViewMemory {
    private var buffers: [Buffer] = []

    package init() {}

    /// `count` zeros of its own, for a view.
    func allocate(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
        let buffer = Buffer(count: count)
        buffers.append(buffer)
        return buffer.floats
    }

    /// `count` samples of `layout`; borders are zero and stay so unless written.
    package func featureMaps(count: Int, _ layout: FeatureMaps.Layout) -> MutableFeatureMaps {
        MutableFeatureMaps(allocate(count * layout.floats), count: count, layout: layout)
    }

    /// `count` samples of `layout`, channels-last; borders are zero and stay so unless written.
    package func channelsLastMaps(count: Int, _ layout: FeatureMaps.Layout) -> MutableChannelsLastMaps {
        MutableChannelsLastMaps(allocate(count * layout.floats), count: count, layout: layout)
    }

    /// `count` samples of routed gradients of maps of `layout` (`RoutedMaps`), all zero.
    package func routedMaps(count: Int, _ layout: FeatureMaps.Layout) -> RoutedMaps {
        let size = count * layout.channels * (layout.height / 2) * layout.width
        // The flags in memory of their own, rebound from Float (same size) to Int32.
        let flags = allocate(size)
        let lowerRow = UnsafeMutableRawPointer(flags.baseAddress!).bindMemory(to: Int32.self, capacity: flags.count)
        return RoutedMaps(values: allocate(size), lowerRow: UnsafeMutableBufferPointer(start: lowerRow, count: flags.count), count: count, layout: layout)
    }

    package func vectors(count: Int, features: Int) -> MutableVectors {
        MutableVectors(allocate(count * features), count: count, features: features)
    }

    /// A 3×3 weight without bias (a flipped kernel).
    package func convWeights(outChannels: Int, inChannels: Int) -> MutableConvWeights {
        MutableConvWeights(weight: allocate(outChannels * inChannels * 9), bias: nil, outChannels: outChannels, inChannels: inChannels)
    }
}
