// Readers for the Debat Direct JSON API (/app, /agenda[/date], /debates/{id}, /actors/{date})
// and the step from its answers to ml::Debate. Pure: bytes in, values out; thread-safe.
// Readers throw SourceError with a Dutch sentence when an answer cannot be read at all;
// missing and unknown fields and event types are tolerated.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Debate.h"

namespace ml::sources::dd {

struct Location {
  std::string id, slug, name;
  std::string streamUrl, vodUrl, audioUrl;  // templates with {date} and {slug}
};

struct Event {
  TimePoint time;
  std::string type;      // eventType, kept as given (unknown types included)
  std::string objectId;  // politician id or debate id
};

struct DebateInfo {
  std::string id, name, slug, debateType, debateDate, locationId, locationName;
  std::string introduction;  // plain text from the HTML field: paragraphs separated by '\n'
  // (name and locationName are plain text too: entities decoded, tags gone)
  std::vector<std::string> categoryIds;
  std::optional<TimePoint> startsAt, endsAt, startedAt, endedAt, suspendedSince;
  std::vector<Event> events;  // as given (newest first)
  std::string videoUrl, vodUrl, audioUrl;
};

struct Politician {
  std::string name, title, partyId;
};

struct Actors {
  std::map<std::string, Politician> politicians;  // by lower-case id
  std::map<std::string, std::string> parties;     // lower-case id -> shorthand
  const Politician* find(const std::string& id) const;
  // Party shorthand for a politician, or the office title for a member of the government.
  std::string affiliation(const Politician& p) const;
};

std::vector<Location> parseApp(const std::string& body);
std::vector<DebateInfo> parseAgenda(const std::string& body);  // a day; [] when empty
DebateInfo parseDebate(const std::string& body);                 // also under "debate"
Actors parseActors(const std::string& body);                     // also under "actors"

// Planned, live, suspended or ended, as far as this answer tells (an agenda answer lacks
// current.suspendedSince: only /debates/{id} tells a suspension).
DebateStatus statusOf(const DebateInfo& info);

// The room among `locations` for a locationId/slug/name, compared without case, spaces,
// hyphens and accents ("plenaire-zaal" = "Plenaire zaal" = "plenairezaal").
const Location* findLocation(const std::vector<Location>& locations, const std::string& room);

// Lower case ASCII letters and digits only, accents dropped: "Klompézaal" -> "klompezaal".
std::string roomKey(const std::string& text);

// The model from Debat Direct: everything but agenda items and background. `actors` and
// `locations` may be null (then names and stream templates are missing: noted, with the
// known URL patterns as fallback for audio).
Debate toDebate(const DebateInfo& info, const Actors* actors, const std::vector<Location>* locations);

// Live and on-demand audio URLs for a debate (from the room templates, the debate's video
// block, else the known patterns of 2025/2026). Sets provenance "audio".
void fillAudio(Debate& d, const DebateInfo& info, const std::vector<Location>* locations);

// https://debatdirect.tweedekamer.nl/{date}/{category or overig}/{locationId}/{slug}
std::string pageUrl(const DebateInfo& info);

struct PageRef {
  std::string date, locationId, slug;
};
// Reads a debatdirect.tweedekamer.nl page URL; nullopt when it is not one.
std::optional<PageRef> parsePageUrl(const std::string& url);

}  // namespace ml::sources::dd
