#include "text/WebVtt.h"

#include <cstdint>
#include <utility>

#include "core/Utf8.h"

namespace ml::text::vtt {
namespace {

constexpr std::string_view kArrow = "-->";

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// WebVTT's white space within a line.
bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// The same, and the line ends (inside a tag a cue's text may run over lines).
bool isSpace(char c) { return isBlank(c) || c == '\n' || c == '\r'; }

std::size_t skipBlanks(std::string_view s, std::size_t i) {
  while (i < s.size() && isBlank(s[i])) ++i;
  return i;
}

// A run of ASCII digits at s[i]: how many, and their value (saturating; callers refuse long
// runs before the value matters).
struct Digits {
  std::size_t count = 0;
  std::uint64_t value = 0;
};

Digits digitsAt(std::string_view s, std::size_t i) {
  Digits d;
  while (i + d.count < s.size() && isDigit(s[i + d.count])) {
    if (d.value < 1'000'000'000'000'000ULL) d.value = d.value * 10 + static_cast<std::uint64_t>(s[i + d.count] - '0');
    ++d.count;
  }
  return d;
}

constexpr std::size_t kMaxHourDigits = 9;

// A timestamp at s[i] ("hh:mm:ss.ttt" or "mm:ss.ttt"), as the WebVTT rules collect one: its
// seconds, and in `i` where it ends. nullopt when malformed.
std::optional<double> timestampAt(std::string_view s, std::size_t& i) {
  const Digits first = digitsAt(s, i);
  if (first.count == 0 || first.count > kMaxHourDigits) return std::nullopt;
  std::size_t p = i + first.count;
  // Anything but two digits below 60 can only be hours.
  const bool hours = first.count != 2 || first.value > 59;
  if (p >= s.size() || s[p] != ':') return std::nullopt;
  const Digits second = digitsAt(s, ++p);
  if (second.count != 2) return std::nullopt;
  p += 2;
  std::uint64_t h = 0, m = first.value, sec = second.value;
  if (hours || (p < s.size() && s[p] == ':')) {
    if (p >= s.size() || s[p] != ':') return std::nullopt;
    const Digits third = digitsAt(s, ++p);
    if (third.count != 2) return std::nullopt;
    p += 2;
    h = first.value;
    m = second.value;
    sec = third.value;
  }
  if (m > 59 || sec > 59) return std::nullopt;
  if (p >= s.size() || s[p] != '.') return std::nullopt;
  const Digits ms = digitsAt(s, ++p);
  if (ms.count != 3) return std::nullopt;
  i = p + 3;
  return static_cast<double>(h * 3600 + m * 60 + sec) + static_cast<double>(ms.value) / 1000.0;
}

struct Timing {
  double start = 0, end = 0;
};

// "start --> end [settings]"; the settings are ignored.
std::optional<Timing> parseTiming(std::string_view line) {
  std::size_t i = skipBlanks(line, 0);
  const auto start = timestampAt(line, i);
  if (!start) return std::nullopt;
  i = skipBlanks(line, i);
  if (line.substr(i, kArrow.size()) != kArrow) return std::nullopt;
  i = skipBlanks(line, i + kArrow.size());
  const auto end = timestampAt(line, i);
  if (!end) return std::nullopt;
  return Timing{*start, *end};
}

std::string_view trimBlanks(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

// "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000" (either order); nullopt unless both
// parts are there and well-formed.
std::optional<TimestampMap> parseTimestampMap(std::string_view line) {
  constexpr std::string_view kKey = "X-TIMESTAMP-MAP=";
  if (line.substr(0, kKey.size()) != kKey) return std::nullopt;
  std::string_view rest = line.substr(kKey.size());
  std::optional<double> mpegts, local;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view part = trimBlanks(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (part.substr(0, 7) == "MPEGTS:") {
      const std::string_view number = part.substr(7);
      const Digits d = digitsAt(number, 0);
      if (d.count == 0 || d.count != number.size() || d.count > 15) return std::nullopt;
      mpegts = static_cast<double>(d.value) / 90000.0;
    } else if (part.substr(0, 6) == "LOCAL:") {
      local = parseTimestamp(part.substr(6));
      if (!local) return std::nullopt;
    }
  }
  if (!mpegts || !local) return std::nullopt;
  return TimestampMap{*mpegts, *local};
}

// The line starting at `pos` (without its end: LF, CRLF or CR) and in `after` where the next
// line starts.
std::string_view lineAt(std::string_view s, std::size_t pos, std::size_t& after) {
  std::size_t end = pos;
  while (end < s.size() && s[end] != '\n' && s[end] != '\r') ++end;
  if (end == s.size()) {
    after = end;
  } else {
    after = end + (s[end] == '\r' && end + 1 < s.size() && s[end + 1] == '\n' ? 2 : 1);
  }
  return s.substr(pos, end - pos);
}

// The character reference at s[i] ('&') decoded onto `out`; returns where the text goes on.
// Not a reference this parser knows (or no ';'): the '&' itself.
std::size_t decodeReference(std::string_view s, std::size_t i, std::string& out) {
  struct Named {
    std::string_view name;
    char32_t cp;
  };
  static constexpr Named kNamed[] = {{"amp;", U'&'},    {"lt;", U'<'},     {"gt;", U'>'},
                                     {"quot;", U'"'},   {"apos;", U'\''},  {"nbsp;", 0xA0},
                                     {"lrm;", 0x200E},  {"rlm;", 0x200F}};
  const std::string_view rest = s.substr(i + 1);
  for (const Named& n : kNamed) {
    if (rest.substr(0, n.name.size()) == n.name) {
      ml::utf8::append(out, n.cp);
      return i + 1 + n.name.size();
    }
  }
  if (rest.empty() || rest[0] != '#') {
    out.push_back('&');
    return i + 1;
  }
  const bool hex = rest.size() > 1 && (rest[1] == 'x' || rest[1] == 'X');
  std::size_t p = hex ? 2 : 1;
  const std::size_t digitsStart = p;
  std::uint32_t value = 0;
  constexpr std::uint32_t kTooLarge = 0x110000;
  for (; p < rest.size(); ++p) {
    const char c = rest[p];
    std::uint32_t d = 0;
    if (isDigit(c)) {
      d = static_cast<std::uint32_t>(c - '0');
    } else if (hex && c >= 'a' && c <= 'f') {
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (hex && c >= 'A' && c <= 'F') {
      d = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      break;
    }
    value = value * (hex ? 16U : 10U) + d;
    if (value >= kTooLarge) value = kTooLarge;  // saturates: stays too large however long
  }
  if (p == digitsStart || p >= rest.size() || rest[p] != ';') {
    out.push_back('&');
    return i + 1;
  }
  char32_t cp = value;
  if (cp == 0 || cp >= kTooLarge || (cp >= 0xD800 && cp <= 0xDFFF)) cp = ml::utf8::kReplacement;
  ml::utf8::append(out, cp);
  return i + 1 + p + 1;
}

// Spaces collapsed (tabs and non-breaking spaces too) and trimmed, then cut to kMaxLineBytes
// at a UTF-8 boundary. `s` is valid UTF-8 (printable's output), so C2 A0 is always U+00A0.
std::string collapseAndCut(std::string_view s) {
  std::string out;
  out.reserve(s.size() < kMaxLineBytes ? s.size() : kMaxLineBytes + 1);
  bool space = false;
  for (std::size_t i = 0; i < s.size() && out.size() <= kMaxLineBytes; ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      space = true;
    } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      space = true;
      ++i;
    } else {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  if (out.size() > kMaxLineBytes) {
    std::size_t cut = kMaxLineBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
    out.resize(cut);
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
  return out;
}

// A decoded line made fit to show: through ml::printable, then collapseAndCut. Printable
// ASCII (and tabs, which printable makes spaces) needs no printable().
std::string cleanLine(std::string_view raw) {
  bool plain = true;
  for (const char c : raw) {
    if ((c < ' ' || c > '~') && c != '\t') {
      plain = false;
      break;
    }
  }
  return plain ? collapseAndCut(raw) : collapseAndCut(ml::printable(raw));
}

// A voice tag's annotation (the text after "v" and its classes): references decoded, line
// ends as spaces, cleaned as a line.
std::string cleanAnnotation(std::string_view s) {
  std::string raw;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      i = decodeReference(s, i, raw);
    } else {
      raw.push_back(s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
      ++i;
    }
  }
  return cleanLine(raw);
}

// The inside of a tag ("v.loud Name", "/i", "00:01.000"): when it is a voice tag, its name.
std::optional<std::string_view> voiceAnnotation(std::string_view tag) {
  if (tag.empty() || tag[0] != 'v') return std::nullopt;
  if (tag.size() > 1 && tag[1] != '.' && !isSpace(tag[1])) return std::nullopt;  // <vi>, ...
  std::size_t i = 1;
  while (i < tag.size() && !isSpace(tag[i])) ++i;  // the classes
  if (i >= tag.size()) return std::string_view();
  return tag.substr(i + 1);
}

// A cue's text (its lines with their original ends) into cleaned lines and the speaker.
void decodeCueText(std::string_view s, Cue& cue) {
  std::string raw;
  auto endLine = [&] {
    if (cue.lines.size() < kMaxLinesPerCue) {
      std::string line = cleanLine(raw);
      if (!line.empty()) cue.lines.push_back(std::move(line));
    }
    raw.clear();
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\n' || c == '\r') {
      endLine();
      i += c == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    } else if (c == '&') {
      i = decodeReference(s, i, raw);
    } else if (c == '<') {
      // A tag runs to its '>' (or, unclosed, to the end of the cue), line ends included.
      std::size_t close = s.find('>', i + 1);
      if (close == std::string_view::npos) close = s.size();
      if (cue.speaker.empty()) {
        if (const auto name = voiceAnnotation(s.substr(i + 1, close - i - 1))) cue.speaker = cleanAnnotation(*name);
      }
      i = close == s.size() ? close : close + 1;
    } else {
      std::size_t run = i + 1;
      while (run < s.size() && s[run] != '\n' && s[run] != '\r' && s[run] != '&' && s[run] != '<') ++run;
      raw.append(s.substr(i, run - i));
      i = run;
    }
  }
  endLine();
}

// Lines of text with spaces collapsed and trimmed, for comparing.
std::string collapsed(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (const char c : s) {
    if (isSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string Cue::text() const {
  std::size_t size = 0;
  for (const std::string& l : lines) size += l.size() + 1;
  std::string out;
  out.reserve(size);
  for (const std::string& l : lines) {
    if (!out.empty()) out.push_back(' ');
    out += l;
  }
  return out;
}

std::optional<double> parseTimestamp(std::string_view text) {
  std::size_t i = 0;
  const auto t = timestampAt(text, i);
  if (!t || i != text.size()) return std::nullopt;
  return t;
}

std::vector<std::string> newLines(const std::vector<std::string>& shown, const std::vector<std::string>& next) {
  if (next.empty()) return {};
  std::vector<std::string> pattern, seen;
  pattern.reserve(next.size());
  for (const std::string& l : next) pattern.push_back(collapsed(l));
  // Only the last next.size() lines of `shown` can take part.
  const std::size_t from = shown.size() > next.size() ? shown.size() - next.size() : 0;
  seen.reserve(shown.size() - from);
  for (std::size_t i = from; i < shown.size(); ++i) seen.push_back(collapsed(shown[i]));
  // Knuth-Morris-Pratt with `next` as the pattern: after running over `seen`, the state is
  // the longest prefix of `next` that is a suffix of `seen`.
  std::vector<std::size_t> fail(pattern.size() + 1, 0);
  for (std::size_t i = 1, k = 0; i < pattern.size(); ++i) {
    while (k > 0 && pattern[i] != pattern[k]) k = fail[k];
    if (pattern[i] == pattern[k]) ++k;
    fail[i + 1] = k;
  }
  std::size_t k = 0;
  for (const std::string& line : seen) {
    if (k == pattern.size()) k = fail[k];
    while (k > 0 && line != pattern[k]) k = fail[k];
    if (line == pattern[k]) ++k;
  }
  return {next.begin() + static_cast<std::ptrdiff_t>(k), next.end()};
}

File parse(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  constexpr std::string_view kSignature = "WEBVTT";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  if (text.substr(0, kSignature.size()) != kSignature) throw VttError("Dit is geen WebVTT-ondertiteling.");
  if (text.size() > kSignature.size()) {
    const char c = text[kSignature.size()];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') throw VttError("Dit is geen WebVTT-ondertiteling.");
  }
  File file;
  std::size_t after = 0;
  (void)lineAt(text, 0, after);  // the signature line
  std::size_t pos = after;

  // The header: up to a blank line, or a line with "-->" (the first cue, without the blank
  // line before it).
  while (pos < text.size()) {
    const std::string_view line = lineAt(text, pos, after);
    if (line.find(kArrow) != std::string_view::npos) break;
    pos = after;
    if (line.empty()) break;
    if (!file.timestampMap) file.timestampMap = parseTimestampMap(line);
  }

  // Blocks, as the WebVTT rules collect them: a "-->" line as the first line, or as the
  // second after an identifier, is the cue's timing; any later "-->" line starts the next
  // block. A block without timing (NOTE, STYLE, REGION, stray text) is skipped whole, and so
  // is a cue whose timing line is malformed. Every line is looked at once, or twice when it
  // starts the next block: linear.
  while (pos < text.size() && file.cues.size() < kMaxCues) {
    std::size_t lineCount = 0;
    bool seenArrow = false;
    std::optional<Timing> timing;
    std::size_t textBegin = std::string_view::npos, textEnd = 0;  // the cue's text lines
    while (pos < text.size()) {
      const std::string_view line = lineAt(text, pos, after);
      if (line.empty()) {
        pos = after;
        if (lineCount == 0) continue;  // blank lines between blocks
        break;
      }
      ++lineCount;
      if (line.find(kArrow) != std::string_view::npos) {
        if (lineCount == 1 || (lineCount == 2 && !seenArrow)) {
          seenArrow = true;
          timing = parseTiming(line);
          pos = after;
          continue;
        }
        break;  // the next block starts here
      }
      if (seenArrow) {
        if (textBegin == std::string_view::npos) textBegin = pos;
        textEnd = pos + line.size();
      }
      pos = after;
    }
    if (!timing || timing->end < timing->start || textBegin == std::string_view::npos) continue;
    Cue cue;
    cue.start = timing->start;
    cue.end = timing->end;
    decodeCueText(text.substr(textBegin, textEnd - textBegin), cue);
    if (!cue.lines.empty()) file.cues.push_back(std::move(cue));
  }
  return file;
}

}  // namespace ml::text::vtt
