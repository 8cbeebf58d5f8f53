// The Kamer's verbatim record ("woordelijk verslag", VLOS): the XML of the open data portal's
// Verslag/{Id}/resource, read into agenda items and their speeches. Elements are matched by
// local name only (the default namespace http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0
// is not always kept, and a prefix may appear anywhere). Times in the record carry no offset:
// they are Dutch local time and become UTC here (core/Time's parseIso, core/DutchZone).
//
// The XML is read by a small strict tokenizer of its own (no XML library): no DOCTYPE (so no
// entity expansion), the five predefined entities and numeric references only, at most 64
// elements deep, at most 64 MB, at most 100000 speeches, 100000 agenda items and a million
// paragraphs; a paragraph longer than 20000 bytes and any other text longer than 4096 bytes
// is cut (ending in "…"). Linear time. Every text that leaves the parser has passed
// ml::printable, with its white space collapsed to single spaces. Pure; thread-safe.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ml::sources::vlos {

struct Speaker {
  std::string name;  // weergavenaam, else verslagnaam, else voornaam + achternaam
  std::string party, role, salutation;  // fractie, functie, aanhef
};

struct Speech {
  Speaker speaker;
  std::string kind;                     // the element's local name: woordvoerder, interrumpant, ...
  bool chair = false;                   // isvoorzitter true, or the speaker's functie is voorzitter
  std::optional<double> start, end;     // UTC seconds since 1970, from markeertijdbegin/-eind
  std::vector<std::string> paragraphs;  // empty in a Casco record
};

struct Item {  // one agenda item: an <activiteit>
  std::string title, subject, kind, number;  // titel, onderwerp, soort attribute, parlisid
  std::optional<double> start, end;          // aanvangstijd / eindtijd (UTC)
  // In document order, then stable-sorted by start; a speech without a start keeps its
  // place after the one before it. Speeches outside every <activiteit> form an item of
  // their own with empty fields, where they occur.
  std::vector<Speech> speeches;
};

struct Record {
  std::string status;                // Casco, Ongecorrigeerd, Gecorrigeerd (as in the file)
  std::string kind;                  // the root's soort attribute
  std::string title, room;           // of the (first) vergadering
  std::optional<double> start, end;  // vergadering aanvangstijd, sluiting (UTC)
  std::vector<Item> items;

  // True when any speech has a paragraph.
  bool hasText() const;
  // One Dutch line: "Woordelijk verslag: gecorrigeerd.", "Woordelijk verslag: nog niet
  // gecorrigeerd." or "Het woordelijk verslag heeft nog geen tekst (casco)."
  std::string statusLine() const;
};

// what() is plain Dutch for the listener.
class VerslagError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What an element counts as a speech: woordvoerder, interrumpant and draadboekfragment
// always; any other element with a spreker child (or sprekers/spreker grandchild) and a
// markeertijdbegin child when no speech lies inside it (so a Spreekbeurt that wraps its
// woordvoerder is not read twice). An interrumpant nested in a woordvoerder comes after it.
// Throws VerslagError when the bytes are not well-formed enough to read, a limit is passed,
// or the root's local name is not vlosCoreDocument.
Record parse(std::string_view xml);

}  // namespace ml::sources::vlos
