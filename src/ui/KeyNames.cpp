// Key names: the canonical form of a written key, and how to say a key in Dutch.
#include <algorithm>
#include <array>
#include <utility>

#include "ui/KeyDecoder.h"
#include "ui/KeyMap.h"

namespace ml::ui {
namespace {

constexpr std::array<std::string_view, 4> kModifiers = {"ctrl", "alt", "shift", "meta"};

struct Parts {
  std::array<bool, 4> mods{};  // in kModifiers order
  std::string base;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether s is exactly one printable character (ASCII or a UTF-8 sequence).
bool isOneCharacter(std::string_view s) {
  if (s.empty()) return false;
  const auto lead = static_cast<unsigned char>(s[0]);
  if (lead < 0x80) return s.size() == 1 && lead > 0x20 && lead < 0x7f;
  std::size_t n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (n == 0 || s.size() != n || lead > 0xf4) return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; });
}

// Splits "Ctrl+Shift+Up" into modifiers and base; the base keeps its case.
Parts split(std::string_view s) {
  Parts p;
  bool more = true;
  while (more) {
    more = false;
    for (std::size_t i = 0; i < kModifiers.size(); ++i) {
      const auto m = kModifiers[i];
      if (s.size() > m.size() + 1 && lower(s.substr(0, m.size())) == m && s[m.size()] == '+') {
        p.mods[i] = true;
        s.remove_prefix(m.size() + 1);
        more = true;
      }
    }
  }
  p.base = std::string(s);
  return p;
}

bool isNavigationKey(std::string_view base) {
  static const std::array<std::string_view, 22> keys = {
      "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "delete", "insert", "f1",
      "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12"};
  return std::find(keys.begin(), keys.end(), base) != keys.end();
}

std::string namedBase(std::string_view written) {
  const std::string l = lower(written);
  static const std::map<std::string, std::string, std::less<>> aliases = {
      {"spatie", "space"}, {"esc", "escape"}, {"return", "enter"}, {"pgup", "pageup"},
      {"pgdn", "pagedown"}, {"del", "delete"}, {"ins", "insert"}};
  if (auto it = aliases.find(l); it != aliases.end()) return it->second;
  return l;
}

std::string joined(const Parts& p) {
  std::string out;
  for (std::size_t i = 0; i < kModifiers.size(); ++i) {
    if (p.mods[i]) out += std::string(kModifiers[i]) + "+";
  }
  return out + p.base;
}

// A single character with modifiers: only alt, ctrl+letter, and shift+letter (= capital).
std::optional<std::string> characterKey(Parts p) {
  auto& [ctrl, alt, shift, meta] = p.mods;
  const char c = p.base.size() == 1 ? p.base[0] : '\0';
  if (meta) return std::nullopt;
  if (shift) {
    if (c < 'a' || c > 'z' || ctrl) return std::nullopt;
    p.base[0] = static_cast<char>(c - 'a' + 'A');
    shift = false;
  }
  if (ctrl) {
    if (c >= 'A' && c <= 'Z') p.base[0] = static_cast<char>(c - 'A' + 'a');
    const char k = p.base[0];
    if (!((k >= 'a' && k <= 'z') || k == '\\' || k == ']' || k == '^' || k == '_')) return std::nullopt;
  }
  return joined(p);
}

std::optional<std::string> namedKey(Parts p) {
  p.base = namedBase(p.base);
  const auto& [ctrl, alt, shift, meta] = p.mods;
  const bool none = !ctrl && !alt && !shift && !meta;
  if (isNavigationKey(p.base)) return joined(p);
  if (p.base == "tab" && !ctrl && !meta) return joined(p);
  if ((p.base == "enter" || p.base == "backspace") && !ctrl && !shift && !meta) return joined(p);
  if (p.base == "escape" && none) return joined(p);
  if (p.base == "space" && !shift && !meta) return joined(p);
  if (none && (p.base == "capslock" || p.base == "numlock")) return p.base;  // refused later
  return std::nullopt;
}

const std::map<std::string, std::string, std::less<>>& dutchNames() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"space", "spatie"}, {"enter", "Enter"}, {"escape", "Escape"}, {"backspace", "Backspace"},
      {"tab", "Tab"}, {"up", "pijl omhoog"}, {"down", "pijl omlaag"}, {"left", "pijl links"},
      {"right", "pijl rechts"}, {"home", "Home"}, {"end", "End"}, {"pageup", "Page Up"},
      {"pagedown", "Page Down"}, {"delete", "Delete"}, {"insert", "Insert"},
      {"capslock", "Caps Lock"}, {"numlock", "Num Lock"},
      {"?", "vraagteken"}, {"!", "uitroepteken"}, {".", "punt"}, {",", "komma"},
      {":", "dubbele punt"}, {";", "puntkomma"}, {"'", "apostrof"}, {"\"", "aanhalingsteken"},
      {"`", "accent grave"}, {"(", "haakje openen"}, {")", "haakje sluiten"},
      {"[", "vierkante haak openen"}, {"]", "vierkante haak sluiten"},
      {"{", "accolade openen"}, {"}", "accolade sluiten"}, {"<", "kleiner dan"},
      {">", "groter dan"}, {"=", "isteken"}, {"+", "plus"}, {"-", "min"}, {"*", "sterretje"},
      {"/", "schuine streep"}, {"\\", "backslash"}, {"|", "verticale streep"},
      {"_", "liggend streepje"}, {"~", "tilde"}, {"^", "dakje"}, {"&", "ampersand"},
      {"%", "procent"}, {"$", "dollarteken"}, {"#", "hekje"}, {"@", "apenstaartje"}};
  return names;
}

std::string dutchBase(std::string_view base) {
  const auto& names = dutchNames();
  if (auto it = names.find(base); it != names.end()) return it->second;
  if (base.size() == 1 && base[0] >= 'A' && base[0] <= 'Z') return "hoofdletter " + std::string(base);
  if (base.size() >= 2 && base[0] == 'f' && base[1] >= '1' && base[1] <= '9') return "F" + std::string(base.substr(1));
  return std::string(base);
}

}  // namespace

std::optional<std::string> canonicalKeyName(std::string_view written) {
  if (written.empty() || written == kUnknownKey) return std::nullopt;
  Parts p = split(written);
  if (isOneCharacter(p.base)) return characterKey(std::move(p));
  return namedKey(std::move(p));
}

std::string dutchKeyName(std::string_view key) {
  if (key == kUnknownKey) return "onbekende toets";
  const Parts p = split(key);
  static const std::array<std::string_view, 4> dutchModifiers = {"Ctrl+", "Alt+", "Shift+", "Meta+"};
  std::string out;
  for (std::size_t i = 0; i < kModifiers.size(); ++i) {
    if (p.mods[i]) out += dutchModifiers[i];
  }
  return out + dutchBase(p.base);
}

}  // namespace ml::ui
