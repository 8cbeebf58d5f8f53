#include <gtest/gtest.h>

#include "text/Mojibake.h"

using ml::text::repairMojibake;
using ml::text::repairMojibakeDetailed;

namespace {

struct Case {
  const char* broken;
  const char* fixed;
  const char* codePage;
};

class MojibakeRepairs : public ::testing::TestWithParam<Case> {};

TEST_P(MojibakeRepairs, UndoesOneMisreading) {
  const auto r = repairMojibakeDetailed(GetParam().broken);
  EXPECT_EQ(r.text, GetParam().fixed);
  EXPECT_EQ(r.codePage, std::string_view(GetParam().codePage));
  EXPECT_GT(r.sequences, 0);
}

// Each broken text is the fixed text's UTF-8 bytes read in the code page, written as UTF-8.
INSTANTIATE_TEST_SUITE_P(
    CodePages, MojibakeRepairs,
    ::testing::Values(
        Case{"1. CreĆ«ren van brede bewustwording", "1. Creëren van brede bewustwording", "Windows-1257"},
        Case{"CafÃ©", "Café", "Windows-1252"},
        Case{"â‚¬ 5", "€ 5", "Windows-1252"},
        Case{"Ä²sselmeer", "Ĳsselmeer", "Windows-1252"},
        Case{"Ă©Ă©n", "één", "Windows-1250"},
        Case{"coĂśperatie", "coöperatie", "ISO-8859-2"},
        Case{"naĆÆef", "naïef", "Windows-1257"}  /* same bytes in ISO-8859-13 */,
        Case{"Å\u009c", "Ŝ", "Windows-1257"},  // an undefined byte read as its C1 control
        Case{"â€˜Debatâ€™ over Ã©Ã©n wet", "‘Debat’ over één wet", "Windows-1252"}));

TEST(Mojibake, LeavesCorrectTextAlone) {
  for (const char* clean :
       {"Creëren", "café", "één", "€", "€ 5,-", "naïef", "coöperatie", "Ĳsselmeer", "Łódź", "Zoë’s",
        "„Debat” – “citaat” — …", "gewoon ASCII", "", "Klompézaal", "Ängström", "Ærø", "Ça va",
        "«Ceci»", "Straße", "ČŠŽ čšž", "Ø ø Å å", "¿Qué?", "1 ½ uur", "© 2023 Tweede Kamer",
        "Ééntje", "Ü»", "Èé"}) {
    const auto r = repairMojibakeDetailed(clean);
    EXPECT_EQ(r.text, clean) << clean;
    EXPECT_EQ(r.sequences, 0) << clean;
  }
}

TEST(Mojibake, RepairsOnlyTheBrokenPartOfMixedText) {
  EXPECT_EQ(repairMojibake("Creëren en CreĆ«ren"), "Creëren en Creëren");
  EXPECT_EQ(repairMojibake("café en CafÃ© en €"), "café en Café en €");
}

TEST(Mojibake, UndoesDoubleMojibake) {
  EXPECT_EQ(repairMojibake("CafÃƒÂ©"), "Café");
}

TEST(Mojibake, ReturnsInvalidUtf8Unchanged) {
  const std::string invalid = "Caf\xE9 \xC3\x28 CreĆ«ren";
  EXPECT_EQ(repairMojibake(invalid), invalid);
  const std::string truncated = "abc\xC4";
  EXPECT_EQ(repairMojibake(truncated), truncated);
}

TEST(Mojibake, DoesNotProduceControlCharacters) {
  // "Ã" + U+0081 would decode to U+00C1 ... but "Â" + U+0085 gives U+0085 (a C1 control): kept.
  const std::string text = "Â\u0085";
  EXPECT_EQ(repairMojibake(text), text);
}

TEST(Mojibake, RepairsWholeSeedParagraph) {
  const std::string seed =
      "Er zijn vijf actielijnen:\n\n  1. CreĆ«ren van brede bewustwording: meer mensen moeten bewust "
      "worden gemaakt van wat mensenhandel is. \n  2. Vergroten van de meldingsbereidheid";
  const auto r = repairMojibakeDetailed(seed);
  EXPECT_EQ(r.sequences, 1);
  EXPECT_NE(r.text.find("1. Creëren van brede"), std::string::npos);
  EXPECT_EQ(r.text.size(), seed.size() - 2);  // four bytes became two
}

}  // namespace
