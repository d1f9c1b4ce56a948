#pragma once
// Spelling variants that real Vietnamese documents mix: old and new tone-mark
// placement (hoà/hòa, thuỷ/thủy), text typed without diacritics, and NFD.

#include <string>
#include <string_view>

namespace tracuu::bench::gen {

/// Where a document puts the tone mark of the syllable-final clusters oa, oe, uy.
enum class ToneStyle {
  AsWritten,  ///< leave the text as it is
  Old,        ///< "hoà", "thuỷ", "Uỷ ban": mark on the last vowel
  New,        ///< "hòa", "thủy", "Ủy ban": mark on the first vowel
};

/// Rewrites every syllable-final oa/oe/uy cluster of `text` to `style`
/// ("quy" clusters are left alone: there u belongs to the consonant).
std::string apply_tone_style(std::string_view text, ToneStyle style);

}  // namespace tracuu::bench::gen
