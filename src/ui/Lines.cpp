#include "ui/Lines.h"

#include <cstdio>
#include <mutex>
#include <string>

#include "core/Utf8.h"

namespace ml::ui {
namespace {
std::mutex g_mutex;

// `text` is outside text until here: it is made printable (ml::printable) before it goes
// out; `before` and `after` are the writer's own colour codes, added around the clean text.
void write(std::string_view before, std::string_view raw, std::string_view after, std::FILE* to = stdout) {
  const std::string text = printable(raw);
  std::lock_guard lock(g_mutex);
  if (!before.empty()) std::fwrite(before.data(), 1, before.size(), to);
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), to);
  if (!after.empty()) std::fwrite(after.data(), 1, after.size(), to);
  std::fputc('\n', to);
  std::fflush(to);
}
}  // namespace

void line(std::string_view text) { write({}, text, {}); }

void errorLine(std::string_view text) { write("meeluister: ", text, {}, stderr); }

void line(std::string_view text, Style style) {
  switch (style) {
    case Style::Plain: write({}, text, {}); break;
    case Style::Bold: write("\x1b[1m", text, "\x1b[0m"); break;
    case Style::Error: write("\x1b[1;31m", text, "\x1b[0m"); break;
  }
}

}  // namespace ml::ui
