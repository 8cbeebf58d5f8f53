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
  for (const auto& s : d.background) {
    auto sentences = sectionLines(s);
    if (s.heading.empty() && sentences.empty()) continue;
    parts.push_back({ReadingPart::Kind::Background, s.heading.empty() ? "Achtergrond" : s.heading,
                     std::move(sentences)});
  }
  if (parts.empty()) parts.push_back({ReadingPart::Kind::Background, "Achtergrond", {"Geen achtergrond bekend."}});
  return parts;
}

std::vector<std::string> readingLines(const std::vector<ReadingPart>& parts) {
  std::vector<std::string> lines;
  for (const auto& p : parts) {
    lines.push_back(p.heading);
    lines.insert(lines.end(), p.sentences.begin(), p.sentences.end());
  }
  return lines;
}

}  // namespace ml::sources
