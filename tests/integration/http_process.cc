#include "tests/integration/http_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace tracuu::testing {
namespace {

// fork + exec with stdout on a pipe; returns the read end.
pid_t spawn(const std::vector<std::string>& argv, int* stdout_fd, unsigned descriptor_limit = 0) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    if (descriptor_limit > 0) {
      const rlimit limit{descriptor_limit, descriptor_limit};
      if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) std::_Exit(126);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
  ::close(fds[1]);
  *stdout_fd = fds[0];
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::string run_program(const std::vector<std::string>& argv, int* exit_code) {
  int fd = -1;
  const pid_t pid = spawn(argv, &fd);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;)
    if (n > 0)
      out.append(buf, static_cast<std::size_t>(n));
    else if (errno != EINTR)
      break;
  ::close(fd);
  *exit_code = wait_status(pid);
  return out;
}

void build_sample_index(const std::filesystem::path& home) {
  int code = -1;
  run_program({TRACUU_INDEXER_BIN, "build", "--db", home.string(), "--threads", "1", TRACUU_SOURCE_DIR "/data/samples"},
              &code);
  if (code != 0) {
    std::fprintf(stderr, "indexer build failed with %d\n", code);
    std::abort();
  }
}

SearchdProcess::SearchdProcess(const std::vector<std::string>& args, unsigned descriptor_limit) {
  // --config "": the machine's /etc/tracuu/searchd.conf (an installed package) must not change the tests.
  std::vector<std::string> argv{TRACUU_SEARCHD_BIN, "serve", "--config", "", "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = spawn(argv, &stdout_fd_, descriptor_limit);
  std::string line;
  char c = 0;
  while (::read(stdout_fd_, &c, 1) == 1 && c != '\n') line.push_back(c);
  const std::string marker = "searchd: listening on http://127.0.0.1:";
  if (line.rfind(marker, 0) != 0) {
    stop();
    throw std::runtime_error("searchd did not start: '" + line + "'");
  }
  port_ = static_cast<unsigned short>(std::stoi(line.substr(marker.size())));
}

SearchdProcess::~SearchdProcess() {
  if (pid_ > 0) stop();
}

int SearchdProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const int status = wait_status(pid_);
  pid_ = -1;
  ::close(stdout_fd_);
  return status;
}

namespace {

sockaddr_in loopback(unsigned short port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

}  // namespace

unsigned short free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    throw std::runtime_error("no free port");
  ::close(fd);
  return ntohs(a.sin_port);
}

bool wait_for_port(unsigned short port, int seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in a = loopback(port);
    const bool up = fd >= 0 && ::connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    if (fd >= 0) ::close(fd);
    if (up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv) {
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Its own process group: Xapian's forking servers answer SIGTERM with kill(0, SIGTERM).
    ::setpgid(0, 0);
    // Its output would fill a pipe nobody reads: the servers print a line per connection.
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::_Exit(127);
  }
}

BackgroundProcess::~BackgroundProcess() {
  stop();
}

void BackgroundProcess::stop(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  wait_status(pid_);
  pid_ = -1;
}

}  // namespace tracuu::testing
