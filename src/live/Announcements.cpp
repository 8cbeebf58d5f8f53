#include "live/Announcements.h"

#include <fmt/core.h>

#include <array>
#include <cctype>
#include <string_view>

namespace ml::live {
namespace {

// Office titles of members of the government start with one of these words; in the middle
// of a sentence they are written in lower case ("staatssecretaris van ...").
constexpr std::array<std::string_view, 3> kOffices{"Minister", "Staatssecretaris", "Vicepremier"};

bool isOfficeTitle(const std::string& affiliation) {
  for (auto office : kOffices) {
    if (affiliation.rfind(office, 0) == 0) return true;
  }
  return false;
}

bool isSpeakerType(const std::string& type) {
  return type == "speaker" || type == "interrupter" || type == "speaker_motion_present";
}

bool startsWithNoCase(std::string_view text, std::string_view prefix);

// "Interruptie: Kamerlid F, PRO": the kind first when it is the news; a name that already
// starts with the kind's word is said alone ("Voorzitter Kamerlid B", not "Voorzitter:
// Voorzitter Kamerlid B").
Announcement named(const SpeakerEvent& e, const char* label, const char* unknown, bool speaker) {
  const std::string name = who(e);
  if (name.empty()) return Announcement{unknown, unknown, speaker};
  if (startsWithNoCase(name, label)) return Announcement{name, name, speaker};
  return Announcement{std::string(label) + ": " + name, name, speaker};
}

// "Kamerlid A, VVD, aan het woord": a new speaker is the common case, so the name (the news)
// comes first and the kind last.
Announcement speakerLine(const SpeakerEvent& e) {
  const std::string name = who(e);
  if (name.empty()) return Announcement{"Nieuwe spreker.", "Nieuwe spreker.", true};
  return Announcement{name + ", aan het woord", name, true};
}

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return text.size() == prefix.size() || !std::isalnum(static_cast<unsigned char>(text[prefix.size()]));
}

bool equalNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && startsWithNoCase(a, b);
}

std::string skippedPhrase(std::size_t count, bool allSpeakers) {
  const char* noun = allSpeakers ? (count == 1 ? "wissel" : "wissels") : (count == 1 ? "melding" : "meldingen");
  return fmt::format("{} {} overgeslagen", count, noun);
}

struct Seen {
  const SpeakerEvent* event;
  Announcement said;
};

// The one announcement that stands for a burst: the end, else a suspension nobody spoke
// after, else the newest speaker, else the newest event.
const Seen& newestState(const std::vector<Seen>& all) {
  const Seen* speaker = nullptr;
  const Seen* suspended = nullptr;
  for (const auto& s : all) {
    if (s.event->eventType == "debate_end") return s;
    if (s.event->eventType == "suspended") suspended = &s;
    if (s.event->eventType == "continued") suspended = nullptr;
    if (s.said.speakerChange) {
      speaker = &s;
      suspended = nullptr;
    }
  }
  if (suspended != nullptr) return *suspended;
  return speaker != nullptr ? *speaker : all.back();
}

Announcement summarise(const std::vector<Seen>& all) {
  const Seen& main = newestState(all);
  bool allSpeakers = true;
  for (const auto& s : all) {
    if (&s != &main) allSpeakers = allSpeakers && s.said.speakerChange;
  }
  std::string base = main.said.text;
  const bool period = !base.empty() && base.back() == '.';
  if (period) base.pop_back();
  Announcement out = main.said;
  out.text = base + "; " + skippedPhrase(all.size() - 1, allSpeakers) + (period ? "." : "");
  return out;
}

}  // namespace

std::string who(const SpeakerEvent& e) {
  if (e.name.empty()) return {};
  // Never the same words twice ("Vragenuur, Vragenuur").
  if (e.affiliation.empty() || equalNoCase(e.affiliation, e.name)) return e.name;
  std::string aff = e.affiliation;
  if (isOfficeTitle(aff)) aff[0] = static_cast<char>(aff[0] - 'A' + 'a');
  return e.name + ", " + aff;
}

Announcement announceOne(const SpeakerEvent& e) {
  const std::string& t = e.eventType;
  if (t == "speaker") return speakerLine(e);
  if (t == "interrupter") return named(e, "Interruptie", "Interruptie.", true);
  if (t == "speaker_motion_present") return named(e, "Motie", "Motie.", true);
  if (t == "chairman_change" || t == "chairman_selection") return named(e, "Voorzitter", "Nieuwe voorzitter.", false);
  if (t == "debate_start") return Announcement{"Debat begonnen.", "Begonnen", false};
  if (t == "suspended") return Announcement{"Debat geschorst.", "Geschorst", false};
  if (t == "continued") return Announcement{"Debat hervat.", "Hervat", false};
  if (t == "debate_end") return Announcement{"Debat afgelopen.", "Afgelopen", false};
  return {};
}

std::vector<Announcement> announce(const std::vector<SpeakerEvent>& fresh, Level level, std::size_t burstLimit) {
  if (level == Level::Off) return {};
  std::vector<Seen> relevant;
  for (const auto& e : fresh) {
    Announcement a = announceOne(e);
    if (a.text.empty() || (level == Level::Speakers && !a.speakerChange)) continue;
    // The same sentence twice in a row (a speaker resuming after the chair) is said once.
    if (!relevant.empty() && relevant.back().said.text == a.text) continue;
    relevant.push_back(Seen{&e, std::move(a)});
  }
  if (relevant.empty()) return {};
  if (relevant.size() > burstLimit) return {summarise(relevant)};
  std::vector<Announcement> out;
  for (auto& s : relevant) out.push_back(std::move(s.said));
  return out;
}

std::string currentSpeaker(const std::vector<SpeakerEvent>& timeline) {
  for (auto it = timeline.rbegin(); it != timeline.rend(); ++it) {
    if (it->eventType == "suspended" || it->eventType == "debate_end") return {};
    if (isSpeakerType(it->eventType)) return who(*it);  // "" when the name is unknown
  }
  return {};
}

bool parseLevel(const std::string& text, Level& level) {
  if (text == "alles" || text == "all") {
    level = Level::All;
  } else if (text == "sprekers" || text == "speakers") {
    level = Level::Speakers;
  } else if (text == "uit" || text == "off") {
    level = Level::Off;
  } else {
    return false;
  }
  return true;
}

}  // namespace ml::live
