/// The heights, in font units, where a face's flat tops and bottoms sit, and how far round letters
/// overshoot them. Light hinting (`GlyphGridFit`) snaps them to whole pixels so that small text has
/// crisp baselines, x-heights and cap heights instead of grey half-covered rows.
struct FontHintingZones: Sendable {
    var baselineOvershoot: Float = 29
    var xHeight: Float = 1120
    var xOvershoot: Float = 27
    var capHeight: Float = 1493
    var capOvershoot: Float = 27
    var ascender: Float = 1556

    /// From the asset's `zones` record; missing keys keep DejaVu Sans's values.
    init(values: [Substring: Float]) {
        baselineOvershoot = values["baseline-overshoot"] ?? baselineOvershoot
        xHeight = values["x-height"] ?? xHeight
        xOvershoot = values["x-overshoot"] ?? xOvershoot
        capHeight = values["cap-height"] ?? capHeight
        capOvershoot = values["cap-overshoot"] ?? capOvershoot
        ascender = values["ascender"] ?? ascender
    }
}
