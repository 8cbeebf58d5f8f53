#include "net/LoopbackHttp.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace ml::net::loopback {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equalsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                             [](char x, char y) { return lower(x) == lower(y); });
}

bool isTokenChar(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || kExtra.find(c) != kExtra.npos;
}

bool isToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

bool isTargetChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u < 0x7f;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits off the next line (without its "\r\n" or "\n") from `rest`.
std::string_view nextLine(std::string_view& rest) {
  const auto nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == rest.npos ? std::string_view{} : rest.substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// True when the comma-separated header value lists `token` (case-insensitive).
bool listsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (equalsNoCase(trim(value.substr(0, comma)), token)) return true;
    value = comma == value.npos ? std::string_view{} : value.substr(comma + 1);
  }
  return false;
}

bool parseRequestLine(std::string_view line, RequestHead& head, bool& http11) {
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == line.npos ? line.npos : line.find(' ', sp1 + 1);
  if (sp2 == line.npos) return false;
  const auto method = line.substr(0, sp1);
  const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const auto version = line.substr(sp2 + 1);
  if (!isToken(method) || target.empty()) return false;
  if (!std::all_of(target.begin(), target.end(), isTargetChar)) return false;
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return false;
  head.method = method;
  head.target = target;
  http11 = version == "HTTP/1.1";
  return true;
}

bool isDigits(std::string_view s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct HeaderFlags {
  bool close = false, keepAlive = false, body = false;
};

bool parseHeaderLine(std::string_view line, HeaderFlags& flags) {
  const auto colon = line.find(':');
  if (colon == line.npos || !isToken(line.substr(0, colon))) return false;  // also obs-fold
  const auto name = line.substr(0, colon);
  const auto value = trim(line.substr(colon + 1));
  if (equalsNoCase(name, "connection")) {
    flags.close = flags.close || listsToken(value, "close");
    flags.keepAlive = flags.keepAlive || listsToken(value, "keep-alive");
  } else if (equalsNoCase(name, "content-length")) {
    if (!isDigits(value)) return false;
    flags.body = flags.body || value.find_first_not_of('0') != value.npos;
  } else if (equalsNoCase(name, "transfer-encoding")) {
    flags.body = true;
  }
  return true;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out.push_back(s[i]);
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hexValue(s[i + 1]), lo = hexValue(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  if (out.find('\0') != out.npos) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::size_t> findHeadEnd(std::string_view buffer) {
  const auto crlf = buffer.find("\r\n\r\n");
  const auto lf = buffer.find("\n\n");
  const auto a = crlf == buffer.npos ? buffer.npos : crlf + 4;
  const auto b = lf == buffer.npos ? buffer.npos : lf + 2;
  const auto end = std::min(a, b);
  if (end == buffer.npos) return std::nullopt;
  return end;
}

std::optional<RequestHead> parseRequestHead(std::string_view head) {
  RequestHead result;
  bool http11 = false;
  std::string_view rest = head;
  if (!parseRequestLine(nextLine(rest), result, http11)) return std::nullopt;
  HeaderFlags flags;
  for (auto line = nextLine(rest); !line.empty(); line = nextLine(rest)) {
    if (!parseHeaderLine(line, flags)) return std::nullopt;
  }
  result.keepAlive = !flags.close && (http11 || flags.keepAlive);
  result.hasBody = flags.body;
  return result;
}

std::optional<std::vector<std::string>> targetSegments(std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/') return std::nullopt;
  const auto decoded = percentDecode(target);
  if (!decoded) return std::nullopt;
  std::vector<std::string> segments;
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    rest = slash == rest.npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") segments.emplace_back(segment);
  }
  return segments;
}

std::string_view contentTypeFor(std::string_view fileName) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTypes{{
      {".m3u8", "application/vnd.apple.mpegurl"},
      {".m4a", "audio/mp4"},
      {".mp4", "video/mp4"},
      {".ts", "video/mp2t"},
      {".json", "application/json"},
      {".html", "text/html; charset=utf-8"},
      {".vtt", "text/vtt; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
  }};
  const auto dot = fileName.rfind('.');
  if (dot != fileName.npos) {
    const auto ext = fileName.substr(dot);
    for (const auto& [suffix, type] : kTypes) {
      if (equalsNoCase(ext, suffix)) return type;
    }
  }
  return "application/octet-stream";
}

std::string_view reasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    default: return "Unknown";
  }
}

}  // namespace ml::net::loopback
