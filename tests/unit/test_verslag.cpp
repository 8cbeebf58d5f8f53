// The verbatim record (sources/Verslag): golden reads of a Casco and a corrected record,
// the rules for speeches, times and text, and hostile input (DOCTYPE, bad nesting, depth,
// size, control characters).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sources/Verslag.h"

namespace vlos = ml::sources::vlos;
using vlos::VerslagError;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/verslag/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A record with one agenda item around `inside`.
std::string wrap(const std::string& inside, const std::string& status = "Gecorrigeerd") {
  return "<vlosCoreDocument status=\"" + status +
         "\" xmlns=\"http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0\"><vergadering>"
         "<activiteit soort=\"Plenair debat\"><titel>Debat</titel>" +
         inside + "</activiteit></vergadering></vlosCoreDocument>";
}

std::string speech(const std::string& kind, const std::string& name, const std::string& begin,
                   const std::string& text = "") {
  std::string s = "<" + kind + "><spreker><weergavenaam>" + name + "</weergavenaam></spreker>";
  if (!begin.empty()) s += "<markeertijdbegin>" + begin + "</markeertijdbegin>";
  if (!text.empty()) s += "<tekst><alinea><alineaitem>" + text + "</alineaitem></alinea></tekst>";
  return s + "</" + kind + ">";
}

std::string errorOf(const std::string& xml) {
  try {
    (void)vlos::parse(xml);
  } catch (const VerslagError& e) {
    return e.what();
  }
  return "";
}

TEST(Verslag, ReadsACascoRecord) {
  const auto r = vlos::parse(fixture("casco.xml"));
  EXPECT_EQ(r.status, "Casco");
  EXPECT_EQ(r.kind, "Voorpublicatie");
  EXPECT_EQ(r.title, "Klimaat Caribisch deel Koninkrijk");
  EXPECT_EQ(r.room, "Troelstrazaal");
  ASSERT_TRUE(r.start && r.end);
  EXPECT_EQ(*r.start, 1712673000.0);  // 16:30:00 summer time is 14:30:00 UTC
  EXPECT_EQ(*r.end, 1712679520.0);    // 18:18:40 -> 16:18:40 UTC
  EXPECT_FALSE(r.hasText());
  EXPECT_EQ(r.statusLine(), "Het woordelijk verslag heeft nog geen tekst (casco).");
  ASSERT_EQ(r.items.size(), 2u);

  const auto& opening = r.items[0];
  EXPECT_EQ(opening.title, "Opening");
  EXPECT_EQ(opening.subject, "Opening");
  EXPECT_EQ(opening.kind, "Opening");
  EXPECT_EQ(opening.number, "");
  ASSERT_TRUE(opening.start && opening.end);
  EXPECT_EQ(*opening.start, 1712673078.0);
  EXPECT_EQ(*opening.end, 1712673081.0);
  ASSERT_EQ(opening.speeches.size(), 1u);
  const auto& chair = opening.speeches[0];
  EXPECT_EQ(chair.kind, "draadboekfragment");
  EXPECT_EQ(chair.speaker.name, "Paternotte");  // from sprekers/spreker
  EXPECT_EQ(chair.speaker.role, "Voorzitter");
  EXPECT_TRUE(chair.chair);  // functie voorzitter, whatever its case
  ASSERT_TRUE(chair.start && chair.end);
  EXPECT_EQ(*chair.start, 1712673079.0);
  EXPECT_EQ(*chair.end, 1712673080.0);

  const auto& debate = r.items[1];
  EXPECT_EQ(debate.kind, "Commissiedebat");
  EXPECT_EQ(debate.number, "2023A07965");
  EXPECT_EQ(debate.title, "Klimaat Caribisch deel Koninkrijk");
  // The Spreekbeurt around the woordvoerder has a spreker and a markeertijdbegin too, but
  // holds a speech: it is not read as one.
  ASSERT_EQ(debate.speeches.size(), 2u);
  const auto& white = debate.speeches[0];
  EXPECT_EQ(white.kind, "woordvoerder");
  EXPECT_EQ(white.speaker.name, "White");
  EXPECT_EQ(white.speaker.party, "GroenLinks-PvdA");
  EXPECT_EQ(white.speaker.salutation, "De heer");
  EXPECT_EQ(white.speaker.role, "lid Tweede Kamer");
  EXPECT_FALSE(white.chair);
  ASSERT_TRUE(white.start && white.end);
  EXPECT_EQ(*white.start, 1712673125.0);  // 2024-04-09T16:32:05 local = 14:32:05 UTC
  EXPECT_EQ(*white.end, 1712673391.0);
  EXPECT_TRUE(white.paragraphs.empty());
  const auto& paternotte = debate.speeches[1];
  EXPECT_EQ(paternotte.kind, "interrumpant");
  EXPECT_EQ(paternotte.speaker.name, "Paternotte");
  EXPECT_EQ(paternotte.speaker.party, "D66");
  EXPECT_TRUE(paternotte.chair);  // isvoorzitter true
  ASSERT_TRUE(paternotte.start);
  EXPECT_EQ(*paternotte.start, 1712673388.0);
  EXPECT_TRUE(paternotte.paragraphs.empty());
}

TEST(Verslag, ReadsACorrectedRecordWithPrefixesAndEntities) {
  const auto r = vlos::parse(fixture("gecorrigeerd.xml"));
  EXPECT_EQ(r.status, "Gecorrigeerd");
  EXPECT_EQ(r.kind, "Eindpublicatie");
  EXPECT_EQ(r.title, "Plenaire vergadering nr. 40");  // white space collapsed
  EXPECT_EQ(r.room, "Plenaire zaal");
  ASSERT_TRUE(r.start && r.end);
  EXPECT_EQ(*r.start, 1705569300.0);  // 10:15:00 winter time is 09:15:00 UTC
  EXPECT_EQ(*r.end, 1705575870.0);    // 12:04:30 -> 11:04:30 UTC
  EXPECT_TRUE(r.hasText());
  EXPECT_EQ(r.statusLine(), "Woordelijk verslag: gecorrigeerd.");
  ASSERT_EQ(r.items.size(), 2u);

  const auto& debate = r.items[0];  // <vlos:activiteit>
  EXPECT_EQ(debate.kind, "Plenair debat");
  EXPECT_EQ(debate.title, "Debat over de energierekening");
  EXPECT_EQ(debate.subject, "Debat over de hoge energierekening van huishoudens");
  EXPECT_EQ(debate.number, "2024A00123");
  ASSERT_TRUE(debate.start && debate.end);
  EXPECT_EQ(*debate.start, 1705569300.0);
  EXPECT_EQ(*debate.end, 1705574400.0);  // 11:40 -> 10:40 UTC

  // By start: the chair (last in the file, 10:15:00) first; the interrumpant after the
  // woordvoerder it interrupts; the second interrumpant (no start) right after the first.
  ASSERT_EQ(debate.speeches.size(), 5u);
  const auto& kramer = debate.speeches[0];
  EXPECT_EQ(kramer.speaker.name, "Kramer");  // verslagnaam when there is no weergavenaam
  EXPECT_EQ(kramer.speaker.party, "PVV");
  EXPECT_TRUE(kramer.chair);
  ASSERT_TRUE(kramer.start);
  EXPECT_EQ(*kramer.start, 1705569300.0);
  EXPECT_EQ(kramer.paragraphs, std::vector<std::string>{"Ik geef het woord aan mevrouw De Vries."});

  const auto& devries = debate.speeches[1];
  EXPECT_EQ(devries.kind, "woordvoerder");
  EXPECT_EQ(devries.speaker.name, "De Vries");
  EXPECT_EQ(devries.speaker.party, "VVD");  // from <vlos:spreker>
  EXPECT_EQ(devries.speaker.salutation, "Mevrouw");
  EXPECT_FALSE(devries.chair);
  ASSERT_TRUE(devries.start && devries.end);
  EXPECT_EQ(*devries.start, 1705569302.0);
  EXPECT_EQ(*devries.end, 1705569700.5);  // 10:21:40.5
  EXPECT_EQ(devries.paragraphs,
            (std::vector<std::string>{
                "Voorzitter. Dank u wel. De energierekening is voor veel huishoudens te hoog.",
                "Kosten & baten moeten eerlijk verdeeld worden, ook in het caf\xC3\xA9 om de hoek.",
                "Een alinea zonder items, met nadruk en een prijs van \xE2\x82\xAC 40."}));

  const auto& jansma = debate.speeches[2];
  EXPECT_EQ(jansma.kind, "interrumpant");
  EXPECT_EQ(jansma.speaker.name, "Jansma");
  EXPECT_EQ(jansma.speaker.party, "CDA");
  ASSERT_TRUE(jansma.start);
  EXPECT_EQ(*jansma.start, 1705569490.0);
  EXPECT_EQ(jansma.paragraphs,  // inside <vlos:tekst><vlos:alinea><vlos:alineaitem>
            std::vector<std::string>{"Is mevrouw De Vries het met mij eens dat de rekening \"te hoog\" is?"});

  const auto& again = debate.speeches[3];
  EXPECT_EQ(again.speaker.name, "Jansma");
  EXPECT_FALSE(again.start);
  EXPECT_EQ(again.paragraphs, std::vector<std::string>{"Dan ben ik benieuwd naar het voorstel."});

  const auto& minister = debate.speeches[4];
  EXPECT_EQ(minister.speaker.name, "Eva Bakker");  // voornaam + achternaam
  EXPECT_EQ(minister.speaker.salutation, "Minister");
  EXPECT_EQ(minister.speaker.role, "minister van Klimaat en Groene Groei");
  EXPECT_EQ(minister.speaker.party, "");
  EXPECT_EQ(minister.paragraphs, std::vector<std::string>{"Vragen & antwoorden <geen tag> komen later."});  // CDATA

  const auto& votes = r.items[1];
  EXPECT_EQ(votes.kind, "Stemmingen");
  EXPECT_EQ(votes.number, "2024A00124");
  ASSERT_EQ(votes.speeches.size(), 2u);
  EXPECT_EQ(votes.speeches[0].kind, "draadboekfragment");
  EXPECT_TRUE(votes.speeches[0].chair);  // functie voorzitter
  EXPECT_TRUE(votes.speeches[0].paragraphs.empty());
  EXPECT_EQ(votes.speeches[1].paragraphs, std::vector<std::string>{"Aan de orde zijn de stemmingen."});
  ASSERT_TRUE(votes.speeches[1].start);
  EXPECT_EQ(*votes.speeches[1].start, 1705574410.0);
}

TEST(Verslag, TakesTheMeetingFieldsOfTheFirstVergadering) {
  const auto r = vlos::parse(
      "<vlosCoreDocument><vergadering><titel>Eerste</titel><zaal>Zaal 1</zaal></vergadering>"
      "<vergadering><titel>Tweede</titel><zaal>Zaal 2</zaal><aanvangstijd>2024-01-18T10:00:00</aanvangstijd>"
      "</vergadering></vlosCoreDocument>");
  EXPECT_EQ(r.title, "Eerste");
  EXPECT_EQ(r.room, "Zaal 1");
  EXPECT_FALSE(r.start);
}

TEST(Verslag, StatusLines) {
  const std::string spoken = speech("woordvoerder", "A", "2024-01-18T10:00:00", "Woorden.");
  EXPECT_EQ(vlos::parse(wrap(spoken, "Ongecorrigeerd")).statusLine(), "Woordelijk verslag: nog niet gecorrigeerd.");
  EXPECT_EQ(vlos::parse(wrap(spoken, "Gecorrigeerd")).statusLine(), "Woordelijk verslag: gecorrigeerd.");
  EXPECT_EQ(vlos::parse(wrap(speech("woordvoerder", "A", ""), "Casco")).statusLine(),
            "Het woordelijk verslag heeft nog geen tekst (casco).");
  // An unknown status: said by whether there is text.
  EXPECT_EQ(vlos::parse(wrap(spoken, "Onbekend")).statusLine(), "Woordelijk verslag: nog niet gecorrigeerd.");
  EXPECT_EQ(vlos::parse(wrap("", "Onbekend")).statusLine(), "Het woordelijk verslag heeft nog geen tekst (casco).");
}

TEST(Verslag, SortsByStartAndKeepsSpeechesWithoutStartAfterTheOneBefore) {
  const auto r = vlos::parse(wrap(speech("woordvoerder", "C", "2024-01-18T10:20:00") +
                                  speech("interrumpant", "D", "") +
                                  speech("woordvoerder", "A", "2024-01-18T10:05:00") +
                                  speech("woordvoerder", "B", "2024-01-18T10:10:00")));
  ASSERT_EQ(r.items.size(), 1u);
  std::string order;
  for (const auto& s : r.items[0].speeches) order += s.speaker.name;
  EXPECT_EQ(order, "ABCD");
  // Equal starts keep document order: the woordvoerder before the interrumpant inside it.
  const auto same = vlos::parse(wrap(
      "<woordvoerder><spreker><weergavenaam>W</weergavenaam></spreker>"
      "<markeertijdbegin>2024-01-18T10:00:00</markeertijdbegin>" +
      speech("interrumpant", "I", "2024-01-18T10:00:00") + "</woordvoerder>"));
  ASSERT_EQ(same.items[0].speeches.size(), 2u);
  EXPECT_EQ(same.items[0].speeches[0].speaker.name, "W");
  EXPECT_EQ(same.items[0].speeches[1].speaker.name, "I");
}

TEST(Verslag, ReadsAnyElementWithASpeakerAndAStartAsASpeech) {
  const auto r = vlos::parse(wrap(
      // A generic speech: a spreker and a markeertijdbegin, nothing inside.
      "<spreekfragment><sprekers><spreker><verslagnaam>Een</verslagnaam></spreker>"
      "<spreker><verslagnaam>Twee</verslagnaam></spreker></sprekers>"
      "<markeertijdbegin>2024-01-18T10:00:00</markeertijdbegin></spreekfragment>"
      // A speaker but no start: not a speech.
      "<blok><spreker><verslagnaam>Geen</verslagnaam></spreker></blok>"
      // A wrapper with a speaker and a start around a speech: only the speech inside.
      "<deel><spreker><verslagnaam>Omhulsel</verslagnaam></spreker>"
      "<markeertijdbegin>2024-01-18T10:01:00</markeertijdbegin>" +
      speech("woordvoerder", "Binnen", "2024-01-18T10:01:00") + "</deel>"));
  ASSERT_EQ(r.items[0].speeches.size(), 2u);
  EXPECT_EQ(r.items[0].speeches[0].kind, "spreekfragment");
  EXPECT_EQ(r.items[0].speeches[0].speaker.name, "Een");  // the first speaker
  EXPECT_EQ(r.items[0].speeches[1].speaker.name, "Binnen");
}

TEST(Verslag, SpeechesOutsideAnAgendaItemFormAnItemOfTheirOwn) {
  const auto r = vlos::parse(
      "<vlosCoreDocument status=\"Casco\"><vergadering>" + speech("woordvoerder", "Los", "") +
      "<activiteit><titel>Punt</titel>" + speech("woordvoerder", "Binnen", "") + "</activiteit>" +
      speech("woordvoerder", "Na1", "") + speech("woordvoerder", "Na2", "") +
      "</vergadering></vlosCoreDocument>");
  ASSERT_EQ(r.items.size(), 3u);
  EXPECT_EQ(r.items[0].title, "");
  ASSERT_EQ(r.items[0].speeches.size(), 1u);
  EXPECT_EQ(r.items[0].speeches[0].speaker.name, "Los");
  EXPECT_EQ(r.items[1].title, "Punt");
  ASSERT_EQ(r.items[2].speeches.size(), 2u);
  EXPECT_EQ(r.items[2].speeches[1].speaker.name, "Na2");
}

TEST(Verslag, ConvertsDutchLocalTimesAcrossTheClockChanges) {
  const auto at = [](const std::string& local) {
    const auto r = vlos::parse("<vlosCoreDocument><vergadering><aanvangstijd>" + local +
                               "</aanvangstijd></vergadering></vlosCoreDocument>");
    return r.start ? *r.start : -1.0;
  };
  EXPECT_EQ(at("2024-03-31T01:30:00"), 1711845000.0);    // still winter time: 00:30 UTC
  EXPECT_EQ(at("2024-03-31T03:30:00"), 1711848600.0);    // summer time: 01:30 UTC
  EXPECT_EQ(at("2024-10-27T02:30:00"), 1729989000.0);    // the repeated hour: the first (summer)
  EXPECT_EQ(at("2024-01-18T10:00:00Z"), 1705572000.0);  // an offset, when written, is kept
  EXPECT_EQ(at("  2024-01-18T10:00:00 "), 1705568400.0);
  EXPECT_EQ(at("gisteren"), -1.0);
  EXPECT_EQ(at(""), -1.0);
}

TEST(Verslag, MatchesByLocalNameWhateverThePrefix) {
  const auto r = vlos::parse(
      "<?xml version='1.0'?>\n<v:vlosCoreDocument xmlns:v='http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0' "
      "v:status='Ongecorrigeerd' soort=\"Voorpublicatie\"><v:vergadering><x:titel xmlns:x='urn:x'>T</x:titel>"
      "<v:activiteit v:soort='Notaoverleg'><v:parlisid>2024A00001</v:parlisid>"
      "<v:woordvoerder><v:sprekers><v:spreker><v:weergavenaam>P</v:weergavenaam></v:spreker></v:sprekers>"
      "<v:tekst><v:alinea>Tekst</v:alinea></v:tekst></v:woordvoerder>"
      "</v:activiteit></v:vergadering></v:vlosCoreDocument>");
  EXPECT_EQ(r.status, "Ongecorrigeerd");
  EXPECT_EQ(r.kind, "Voorpublicatie");
  EXPECT_EQ(r.title, "T");
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.items[0].kind, "Notaoverleg");
  EXPECT_EQ(r.items[0].number, "2024A00001");
  ASSERT_EQ(r.items[0].speeches.size(), 1u);
  EXPECT_EQ(r.items[0].speeches[0].speaker.name, "P");
  EXPECT_EQ(r.items[0].speeches[0].paragraphs, std::vector<std::string>{"Tekst"});
}

TEST(Verslag, MakesParagraphsOfAlineaAndAlineaitem) {
  const auto r = vlos::parse(wrap(
      "<woordvoerder><tekst>Los ervoor<alinea>Een <nadruk type=\"Cursief\">schuin</nadruk>woord"
      "<alineaitem>Item een</alineaitem><alineaitem>  </alineaitem><alineaitem>Item\ttwee\r\n</alineaitem>"
      "na</alinea><alinea/><alinea>  Drie  </alinea></tekst></woordvoerder>"));
  ASSERT_EQ(r.items[0].speeches.size(), 1u);
  EXPECT_EQ(r.items[0].speeches[0].paragraphs,
            (std::vector<std::string>{"Los ervoor", "Een schuinwoord", "Item een", "Item twee", "na", "Drie"}));
}

TEST(Verslag, ReadsTheXmlAroundIt) {
  // A byte order mark, the declaration, comments and processing instructions, single quotes,
  // character references in attributes, self-closing tags, CDATA.
  const auto r = vlos::parse(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a --><?pi x?>\n"
      "<vlosCoreDocument status='Gecorrigeerd' soort='A &amp; B &#x263A;'><vergadering >"
      "<titel><![CDATA[<b>&amp;</b>]]></titel><zaal/></vergadering ></vlosCoreDocument>\n<!-- after -->\n");
  EXPECT_EQ(r.kind, "A & B \xE2\x98\xBA");
  EXPECT_EQ(r.title, "<b>&amp;</b>");
  EXPECT_EQ(r.room, "");
}

TEST(Verslag, NumericReferencesOutOfRangeBecomeTheReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  const auto title = [](const std::string& t) {
    return vlos::parse("<vlosCoreDocument><vergadering><titel>" + t + "</titel></vergadering></vlosCoreDocument>")
        .title;
  };
  EXPECT_EQ(title("a&#0;b"), "a" + fffd + "b");
  EXPECT_EQ(title("a&#xD800;b"), "a" + fffd + "b");
  EXPECT_EQ(title("a&#x110000;b"), "a" + fffd + "b");
  EXPECT_EQ(title("a&#99999999999999999999999;b"), "a" + fffd + "b");
  EXPECT_EQ(title("&#65;&#x42;&#x0043;"), "ABC");
  EXPECT_NE(errorOf("<vlosCoreDocument>&#;</vlosCoreDocument>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument>&#x;</vlosCoreDocument>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument>&#65</vlosCoreDocument>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument>&nbsp;</vlosCoreDocument>"), "");  // no DTD, no other entities
  EXPECT_NE(errorOf("<vlosCoreDocument>Kosten & baten</vlosCoreDocument>"), "");
}

TEST(Verslag, RemovesControlAndBidiCharactersFromEveryText) {
  const auto r = vlos::parse(wrap(
      "<woordvoerder><spreker><weergavenaam>Ev\x1B[31mil\xE2\x80\xAE"
      "e</weergavenaam><fractie>&#x1B;]0;titel&#x7;X</fractie></spreker>"
      "<tekst><alinea>Een\x07 bel &#x202E;omgekeerd\xC2\x9B</alinea></tekst></woordvoerder>"));
  ASSERT_EQ(r.items[0].speeches.size(), 1u);
  const auto& s = r.items[0].speeches[0];
  EXPECT_EQ(s.speaker.name, "Evile");
  EXPECT_EQ(s.speaker.party, "X");  // the OSC sequence up to its BEL is gone
  EXPECT_EQ(s.paragraphs, std::vector<std::string>{"Een bel omgekeerd"});
  // What stood between two spaces is gone: one space is left.
  const auto between = vlos::parse("<vlosCoreDocument soort=\"a \x1B[1m b &#x202E; c\"/>");
  EXPECT_EQ(between.kind, "a b c");
  const auto bad = vlos::parse("<vlosCoreDocument status=\"Gecorr\xFFigeerd\"/>");
  EXPECT_EQ(bad.status, "Gecorr\xEF\xBF\xBDigeerd");  // ill-formed UTF-8 becomes U+FFFD
}

TEST(Verslag, RefusesADoctypeSoNoEntityIsExpanded) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
      "<vlosCoreDocument><vergadering><titel>&lol3;</titel></vergadering></vlosCoreDocument>";
  const std::string why = errorOf(laughs);
  EXPECT_NE(why.find("DOCTYPE"), std::string::npos) << why;
  EXPECT_NE(why.find("regel 2"), std::string::npos) << why;
  EXPECT_NE(errorOf("<!DOCTYPE vlosCoreDocument><vlosCoreDocument/>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument><!ENTITY x \"y\"></vlosCoreDocument>"), "");
}

TEST(Verslag, RefusesMismatchedAndMalformedTags) {
  EXPECT_NE(errorOf("<vlosCoreDocument><vergadering></vlosCoreDocument></vergadering>").find("eindtag"),
            std::string::npos);
  EXPECT_NE(errorOf("<vlosCoreDocument><vlos:titel></titel></vlosCoreDocument>"), "");  // prefixes must match
  EXPECT_NE(errorOf("<vlosCoreDocument></vlosCoreDocument></vlosCoreDocument>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument/><vlosCoreDocument/>"), "");                // two roots
  EXPECT_NE(errorOf("<vlosCoreDocument/>tekst"), "");                               // text after the root
  EXPECT_NE(errorOf("tekst<vlosCoreDocument/>"), "");                               // text before it
  EXPECT_NE(errorOf("<vlosCoreDocument status=Casco/>"), "");                       // no quotes
  EXPECT_NE(errorOf("<vlosCoreDocument status=\"a<b\"/>"), "");                     // < in a value
  EXPECT_NE(errorOf("<vlosCoreDocument status=\"a\"soort=\"b\"/>"), "");            // no space between
  EXPECT_NE(errorOf("<vlosCoreDocument status/>"), "");                             // no value
  EXPECT_NE(errorOf("<vlosCoreDocument><1a/></vlosCoreDocument>"), "");             // a bad name
  EXPECT_NE(errorOf("<vlosCoreDocument></ vlosCoreDocument>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument/ >"), "");
  EXPECT_NE(errorOf("<vlosCoreDocument><!-- open </vlosCoreDocument>"), "");       // comment not closed
  EXPECT_NE(errorOf("<vlosCoreDocument><![CDATA[ open </vlosCoreDocument>"), "");  // CDATA not closed
  EXPECT_NE(errorOf("<vlosCoreDocument><?xml version='1.0'?></vlosCoreDocument>"), "");  // declaration late
  EXPECT_NE(errorOf(""), "");
  EXPECT_NE(errorOf("   \n"), "");
  EXPECT_NE(errorOf("<!-- only a comment -->"), "");
  EXPECT_EQ(errorOf("<vlosCoreDocument/>"), "");  // and the smallest record is fine
}

TEST(Verslag, RefusesATruncatedFile) {
  const std::string whole = fixture("gecorrigeerd.xml");
  const auto end = whole.rfind("</vlosCoreDocument>");
  ASSERT_NE(end, std::string::npos);
  const std::size_t complete = end + std::string("</vlosCoreDocument>").size();
  EXPECT_EQ(errorOf(whole.substr(0, complete)), "");
  int refused = 0;
  for (std::size_t n = 0; n < complete; ++n) {
    if (!errorOf(whole.substr(0, n)).empty()) ++refused;
  }
  EXPECT_EQ(refused, static_cast<int>(complete));  // every cut before the root's end tag
  EXPECT_NE(errorOf(whole.substr(0, whole.size() / 2)).find("Het woordelijk verslag is geen leesbare XML"),
            std::string::npos);
}

TEST(Verslag, RefusesAnotherRoot) {
  EXPECT_NE(errorOf("<html><body/></html>").find("geen woordelijk verslag"), std::string::npos);
  EXPECT_NE(errorOf("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"), "");
  EXPECT_NE(errorOf("<vlosCoreDocumentX/>"), "");
}

TEST(Verslag, RefusesADepthBombButReadsSixtyFourLevels) {
  const auto nested = [](int depth) {
    std::string s = "<vlosCoreDocument>";
    for (int i = 1; i < depth; ++i) s += "<a>";
    for (int i = 1; i < depth; ++i) s += "</a>";
    return s + "</vlosCoreDocument>";
  };
  EXPECT_EQ(errorOf(nested(64)), "");
  EXPECT_NE(errorOf(nested(65)).find("64"), std::string::npos);
  EXPECT_NE(errorOf(nested(200000)), "");
  std::string open = "<vlosCoreDocument>";
  for (int i = 0; i < 100000; ++i) open += "<tekst>";
  EXPECT_NE(errorOf(open), "");
}

TEST(Verslag, BoundsHugeAttributesAndTexts) {
  const std::string huge(3'000'000, 'x');
  const auto r = vlos::parse("<vlosCoreDocument soort=\"" + huge + "\" overig='" + huge +
                             "'><vergadering><titel>" + huge + "</titel></vergadering></vlosCoreDocument>");
  EXPECT_LE(r.kind.size(), 4096u);
  EXPECT_GT(r.kind.size(), 4000u);
  EXPECT_EQ(r.kind.substr(r.kind.size() - 3), "\xE2\x80\xA6");  // cut, and says so
  EXPECT_LE(r.title.size(), 4096u);
  EXPECT_NE(errorOf("<vlosCoreDocument soort=\"" + huge + "/>"), "");  // a value that never ends
  // Text past the bound is said to be missing even when what was kept prints as nothing.
  const auto bells = vlos::parse("<vlosCoreDocument soort=\"" + std::string(10000, '\x07') + "Tekst\"/>");
  EXPECT_EQ(bells.kind, "\xE2\x80\xA6");

  std::string many = "<vlosCoreDocument";
  for (int i = 0; i < 1000; ++i) many += " a" + std::to_string(i) + "=''";
  EXPECT_NE(errorOf(many + "/>").find("attributen"), std::string::npos);
}

TEST(Verslag, CutsALongParagraph) {
  std::string words;
  while (words.size() < 30000) words += "caf\xC3\xA9 ";
  const auto r = vlos::parse(
      wrap("<woordvoerder><tekst><alinea>" + words + "</alinea><alinea>Kort</alinea></tekst></woordvoerder>"));
  const auto& p = r.items[0].speeches[0].paragraphs;
  ASSERT_EQ(p.size(), 2u);
  EXPECT_LE(p[0].size(), 20000u);
  EXPECT_GT(p[0].size(), 19900u);
  EXPECT_EQ(p[0].substr(p[0].size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(p[0].rfind("caf\xC3\xA9", 0), 0u);
  EXPECT_EQ(p[1], "Kort");
}

TEST(Verslag, LimitsTheNumberOfSpeechesAndItems) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "<woordvoerder/>";
  const auto r = vlos::parse(wrap(body));
  EXPECT_EQ(r.items[0].speeches.size(), 100000u);
  EXPECT_NE(errorOf(wrap(body + "<interrumpant/>")).find("100000"), std::string::npos);

  std::string items = "<vlosCoreDocument>";
  for (int i = 0; i < 100000; ++i) items += "<activiteit/>";
  EXPECT_EQ(vlos::parse(items + "</vlosCoreDocument>").items.size(), 100000u);
  EXPECT_NE(errorOf(items + "<activiteit/></vlosCoreDocument>").find("agendapunten"), std::string::npos);
}

TEST(Verslag, LimitsTheNumberOfParagraphs) {
  std::string paragraphs = "<vlosCoreDocument><woordvoerder><tekst>";
  for (int i = 0; i < 1000000; ++i) paragraphs += "a<alinea/>";
  EXPECT_EQ(errorOf(paragraphs + "</tekst></woordvoerder></vlosCoreDocument>"), "");
  EXPECT_NE(errorOf(paragraphs + "b</tekst></woordvoerder></vlosCoreDocument>").find("alinea"), std::string::npos);
}

TEST(Verslag, LimitsTheSize) {
  std::string big(64u * 1024 * 1024 + 1, ' ');
  big.replace(0, 19, "<vlosCoreDocument/>");
  EXPECT_NE(errorOf(big).find("64 MB"), std::string::npos);
  big.pop_back();  // exactly 64 MB: read
  EXPECT_EQ(errorOf(big), "");
}

}  // namespace
