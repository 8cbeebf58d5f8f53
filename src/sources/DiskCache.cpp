#include "sources/DiskCache.h"

#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <system_error>
#include <vector>

#include "core/Log.h"
#include "core/SmallFile.h"

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
  // The header is a few short lines; anything past kMaxBody plus room for it is damage.
  const SmallFile f = readSmallFile(fileFor(url), kMaxBody + 64 * 1024);
  if (f.status != SmallFile::Status::Ok || f.truncated) return std::nullopt;
  CacheEntry e;
  std::size_t bodySize = 0;
  std::size_t pos = 0;
  bool headerEnded = false;
  while (pos < f.text.size()) {
    const auto nl = f.text.find('\n', pos);
    if (nl == std::string::npos) break;
    const std::string line = f.text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) {
      headerEnded = true;
      break;
    }
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
  // A hash collision or damage: another URL, no end of header, or a body of another size.
  if (!headerEnded || e.url != url || bodySize > kMaxBody || f.text.size() - pos != bodySize) return std::nullopt;
  e.body = f.text.substr(pos);
  return e;
}

void DiskCache::store(const CacheEntry& e) const {
  if (e.body.size() > kMaxBody) {
    log::info("cache: {} niet bewaard: {} bytes is te groot", e.url, e.body.size());
    return;
  }
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
  if (ec) {
    log::warn("cache: {} niet vervangen: {}", target.string(), ec.message());
    return;
  }
  prune(target);
}

void DiskCache::prune(const fs::path& keep) const {
  struct File {
    fs::path path;
    fs::file_time_type written;
    std::uintmax_t size;
  };
  std::vector<File> files;
  std::uintmax_t total = 0;
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string ext = p.extension().string();
    // Only what the cache made: NNNN.cache, and a NNNN.cache.tmp left by a crash.
    if (ext != ".cache" && ext != ".tmp") continue;
    std::error_code fec;
    if (!it->is_regular_file(fec) || fec) continue;
    const auto written = it->last_write_time(fec);
    if (fec) continue;
    const std::uintmax_t size = it->file_size(fec);
    if (fec) continue;
    const bool staleTmp = ext == ".tmp" && now - written > std::chrono::hours(1);
    if (p != keep && (staleTmp || now - written > limits_.maxAge)) {
      fs::remove(p, fec);
      continue;
    }
    files.push_back({p, written, size});
    total += size;
  }
  if (total <= limits_.maxBytes) return;
  std::sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.written < b.written; });
  for (const auto& f : files) {
    if (total <= limits_.maxBytes) break;
    if (f.path == keep || f.path.extension() == ".tmp") continue;  // a .tmp may be another run's write
    std::error_code fec;
    if (fs::remove(f.path, fec)) total -= f.size;
  }
}

void DiskCache::touch(const std::string& url, std::int64_t now) const {
  if (auto e = load(url)) {
    e->fetchedAt = now;
    store(*e);
  }
}

}  // namespace ml::sources
