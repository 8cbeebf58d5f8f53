#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "text/HtmlPage.h"

using ml::TextBlock;
using ml::text::parseHtmlPage;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> headings(const ml::text::HtmlPage& p) {
  std::vector<std::string> out;
  for (const auto& s : p.sections) out.push_back(s.heading);
  return out;
}

TEST(HtmlPage, ReadsTheSeedPageInReadingOrder) {
  const auto page = parseHtmlPage(fixture("web/uitgelicht_mensenhandel.html"));
  EXPECT_EQ(page.title, "Uitgelicht : Commissiedebat over programma Samen tegen mensenhandel");
  const std::vector<std::string> expected{"", "Volg live", "Agenda", "Mensenhandel",
                                          "Programma Samen tegen mensenhandel",
                                          "Actieplan Samen tegen mensenhandel", "Terugkijken"};
  EXPECT_EQ(headings(page), expected);
  ASSERT_GE(page.sections[0].blocks.size(), 2u);
  EXPECT_EQ(page.sections[0].blocks[0].text.rfind("De commissie voor Justitie en Veiligheid debatteert", 0), 0u);
  EXPECT_EQ(page.sections[0].blocks[1].text,
            "Container die buiten staat en geopend wordt door een persoon met een zwarte jas.");
  const auto& plan = page.sections[5].blocks;
  ASSERT_EQ(plan.size(), 7u);  // two paragraphs, then five list items
  EXPECT_EQ(plan[1].text, "Er zijn vijf actielijnen:");
  EXPECT_EQ(plan[2].kind, TextBlock::Kind::ListItem);
  EXPECT_EQ(plan[2].text, "Creëren van brede bewustwording: meer mensen moeten bewust worden gemaakt van wat "
                          "mensenhandel is.");  // mojibake repaired
  EXPECT_EQ(plan[6].text, "Verbetering van de informatiedeling en gegevensverwerking.");
  EXPECT_EQ(page.mojibakeRepairs, 1);
}

TEST(HtmlPage, SkipsNavigationHeaderFooterScriptAndStyle) {
  const auto page = parseHtmlPage(fixture("web/2026A05001.html"));
  std::string all = page.title;
  for (const auto& s : page.sections) {
    all += "|" + s.heading;
    for (const auto& b : s.blocks) all += "|" + b.text;
  }
  for (const char* absent : {"Home", "Zoeken", "Voettekst", "geen tekst", "color", "Direct naar"}) {
    EXPECT_EQ(all.find(absent), std::string::npos) << absent;
  }
  EXPECT_EQ(page.title, "Informele Raad Buitenlandse Zaken Ontwikkeling");
}

TEST(HtmlPage, DecodesEntitiesAndCleansWhitespace) {
  const auto page = parseHtmlPage(fixture("web/2026A05001.html"));
  ASSERT_EQ(headings(page), (std::vector<std::string>{"", "Volg live", "Achtergrond", "Café één €"}));
  const auto& bg = page.sections[2].blocks;
  ASSERT_EQ(bg.size(), 4u);
  // &shy; stays as U+00AD (invisible), &nbsp; becomes a plain space, runs collapse.
  EXPECT_EQ(bg[0].text, "De Raad spreekt over ontwikkelings\u00ADsamenwerking & handel met Afrika.");
  EXPECT_EQ(bg[1].text, "Eerste punt");
  EXPECT_EQ(bg[2].text, "Genest punt");
  EXPECT_EQ(bg[3].text, "Tweede punt");
  EXPECT_EQ(page.sections[3].blocks.at(0).text, "Prijzen in € en café's.");
}

TEST(HtmlPage, BareTextInDivsBecomesParagraphs) {
  const auto page = parseHtmlPage(fixture("web/no_headings.html"));
  EXPECT_TRUE(page.title.empty());
  ASSERT_EQ(page.sections.size(), 1u);
  EXPECT_EQ(page.sections[0].heading, "");
  EXPECT_EQ(page.sections[0].blocks.at(0).text, "Alleen wat losse tekst zonder koppen.");
}

TEST(HtmlPage, CollectsLinks) {
  const auto page = parseHtmlPage(fixture("web/uitgelicht_mensenhandel.html"));
  bool found = false;
  for (const auto& l : page.links) found = found || l.find("details?id=2023A08217") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(HtmlPage, EmptyAndBrokenInputGiveAnEmptyPage) {
  EXPECT_TRUE(parseHtmlPage("").empty());
  EXPECT_TRUE(parseHtmlPage(fixture("web/empty.html")).empty());
  const auto broken = parseHtmlPage("<h2>Kop<p>tekst zonder <b>einde");
  ASSERT_EQ(broken.sections.size(), 1u);
  EXPECT_EQ(broken.sections[0].heading, "Kop tekst zonder einde");
}

TEST(HtmlPage, ReadsAnArticleHeaderButNotThePageHeaderOrHiddenParts) {
  const auto page = parseHtmlPage(
      "<body><header><p>Banner</p></header><div role=\"navigation\">Menu</div>"
      "<main><article><header><h1>Titel in artikel</h1><p>Ondertitel</p></header>"
      "<p hidden>Verborgen</p><p aria-hidden=\"true\">Ook verborgen</p><p>Tekst</p>"
      "<footer><p>Bron: Tweede Kamer</p></footer></article></main>"
      "<footer><p>Voettekst</p></footer></body>");
  EXPECT_EQ(page.title, "Titel in artikel");
  ASSERT_EQ(page.sections.size(), 1u);
  std::vector<std::string> texts;
  for (const auto& b : page.sections[0].blocks) texts.push_back(b.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"Ondertitel", "Tekst", "Bron: Tweede Kamer"}));
}

TEST(HtmlPage, TitleFallsBackToTheTitleElement) {
  const auto page = parseHtmlPage("<html><head><title> Een  titel </title></head><body><p>x</p></body></html>");
  EXPECT_EQ(page.title, "Een titel");
}

TEST(HtmlPage, DeepNestingDoesNotCrash) {
  std::string html;
  for (int i = 0; i < 2000; ++i) html += "<div>";
  html += "<p>diep</p>";
  EXPECT_NO_THROW(parseHtmlPage(html));
}

TEST(CleanWhitespace, CollapsesAndTrims) {
  EXPECT_EQ(ml::text::cleanWhitespace("  a \t\n b\u00A0\u00A0c  "), "a b c");
  EXPECT_EQ(ml::text::cleanWhitespace(""), "");
  EXPECT_EQ(ml::text::cleanWhitespace("é"), "é");
}

}  // namespace

// API fields that may carry HTML (Debat Direct's introduction, the open data's Noot).
TEST(HtmlFields, ParagraphsWithoutMarkupAndEntitiesDecoded) {
  using ml::text::htmlParagraphs;
  const auto p = htmlParagraphs(
      "<p>De commissie debatteert over <strong>water</strong> &amp; bodem.</p>\r\n<p>Onderwerpen:</p>"
      "<ul><li>grondwater&nbsp;(&lt;10%&gt;)</li><li>dijken</li></ul><script>alert(1)</script>"
      "<h3>Meer</h3><p>Caf&eacute; &#8364;&nbsp;5</p>");
  EXPECT_EQ(p, (std::vector<std::string>{"De commissie debatteert over water & bodem.", "Onderwerpen:",
                                         "1. grondwater (<10%>)", "2. dijken", "Meer", "Café € 5"}));
  for (const auto& line : p) {
    EXPECT_EQ(line.find("<p>"), std::string::npos);
    EXPECT_EQ(line.find("&amp;"), std::string::npos);
    EXPECT_EQ(line.find("alert"), std::string::npos);
  }
}

TEST(HtmlFields, PlainTextStaysAsItIsButForWhiteSpace) {
  using ml::text::htmlParagraphs;
  EXPECT_EQ(htmlParagraphs("  Voorbereiding van\n de Raad. "), std::vector<std::string>{"Voorbereiding van de Raad."});
  EXPECT_TRUE(htmlParagraphs("").empty());
  EXPECT_TRUE(htmlParagraphs("<p> </p><br>").empty());
  EXPECT_EQ(ml::text::htmlText("R&D en a < b"), "R&D en a < b");  // not markup: kept
  EXPECT_EQ(ml::text::htmlText("Water &amp; Bodem"), "Water & Bodem");
  EXPECT_EQ(ml::text::htmlText("<p>Een</p><p>Twee</p>"), "Een Twee");
  EXPECT_EQ(ml::text::htmlText("<b>open"), "open");  // broken markup: never thrown
}
