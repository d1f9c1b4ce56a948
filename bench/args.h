#pragma once
// Command-line reading shared by the bench programs: "--flag value" pairs and
// plain arguments, with a clear error when a value is missing.

#include <stdexcept>
#include <string>

namespace tracuu::bench {

class Args {
 public:
  Args(int argc, char** argv, int first = 1) : argc_(argc), argv_(argv), i_(first - 1) {}
  /// Moves to the next argument; false when there is none.
  bool next() { return ++i_ < argc_; }
  /// The current argument.
  std::string current() const { return argv_[i_]; }
  /// The value after the current flag. Throws std::runtime_error when it is missing.
  std::string value() {
    if (i_ + 1 >= argc_) throw std::runtime_error(current() + " needs a value");
    return argv_[++i_];
  }

 private:
  int argc_;
  char** argv_;
  int i_;
};

}  // namespace tracuu::bench
