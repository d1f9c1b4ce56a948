#pragma once
// Command-line reading shared by the bench programs: "--flag value" pairs and
// plain arguments, with a clear error when a value is missing.

#include <algorithm>
#include <initializer_list>
#include <map>
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

/// Reads "--name value" pairs from argv[first..], each name one of `names`; throws
/// std::runtime_error on any other argument or a missing value. @return name -> value.
inline std::map<std::string, std::string> read_options(int argc, char** argv, int first,
                                                       std::initializer_list<std::string> names) {
  std::map<std::string, std::string> out;
  for (Args args(argc, argv, first); args.next();) {
    const std::string a = args.current();
    if (std::find(names.begin(), names.end(), a) == names.end()) throw std::runtime_error("unknown option " + a);
    out[a] = args.value();
  }
  return out;
}

}  // namespace tracuu::bench
