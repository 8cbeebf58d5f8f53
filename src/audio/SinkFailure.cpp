#include <mutex>

#include "audio/Sink.h"

namespace ml::audio {
namespace {
std::mutex g_mutex;
std::optional<std::string> g_failure;

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

const char* knownOutputTypes() { return ".wav, .flac"; }

bool isKnownOutputType(const std::string& path) {
  const std::string l = lower(path);
  return endsWith(l, ".wav") || endsWith(l, ".flac");
}

void reportSinkFailure(const std::string& dutch) {
  std::lock_guard lock(g_mutex);
  if (!g_failure) g_failure = dutch;
}

std::optional<std::string> sinkFailure() {
  std::lock_guard lock(g_mutex);
  return g_failure;
}

}  // namespace ml::audio
