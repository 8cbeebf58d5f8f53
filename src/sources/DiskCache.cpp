#include "sources/DiskCache.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include "core/Log.h"

namespace ml::sources {
namespace fs = std::filesystem;
namespace {

std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Header lines are "key value"; values never hold a newline (we write them).
std::string oneLine(std::string s) {
  for (auto& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

fs::path DiskCache::fileFor(const std::string& url) const {
  return dir_ / fmt::format("{:016x}.cache", fnv1a(url));
}

std::optional<CacheEntry> DiskCache::load(const std::string& url) const {
  std::ifstream in(fileFor(url), std::ios::binary);
  if (!in) return std::nullopt;
  CacheEntry e;
  std::string line;
  std::size_t bodySize = 0;
  while (std::getline(in, line) && !line.empty()) {
    const auto sp = line.find(' ');
    const std::string key = line.substr(0, sp);
    const std::string value = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (key == "url") e.url = value;
    if (key == "type") e.contentType = value;
    if (key == "etag") e.etag = value;
    if (key == "modified") e.lastModified = value;
    if (key == "fetched") e.fetchedAt = std::strtoll(value.c_str(), nullptr, 10);
    if (key == "size") bodySize = std::strtoull(value.c_str(), nullptr, 10);
  }
  if (e.url != url || bodySize > (64u << 20)) return std::nullopt;  // a hash collision or damage
  e.body.resize(bodySize);
  in.read(e.body.data(), static_cast<std::streamsize>(bodySize));
  if (static_cast<std::size_t>(in.gcount()) != bodySize) return std::nullopt;
  return e;
}

void DiskCache::store(const CacheEntry& e) const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  const fs::path target = fileFor(e.url);
  const fs::path tmp = target.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      log::warn("cache: kan {} niet schrijven", tmp.string());
      return;
    }
    out << "url " << oneLine(e.url) << "\ntype " << oneLine(e.contentType) << "\netag "
        << oneLine(e.etag) << "\nmodified " << oneLine(e.lastModified) << "\nfetched " << e.fetchedAt
        << "\nsize " << e.body.size() << "\n\n";
    out.write(e.body.data(), static_cast<std::streamsize>(e.body.size()));
    if (!out) {
      log::warn("cache: schrijven naar {} mislukt", tmp.string());
      return;
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) log::warn("cache: {} niet vervangen: {}", target.string(), ec.message());
}

void DiskCache::touch(const std::string& url, std::int64_t now) const {
  if (auto e = load(url)) {
    e->fetchedAt = now;
    store(*e);
  }
}

}  // namespace ml::sources
