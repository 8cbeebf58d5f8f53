#include "sources/DebateText.h"

#include <fmt/core.h>

#include <algorithm>

namespace ml::sources {
namespace {

const char* const kWeekdays[] = {"donderdag", "vrijdag", "zaterdag", "zondag", "maandag", "dinsdag", "woensdag"};
const char* const kMonths[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                               "juli",    "augustus", "september", "oktober", "november", "december"};

std::string timeSpan(const Debate& d) {
  std::string s;
  if (d.plannedStart) s = d.plannedStart->localClock();
  if (d.plannedEnd) s += (s.empty() ? "tot " : " tot ") + d.plannedEnd->localClock();
  if (s.empty() && d.actualStart) s = d.actualStart->localClock();
  return s.empty() ? "tijd onbekend" : s;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Title first (what the listener wants to hear), then kind and date, then the dossier;
// the document number (an id) only where asked for (`show`), never spoken.
std::string documentLine(const DocumentRef& doc) {
  std::string date = doc.date.size() == 10 ? dutchDate(doc.date) : doc.date;
  if (date.find(' ') != std::string::npos) date = date.substr(date.find(' ') + 1);  // without weekday
  std::string what = doc.kind;
  if (!date.empty()) what += (what.empty() ? "" : " van ") + date;
  std::string line = doc.title;
  if (!what.empty()) line += (line.empty() ? "" : ". ") + what;
  if (line.empty()) line = "Document zonder titel";
  if (!doc.dossier.empty()) line += ". Dossier " + doc.dossier;
  return line + ".";
}

void speakers(const Debate& d, std::vector<std::string>& out) {
  std::vector<std::string> names;
  for (const auto& e : d.timeline) {
    if (e.name.empty() || (e.eventType != "speaker" && e.eventType != "interrupter")) continue;
    std::string n = e.affiliation.empty() ? e.name : e.name + " (" + e.affiliation + ")";
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  if (!names.empty()) out.push_back("Sprekers: " + join(names, ", ") + ".");
  if (d.isLive()) {
    for (auto it = d.timeline.rbegin(); it != d.timeline.rend(); ++it) {
      if (it->eventType == "speaker" && !it->name.empty()) {
        out.push_back(fmt::format("Aan het woord sinds {}: {}.", it->time.localClock(),
                                  join({it->name, it->affiliation}, ", ")));
        break;
      }
    }
  }
}

void append(std::vector<std::string>& out, std::vector<std::string> more) {
  for (auto& l : more) out.push_back(std::move(l));
}

void background(const Debate& d, std::vector<std::string>& out) {
  const auto intro = introductionLines(d);
  if (d.background.empty() && intro.empty()) return;
  out.push_back("Achtergrond:");
  append(out, intro);
  for (const auto& s : d.background) {
    if (!s.heading.empty()) out.push_back(s.heading);
    append(out, sectionLines(s));
  }
}

// "Debat Direct: titel, tijden; open data: agendapunten" (sources in order of first part).
std::string provenanceText(const Provenance& provenance) {
  std::vector<std::pair<std::string, std::vector<std::string>>> bySource;
  for (const auto& entry : provenance) {
    const std::string& source = entry.second;
    auto it = std::find_if(bySource.begin(), bySource.end(), [&](const auto& e) { return e.first == source; });
    if (it == bySource.end()) it = bySource.insert(bySource.end(), {source, {}});
    it->second.push_back(entry.first);
  }
  std::vector<std::string> groups;
  for (const auto& [source, parts] : bySource) groups.push_back(source + ": " + join(parts, ", "));
  return join(groups, "; ");
}

}  // namespace

std::string dutchDate(const std::string& iso) {
  if (!isIsoDate(iso)) return iso;
  const int y = std::stoi(iso.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const auto day = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  const std::int64_t days = daysFromCivil(y, m, day);
  const auto wd = static_cast<std::size_t>(((days % 7) + 7) % 7);
  return fmt::format("{} {} {} {}", kWeekdays[wd], day, kMonths[m - 1], y);
}

std::string listingLine(const Debate& d) {
  std::string status = dutchStatus(d.status);
  if (d.status == DebateStatus::Live && d.actualStart) status += " sinds " + d.actualStart->localClock();
  return join({timeSpan(d), d.room.name.empty() ? d.room.id : d.room.name, d.kind,
               d.title.empty() ? "zonder titel" : d.title, status},
              ", ");
}

std::string debateTitle(const Debate& d) { return d.title.empty() ? "Debat zonder titel" : d.title; }

std::vector<std::string> aboutLines(const Debate& d) {
  std::vector<std::string> out;
  if (!d.kind.empty()) out.push_back("Soort: " + d.kind + ".");
  if (!d.committee.empty()) out.push_back("Commissie: " + d.committee + ".");
  const auto start = d.plannedStart ? d.plannedStart : d.actualStart;
  const std::string date = !d.debateDate.empty() ? d.debateDate : start ? start->localDate() : "";
  if (!date.empty()) out.push_back("Wanneer: " + dutchDate(date) + ", " + timeSpan(d) + " uur.");
  if (d.actualStart) {
    std::string s = "Begonnen om " + d.actualStart->localClock();
    if (d.actualEnd) s += ", afgelopen om " + d.actualEnd->localClock();
    out.push_back(s + ".");
  }
  out.push_back(std::string("Status: ") + dutchStatus(d.status) + ".");
  const std::string room = d.room.name.empty() ? d.room.id : d.room.name;
  if (!room.empty()) out.push_back("Waar: " + room + ".");
  return out;
}

std::string personText(const Person& p) {
  std::string role = p.role;
  if (!role.empty()) role[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(role[0])));
  return join({p.name, role, p.party}, ", ");
}

std::string agendaHeading(const AgendaItem& item, std::size_t index) {
  return fmt::format("Agendapunt {}: {}", item.number.empty() ? std::to_string(index + 1) : item.number,
                     item.subject.empty() ? "zonder onderwerp" : item.subject);
}

std::vector<std::string> agendaItemLines(const AgendaItem& item, bool documentNumbers) {
  std::vector<std::string> out;
  if (!item.note.empty()) out.push_back("Toelichting: " + item.note);
  for (const auto& doc : item.documents) {
    out.push_back(documentLine(doc));
    if (documentNumbers && !doc.number.empty()) out.push_back("Documentnummer: " + doc.number + ".");
  }
  return out;
}

std::vector<std::string> introductionLines(const Debate& d) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= d.introduction.size()) {
    std::size_t end = d.introduction.find('\n', start);
    if (end == std::string::npos) end = d.introduction.size();
    if (end > start) out.push_back(d.introduction.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> sectionLines(const Section& section) {
  std::vector<std::string> out;
  int item = 0;
  for (const auto& b : section.blocks) {
    if (b.kind == TextBlock::Kind::ListItem) {
      out.push_back(fmt::format("{}. {}", ++item, b.text));
    } else {
      item = 0;
      out.push_back(b.text);
    }
  }
  return out;
}

std::vector<std::string> showLines(const Debate& d) {
  std::vector<std::string> out{debateTitle(d)};
  append(out, aboutLines(d));
  if (!d.ministers.empty()) {
    std::vector<std::string> ms;
    for (const auto& p : d.ministers) ms.push_back(personText(p));
    out.push_back("Namens het kabinet: " + join(ms, "; ") + ".");
  }
  if (!d.participants.empty()) {
    std::vector<std::string> ps;
    for (const auto& p : d.participants) ps.push_back(p.party.empty() ? p.name : p.name + " (" + p.party + ")");
    out.push_back("Deelnemers: " + join(ps, ", ") + ".");
  }
  speakers(d, out);
  if (!d.agenda.empty()) {
    out.push_back(fmt::format("Agenda, {} {}:", d.agenda.size(), d.agenda.size() == 1 ? "punt" : "punten"));
    for (std::size_t i = 0; i < d.agenda.size(); ++i) {
      out.push_back(agendaHeading(d.agenda[i], i));
      append(out, agendaItemLines(d.agenda[i], true));
    }
  }
  background(d, out);
  if (!d.liveAudioUrl.empty() && (d.isLive() || d.status == DebateStatus::Planned)) {
    out.push_back("Live geluid: " + d.liveAudioUrl);
  }
  if (!d.onDemandAudioUrl.empty()) out.push_back("Terugluisteren: " + d.onDemandAudioUrl);
  if (!d.webUrl.empty()) out.push_back("Webpagina: " + d.webUrl);
  if (!d.debatDirectUrl.empty()) out.push_back("Debat Direct: " + d.debatDirectUrl);
  if (!d.activityNumber.empty()) out.push_back("Vergaderingnummer: " + d.activityNumber + ".");
  if (!d.provenance.empty()) out.push_back("Bronnen: " + provenanceText(d.provenance) + ".");
  for (auto& l : noteLines(d.notes)) out.push_back(std::move(l));
  return out;
}

std::vector<std::string> noteLines(const std::vector<std::string>& notes) {
  std::vector<std::string> out;
  for (const auto& n : notes) out.push_back("Let op: " + n);
  return out;
}

}  // namespace ml::sources
