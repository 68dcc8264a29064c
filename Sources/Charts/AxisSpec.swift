/// What one axis of a cartesian chart shows, before layout.
struct AxisSpec {
    enum Kind {
        /// Values in a range, with nice ticks (`percent`: 0…1 written as 0 %…100 %;
        /// `integerTicks`: no ticks between whole numbers, e.g. epochs).
        case linear(ValueRange, percent: Bool = false, integerTicks: Bool = false)
        /// `count` equal bands (bars, ranking rows) with labels at some of them.
        case categories(count: Int, labels: [(index: Int, text: String)])
    }

    var kind: Kind
    var title: String?
    /// Pixels kept free inside the plot beyond the data range at the low and high end (room for
    /// bar annotations); the axis and its ticks extend over them.
    var padLow: Float = 0
    var padHigh: Float = 0
    /// Light grid lines at the ticks of a linear axis.
    var grid = true
    /// Ticks of a linear axis chosen by the chart instead of nice round values (the epochs of a
    /// time axis that counts snapshots); those whose labels would touch are dropped.
    var fixedTicks: [(value: Float, label: String)]?
}
