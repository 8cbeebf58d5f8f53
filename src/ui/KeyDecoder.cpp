#include "ui/KeyDecoder.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/Utf8.h"

namespace ml::ui {
namespace {

constexpr char kEsc = '\x1b';
constexpr std::size_t kMaxSequence = 32;  // longer "sequences" are noise, not keys

// One decoded key and how many bytes it took; used == 0 means "incomplete, wait".
struct Step {
  std::size_t used = 0;
  std::string key;
  bool overlong = false;  // a CSI sequence ran past kMaxSequence: skip the rest of it
};

Step unknown(std::size_t used) { return {used, std::string(kUnknownKey)}; }

unsigned char byte(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }

std::string controlName(unsigned char c) {
  switch (c) {
    case 0x00: return "ctrl+space";
    case 0x08: case 0x7f: return "backspace";
    case 0x09: return "tab";
    case 0x0a: case 0x0d: return "enter";
    case 0x1b: return "escape";
    case 0x1c: return "ctrl+\\";
    case 0x1d: return "ctrl+]";
    case 0x1e: return "ctrl+^";
    case 0x1f: return "ctrl+_";
    default: return std::string("ctrl+") + static_cast<char>('a' + c - 1);
  }
}

// Modifier parameter of xterm sequences: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8).
std::optional<std::string> modifierPrefix(int parameter) {
  if (parameter < 1 || parameter > 16) return std::nullopt;
  const int bits = parameter - 1;
  std::string p;
  if ((bits & 4) != 0) p += "ctrl+";
  if ((bits & 2) != 0) p += "alt+";
  if ((bits & 1) != 0) p += "shift+";
  if ((bits & 8) != 0) p += "meta+";
  return p;
}

// Numbers of the "CSI n ~" keys (xterm, VT220, rxvt, Linux console).
std::optional<std::string> tildeKey(int n) {
  switch (n) {
    case 1: case 7: return "home";
    case 2: return "insert";
    case 3: return "delete";
    case 4: case 8: return "end";
    case 5: return "pageup";
    case 6: return "pagedown";
    case 11: return "f1";
    case 12: return "f2";
    case 13: return "f3";
    case 14: return "f4";
    case 15: return "f5";
    case 17: return "f6";
    case 18: return "f7";
    case 19: return "f8";
    case 20: return "f9";
    case 21: return "f10";
    case 23: return "f11";
    case 24: return "f12";
    default: return std::nullopt;
  }
}

// Keys named by a final letter: A-D arrows, H/F home/end, P-S f1-f4.
std::optional<std::string> letterKey(char final) {
  switch (final) {
    case 'A': return "up";
    case 'B': return "down";
    case 'C': return "right";
    case 'D': return "left";
    case 'H': return "home";
    case 'F': return "end";
    case 'P': return "f1";
    case 'Q': return "f2";
    case 'R': return "f3";
    case 'S': return "f4";
    default: return std::nullopt;
  }
}

// "1;5" -> {1, 5}; empty fields are 0 (the caller applies defaults). nullopt on junk.
std::optional<std::vector<int>> numbers(std::string_view params) {
  std::vector<int> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = std::min(params.find(';', start), params.size());
    const std::string_view field = params.substr(start, end - start);
    int v = 0;
    if (!field.empty()) {
      const auto r = std::from_chars(field.data(), field.data() + field.size(), v);
      if (r.ec != std::errc() || r.ptr != field.data() + field.size()) return std::nullopt;
    }
    out.push_back(v);
    if (end == params.size()) return out;
    start = end + 1;
  }
}

std::optional<std::string> withModifier(std::optional<std::string> base, int parameter) {
  if (!base) return std::nullopt;
  auto prefix = modifierPrefix(parameter == 0 ? 1 : parameter);
  if (!prefix) return std::nullopt;
  return *prefix + *base;
}

std::optional<std::string> rxvtArrow(char final, const char* prefix) {
  const std::string_view arrows = "abcd";  // up, down, right, left
  const auto i = arrows.find(final);
  if (i == std::string_view::npos) return std::nullopt;
  return std::string(prefix) + *letterKey(static_cast<char>('A' + i));
}

std::optional<std::string> csiName(std::string_view params, char final) {
  if (!params.empty() && (params[0] == '<' || params[0] == '=' || params[0] == '>' || params[0] == '?')) {
    return std::nullopt;  // private sequences (mouse, replies): not keys
  }
  const auto n = numbers(params);
  if (!n) return std::nullopt;
  const int first = (*n)[0];
  const int mod = n->size() >= 2 ? (*n)[1] : 1;
  switch (final) {
    case '~': return withModifier(tildeKey(first), mod);
    case '^': return withModifier(tildeKey(first), 5);  // rxvt: Ctrl
    case '$': return withModifier(tildeKey(first), 2);  // rxvt: Shift
    case '@': return withModifier(tildeKey(first), 6);  // rxvt: Ctrl+Shift
    case 'Z': return n->size() == 1 && first == 0 ? std::optional<std::string>("shift+tab") : std::nullopt;
    default: break;
  }
  if (auto shifted = rxvtArrow(final, "shift+")) return n->size() == 1 && first == 0 ? shifted : std::nullopt;
  if (n->size() == 1 && first > 1) return std::nullopt;  // ESC[2A is a cursor reply, not a key
  return withModifier(letterKey(final), mod);
}

bool isFinal(unsigned char c) { return (c >= 0x40 && c <= 0x7e) || c == '$'; }
bool isParameter(unsigned char c) { return c >= 0x20 && c <= 0x3f; }

// ESC [ ... final. b starts with ESC [.
Step csiStep(std::string_view b) {
  if (b.size() < 3) return {};
  if (b[2] == '[') {  // Linux console: ESC [ [ A..E = F1..F5
    if (b.size() < 4) return {};
    if (b[3] >= 'A' && b[3] <= 'E') return {4, "f" + std::to_string(b[3] - 'A' + 1)};
    return unknown(isFinal(byte(b, 3)) ? 4 : 3);
  }
  for (std::size_t j = 2; j < b.size(); ++j) {
    if (j >= kMaxSequence) return {j, std::string(kUnknownKey), true};
    const unsigned char c = byte(b, j);
    if (isFinal(c)) {
      const auto name = csiName(b.substr(2, j - 2), static_cast<char>(c));
      return {j + 1, name.value_or(std::string(kUnknownKey))};
    }
    if (!isParameter(c)) return j == 2 ? Step{2, "alt+["} : unknown(j);  // broken off
  }
  return {};
}

// ESC O [digits] final. b starts with ESC O.
Step ss3Step(std::string_view b) {
  std::size_t j = 2;
  while (j < b.size() && j < 8 && ((b[j] >= '0' && b[j] <= '9') || b[j] == ';')) ++j;
  if (j == b.size()) return {};
  const unsigned char c = byte(b, j);
  if (c < 0x20 || c >= 0x7f) return j == 2 ? Step{2, "alt+O"} : unknown(j);
  const char final = static_cast<char>(c);
  std::optional<std::string> name;
  const auto n = numbers(b.substr(2, j - 2));
  const int mod = n && !n->empty() ? n->back() : 0;
  if (final == 'M') {
    name = "enter";  // keypad Enter
  } else if (auto ctrl = rxvtArrow(final, "ctrl+"); ctrl && j == 2) {
    name = ctrl;
  } else if (n) {
    name = withModifier(letterKey(final), mod);
  }
  return {j + 1, name.value_or(std::string(kUnknownKey))};
}

// One UTF-8 character (strict: no overlong forms, no surrogates, nothing past U+10FFFF),
// through the program's one decoder. An unfinished character waits for more bytes; a bad
// one is consumed up to its first bad byte (a stray byte: one each, however reads split).
Step utf8Step(std::string_view b) {
  const utf8::Decoded d = utf8::decode(b, 0);
  switch (d.status) {
    case utf8::Decoded::Status::Ok: return {d.length, std::string(b.substr(0, d.length))};
    case utf8::Decoded::Status::Incomplete: return {};
    case utf8::Decoded::Status::Invalid: break;
  }
  return unknown(d.length);
}

Step plainStep(std::string_view b) {
  const unsigned char c = byte(b, 0);
  if (c == ' ') return {1, "space"};
  if (c < 0x20 || c == 0x7f) return {1, controlName(c)};
  if (c < 0x80) return {1, std::string(1, static_cast<char>(c))};
  return utf8Step(b);
}

Step step(std::string_view b);

// Alt added to a decoded key, keeping the modifier order ctrl+alt+shift+.
std::string withAlt(const std::string& key) {
  if (key.rfind("ctrl+", 0) == 0) return "ctrl+alt+" + key.substr(5);
  return "alt+" + key;
}

// ESC ESC: Alt plus a sequence (ESC ESC [ A = alt+up), or two Escapes.
Step doubleEscapeStep(std::string_view b) {
  if (b.size() < 3) return {};
  if (b[2] != '[' && b[2] != 'O') return {1, "escape"};
  const Step inner = step(b.substr(1));
  if (inner.used == 0) return {};
  if (inner.key == kUnknownKey || inner.key.rfind("alt+", 0) == 0 || inner.key.find("+alt+") != std::string::npos) {
    return {1, "escape"};
  }
  return {inner.used + 1, withAlt(inner.key)};
}

Step escapeStep(std::string_view b) {
  if (b.size() < 2) return {};
  if (b[1] == '[') return csiStep(b);
  if (b[1] == 'O') return b.size() < 3 ? Step{} : ss3Step(b);
  if (b[1] == kEsc) return doubleEscapeStep(b);
  const Step inner = plainStep(b.substr(1));
  if (inner.used == 0) return {};
  if (inner.key == kUnknownKey) return unknown(inner.used + 1);
  return {inner.used + 1, withAlt(inner.key)};
}

Step step(std::string_view b) { return b[0] == kEsc ? escapeStep(b) : plainStep(b); }

// What an unfinished buffer means when no more bytes come.
Step forcedStep(std::string_view b) {
  if (b.size() == 1 && b[0] == kEsc) return {1, "escape"};
  if (b == "\x1b[") return {2, "alt+["};
  if (b == "\x1bO") return {2, "alt+O"};
  if (b.size() >= 2 && b[0] == kEsc && b[1] == kEsc) return {1, "escape"};
  return unknown(b.size());
}

}  // namespace

bool KeyDecoder::skipOverlongSequence() {
  std::size_t i = 0;
  while (skipping_ && i < buffer_.size()) {
    const auto c = static_cast<unsigned char>(buffer_[i]);
    if (isParameter(c)) {
      ++i;
    } else {
      if (c >= 0x40 && c <= 0x7e) ++i;
      skipping_ = false;
    }
  }
  buffer_.erase(0, i);
  return skipping_;
}

void KeyDecoder::decode(std::vector<std::string>& keys) {
  std::size_t pos = 0;
  while (true) {
    if (skipping_) {
      buffer_.erase(0, pos);
      pos = 0;
      if (skipOverlongSequence()) return;
    }
    if (pos >= buffer_.size()) break;
    const Step s = step(std::string_view(buffer_).substr(pos));
    if (s.used == 0) break;
    keys.push_back(s.key);
    pos += s.used;
    skipping_ = s.overlong;
  }
  buffer_.erase(0, pos);
}

std::vector<std::string> KeyDecoder::feed(std::string_view bytes) {
  buffer_.append(bytes);
  std::vector<std::string> keys;
  decode(keys);
  return keys;
}

std::vector<std::string> KeyDecoder::flush() {
  std::vector<std::string> keys;
  skipping_ = false;
  while (!buffer_.empty()) {
    const Step s = forcedStep(buffer_);
    keys.push_back(s.key);
    buffer_.erase(0, s.used);
    decode(keys);
  }
  return keys;
}

bool KeyDecoder::pending() const { return !buffer_.empty() || skipping_; }

}  // namespace ml::ui
