#pragma once
// Child processes of the integration tests: the sample index built by the real
// indexer binary, and `searchd serve --port 0` with its port read from stdout.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace tracuu::testing {

/// Runs a program to completion. @return its stdout; `exit_code` receives its exit status.
std::string run_program(const std::vector<std::string>& argv, int* exit_code);

/// Builds the index of data/samples into `home` with the indexer binary (aborts the test on failure).
void build_sample_index(const std::filesystem::path& home);

/// `searchd serve --port 0 ...` running in the background.
class SearchdProcess {
 public:
  /// Starts searchd with `args` after `serve --port 0`; waits for its
  /// "searchd: listening on http://127.0.0.1:PORT/" line. Throws when it does not come.
  /// @param descriptor_limit when non-zero, the child's RLIMIT_NOFILE (soft and hard, as `ulimit -n`).
  explicit SearchdProcess(const std::vector<std::string>& args, unsigned descriptor_limit = 0);
  /// Stops the server (SIGTERM) if still running.
  ~SearchdProcess();
  SearchdProcess(const SearchdProcess&) = delete;
  SearchdProcess& operator=(const SearchdProcess&) = delete;

  unsigned short port() const { return port_; }
  /// The server's process id (to signal it, or to look at /proc/PID).
  pid_t pid() const { return pid_; }

  /// Sends SIGTERM and waits. @return the exit status (0 for a graceful stop), or -1 when killed by a signal.
  int stop();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  unsigned short port_ = 0;
};

/// A free TCP port on 127.0.0.1 (bound and released: another process may take it, rarely).
unsigned short free_port();

/// Waits up to `seconds` until something accepts connections on 127.0.0.1:`port`. @return whether it did.
bool wait_for_port(unsigned short port, int seconds = 10);

/// Any other program running in the background (xapian-replicate-server, xapian-tcpsrv), its
/// output discarded; stopped with SIGTERM on destruction.
class BackgroundProcess {
 public:
  /// Starts `argv` (argv[0] an absolute path).
  explicit BackgroundProcess(const std::vector<std::string>& argv);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  /// Sends `signal` and waits for the process to end.
  void stop(int signal = 15);

 private:
  pid_t pid_ = -1;
};

}  // namespace tracuu::testing
