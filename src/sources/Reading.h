// A debate in the fixed reading order a listener navigates: what and when (title, kind,
// committee, date and time, status, room), the ministers, each agenda item with its
// documents, the background (the introduction first) by heading. Plain Dutch lines,
// printed and spoken as they are; the lines are DebateText's (as `meeluister show`). Pure.
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
// Only the Background parts: the introduction ("Inleiding", one sentence a paragraph), then
// one per section (none of either: one part saying so).
std::vector<ReadingPart> backgroundParts(const Debate& d);

// What `read` speaks: every part as lines, with the group headings "Agenda." and
// "Achtergrond." spoken before the first part of each group (so the agenda does not run
// into the background), then the part's heading (left out when it only repeats the group's
// name), then its sentences. sectionStarts: the index of each part's first line (its group
// heading when it opens one), in order: where Up and Down go.
struct ReadingScript {
  std::vector<std::string> lines;
  std::vector<std::size_t> sectionStarts;
};
ReadingScript readingScript(const std::vector<ReadingPart>& parts);
// The "Let op: ..." lines for the ear: a note holding an address, host or id keeps only
// what it means ("Let op: Open data niet bereikbaar."), or is left out.
std::vector<std::string> spokenNoteLines(const std::vector<std::string>& notes);
// readingScript(parts).lines.
std::vector<std::string> readingLines(const std::vector<ReadingPart>& parts);

}  // namespace ml::sources
