#pragma once

namespace tracuu::text {

/// Version of the analyser's output. Bump it whenever any input analyses to
/// different tokens (the golden tests fail: that is the signal). Stored in the
/// index metadata; an index built with another version is rebuilt, not served.
inline constexpr int kAnalyzerVersion = 4;  // 3: detached marks are no code group; 4: sub-numbers (66.16/2026/NQ-CP)

}  // namespace tracuu::text
