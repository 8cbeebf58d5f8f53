// A tiny read-only static HTTP/1.1 server on 127.0.0.1, so that `meeluister demo` can play
// the bundled example stream through the same HTTP and HLS code as a real debate.
//
// Serves the regular files below `root` (GET and HEAD, keep-alive, Content-Length, no
// ranges). Requests are confined to `root`: ".." segments are refused, the resolved path
// (symlinks followed) must stay inside root. At most kMaxConnections connections are open at
// once; more wait in the listen backlog. A connection idle for kIdleTimeout is closed.
//
// Threads: one poll() loop on its own thread serves every connection. The constructor and
// destructor run on the owner's thread; port() and url() are safe from any thread. The
// serving thread never throws: errors are logged (core/Log.h) and end only that connection.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ml::net {

class LoopbackServer {
 public:
  static constexpr int kMaxConnections = 16;
  static constexpr std::chrono::seconds kIdleTimeout{30};

  // Starts listening on 127.0.0.1 on a free port and starts the serving thread.
  // Throws std::runtime_error (Dutch message) when root is not a folder or it cannot listen.
  explicit LoopbackServer(std::filesystem::path root);
  // Wakes the serving thread, waits for it and closes every socket; returns promptly even
  // while clients hold connections open.
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT/" + path (one leading '/' of path dropped). `path` is used as
  // given: it must already be URL-safe ("Stream(06)/prog_index.m3u8" is).
  std::string url(std::string_view path) const;
  // How many connections were accepted so far (for tests and diagnostics: shows reuse).
  std::size_t connectionsAccepted() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ml::net
