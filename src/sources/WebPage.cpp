#include "sources/WebPage.h"

#include <algorithm>

#include "sources/Fetcher.h"
#include "sources/OpenData.h"

namespace ml::sources::web {
namespace {

const char* const kSource = "webpagina";

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string between(const std::string& text, const std::string& after, const std::vector<std::string>& ends) {
  const auto p = lower(text).find(after);
  if (p == std::string::npos) return {};
  const std::size_t start = p + after.size();
  std::size_t end = text.size();
  for (const auto& e : ends) end = std::min(end, text.find(e, start));
  return text.substr(start, end - start);
}

// "staatssecretaris Eric van der Burg van Justitie en Veiligheid aanwezig" -> person.
void findMinisters(const std::string& intro, std::vector<Person>& out) {
  for (const std::string office : {"staatssecretaris", "minister-president", "minister"}) {
    std::string rest = between(intro, office + " ", {" aanwezig", ".", ",", ";"});
    if (rest.empty() || rest[0] < 'A' || rest[0] > 'Z') continue;
    const auto ministry = rest.rfind(" van ");
    std::string name = ministry == std::string::npos ? rest : rest.substr(0, ministry);
    std::string role = office;
    role[0] = static_cast<char>(role[0] - 'a' + 'A');
    if (ministry != std::string::npos) role += rest.substr(ministry);
    out.push_back(Person{name, role, ""});
    return;
  }
}

std::string findRoom(const std::string& text) {
  std::size_t p = text.find("zaal");
  while (p != std::string::npos) {
    std::size_t start = text.rfind(' ', p);
    start = start == std::string::npos ? 0 : start + 1;
    std::string word = text.substr(start, p + 4 - start);
    if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') return word;
    p = text.find("zaal", p + 4);
  }
  return {};
}

void collectNumbers(const std::vector<std::string>& links, std::vector<std::string>& out) {
  for (const auto& link : links) {
    const auto p = link.find("id=");
    if (p == std::string::npos) continue;
    const std::string candidate = link.substr(p + 3, 10);
    if (od::isActivityNumber(candidate) &&
        std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(candidate);
    }
  }
}

}  // namespace

PageInfo readPage(const text::HtmlPage& page) {
  if (page.empty()) throw SourceError("De webpagina bevat geen leesbare tekst.");
  PageInfo info;
  info.title = page.title;
  for (const auto& s : page.sections) {
    const std::string h = lower(s.heading);
    if (h.empty()) {
      if (info.intro.empty() && !s.blocks.empty()) info.intro = s.blocks.front().text;
    } else if (h == "volg live") {
      for (const auto& b : s.blocks) info.followLive += (info.followLive.empty() ? "" : " ") + b.text;
    } else if (h != "agenda") {
      info.background.push_back(s);
    }
  }
  collectNumbers(page.links, info.activityNumbers);
  info.committee = between(info.intro, "commissie voor ", {" debatteert", " vergadert", " spreekt", ",", "."});
  findMinisters(info.intro, info.ministers);
  info.room = findRoom(info.followLive);
  return info;
}

void enrich(Debate& d, const PageInfo& page, const std::string& url) {
  auto fill = [&](std::string& field, const std::string& value, const char* part) {
    if (field.empty() && !value.empty()) {
      field = value;
      d.provenance[part] = kSource;
    }
  };
  fill(d.title, page.title, "titel");
  fill(d.introduction, page.intro, "inleiding");
  fill(d.committee, page.committee, "commissie");
  fill(d.room.name, page.room, "zaal");
  fill(d.webUrl, url, "webadres");
  if (d.ministers.empty() && !page.ministers.empty()) {
    d.ministers = page.ministers;
    d.provenance["bewindspersonen"] = kSource;
  }
  if (!page.background.empty()) {
    d.background = page.background;
    d.provenance["achtergrond"] = kSource;
  }
}

}  // namespace ml::sources::web
