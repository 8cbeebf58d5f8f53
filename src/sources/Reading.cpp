#include "sources/Reading.h"

#include "sources/DebateText.h"

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
