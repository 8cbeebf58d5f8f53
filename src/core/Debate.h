// Everything meeluister knows about one debate (a meeting of the Tweede Kamer), merged from
// Debat Direct, the open data portal and the tweedekamer.nl pages. Plain values; no I/O.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ml {

// A moment as a source gave it: UTC seconds plus the local offset the source used, so that
// the local (Dutch) date and clock time read back exactly as the source meant them.
struct TimePoint {
  std::int64_t utcSeconds = 0;
  int offsetMinutes = 0;

  std::string localDate() const;   // "2023-12-21"
  std::string localClock() const;  // "11.15" (the Dutch way of writing times)
  int localMinuteOfDay() const;    // 0..1439
  std::string iso() const;         // "2023-12-21T11:15:00+01:00"
  friend bool operator==(const TimePoint&, const TimePoint&) = default;
};

// Parses "2023-12-21T11:15:00+01:00", "...+0100", "...Z", "...+01" and fractions of
// seconds (core/Time.h: parseIso, the one parser); a time without an offset is Dutch local time.
std::optional<TimePoint> parseTimePoint(const std::string& text);
// Current time with the Dutch offset of that moment.
TimePoint nowDutch();
// The Dutch offset (60 or 120 minutes) for a UTC moment (the system's Europe/Amsterdam rules, core/DutchZone.h).
int dutchOffsetMinutes(std::int64_t utcSeconds);
// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
std::string dateFromDays(std::int64_t days);
// True for "YYYY-MM-DD" with a real month and day.
bool isIsoDate(const std::string& text);

enum class DebateStatus { Planned, Live, Suspended, Ended, Cancelled, Moved };
const char* dutchStatus(DebateStatus status);  // "gepland", "live", "geschorst", ...
// The deciding word for a debate being opened: "Live", "Opname" (ended: a recording),
// "Gepland", "Geschorst", "Geannuleerd", "Verplaatst". Only live is called live.
const char* dutchOpeningWord(DebateStatus status);

struct Room {
  std::string id;    // Debat Direct locationId, e.g. "thorbeckezaal" or "plenaire-zaal"
  std::string name;  // display name, e.g. "Thorbeckezaal"
};

struct DocumentRef {
  std::string number;  // "2023D51633"
  std::string kind;    // "Brief regering"
  std::string title;
  std::string date;    // "2023-10-18"
  std::string dossier; // "28638-218" or "28638"
};

struct AgendaItem {
  std::string number;   // as the open data gives it, e.g. "1"
  std::string subject;
  std::vector<DocumentRef> documents;
  std::string note;     // the open data's Noot, as plain text
};

struct Person {
  std::string name;
  std::string role;   // "Staatssecretaris van Justitie en Veiligheid", "Deelnemer", ...
  std::string party;  // shorthand, empty for members of the government
};

// A block of page text in reading order.
struct TextBlock {
  enum class Kind { Paragraph, ListItem };
  Kind kind = Kind::Paragraph;
  std::string text;
};

struct Section {
  std::string heading;
  std::vector<TextBlock> blocks;
};

struct SpeakerEvent {
  TimePoint time;
  std::string name;       // politician name, or "" for events about the debate itself
  std::string affiliation; // party shorthand, or office title for a member of the government
  std::string eventType;  // Debat Direct eventType: "speaker", "interrupter", "suspended", ...
};

// Which source gave a part of the model ("Debat Direct", "open data", "webpagina",
// "voorbeeld", "vast patroon").
using Provenance = std::map<std::string, std::string>;

struct Debate {
  std::string id;              // Debat Direct id (empty when only the open data knows it)
  std::string activityId;      // open data Activiteit.Id
  std::string activityNumber;  // open data Activiteit.Nummer, e.g. "2023A07965"
  std::string slug;            // Debat Direct slug
  std::string title;
  std::string kind;            // "Commissiedebat", "Plenair debat", ...
  std::string committee;       // "Justitie en Veiligheid"
  Room room;
  std::string debateDate;      // "2023-12-21": the day it is filed under
  std::optional<TimePoint> plannedStart, plannedEnd, actualStart, actualEnd;
  DebateStatus status = DebateStatus::Planned;
  std::string introduction;    // a short description (Debat Direct or the page intro) as plain text: paragraphs separated by '\n'
  std::vector<Person> ministers;
  std::vector<Person> participants;  // members registered to take part (open data), party in `party`
  std::vector<AgendaItem> agenda;
  std::vector<Section> background;
  std::vector<SpeakerEvent> timeline;  // oldest first
  std::string liveAudioUrl;      // HLS master for the room's live stream
  std::string onDemandAudioUrl;  // HLS master cut to this debate (when it has started)
  std::string webUrl;            // tweedekamer.nl page
  std::string debatDirectUrl;    // debatdirect.tweedekamer.nl page
  double matchConfidence = 0.0;  // how sure the open data match is (0..1; 1 = by number)
  Provenance provenance;
  std::vector<std::string> notes;  // Dutch sentences about what is missing or stale

  bool isLive() const {
    return status == DebateStatus::Live || status == DebateStatus::Suspended;
  }
  // The start to show: actual when known, else planned.
  std::optional<TimePoint> start() const { return actualStart ? actualStart : plannedStart; }
  std::optional<TimePoint> end() const { return actualEnd ? actualEnd : plannedEnd; }
  // The audio a listener wants now: live while live, else on demand, else live.
  std::string bestAudioUrl() const;
};

// The one short line said when a debate opens (about 3 s): the deciding word, the room,
// the title, no word twice ("Live, Plenaire zaal: Vragenuur."; a title that is the room's
// name or holds it is said once).
std::string shortLine(const Debate& d);
// What is spoken when a debate opens, within the speech budget (about 3 s, docs/spraak.md):
// the deciding word and the title, cut after about 40 characters at a word (a trailing
// "van", "en", ... dropped): "Opname: Informele Raad Buitenlandse Zaken." The room and the
// whole title are on `w` (twice) and `i`. Without a title: the word and the room.
std::string openingLine(const Debate& d);
// The same for a line of the day's list, with the status word: "Afgelopen, Thorbeckezaal:
// Mensenhandel." (details are on `i`).
std::string listLine(const Debate& d);

}  // namespace ml
