// The player's key modes (src/app/modes) and the short lines said when a debate opens,
// with a real KeyMap built from data/keys.conf's format and a real Output printing lines.
#include <gtest/gtest.h>

#include "app/Output.h"
#include "app/modes/DescribeMode.h"
#include "app/modes/HelpMode.h"
#include "app/modes/ListMode.h"
#include "app/modes/PromptMode.h"
#include "core/Debate.h"

namespace ml::app {
namespace {

const char* kKeys =
    "play-pause = space\nnext = down\nprevious = up\nselect = enter\nback = escape\nhelp = h ?\nquit = q\n"
    "go-to-start = home\ngo-live = end\n";

ui::KeyMap keys() {
  std::vector<std::string> warnings;
  return ui::KeyMap::build(kKeys, {}, warnings);
}

std::vector<std::string> printed(const std::function<void()>& f) {
  testing::internal::CaptureStdout();
  f();
  const std::string out = testing::internal::GetCapturedStdout();
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < out.size()) {
    const auto nl = out.find('\n', at);
    lines.push_back(out.substr(at, nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return lines;
}

TEST(HelpMode, OneLineThenOneKeyPerStepAndEscapeLeaves) {
  Output out(OutputMode::ScreenReader, nullptr);
  const auto map = keys();
  HelpMode help(out, map);
  EXPECT_EQ(help.opening(), "Hulp: pijl omhoog en pijl omlaag lopen door de toetsen, Escape sluit.");
  auto step = [&](const std::string& k) {
    KeyResult r{};
    auto lines = printed([&] { r = help.key(k, map.action(k)); });
    EXPECT_EQ(r, KeyResult::Handled);
    return lines;
  };
  EXPECT_EQ(step("down"), std::vector<std::string>{"Spatie: afspelen of pauzeren."});
  const auto second = step("down");
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].rfind("Pijl omlaag: ", 0), 0u) << second[0];
  EXPECT_EQ(step("up"), std::vector<std::string>{"Spatie: afspelen of pauzeren."});
  EXPECT_EQ(step("up"), std::vector<std::string>{"Spatie: afspelen of pauzeren."});  // stays at the top
  // Another key leaves help and goes to the player.
  EXPECT_EQ(help.key("q", map.action("q")), KeyResult::Pass);
  KeyResult r{};
  EXPECT_EQ(printed([&] { r = help.key("escape", map.action("escape")); }), std::vector<std::string>{"Hulp gesloten."});
  EXPECT_EQ(r, KeyResult::Leave);
}

TEST(HelpMode, NamesTheListenersOwnKeys) {
  std::vector<std::string> warnings;
  const auto map = ui::KeyMap::build(kKeys, {{"next", "j"}, {"previous", "k"}}, warnings);
  Output out(OutputMode::ScreenReader, nullptr);
  HelpMode help(out, map);
  EXPECT_EQ(help.opening(), "Hulp: k en j lopen door de toetsen, Escape sluit.");
  EXPECT_EQ(keyHint(map, ui::Action::Help, "voor hulp"), "Toets h voor hulp.");
  EXPECT_EQ(keyHint(map, ui::Action::Mute, "dempt"), "");  // not bound: no hint
}

TEST(ListMode, WalksChoosesAndLeaves) {
  Output out(OutputMode::ScreenReader, nullptr);
  const auto map = keys();
  std::optional<std::size_t> chosen;
  ListMode list(out, {"een", "twee", "drie"}, ListMode::Hooks{[&](std::size_t i) { chosen = i; }, {}, {}, false});
  EXPECT_EQ(printed([&] { list.key("down", map.action("down")); }), std::vector<std::string>{"twee"});
  EXPECT_EQ(printed([&] { list.key("end", map.action("end")); }), std::vector<std::string>{"drie"});
  EXPECT_EQ(printed([&] { list.key("down", map.action("down")); }), std::vector<std::string>{"drie"});
  EXPECT_EQ(printed([&] { list.key("home", map.action("home")); }), std::vector<std::string>{"een"});
  list.key("enter", map.action("enter"));
  EXPECT_EQ(chosen, 0u);
  EXPECT_EQ(printed([&] { list.key("x", std::nullopt); }), std::vector<std::string>{"x doet hier niets."});
  EXPECT_EQ(list.key("escape", map.action("escape")), KeyResult::Leave);
}

TEST(PromptMode, TypesALineWithBackspaceAndEnter) {
  Output out(OutputMode::ScreenReader, nullptr);
  std::string got;
  bool cancelled = false;
  PromptMode prompt(out, [&](const std::string& s) { got = s; }, [&] { cancelled = true; });
  for (const char* k : {"1", "2", "space", "m", "x", "backspace", "é"}) {
    EXPECT_EQ(prompt.key(k, std::nullopt), KeyResult::Handled) << k;
  }
  EXPECT_EQ(prompt.text(), "12 mé");
  prompt.key("backspace", std::nullopt);  // one character, two bytes
  EXPECT_EQ(prompt.text(), "12 m");
  prompt.key("up", std::nullopt);  // not a character: ignored
  EXPECT_EQ(prompt.key("enter", std::nullopt), KeyResult::Leave);
  EXPECT_EQ(got, "12 m");
  EXPECT_FALSE(cancelled);
  PromptMode other(out, [&](const std::string& s) { got = s; }, [&] { cancelled = true; });
  other.key("a", std::nullopt);
  EXPECT_EQ(printed([&] { EXPECT_EQ(other.key("escape", std::nullopt), KeyResult::Leave); }),
            std::vector<std::string>{"Geannuleerd."});
  EXPECT_TRUE(cancelled);
}

TEST(DescribeMode, SaysInsteadOfDoing) {
  Output out(OutputMode::ScreenReader, nullptr);
  const auto map = keys();
  DescribeMode d(out);
  EXPECT_EQ(printed([&] { d.key("q", map.action("q")); }).at(0).rfind("q: ", 0), 0u);
  EXPECT_EQ(printed([&] { d.key("x", std::nullopt); }), std::vector<std::string>{"x: geen functie."});
  EXPECT_EQ(d.key("escape", map.action("escape")), KeyResult::Leave);
}

TEST(ShortLine, DecidingWordFirstNoRepetition) {
  Debate d;
  d.title = "Vragenuur";
  d.room.name = "Plenaire zaal";
  d.status = DebateStatus::Live;
  EXPECT_EQ(shortLine(d), "Live, Plenaire zaal: Vragenuur.");
  d.status = DebateStatus::Ended;
  EXPECT_EQ(shortLine(d), "Opname, Plenaire zaal: Vragenuur.");
  EXPECT_EQ(listLine(d), "Afgelopen, Plenaire zaal: Vragenuur.");
  d.status = DebateStatus::Planned;
  EXPECT_EQ(shortLine(d), "Gepland, Plenaire zaal: Vragenuur.");
  d.title = "Debat in de plenaire zaal";  // the room is in the title: said once
  EXPECT_EQ(shortLine(d), "Gepland: Debat in de plenaire zaal.");
  d.title.clear();
  EXPECT_EQ(shortLine(d), "Gepland, Plenaire zaal.");
}

// The spoken opening stays within the speech budget: word and title, long titles cut at a
// word, no dangling "van"/"en" at the cut; the room only when there is no title.
TEST(OpeningLine, WordAndTitleWithinTheBudget) {
  Debate d;
  d.room.name = "Klompézaal";
  d.status = DebateStatus::Live;
  d.title = "Debat over de Voorjaarsnota (vervolg)";
  EXPECT_EQ(openingLine(d), "Live: Debat over de Voorjaarsnota (vervolg).");
  d.status = DebateStatus::Ended;
  d.title = "Informele Raad Buitenlandse Zaken Ontwikkeling van 8 en 9 oktober 2026";
  EXPECT_EQ(openingLine(d), "Opname: Informele Raad Buitenlandse Zaken.");
  d.title = "Wetgevingsoverleg Jaarverslag en slotwet van het Ministerie van Financiën 2025";
  EXPECT_EQ(openingLine(d), "Opname: Wetgevingsoverleg Jaarverslag en slotwet.");
  d.title = "Eenheelheellangsamengesteldwoordzonderspatiesdatnergenseindigt en meer";
  EXPECT_EQ(openingLine(d), "Opname: Eenheelheellangsamengesteldwoordzonderspatiesdatnergenseindigt.");
  d.title = "Vragenuur.";
  EXPECT_EQ(openingLine(d), "Opname: Vragenuur.");
  d.title.clear();
  EXPECT_EQ(openingLine(d), "Opname, Klompézaal.");
  d.status = DebateStatus::Planned;
  d.title = "   ";
  EXPECT_EQ(openingLine(d), "Gepland, Klompézaal.");
}

}  // namespace
}  // namespace ml::app
