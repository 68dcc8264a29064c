/// One cell of a `Figure`: a chart and the small bold title above it (`logit 3 = 13.47`).
public struct Panel: Sendable {
    public var title: String?
    public var chart: any Chart

    public init(_ title: String?, _ chart: any Chart) {
        self.title = title; self.chart = chart
    }
}
