#include "ui/Lines.h"

#include <cstdio>
#include <mutex>

namespace ml::ui {
namespace {
std::mutex g_mutex;
}

void line(std::string_view text) {
  std::lock_guard lock(g_mutex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace ml::ui
