// The small, pure HTTP/1.1 pieces behind LoopbackServer: reading a request head, turning a
// request target into safe path segments, choosing a Content-Type. No sockets, no files;
// every function is total (malformed input gives nullopt, never an exception), so they can
// be fuzzed (tests/fuzz/fuzz_loopback_request.cpp).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ml::net::loopback {

// Largest request head (request line plus headers plus the blank line) we accept.
inline constexpr std::size_t kMaxHeadBytes = 8192;

struct RequestHead {
  std::string method;   // as sent, e.g. "GET"
  std::string target;   // as sent, e.g. "/Stream(06)/prog_index.m3u8?x=1"
  bool keepAlive = true;
  bool hasBody = false;  // Content-Length > 0 or any Transfer-Encoding
};

// Where the head ends in `buffer`: the number of bytes up to and including the blank line
// ("\r\n\r\n" or a bare "\n\n"), or nullopt when it has not arrived yet.
std::optional<std::size_t> findHeadEnd(std::string_view buffer);

// Parses one request head (the bytes findHeadEnd counted). nullopt when malformed: a bad
// request line, a version other than HTTP/1.0 or 1.1, a bad header line, a bad Content-Length.
std::optional<RequestHead> parseRequestHead(std::string_view head);

// The path segments of an origin-form target ("/a/b%28c%29?q"): query and fragment dropped,
// percent escapes decoded, empty and "." segments skipped. nullopt when the target does not
// start with '/', has a bad escape, decodes to a NUL byte or has a ".." segment (which makes
// any path traversal impossible before the file system is even asked).
std::optional<std::vector<std::string>> targetSegments(std::string_view target);

// Content-Type for a file name, by extension (case-insensitive).
std::string_view contentTypeFor(std::string_view fileName);

// "OK", "Not Found", ... for the statuses the server sends.
std::string_view reasonPhrase(int status);

}  // namespace ml::net::loopback
