// A debate in the fixed reading order a listener navigates: what and when (title, kind,
// committee, date and time, status, room), the ministers, each agenda item with its
// documents, the background by heading. Plain Dutch lines, printed and spoken as they are;
// the lines are DebateText's (the same as `meeluister show`). Pure.
#pragma once
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::sources {

struct ReadingPart {
  enum class Kind { About, Ministers, AgendaItem, Background };
  Kind kind;
  std::string heading;                // spoken first, e.g. "Agendapunt 2: ..." or the background heading
  std::vector<std::string> sentences; // plain Dutch text, one line each (printed and spoken as is)
};

// About, Ministers (only when the debate names any), agendaParts, backgroundParts.
std::vector<ReadingPart> readingOrder(const Debate& d);
// Only the AgendaItem parts (an empty agenda: one part saying so).
std::vector<ReadingPart> agendaParts(const Debate& d);
// Only the Background parts, one per section (none: one part saying so).
std::vector<ReadingPart> backgroundParts(const Debate& d);
// Every part as lines: its heading, then its sentences.
std::vector<std::string> readingLines(const std::vector<ReadingPart>& parts);

}  // namespace ml::sources
