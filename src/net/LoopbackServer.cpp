#include "net/LoopbackServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "core/Log.h"
#include "net/LoopbackHttp.h"

namespace ml::net {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kChunk = 64 * 1024;
constexpr int kBacklog = 64;

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) reset(std::exchange(o.fd_, -1));
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

std::runtime_error startError(const char* step) {
  return std::runtime_error(fmt::format(
      "De lokale server voor het voorbeeld kan niet starten ({}: {}).", step, std::strerror(errno)));
}

// One client connection and the response it is being sent.
struct Connection {
  Fd sock;
  std::string in;          // received bytes not yet handled
  std::string out;         // bytes to send (head, small bodies, a chunk of a file)
  std::size_t outPos = 0;
  Fd file;                 // the body still to send, read in chunks
  off_t fileOffset = 0;
  off_t fileLeft = 0;
  bool closeAfter = false;  // close once the response is out
  bool done = false;        // to be closed and removed
  Clock::time_point deadline;

  bool writing() const { return outPos < out.size() || fileLeft > 0; }
  void touch() { deadline = Clock::now() + LoopbackServer::kIdleTimeout; }
};

struct OpenedFile {
  Fd fd;
  off_t size = 0;
  int status = 200;
};

bool isInside(const fs::path& p, const fs::path& root) {
  const auto [r, q] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
  return r == root.end();
}

Fd openListener(std::uint16_t& port) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) throw startError("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  auto* sa = reinterpret_cast<sockaddr*>(&addr);
  if (::bind(fd.get(), sa, sizeof addr) != 0) throw startError("bind");
  if (::listen(fd.get(), kBacklog) != 0) throw startError("listen");
  socklen_t len = sizeof addr;
  if (::getsockname(fd.get(), sa, &len) != 0) throw startError("getsockname");
  port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

struct LoopbackServer::Impl {
  fs::path root;  // canonical
  std::uint16_t port = 0;
  Fd listener, wakeRead, wakeWrite;
  std::vector<std::unique_ptr<Connection>> conns;
  Clock::time_point acceptPausedUntil{};
  std::atomic<std::size_t> accepted{0};
  std::thread thread;

  void run() noexcept;
  void loop();
  int pollTimeoutMs() const;
  void acceptAll();
  void service(Connection& c, short revents);
  void readMore(Connection& c);
  void handleRequests(Connection& c);
  void handle(Connection& c, const std::optional<loopback::RequestHead>& head);
  void respond(Connection& c, int status, std::string_view type, off_t length,
               std::string_view extra = {});
  void respondError(Connection& c, int status, bool head, std::string_view extra = {});
  OpenedFile open(const std::vector<std::string>& segments) const;
  void flush(Connection& c);
};

void LoopbackServer::Impl::run() noexcept {
  try {
    loop();
  } catch (const std::exception& e) {
    log::error("lokale server gestopt: {}", e.what());
  } catch (...) {
    log::error("lokale server gestopt door een onbekende fout");
  }
  conns.clear();
}

void LoopbackServer::Impl::loop() {
  std::vector<pollfd> fds;
  for (;;) {
    const bool accepting = std::ssize(conns) < kMaxConnections && Clock::now() >= acceptPausedUntil;
    fds.assign({{wakeRead.get(), POLLIN, 0}, {accepting ? listener.get() : -1, POLLIN, 0}});
    for (const auto& c : conns) {
      fds.push_back({c->sock.get(), static_cast<short>(c->writing() ? POLLOUT : POLLIN), 0});
    }
    if (::poll(fds.data(), fds.size(), pollTimeoutMs()) < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("poll: {}", std::strerror(errno)));
    }
    if (fds[0].revents != 0) return;  // woken by the destructor
    for (std::size_t i = 0; i < conns.size(); ++i) {
      if (fds[i + 2].revents != 0) service(*conns[i], fds[i + 2].revents);
    }
    const auto now = Clock::now();
    std::erase_if(conns, [now](const auto& c) { return c->done || c->deadline <= now; });
    if ((fds[1].revents & POLLIN) != 0) acceptAll();
  }
}

int LoopbackServer::Impl::pollTimeoutMs() const {
  auto next = Clock::time_point::max();
  for (const auto& c : conns) next = std::min(next, c->deadline);
  if (acceptPausedUntil > Clock::now()) next = std::min(next, acceptPausedUntil);
  if (next == Clock::time_point::max()) return -1;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

void LoopbackServer::Impl::acceptAll() {
  while (std::ssize(conns) < kMaxConnections) {
    Fd fd(::accept4(listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED) return;
      log::warn("lokale server: accept mislukt: {}", std::strerror(errno));
      acceptPausedUntil = Clock::now() + std::chrono::seconds(1);  // e.g. out of descriptors
      return;
    }
    const int one = 1;  // whole answers go out at once: no waiting for the client's ACK
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto c = std::make_unique<Connection>();
    c->sock = std::move(fd);
    c->touch();
    conns.push_back(std::move(c));
    accepted.fetch_add(1, std::memory_order_relaxed);
  }
}

void LoopbackServer::Impl::service(Connection& c, short revents) {
  try {
    if ((revents & (POLLERR | POLLNVAL)) != 0) {
      c.done = true;
    } else if (c.writing()) {
      flush(c);
      if (!c.writing()) handleRequests(c);
    } else {
      readMore(c);
    }
  } catch (const std::exception& e) {
    log::warn("lokale server: verbinding gesloten na fout: {}", e.what());
    c.done = true;
  }
}

void LoopbackServer::Impl::readMore(Connection& c) {
  char buffer[16 * 1024];
  const ssize_t n = ::recv(c.sock.get(), buffer, sizeof buffer, 0);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
    c.done = true;
    return;
  }
  if (n < 0) return;
  c.in.append(buffer, static_cast<std::size_t>(n));
  c.touch();
  handleRequests(c);
}

// Handles the complete requests in c.in, one at a time, while responses go out at once.
void LoopbackServer::Impl::handleRequests(Connection& c) {
  while (!c.done && !c.writing()) {
    const auto end = loopback::findHeadEnd(c.in);
    if (!end && c.in.size() <= loopback::kMaxHeadBytes) return;  // wait for more
    if (!end || *end > loopback::kMaxHeadBytes) {
      c.in.clear();
      respondError(c, 431, false);
    } else {
      const auto head = loopback::parseRequestHead(std::string_view(c.in).substr(0, *end));
      c.in.erase(0, *end);
      handle(c, head);
    }
    flush(c);
  }
}

void LoopbackServer::Impl::handle(Connection& c,
                                  const std::optional<loopback::RequestHead>& head) {
  if (!head) return respondError(c, 400, false);
  const bool isHead = head->method == "HEAD";
  if (!isHead && head->method != "GET") return respondError(c, 405, false, "Allow: GET, HEAD\r\n");
  if (head->hasBody) return respondError(c, 400, isHead);
  c.closeAfter = !head->keepAlive;
  const auto segments = loopback::targetSegments(head->target);
  if (!segments) return respondError(c, 400, isHead);
  auto file = open(*segments);
  if (file.status != 200) return respondError(c, file.status, isHead);
  const std::string_view name = segments->back();
  respond(c, 200, loopback::contentTypeFor(name), file.size);
  log::debug("lokale server: {} {} ({} bytes)", head->method, head->target, file.size);
  if (!isHead) {
    c.file = std::move(file.fd);
    c.fileOffset = 0;
    c.fileLeft = file.size;
  }
}

void LoopbackServer::Impl::respond(Connection& c, int status, std::string_view type, off_t length,
                                   std::string_view extra) {
  c.out = fmt::format(
      "HTTP/1.1 {} {}\r\nServer: meeluister\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
      "Connection: {}\r\n{}\r\n",
      status, loopback::reasonPhrase(status), type, length, c.closeAfter ? "close" : "keep-alive",
      extra);
  c.outPos = 0;
}

// Error answers carry a one-line text body; all but 404 also end the connection.
void LoopbackServer::Impl::respondError(Connection& c, int status, bool head,
                                        std::string_view extra) {
  if (status != 404) c.closeAfter = true;
  const auto body = fmt::format("{} {}\n", status, loopback::reasonPhrase(status));
  respond(c, status, "text/plain; charset=utf-8", static_cast<off_t>(body.size()), extra);
  if (!head) c.out += body;
  log::debug("lokale server: antwoord {}", status);
}

OpenedFile LoopbackServer::Impl::open(const std::vector<std::string>& segments) const {
  OpenedFile result;
  result.status = 404;
  if (segments.empty()) return result;
  fs::path p = root;
  for (const auto& s : segments) p /= s;
  std::error_code ec;
  const auto resolved = fs::weakly_canonical(p, ec);
  if (ec) return result;
  if (!isInside(resolved, root)) {
    result.status = 403;  // a symlink pointing out of root
    return result;
  }
  Fd fd(::open(resolved.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (!fd) {
    if (errno == EACCES) result.status = 403;
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return result;
  result.fd = std::move(fd);
  result.size = st.st_size;
  result.status = 200;
  return result;
}

// Sends what it can without blocking, reading the file body in chunks.
void LoopbackServer::Impl::flush(Connection& c) {
  while (!c.done) {
    if (c.outPos == c.out.size() && c.fileLeft > 0) {
      c.out.resize(static_cast<std::size_t>(std::min<off_t>(c.fileLeft, kChunk)));
      const ssize_t n = ::pread(c.file.get(), c.out.data(), c.out.size(), c.fileOffset);
      if (n <= 0) throw std::runtime_error("bestand werd korter tijdens het versturen");
      c.out.resize(static_cast<std::size_t>(n));
      c.outPos = 0;
      c.fileOffset += n;
      c.fileLeft -= n;
    }
    if (c.outPos == c.out.size()) break;
    const ssize_t n =
        ::send(c.sock.get(), c.out.data() + c.outPos, c.out.size() - c.outPos, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
      c.done = true;
      return;
    }
    c.outPos += static_cast<std::size_t>(n);
    c.touch();
  }
  if (c.writing()) return;
  c.out.clear();
  c.outPos = 0;
  c.file.reset();
  if (c.closeAfter) c.done = true;
}

LoopbackServer::LoopbackServer(fs::path root) : impl_(std::make_unique<Impl>()) {
  std::error_code ec;
  impl_->root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(impl_->root)) {
    throw std::runtime_error(fmt::format(
        "De lokale server kan niet starten: de map {} bestaat niet.", root.string()));
  }
  impl_->listener = openListener(impl_->port);
  int pipeFds[2];
  if (::pipe2(pipeFds, O_NONBLOCK | O_CLOEXEC) != 0) throw startError("pipe");
  impl_->wakeRead.reset(pipeFds[0]);
  impl_->wakeWrite.reset(pipeFds[1]);
  impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

LoopbackServer::~LoopbackServer() {
  const char byte = 'x';
  if (::write(impl_->wakeWrite.get(), &byte, 1) < 0) {
    log::warn("lokale server: wekken mislukt: {}", std::strerror(errno));
  }
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t LoopbackServer::port() const { return impl_->port; }

std::size_t LoopbackServer::connectionsAccepted() const {
  return impl_->accepted.load(std::memory_order_relaxed);
}

std::string LoopbackServer::url(std::string_view path) const {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return fmt::format("http://127.0.0.1:{}/{}", impl_->port, path);
}

}  // namespace ml::net
