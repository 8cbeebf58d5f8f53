#include "sources/Verslag.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <utility>

#include <fmt/core.h>

#include "core/Time.h"
#include "core/Utf8.h"

namespace ml::sources::vlos {
namespace {

constexpr std::size_t kMaxInput = std::size_t{64} << 20;
constexpr std::size_t kMaxDepth = 64;
constexpr std::size_t kMaxSpeeches = 100000;
constexpr std::size_t kMaxItems = 100000;
constexpr std::size_t kMaxParagraph = 20000;
constexpr std::size_t kMaxParagraphs = 1000000;  // in the whole record
constexpr std::size_t kMaxField = 4096;
constexpr std::size_t kMaxTime = 64;
constexpr std::size_t kMaxAttributes = 256;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // …

unsigned char uc(char c) { return static_cast<unsigned char>(c); }

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool isNameStart(char c) {
  const unsigned char u = uc(c);
  const unsigned char lower = u | 0x20U;
  return (lower >= 'a' && lower <= 'z') || u == '_' || u == ':' || u >= 0x80U;
}

bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// "vlos:tekst" -> "tekst": elements and attributes are matched by local name only.
std::string_view localName(std::string_view qualified) {
  const auto colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

// Cuts valid UTF-8 to at most `max` bytes, at a code point boundary.
void cutUtf8(std::string& s, std::size_t max) {
  if (s.size() <= max) return;
  std::size_t n = max;
  while (n > 0 && (uc(s[n]) & 0xC0U) == 0x80U) --n;
  s.resize(n);
}

// A small strict XML tokenizer: start tags (with attributes, decoded), end tags and text
// (decoded, CDATA as it is), one call at a time, no recursion. Comments and processing
// instructions are skipped; a DOCTYPE is refused (so no entity can be declared or
// expanded). End tags must match their start tags by qualified name.
class Tokenizer {
 public:
  enum class Token { Start, End, Text, Eof };
  struct Attribute {
    std::string_view name;
    std::string value;
  };

  explicit Tokenizer(std::string_view in) : s_(in) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a byte order mark
    begin_ = pos_;
  }

  Token next();
  std::string_view name() const { return name_; }  // of the last Start or End
  std::size_t attributeCount() const { return attrCount_; }
  const Attribute& attribute(std::size_t i) const { return attrs_[i]; }
  const std::string& text() const { return text_; }  // of the last Text

 private:
  [[noreturn]] void fail(std::string_view why) const;
  void skipSpaces() {
    while (pos_ < s_.size() && isSpace(s_[pos_])) ++pos_;
  }
  void needMore() const {
    if (pos_ >= s_.size()) fail("het bestand houdt midden in een tag op");
  }
  std::string_view readName();
  void decode(std::string_view raw, std::string& out) const;
  Token startTag();
  Token endTag();

  std::string_view s_;
  std::size_t pos_ = 0, begin_ = 0;
  std::vector<std::string_view> open_;
  bool rootSeen_ = false, pendingEnd_ = false;
  std::string_view name_;
  std::vector<Attribute> attrs_;  // reused; the first attrCount_ are this tag's
  std::size_t attrCount_ = 0;
  std::string text_;
};

void Tokenizer::fail(std::string_view why) const {
  const std::size_t upTo = std::min(pos_, s_.size());
  const auto line = 1 + std::count(s_.begin(), s_.begin() + static_cast<std::ptrdiff_t>(upTo), '\n');
  throw VerslagError(fmt::format("Het woordelijk verslag is geen leesbare XML: {} (regel {}).", why, line));
}

std::string_view Tokenizer::readName() {
  needMore();
  if (!isNameStart(s_[pos_])) fail("een element of attribuut heeft geen geldige naam");
  const std::size_t start = pos_++;
  while (pos_ < s_.size() && isNameChar(s_[pos_])) ++pos_;
  return s_.substr(start, pos_ - start);
}

// The five predefined entities and numeric character references; nothing else.
void Tokenizer::decode(std::string_view raw, std::string& out) const {
  std::size_t i = 0;
  while (true) {
    const std::size_t amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(i));
      return;
    }
    out.append(raw.substr(i, amp - i));
    std::size_t k = amp + 1;
    if (k < raw.size() && raw[k] == '#') {
      ++k;
      const bool hex = k < raw.size() && raw[k] == 'x';
      if (hex) ++k;
      const std::size_t digitsStart = k;
      char32_t value = 0;
      while (k < raw.size()) {
        const char c = raw[k];
        unsigned digit = 0;
        if (c >= '0' && c <= '9') {
          digit = static_cast<unsigned>(c - '0');
        } else if (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) {
          digit = static_cast<unsigned>((c | 0x20) - 'a' + 10);
        } else {
          break;
        }
        value = std::min<char32_t>(value * (hex ? 16U : 10U) + digit, 0x110000);
        ++k;
      }
      if (k == digitsStart || k >= raw.size() || raw[k] != ';') fail("een ongeldige tekenverwijzing (&#...;)");
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = utf8::kReplacement;
      utf8::append(out, value);
      i = k + 1;
      continue;
    }
    const std::size_t semi = raw.find(';', k);
    const std::string_view entity =
        semi == std::string_view::npos || semi - k > 4 ? std::string_view{} : raw.substr(k, semi - k);
    if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else {
      fail("een onbekende entiteit of een losse & (schrijf &amp;)");
    }
    i = semi + 1;
  }
}

Tokenizer::Token Tokenizer::next() {
  if (pendingEnd_) {  // the end of a self-closing tag
    pendingEnd_ = false;
    name_ = open_.back();
    open_.pop_back();
    return Token::End;
  }
  while (true) {
    if (pos_ >= s_.size()) {
      if (!rootSeen_) fail("er staat geen element in");
      if (!open_.empty()) fail("het bestand houdt op voordat alle elementen gesloten zijn");
      return Token::Eof;
    }
    if (s_[pos_] != '<') {
      const std::size_t lt = s_.find('<', pos_);
      const std::size_t end = lt == std::string_view::npos ? s_.size() : lt;
      const std::string_view raw = s_.substr(pos_, end - pos_);
      if (open_.empty()) {
        if (!std::all_of(raw.begin(), raw.end(), isSpace)) fail("er staat tekst buiten het hoofdelement");
        pos_ = end;
        continue;
      }
      text_.clear();
      decode(raw, text_);
      pos_ = end;
      return Token::Text;
    }
    const std::string_view rest = s_.substr(pos_);
    if (rest.starts_with("<!--")) {
      const std::size_t close = s_.find("-->", pos_ + 4);
      if (close == std::string_view::npos) fail("een commentaar houdt niet op");
      pos_ = close + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      if (open_.empty()) fail("er staat tekst buiten het hoofdelement");
      const std::size_t close = s_.find("]]>", pos_ + 9);
      if (close == std::string_view::npos) fail("een CDATA-blok houdt niet op");
      text_.assign(s_.substr(pos_ + 9, close - pos_ - 9));
      pos_ = close + 3;
      return Token::Text;
    }
    if (rest.starts_with("<!")) {
      if (rest.starts_with("<!DOCTYPE")) fail("een DOCTYPE is niet toegestaan");
      fail("een onbekende markering <!");
    }
    if (rest.starts_with("<?")) {
      const std::size_t at = pos_;
      pos_ += 2;
      const std::string_view target = readName();
      if (equalsIgnoringCase(target, "xml") && at != begin_) fail("de XML-declaratie staat niet aan het begin");
      const std::size_t close = s_.find("?>", pos_);
      if (close == std::string_view::npos) fail("een verwerkingsinstructie houdt niet op");
      pos_ = close + 2;
      continue;
    }
    if (rest.starts_with("</")) return endTag();
    return startTag();
  }
}

Tokenizer::Token Tokenizer::startTag() {
  ++pos_;
  if (rootSeen_ && open_.empty()) fail("er staat meer dan één hoofdelement in");
  if (open_.size() >= kMaxDepth) fail("de elementen liggen dieper dan 64 lagen");
  name_ = readName();
  attrCount_ = 0;
  while (true) {
    const std::size_t before = pos_;
    skipSpaces();
    needMore();
    if (s_[pos_] == '>') {
      ++pos_;
      break;
    }
    if (s_[pos_] == '/') {
      ++pos_;
      needMore();
      if (s_[pos_] != '>') fail("een tag is niet goed gesloten");
      ++pos_;
      pendingEnd_ = true;
      break;
    }
    if (pos_ == before) fail("een tag is niet goed geschreven");
    if (attrCount_ >= kMaxAttributes) fail("een element heeft te veel attributen");
    const std::string_view attrName = readName();
    skipSpaces();
    needMore();
    if (s_[pos_] != '=') fail("een attribuut heeft geen waarde");
    ++pos_;
    skipSpaces();
    needMore();
    const char quote = s_[pos_];
    if (quote != '"' && quote != '\'') fail("een attribuutwaarde staat niet tussen aanhalingstekens");
    const std::size_t close = s_.find(quote, pos_ + 1);
    if (close == std::string_view::npos) fail("een attribuutwaarde houdt niet op");
    const std::string_view raw = s_.substr(pos_ + 1, close - pos_ - 1);
    if (raw.find('<') != std::string_view::npos) fail("een attribuutwaarde bevat een <");
    if (attrCount_ == attrs_.size()) attrs_.emplace_back();
    Attribute& a = attrs_[attrCount_++];
    a.name = attrName;
    a.value.clear();
    decode(raw, a.value);
    pos_ = close + 1;
  }
  open_.push_back(name_);
  rootSeen_ = true;
  return Token::Start;
}

Tokenizer::Token Tokenizer::endTag() {
  pos_ += 2;
  const std::string_view name = readName();
  skipSpaces();
  needMore();
  if (s_[pos_] != '>') fail("een eindtag is niet goed gesloten");
  if (open_.empty() || open_.back() != name) fail("een eindtag past niet bij het open element");
  ++pos_;
  name_ = name;
  open_.pop_back();
  return Token::End;
}

// Text as it arrives: white space collapsed on the way (none at the start), at most `cap`
// bytes kept (`cut` says more came).
struct Buf {
  std::string s;
  bool space = false, cut = false;

  void clear() {
    s.clear();
    space = cut = false;
  }
  void add(std::string_view text, std::size_t cap) {
    for (const char c : text) {
      if (isSpace(c)) {
        space = !s.empty();
        continue;
      }
      if (s.size() >= cap) {
        cut = true;
        return;
      }
      if (space) {
        s.push_back(' ');
        space = false;
      }
      s.push_back(c);
    }
  }
};

// The text as it leaves the parser: printable, single spaces, at most `limit` bytes (a cut
// text ends in "…").
std::string finish(std::string_view raw, bool cut, std::size_t limit) {
  const std::string clean = printable(raw);
  std::string out;
  out.reserve(clean.size());
  for (const char c : clean) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (cut || out.size() > limit) {
    cutUtf8(out, limit - kEllipsis.size());
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += kEllipsis;
  }
  return out;
}

std::string finish(const Buf& b, std::size_t limit = kMaxField) { return finish(b.s, b.cut, limit); }

std::optional<double> timeOf(const Buf& b) {
  const auto t = parseIso(b.s);
  if (!t) return std::nullopt;
  return static_cast<double>(t->utcSeconds) + t->fraction;
}

enum class Role : std::uint8_t { Other, Root, Meeting, Activity, Sprekers, Spreker, Tekst, Block };

// The speaker fields a <spreker> holds, in this order in Draft::speaker.
constexpr std::array<std::string_view, 7> kSpeakerFields = {"weergavenaam", "verslagnaam", "voornaam",
                                                            "achternaam",   "fractie",     "aanhef",
                                                            "functie"};
enum SpeakerField : std::size_t { kShown, kReported, kFirst, kLast, kParty, kSalutation, kRole };

// What an element's children said of it, in case it turns out to be a speech.
struct Draft {
  std::array<Buf, kSpeakerFields.size()> speaker;
  Buf begin, end, chair, para;
  std::vector<std::string> paragraphs;
  bool hasSpeaker = false, hasBegin = false;

  void clear() {
    for (auto& b : speaker) b.clear();
    begin.clear();
    end.clear();
    chair.clear();
    para.clear();
    paragraphs.clear();
    hasSpeaker = hasBegin = false;
  }
};

struct Frame {
  std::string_view local;
  Role role = Role::Other;
  Buf* sink = nullptr;  // where the element's text goes (inherited by inline children)
  std::size_t cap = 0;
  bool inTekst = false;       // inside a <tekst>: text forms paragraphs of `owner`
  std::size_t owner = kNone;  // Sprekers, Spreker, Tekst and inside: the frame they belong to
  std::size_t item = kNone;   // the innermost open <activiteit>
  std::size_t order = 0;      // the element's place in the document
  bool holdsSpeech = false;   // a speech lies inside
  Draft draft;
};

struct ItemDraft {
  Buf title, subject, number, start, end;
  std::string kind;
  std::vector<Speech> speeches;
  std::vector<std::size_t> orders;  // each speech's element's place in the document
};

class Parser {
 public:
  explicit Parser(std::string_view xml) : tokens_(xml), frames_(kMaxDepth) {}
  Record run();

 private:
  void onStart();
  void onEnd();
  void flush(std::size_t owner);
  void emit(Frame& f);
  std::size_t looseItem();
  std::size_t newItem();
  static Item finishItem(ItemDraft& d);

  Tokenizer tokens_;
  std::vector<Frame> frames_;  // never resized: sinks point into it
  std::size_t depth_ = 0, order_ = 0, speeches_ = 0, paragraphs_ = 0;
  std::deque<ItemDraft> items_;  // a deque: sinks point into it while it grows
  std::size_t loose_ = kNone;    // the item of speeches outside any <activiteit>
  Buf title_, room_, start_, end_;
  bool meetingDone_ = false;
  Record record_;
};

std::size_t Parser::newItem() {
  if (items_.size() >= kMaxItems) throw VerslagError("Het woordelijk verslag heeft te veel agendapunten.");
  items_.emplace_back();
  return items_.size() - 1;
}

std::size_t Parser::looseItem() {
  if (loose_ == kNone) loose_ = newItem();
  return loose_;
}

void Parser::flush(std::size_t owner) {
  Draft& d = frames_[owner].draft;
  if (d.para.s.empty()) {
    d.para.clear();
    return;
  }
  std::string p = finish(d.para, kMaxParagraph);
  if (!p.empty()) {
    if (++paragraphs_ > kMaxParagraphs) throw VerslagError("Het woordelijk verslag heeft te veel alinea's.");
    d.paragraphs.push_back(std::move(p));
  }
  d.para.clear();
}

void Parser::onStart() {
  const std::string_view local = localName(tokens_.name());
  const std::size_t index = depth_;
  // The tokenizer stops a deeper record first; this keeps the frames safe whatever it does.
  if (index >= frames_.size()) throw VerslagError("Het woordelijk verslag is te diep genest.");
  Frame& f = frames_[index];
  f.local = local;
  f.role = Role::Other;
  f.sink = nullptr;
  f.cap = 0;
  f.inTekst = false;
  f.owner = kNone;
  f.item = kNone;
  f.order = order_++;
  f.holdsSpeech = false;
  f.draft.clear();
  ++depth_;

  if (index == 0) {
    if (local != "vlosCoreDocument") {
      throw VerslagError("Dit is geen woordelijk verslag van de Tweede Kamer (geen vlosCoreDocument).");
    }
    f.role = Role::Root;
    for (std::size_t i = 0; i < tokens_.attributeCount(); ++i) {
      const auto& a = tokens_.attribute(i);
      const std::string_view n = localName(a.name);
      Buf b;
      b.add(a.value, 2 * kMaxField);
      if (n == "status") record_.status = finish(b);
      if (n == "soort") record_.kind = finish(b);
    }
    return;
  }

  Frame& parent = frames_[index - 1];
  f.item = parent.item;
  if (parent.sink != nullptr) {  // inside a field or a tekst: text, whatever the markup
    f.sink = parent.sink;
    f.cap = parent.cap;
    f.inTekst = parent.inTekst;
    f.owner = parent.owner;
    if (f.inTekst && (local == "alinea" || local == "alineaitem")) {
      f.role = Role::Block;
      flush(f.owner);
    }
    return;
  }

  auto into = [&f](Buf& b, std::size_t cap) {
    f.sink = &b;
    f.cap = cap;
  };
  if (local == "activiteit") {
    f.role = Role::Activity;
    f.item = newItem();
    loose_ = kNone;
    for (std::size_t i = 0; i < tokens_.attributeCount(); ++i) {
      const auto& a = tokens_.attribute(i);
      if (localName(a.name) != "soort") continue;
      Buf b;
      b.add(a.value, 2 * kMaxField);
      items_[f.item].kind = finish(b);
    }
  } else if (local == "vergadering") {
    f.role = Role::Meeting;
  } else if (parent.role == Role::Meeting && !meetingDone_ &&
             (local == "titel" || local == "zaal" || local == "aanvangstijd" || local == "sluiting")) {
    if (local == "titel") into(title_, 2 * kMaxField);
    if (local == "zaal") into(room_, 2 * kMaxField);
    if (local == "aanvangstijd") into(start_, kMaxTime);
    if (local == "sluiting") into(end_, kMaxTime);
  } else if (parent.role == Role::Activity && (local == "titel" || local == "onderwerp" || local == "parlisid" ||
                                               local == "aanvangstijd" || local == "eindtijd")) {
    ItemDraft& item = items_[parent.item];
    if (local == "titel") into(item.title, 2 * kMaxField);
    if (local == "onderwerp") into(item.subject, 2 * kMaxField);
    if (local == "parlisid") into(item.number, 2 * kMaxField);
    if (local == "aanvangstijd") into(item.start, kMaxTime);
    if (local == "eindtijd") into(item.end, kMaxTime);
  } else if (parent.role == Role::Spreker) {
    const auto it = std::find(kSpeakerFields.begin(), kSpeakerFields.end(), local);
    if (it != kSpeakerFields.end()) {
      into(frames_[parent.owner].draft.speaker[static_cast<std::size_t>(it - kSpeakerFields.begin())],
           2 * kMaxField);
    }
  } else if (parent.role == Role::Sprekers) {
    Draft& d = frames_[parent.owner].draft;
    if (local == "spreker" && !d.hasSpeaker) {  // the first speaker only
      d.hasSpeaker = true;
      f.role = Role::Spreker;
      f.owner = parent.owner;
    }
  } else if (local == "spreker") {
    if (!parent.draft.hasSpeaker) {
      parent.draft.hasSpeaker = true;
      f.role = Role::Spreker;
      f.owner = index - 1;
    }
  } else if (local == "sprekers") {
    f.role = Role::Sprekers;
    f.owner = index - 1;
  } else if (local == "markeertijdbegin") {
    parent.draft.hasBegin = true;
    into(parent.draft.begin, kMaxTime);
  } else if (local == "markeertijdeind") {
    into(parent.draft.end, kMaxTime);
  } else if (local == "isvoorzitter") {
    into(parent.draft.chair, kMaxTime);
  } else if (local == "tekst") {
    f.role = Role::Tekst;
    f.inTekst = true;
    f.owner = index - 1;
    flush(f.owner);
    into(parent.draft.para, 2 * kMaxParagraph);
  }
}

void Parser::emit(Frame& f) {
  if (speeches_ >= kMaxSpeeches) {
    throw VerslagError("Het woordelijk verslag heeft te veel sprekers (meer dan 100000 fragmenten).");
  }
  ++speeches_;
  Draft& d = f.draft;
  flush(static_cast<std::size_t>(&f - frames_.data()));
  Speech s;
  s.speaker.name = finish(d.speaker[kShown]);
  if (s.speaker.name.empty()) s.speaker.name = finish(d.speaker[kReported]);
  if (s.speaker.name.empty()) {
    const std::string first = finish(d.speaker[kFirst]), last = finish(d.speaker[kLast]);
    s.speaker.name = first.empty() || last.empty() ? first + last : first + " " + last;
  }
  s.speaker.party = finish(d.speaker[kParty]);
  s.speaker.role = finish(d.speaker[kRole]);
  s.speaker.salutation = finish(d.speaker[kSalutation]);
  s.kind = finish(f.local, false, kMaxField);
  const std::string chair = finish(d.chair);
  s.chair = equalsIgnoringCase(chair, "true") || chair == "1" || equalsIgnoringCase(s.speaker.role, "voorzitter");
  s.start = timeOf(d.begin);
  s.end = timeOf(d.end);
  s.paragraphs = std::move(d.paragraphs);
  d.paragraphs.clear();
  ItemDraft& item = items_[f.item != kNone ? f.item : looseItem()];
  item.speeches.push_back(std::move(s));
  item.orders.push_back(f.order);
}

void Parser::onEnd() {
  const std::size_t index = depth_ - 1;
  Frame& f = frames_[index];
  if (index == 0) {
    depth_ = 0;
    return;
  }
  Frame& parent = frames_[index - 1];
  if (f.role == Role::Block || f.role == Role::Tekst) flush(f.owner);
  if (f.role == Role::Meeting) meetingDone_ = true;
  bool speech = false;
  if (f.role == Role::Other && f.sink == nullptr) {
    const bool known = f.local == "woordvoerder" || f.local == "interrumpant" || f.local == "draadboekfragment";
    if (known || (f.draft.hasSpeaker && f.draft.hasBegin && !f.holdsSpeech)) {
      emit(f);
      speech = true;
    }
  }
  if (speech || f.holdsSpeech) parent.holdsSpeech = true;
  --depth_;
}

Item Parser::finishItem(ItemDraft& d) {
  Item item;
  item.title = finish(d.title);
  item.subject = finish(d.subject);
  item.number = finish(d.number);
  item.kind = std::move(d.kind);
  item.start = timeOf(d.start);
  item.end = timeOf(d.end);
  // Document order first (an interrumpant closes before the woordvoerder around it), then
  // by start; a speech without a start sorts with the one before it.
  std::vector<std::size_t> byPlace(d.speeches.size());
  for (std::size_t i = 0; i < byPlace.size(); ++i) byPlace[i] = i;
  std::sort(byPlace.begin(), byPlace.end(), [&d](std::size_t a, std::size_t b) { return d.orders[a] < d.orders[b]; });
  std::vector<std::pair<double, std::size_t>> keyed;
  keyed.reserve(byPlace.size());
  double last = -std::numeric_limits<double>::infinity();
  for (const std::size_t i : byPlace) {
    if (d.speeches[i].start) last = *d.speeches[i].start;
    keyed.emplace_back(last, i);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  item.speeches.reserve(keyed.size());
  for (const auto& k : keyed) item.speeches.push_back(std::move(d.speeches[k.second]));
  return item;
}

Record Parser::run() {
  while (true) {
    switch (tokens_.next()) {
      case Tokenizer::Token::Start:
        onStart();
        break;
      case Tokenizer::Token::End:
        onEnd();
        break;
      case Tokenizer::Token::Text: {
        const Frame& f = frames_[depth_ - 1];
        if (f.sink != nullptr) f.sink->add(tokens_.text(), f.cap);
        break;
      }
      case Tokenizer::Token::Eof:
        record_.title = finish(title_);
        record_.room = finish(room_);
        record_.start = timeOf(start_);
        record_.end = timeOf(end_);
        record_.items.reserve(items_.size());
        for (auto& d : items_) record_.items.push_back(finishItem(d));
        return std::move(record_);
    }
  }
}

}  // namespace

bool Record::hasText() const {
  for (const auto& item : items) {
    for (const auto& s : item.speeches) {
      if (!s.paragraphs.empty()) return true;
    }
  }
  return false;
}

std::string Record::statusLine() const {
  if (equalsIgnoringCase(status, "Gecorrigeerd")) return "Woordelijk verslag: gecorrigeerd.";
  if (equalsIgnoringCase(status, "Ongecorrigeerd")) return "Woordelijk verslag: nog niet gecorrigeerd.";
  if (equalsIgnoringCase(status, "Casco") || !hasText()) return "Het woordelijk verslag heeft nog geen tekst (casco).";
  return "Woordelijk verslag: nog niet gecorrigeerd.";  // an unknown status with text
}

Record parse(std::string_view xml) {
  if (xml.size() > kMaxInput) throw VerslagError("Het woordelijk verslag is te groot (meer dan 64 MB).");
  Parser parser(xml);
  return parser.run();
}

}  // namespace ml::sources::vlos
