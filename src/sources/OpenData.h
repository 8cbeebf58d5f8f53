// The open data portal (OData v4, gegevensmagazijn.tweedekamer.nl): the URLs meeluister asks
// and readers for their answers. Pure; thread-safe. Readers throw SourceError when an
// answer cannot be read at all; missing fields read as empty.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::sources::od {

struct Activity {
  std::string id, number, kind, subject, date, location, room, status, committee;
  bool closed = false;  // Besloten
  std::optional<TimePoint> start, end;
  std::vector<AgendaItem> agenda;  // ordered by Volgorde
  std::vector<Person> actors;      // ordered by Volgorde; role = Relatie or Functie
  std::string replacedBy;          // VervangenDoor id, when moved
};

struct ActivityPage {
  std::vector<Activity> activities;
  std::string nextLink;  // @odata.nextLink, empty on the last page
};

inline constexpr int kMaxTop = 250;  // the portal refuses more

// Activiteit of a local day (with a margin; filter the answer with onLocalDay).
std::string dayUrl(const std::string& base, const std::string& date);
// One meeting with agenda items, documents, actors and room.
std::string meetingByIdUrl(const std::string& base, const std::string& id);
std::string meetingByNumberUrl(const std::string& base, const std::string& number);

ActivityPage parseActivities(const std::string& body);

// Keeps the activities whose start falls on `date` in their own local time.
std::vector<Activity> onLocalDay(std::vector<Activity> all, const std::string& date);

// The status in the model ("Geannuleerd" -> Cancelled, "Verplaatst" -> Moved, ...).
std::optional<DebateStatus> statusOf(const Activity& a);

// Adds what the open data knows to `d` (committee, agenda, ministers, number, ...), setting
// provenance; fields Debat Direct already gave are kept. `confidence` is the match's.
void enrich(Debate& d, const Activity& a, double confidence);

// A model from the open data alone (when Debat Direct does not know the meeting).
Debate toDebate(const Activity& a);

// tweedekamer.nl page for a meeting: commissievergaderingen or plenaire_vergaderingen.
std::string meetingPageUrl(const std::string& webBase, const Activity& a);

// True for an Activiteit Nummer such as "2023A07965".
bool isActivityNumber(const std::string& text);

}  // namespace ml::sources::od
