#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back large columns with transparent huge pages (`madvise(MADV_HUGEPAGE)` on the
/// 2 MiB-aligned interior), so that filling a 10M-point equity curve takes a few hundred page
/// faults instead of tens of thousands. A hint only: ignored where unsupported.
enum HugePages {
    static let pageSize = 2 << 20

    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= 2 * pageSize else { return }
        let first = (Int(bitPattern: start) + pageSize - 1) & ~(pageSize - 1)
        let last = (Int(bitPattern: start) + bytes) & ~(pageSize - 1)
        guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, last - first, MADV_HUGEPAGE)
        #endif
    }
}
