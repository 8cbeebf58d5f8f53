#include "words/Transcript.h"

#include <algorithm>
#include <cmath>

#include "core/Utf8.h"
#include "text/Fold.h"

namespace ml::words {

std::string Line::text() const {
  std::string out;
  for (const auto& l : lines) {
    if (l.empty()) continue;
    if (!out.empty()) out += ' ';
    out += l;
  }
  return out;
}

std::vector<std::string> RollUp::fresh(const std::vector<std::string>& lines) {
  std::size_t from = 0;
  while (from < lines.size() && std::find(recent_.begin(), recent_.end(), lines[from]) != recent_.end()) ++from;
  std::vector<std::string> out(lines.begin() + static_cast<long>(from), lines.end());
  for (const auto& l : out) {
    recent_.push_back(l);
    if (recent_.size() > kRecent) recent_.pop_front();
  }
  return out;
}

std::size_t Transcript::add(std::vector<Line> incoming) {
  std::size_t added = 0;
  {
    std::lock_guard lock(mutex_);
    for (auto& line : incoming) {
      if (line.lines.empty() || !std::isfinite(line.utc)) continue;
      const std::string text = line.text();
      auto lo = std::lower_bound(lines_.begin(), lines_.end(), line.utc - 1.5,
                                 [](const Line& l, double t) { return l.utc < t; });
      bool seen = false;
      for (auto it = lo; it != lines_.end() && it->utc <= line.utc + 1.5; ++it) {
        if (it->text() == text) {
          seen = true;
          break;
        }
      }
      if (seen) continue;
      auto at = std::upper_bound(lines_.begin(), lines_.end(), line.utc,
                                 [](double t, const Line& l) { return t < l.utc; });
      lines_.insert(at, std::move(line));
      ++added;
    }
    if (lines_.size() > kMaxLines) lines_.erase(lines_.begin(), lines_.begin() + static_cast<long>(lines_.size() - kMaxLines));
  }
  if (added > 0) version_.fetch_add(1);
  return added;
}

std::vector<Line> Transcript::between(double fromUtc, double toUtc) const {
  std::lock_guard lock(mutex_);
  auto a = std::upper_bound(lines_.begin(), lines_.end(), fromUtc, [](double t, const Line& l) { return t < l.utc; });
  auto b = std::upper_bound(a, lines_.end(), toUtc, [](double t, const Line& l) { return t < l.utc; });
  return {a, b};
}

std::vector<Line> Transcript::all() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::size_t Transcript::size() const {
  std::lock_guard lock(mutex_);
  return lines_.size();
}

namespace {

std::vector<std::string> words(const std::string& folded) {
  std::vector<std::string> out;
  std::string w;
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80 || c == '\'' || c == '-') {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

}  // namespace

namespace {

// A word of the query matches a word of the text that begins with it ("klimaat" finds
// "klimaatbeleid"); a number only the same number ("3" does not find "13" or "30").
bool matches(const std::string& wanted, const std::vector<std::string>& tokens) {
  const bool number = std::all_of(wanted.begin(), wanted.end(), [](char c) { return c >= '0' && c <= '9'; });
  return std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
    return number ? t == wanted : t.compare(0, wanted.size(), wanted) == 0;
  });
}

}  // namespace

std::vector<std::size_t> search(const std::vector<Line>& lines, const std::string& query) {
  std::vector<std::size_t> hits;
  const auto wanted = words(text::foldForSearch(query));
  if (wanted.empty()) return hits;
  std::vector<std::vector<std::string>> tokens(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) tokens[i] = words(text::foldForSearch(lines[i].text()));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Every word in this line, or in this line and the next of the same speaker within
    // 10 s (a cue breaks sentences anywhere) when the words begin here.
    std::size_t own = 0;
    for (const auto& w : wanted) own += matches(w, tokens[i]) ? 1 : 0;
    if (own == wanted.size()) {
      hits.push_back(i);
      continue;
    }
    if (own == 0 || i + 1 >= lines.size() || lines[i + 1].speaker != lines[i].speaker ||
        lines[i + 1].utc - lines[i].utc >= 10) {
      continue;
    }
    const bool rest = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
      return matches(w, tokens[i]) || matches(w, tokens[i + 1]);
    });
    // When the next line holds every word itself, that one is the place.
    const bool nextAlone = std::all_of(wanted.begin(), wanted.end(),
                                       [&](const std::string& w) { return matches(w, tokens[i + 1]); });
    if (rest && !nextAlone) hits.push_back(i);
  }
  return hits;
}

std::vector<Sentence> sentences(const std::vector<std::string>& texts, const std::vector<double>& times) {
  std::vector<Sentence> out;
  Sentence cur;
  bool open = false;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& t = texts[i];
    std::size_t from = 0;
    while (from < t.size()) {
      while (from < t.size() && t[from] == ' ') ++from;
      if (from >= t.size()) break;
      std::size_t end = from;
      while (end < t.size()) {
        const char c = t[end];
        if ((c == '.' || c == '?' || c == '!') && (end + 1 == t.size() || t[end + 1] == ' ')) break;
        ++end;
      }
      if (!open) {
        cur = Sentence{i < times.size() ? times[i] : 0, {}};
        open = true;
      }
      if (!cur.text.empty()) cur.text += ' ';
      if (end < t.size()) {
        cur.text += t.substr(from, end + 1 - from);
        out.push_back(std::move(cur));
        cur = {};
        open = false;
        from = end + 1;
      } else {
        cur.text += t.substr(from);
        from = t.size();
      }
    }
  }
  if (open && !cur.text.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace ml::words
