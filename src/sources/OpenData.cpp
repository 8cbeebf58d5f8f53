#include "sources/OpenData.h"

#include <algorithm>

#include "sources/DebatDirect.h"
#include "sources/Json.h"
#include "text/HtmlPage.h"
#include "sources/SourceConfig.h"

namespace ml::sources::od {
namespace {

using json::Json;
const char* const kWho = "Het open-dataportaal";
const char* const kSource = "open data";

// A navigation property may come as an object or as an array of objects.
std::vector<const Json*> related(const Json& j, const char* key) {
  std::vector<const Json*> out;
  if (!j.is_object()) return out;
  auto it = j.find(key);
  if (it == j.end()) return out;
  if (it->is_object()) out.push_back(&*it);
  if (it->is_array()) {
    for (const auto& e : *it) {
      if (e.is_object()) out.push_back(&e);
    }
  }
  return out;
}

double order(const Json& j) {
  auto it = j.find("Volgorde");
  return it != j.end() && it->is_number() ? it->get<double>() : 1e9;
}

// A text field that may carry HTML or entities, as one clean line.
std::string plain(const Json& j, const char* key) { return text::htmlText(json::str(j, key)); }

DocumentRef readDocument(const Json& j) {
  DocumentRef d{json::str(j, "DocumentNummer"), plain(j, "Soort"), plain(j, "Titel"),
                json::str(j, "Datum").substr(0, 10), ""};
  const std::string onderwerp = plain(j, "Onderwerp");
  if (d.title.empty()) d.title = onderwerp;
  if (!onderwerp.empty() && onderwerp != d.title) d.title += ": " + onderwerp;
  for (const Json* k : related(j, "Kamerstukdossier")) {
    d.dossier = json::str(*k, "Nummer");
    const std::string toev = json::str(*k, "Toevoeging");
    if (!toev.empty()) d.dossier += "-" + toev;
  }
  if (d.dossier.empty()) d.dossier = json::str(j, "Kamerstukdossier");
  const std::string volg = json::str(j, "Volgnummer");
  if (!d.dossier.empty() && !volg.empty() && volg != "0") d.dossier += " nr. " + volg;
  return d;
}

void addDocument(AgendaItem& item, DocumentRef doc) {
  const bool seen = std::any_of(item.documents.begin(), item.documents.end(), [&](const DocumentRef& o) {
    return !doc.number.empty() && o.number == doc.number;
  });
  if (!seen && (!doc.number.empty() || !doc.title.empty())) item.documents.push_back(std::move(doc));
}

AgendaItem readAgendaItem(const Json& j) {
  AgendaItem item{json::str(j, "Nummer"), plain(j, "Onderwerp"), {}, ""};
  item.note = plain(j, "Noot");  // HTML
  for (const Json* doc : related(j, "Document")) addDocument(item, readDocument(*doc));
  for (const Json* zaak : related(j, "Zaak")) {
    for (const Json* doc : related(*zaak, "Document")) addDocument(item, readDocument(*doc));
  }
  return item;
}

Activity readActivity(const Json& j) {
  Activity a;
  a.id = json::str(j, "Id");
  a.number = json::str(j, "Nummer");
  a.kind = json::str(j, "Soort");
  a.subject = plain(j, "Onderwerp");
  a.date = json::str(j, "Datum").substr(0, 10);
  a.location = json::str(j, "Locatie");
  a.status = json::str(j, "Status");
  a.committee = plain(j, "Voortouwnaam");
  a.closed = json::boolean(j, "Besloten");
  a.start = json::time(j, "Aanvangstijd");
  a.end = json::time(j, "Eindtijd");
  for (const Json* r : related(j, "Reservering")) {
    for (const Json* z : related(*r, "Zaal")) {
      if (a.room.empty()) a.room = json::str(*z, "Naam");
    }
  }
  for (const Json* v : related(j, "VervangenDoor")) a.replacedBy = json::str(*v, "Id");
  if (a.replacedBy.empty()) a.replacedBy = json::str(j, "VervangenDoor_Id");
  std::vector<const Json*> items = related(j, "Agendapunt");
  std::stable_sort(items.begin(), items.end(), [](const Json* x, const Json* y) { return order(*x) < order(*y); });
  for (const Json* item : items) a.agenda.push_back(readAgendaItem(*item));
  std::vector<const Json*> actors = related(j, "ActiviteitActor");
  std::stable_sort(actors.begin(), actors.end(), [](const Json* x, const Json* y) { return order(*x) < order(*y); });
  for (const Json* p : actors) {
    std::string role = json::str(*p, "Relatie");
    const std::string functie = json::str(*p, "Functie");
    if (!functie.empty()) role = functie;
    a.actors.push_back(Person{json::str(*p, "ActorNaam"), role, json::str(*p, "ActorFractie")});
  }
  return a;
}

bool isMinister(const Person& p) {
  auto has = [&](const char* w) { return p.role.find(w) != std::string::npos; };
  return has("inister") || has("taatssecretaris") || has("ewindspersoon");
}

const char* kExpand =
    "&$expand=Agendapunt($expand=Document,Zaak($expand=Document)),ActiviteitActor,Reservering($expand=Zaal)";

}  // namespace

std::string dayUrl(const std::string& base, const std::string& date) {
  const std::int64_t day = parseTimePoint(date + "T00:00:00Z")->utcSeconds / 86400;
  const std::string from = dateFromDays(day - 1) + "T22:00:00Z";
  const std::string to = date + "T23:00:00Z";
  const std::string filter = "Aanvangstijd ge " + from + " and Aanvangstijd lt " + to +
                             " and Verwijderd eq false and Besloten eq false";
  return joinUrl(base, "Activiteit") + "?$filter=" + percentEncode(filter, "'") +
         "&$orderby=Aanvangstijd%20asc&$top=" + std::to_string(kMaxTop) +
         "&$expand=Reservering($expand=Zaal)";
}

std::string meetingByIdUrl(const std::string& base, const std::string& id) {
  return joinUrl(base, "Activiteit") + "?$filter=" + percentEncode("Id eq " + id + " and Verwijderd eq false") +
         kExpand;
}

std::string meetingByNumberUrl(const std::string& base, const std::string& number) {
  std::string quoted;
  for (char c : number) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return joinUrl(base, "Activiteit") + "?$filter=" +
         percentEncode("Nummer eq '" + quoted + "' and Verwijderd eq false", "'") + kExpand;
}

ActivityPage parseActivities(const std::string& body) {
  const Json j = json::parse(body, kWho);
  const Json* list = json::array(j, "value");
  if (list == nullptr) {
    if (j.is_object() && j.contains("error")) throw SourceError("Het open-dataportaal meldde een fout.");
    throw SourceError("Het open-dataportaal gaf geen lijst met activiteiten.");
  }
  ActivityPage page;
  for (const auto& item : *list) {
    if (item.is_object()) page.activities.push_back(readActivity(item));
  }
  page.nextLink = json::str(j, "@odata.nextLink");
  return page;
}

std::vector<Activity> onLocalDay(std::vector<Activity> all, const std::string& date) {
  std::erase_if(all, [&](const Activity& a) {
    return a.start ? a.start->localDate() != date : a.date != date;
  });
  return all;
}

std::optional<DebateStatus> statusOf(const Activity& a) {
  if (a.status == "Geannuleerd") return DebateStatus::Cancelled;
  if (a.status == "Verplaatst" || !a.replacedBy.empty()) return DebateStatus::Moved;
  if (a.status == "Uitgevoerd") return DebateStatus::Ended;
  if (a.status == "Gepland") return DebateStatus::Planned;
  return std::nullopt;
}

void enrich(Debate& d, const Activity& a, double confidence) {
  d.activityId = a.id;
  d.activityNumber = a.number;
  d.matchConfidence = confidence;
  d.provenance["nummer"] = kSource;
  auto fill = [&](std::string& field, const std::string& value, const char* part) {
    if (field.empty() && !value.empty()) {
      field = value;
      d.provenance[part] = kSource;
    }
  };
  fill(d.title, a.subject, "titel");
  fill(d.kind, a.kind, "soort");
  fill(d.committee, a.committee, "commissie");
  fill(d.room.name, !a.room.empty() ? a.room : a.location, "zaal");
  fill(d.debateDate, a.date, "tijden");
  if (!d.plannedStart && a.start) d.plannedStart = a.start;
  if (!d.plannedEnd && a.end) d.plannedEnd = a.end;
  if (auto s = statusOf(a); s && (*s == DebateStatus::Cancelled || *s == DebateStatus::Moved)) {
    d.status = *s;
    d.provenance["status"] = kSource;
  }
  if (!a.agenda.empty()) {
    d.agenda = a.agenda;
    d.provenance["agendapunten"] = kSource;
  }
  for (const Person& p : a.actors) {
    std::vector<Person>& list = isMinister(p) ? d.ministers : d.participants;
    const bool known = std::any_of(list.begin(), list.end(), [&](const Person& m) { return m.name == p.name; });
    if (!known && !p.name.empty()) list.push_back(p);
    d.provenance.emplace(isMinister(p) ? "bewindspersonen" : "deelnemers", kSource);
  }
  if (a.closed) d.notes.push_back("Dit is een besloten vergadering; er is geen geluid.");
}

Debate toDebate(const Activity& a) {
  Debate d;
  d.debateDate = a.start ? a.start->localDate() : a.date;
  d.status = statusOf(a).value_or(DebateStatus::Planned);
  d.provenance["status"] = kSource;
  enrich(d, a, 1.0);
  return d;
}

std::string meetingPageUrl(const std::string& webBase, const Activity& a) {
  if (a.number.empty()) return {};
  const std::string room = dd::roomKey(!a.room.empty() ? a.room : a.location);
  const bool plenary = a.kind.find("lenair") != std::string::npos || a.kind == "Stemmingen" || room == "plenairezaal";
  return joinUrl(webBase, plenary ? "debat_en_vergadering/plenaire_vergaderingen/details/activiteit"
                                  : "debat_en_vergadering/commissievergaderingen/details") +
         "?id=" + percentEncode(a.number);
}

bool isActivityNumber(const std::string& t) {
  if (t.size() != 10 || t[4] != 'A') return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != 4 && (t[i] < '0' || t[i] > '9')) return false;
  }
  return true;
}

}  // namespace ml::sources::od
