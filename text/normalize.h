#pragma once
// Whole-text normalisation for storage and display.

#include <string>
#include <string_view>

namespace tracuu::text {

/// Returns `in` cleaned (see map_char: zero-width characters and soft hyphens
/// removed, odd spaces made plain, full-width ASCII made ASCII, đ look-alikes
/// made đ) and in Unicode NFC. Malformed UTF-8 becomes U+FFFD; never throws.
/// Letters keep their case and their tone placement: this is the display form.
std::string normalize(std::string_view in);

}  // namespace tracuu::text
