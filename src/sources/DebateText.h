// A debate as plain Dutch lines for a screen reader: no decoration, no colour, one fact
// a line, in reading order (what, when, where, who, agenda items, background). Pure.
#pragma once
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::sources {

// "donderdag 21 december 2023" for "2023-12-21" (the input unchanged when not a date).
std::string dutchDate(const std::string& isoDate);

// One line for a day's listing: time, room, kind, title, status.
std::string listingLine(const Debate& d);

// Every line of `meeluister show`.
std::vector<std::string> showLines(const Debate& d);

// "Let op: ..." lines for notes.
std::vector<std::string> noteLines(const std::vector<std::string>& notes);

}  // namespace ml::sources
