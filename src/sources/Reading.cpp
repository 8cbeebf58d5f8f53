#include "sources/Reading.h"

#include "sources/DebateText.h"

#include <algorithm>
#include <cctype>

namespace ml::sources {
namespace {

ReadingPart aboutPart(const Debate& d) { return {ReadingPart::Kind::About, debateTitle(d), aboutLines(d)}; }

ReadingPart ministersPart(const Debate& d) {
  ReadingPart part{ReadingPart::Kind::Ministers, "Namens het kabinet", {}};
  for (const auto& p : d.ministers) part.sentences.push_back(personText(p) + ".");
  return part;
}

}  // namespace

std::vector<ReadingPart> readingOrder(const Debate& d) {
  std::vector<ReadingPart> parts{aboutPart(d)};
  if (!d.ministers.empty()) parts.push_back(ministersPart(d));
  for (auto& p : agendaParts(d)) parts.push_back(std::move(p));
  for (auto& p : backgroundParts(d)) parts.push_back(std::move(p));
  return parts;
}

std::vector<ReadingPart> agendaParts(const Debate& d) {
  if (d.agenda.empty()) return {{ReadingPart::Kind::AgendaItem, "Agenda", {"Geen agendapunten bekend."}}};
  std::vector<ReadingPart> parts;
  for (std::size_t i = 0; i < d.agenda.size(); ++i) {
    parts.push_back({ReadingPart::Kind::AgendaItem, agendaHeading(d.agenda[i], i), agendaItemLines(d.agenda[i])});
  }
  return parts;
}

std::vector<ReadingPart> backgroundParts(const Debate& d) {
  std::vector<ReadingPart> parts;
  if (auto intro = introductionLines(d); !intro.empty()) {
    parts.push_back({ReadingPart::Kind::Background, "Inleiding", std::move(intro)});
  }
  for (const auto& s : d.background) {
    auto sentences = sectionLines(s);
    if (s.heading.empty() && sentences.empty()) continue;
    parts.push_back({ReadingPart::Kind::Background, s.heading.empty() ? "Achtergrond" : s.heading,
                     std::move(sentences)});
  }
  if (parts.empty()) parts.push_back({ReadingPart::Kind::Background, "Achtergrond", {"Geen achtergrond bekend."}});
  return parts;
}

namespace {

const char* groupHeading(ReadingPart::Kind kind) {
  switch (kind) {
    case ReadingPart::Kind::AgendaItem: return "Agenda";
    case ReadingPart::Kind::Background: return "Achtergrond";
    default: return nullptr;
  }
}

}  // namespace

namespace {

bool hexRun(const std::string& s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// An address, a host or an id: for the screen where asked for, never for the ear.
bool hasAddressOrId(const std::string& s) {
  if (s.find("://") != std::string::npos || s.find("www.") != std::string::npos) return true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (hexRun(s, i, 8) && i + 8 < s.size() && s[i + 8] == '-' && hexRun(s, i + 9, 4)) return true;  // a GUID
    // A dotted host or address ("127.0.0.1", "cdn.example.nl"): a dot between two
    // non-space characters, the second not a digit after a digit (not "1.000").
    if (s[i] == '.' && i > 0 && i + 1 < s.size() && std::isalnum(static_cast<unsigned char>(s[i - 1])) &&
        std::isalnum(static_cast<unsigned char>(s[i + 1]))) {
      const bool digits = std::isdigit(static_cast<unsigned char>(s[i - 1])) && std::isdigit(static_cast<unsigned char>(s[i + 1]));
      if (!digits) return true;
      const std::size_t dots = static_cast<std::size_t>(std::count(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(std::min(s.size(), i + 16)), '.'));
      if (dots >= 3) return true;  // an IPv4 address
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> spokenNoteLines(const std::vector<std::string>& notes) {
  std::vector<std::string> out;
  for (std::string n : noteLines(notes)) {
    if (hasAddressOrId(n)) {
      // "Let op: Open data niet bereikbaar: 127.0.0.1 antwoordde 404" -> the part that means something.
      const auto colon = n.find(": ", std::string("Let op: ").size());
      if (colon == std::string::npos) continue;
      n = n.substr(0, colon) + ".";
      if (hasAddressOrId(n)) continue;
    }
    out.push_back(std::move(n));
  }
  return out;
}

ReadingScript readingScript(const std::vector<ReadingPart>& parts) {
  ReadingScript script;
  const char* group = nullptr;
  for (const auto& p : parts) {
    script.sectionStarts.push_back(script.lines.size());
    const char* g = groupHeading(p.kind);
    const bool opensGroup = g != nullptr && g != group;
    group = g;
    if (opensGroup) script.lines.push_back(std::string(g) + ".");
    // A part called after its group ("Agenda": nothing known) needs no second heading.
    if (!p.heading.empty() && !(opensGroup && p.heading == g)) script.lines.push_back(p.heading);
    script.lines.insert(script.lines.end(), p.sentences.begin(), p.sentences.end());
  }
  return script;
}

std::vector<std::string> readingLines(const std::vector<ReadingPart>& parts) { return readingScript(parts).lines; }

}  // namespace ml::sources
