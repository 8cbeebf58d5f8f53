#include "core/Log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "core/Utf8.h"

namespace ml::log {
namespace {
std::atomic<Level> g_level{Level::Warn};
std::mutex g_mutex;
constexpr const char* kNames[] = {"fout", "waarschuwing", "info", "debug"};
}  // namespace

void setLevel(Level l) { g_level.store(l); }
Level level() { return g_level.load(std::memory_order_relaxed); }

void write(Level l, std::string_view message) {
  const std::string text = printable(message);  // log lines carry outside text too
  std::lock_guard lock(g_mutex);
  std::fprintf(stderr, "meeluister: %s: %.*s\n", kNames[static_cast<int>(l)],
               static_cast<int>(text.size()), text.data());
}

}  // namespace ml::log
