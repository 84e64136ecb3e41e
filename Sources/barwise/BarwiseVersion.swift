/// The version recorded in run manifests.
enum BarwiseVersion {
    static let current = "0.1.0-dev"
}
