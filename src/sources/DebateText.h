// A debate as plain Dutch lines for a screen reader: no decoration, no colour, one fact
// a line, in reading order (what, when, where, who, agenda items, background: the
// introduction first). Pure.
#pragma once
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::sources {

// "donderdag 21 december 2023" for "2023-12-21" (the input unchanged when not a date).
std::string dutchDate(const std::string& isoDate);

// One line for a day's listing: time, room, kind, title, status.
std::string listingLine(const Debate& d);

// Every line of `meeluister show`, built from the pieces below (which Reading.h shares).
std::vector<std::string> showLines(const Debate& d);

// The title, or "Debat zonder titel".
std::string debateTitle(const Debate& d);
// What, when and where, one line each (no title): "Soort: ...", "Commissie: ...",
// "Wanneer: ...", "Begonnen om ...", "Status: ...", "Waar: ...".
std::vector<std::string> aboutLines(const Debate& d);
// "Eric van der Burg, staatssecretaris van Justitie en Veiligheid" (party after a member).
std::string personText(const Person& p);
// "Agendapunt 2: Verslag van de Raad" (`index` counts from 0; used when the item has no number).
std::string agendaHeading(const AgendaItem& item, std::size_t index);
// An agenda item's note ("Toelichting: ...") and documents, one line each, title first
// ("Geannoteerde agenda. Brief regering van 25 september 2026. Dossier 21501 nr. 2900.").
// documentNumbers (for `show` only, never spoken): a line "Documentnummer: 2026D30001."
// after each document that has one.
std::vector<std::string> agendaItemLines(const AgendaItem& item, bool documentNumbers = false);
// The introduction's paragraphs, one line each (Debate::introduction holds them separated
// by '\n'; the sources make it plain text from HTML).
std::vector<std::string> introductionLines(const Debate& d);
// A background section's text blocks, one line each, list items numbered "1. ...".
std::vector<std::string> sectionLines(const Section& section);

// "Let op: ..." lines for notes.
std::vector<std::string> noteLines(const std::vector<std::string>& notes);

}  // namespace ml::sources
