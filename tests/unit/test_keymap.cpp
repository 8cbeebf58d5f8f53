#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>

#include "ui/KeyMap.h"

using ml::ui::Action;
using ml::ui::KeyMap;

namespace {
using Overrides = std::map<std::string, std::string>;
using Keys = std::vector<std::string>;

bool mentions(const std::vector<std::string>& warnings, const std::string& part) {
  for (const auto& w : warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST(KeyMap, ActionIdsRoundTripAndAreDescribedInDutch) {
  std::set<std::string> ids, descriptions;
  for (const auto a : ml::ui::allActions()) {
    ids.insert(ml::ui::actionId(a));
    descriptions.insert(ml::ui::dutchDescription(a));
    EXPECT_EQ(ml::ui::actionFromId(ml::ui::actionId(a)), a);
  }
  EXPECT_EQ(ids.size(), 43u);
  EXPECT_EQ(descriptions.size(), 43u) << "every action needs its own description";
  EXPECT_EQ(std::string(ml::ui::actionId(Action::PlayPause)), "play-pause");
  EXPECT_EQ(ml::ui::dutchDescription(Action::PlayPause), "afspelen of pauzeren");
  EXPECT_FALSE(ml::ui::actionFromId("afspelen").has_value());
}

TEST(KeyMap, DefaultsFromTheRealDataFile) {
  setenv("MEELUISTER_DATA_DIR", MEELUISTER_SOURCE_DATA_DIR, 1);
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::loadDefault(warnings);
  unsetenv("MEELUISTER_DATA_DIR");
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(map.action("space"), Action::PlayPause);
  EXPECT_EQ(map.action("down"), Action::Next);
  EXPECT_EQ(map.action("l"), Action::LevelNext);
  EXPECT_EQ(map.action("L"), Action::LevelPrevious);
  EXPECT_EQ(map.action("ctrl+left"), Action::SeekBackLong);
  EXPECT_EQ(map.action("ctrl+up"), Action::VolumeUp);
  EXPECT_EQ(map.action("["), Action::SpeedDown);
  EXPECT_EQ(map.action("backspace"), Action::SpeedNormal);
  EXPECT_EQ(map.action("escape"), Action::Back);
  EXPECT_EQ(map.action("q"), Action::Quit);
  EXPECT_EQ(map.keysFor(Action::VolumeUp), (Keys{"0", "ctrl+up"}));
  EXPECT_FALSE(map.action("p").has_value()) << "p is kept free";
  EXPECT_FALSE(map.action("insert").has_value());
  for (const auto a : ml::ui::allActions()) {
    EXPECT_FALSE(map.keysFor(a).empty()) << ml::ui::actionId(a) << " has no default key";
  }
}

TEST(KeyMap, OverridesReplaceAnActionsKeys) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("play-pause = space\nmute = m\nquit = q\n",
                                   Overrides{{"mute", "x ctrl+M"}, {"play-pause", "p Space"}}, warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "Ctrl+m komt bij meeluister aan als een andere toets"));
  EXPECT_FALSE(map.action("m").has_value());
  EXPECT_EQ(map.action("x"), Action::Mute);
  EXPECT_FALSE(map.action("ctrl+m").has_value()) << "ctrl+m arrives as enter: refused";
  EXPECT_EQ(map.action("p"), Action::PlayPause);
  EXPECT_EQ(map.action("space"), Action::PlayPause);
}

TEST(KeyMap, WrittenKeysAreMadeCanonical) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("", Overrides{{"volume-up", "Ctrl+Up"}, {"quit", "shift+q"},
                                                 {"help", "F1 spatie"}, {"mute", "Alt+Shift+Left"}},
                                   warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(map.action("ctrl+up"), Action::VolumeUp);
  EXPECT_EQ(map.action("Q"), Action::Quit);
  EXPECT_EQ(map.action("f1"), Action::Help);
  EXPECT_EQ(map.action("space"), Action::Help);
  EXPECT_EQ(map.action("alt+shift+left"), Action::Mute);
}

TEST(KeyMap, SwitchingOffAnAction) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("mute = m\ntime = t\nquit = q\n", Overrides{{"mute", ""}}, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(map.keysFor(Action::Mute).empty());
  EXPECT_FALSE(map.action("m").has_value());
  EXPECT_EQ(map.action("t"), Action::Time);
}

TEST(KeyMap, ScreenReaderAndTerminalKeysAreRefused) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("help = insert h\nmute = capslock\nquit = q\n",
                                   Overrides{{"time", "ctrl+insert ctrl+c t"}}, warnings);
  EXPECT_FALSE(map.action("insert").has_value());
  EXPECT_FALSE(map.action("ctrl+insert").has_value());
  EXPECT_FALSE(map.action("capslock").has_value());
  EXPECT_FALSE(map.action("ctrl+c").has_value());
  EXPECT_EQ(map.action("h"), Action::Help);
  EXPECT_EQ(map.action("t"), Action::Time);
  EXPECT_EQ(warnings.size(), 4u);
  EXPECT_TRUE(mentions(warnings, "Insert is van de schermlezer"));
  EXPECT_TRUE(mentions(warnings, "Caps Lock is van de schermlezer"));
  EXPECT_TRUE(mentions(warnings, "keys.conf, regel 1"));
}

TEST(KeyMap, KeyBoundTwiceLaterWinsWithWarning) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("mute = m\ntime = m t\nquit = q\n", {}, warnings);
  EXPECT_EQ(map.action("m"), Action::Time);
  EXPECT_TRUE(map.keysFor(Action::Mute).empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "regel 2"));
  EXPECT_TRUE(mentions(warnings, "geluid uit of weer aan"));
  warnings.clear();
  const KeyMap user = KeyMap::build("play-pause = space\nquit = q\n", Overrides{{"mute", "space"}}, warnings);
  EXPECT_EQ(user.action("space"), Action::Mute);
  EXPECT_TRUE(user.keysFor(Action::PlayPause).empty());
  EXPECT_EQ(warnings.size(), 1u);
}

TEST(KeyMap, BadLinesWarnAndAreSkipped) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("# comment\n\nfly = f\nno equals sign\nmute = kp5 m onbekend\nquit = q\n",
                                   Overrides{{"dance", "d"}}, warnings);
  EXPECT_EQ(map.action("m"), Action::Mute);
  EXPECT_FALSE(map.action("f").has_value());
  EXPECT_EQ(warnings.size(), 5u);
  EXPECT_TRUE(mentions(warnings, "regel 3"));
  EXPECT_TRUE(mentions(warnings, "regel 4"));
  EXPECT_TRUE(mentions(warnings, "onbekende toets 'kp5'"));
  EXPECT_TRUE(mentions(warnings, "dance"));
}

TEST(KeyMap, WarnsWhenNothingQuits) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("quit = q\n", Overrides{{"quit", ""}}, warnings);
  EXPECT_TRUE(map.keysFor(Action::Quit).empty());
  EXPECT_TRUE(mentions(warnings, "Ctrl+C"));
}

TEST(KeyMap, MissingDataFileWarns) {
  setenv("MEELUISTER_DATA_DIR", "/nonexistent/meeluister", 1);
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::loadDefault(warnings);
  unsetenv("MEELUISTER_DATA_DIR");
  EXPECT_TRUE(mentions(warnings, "niet te lezen"));
  EXPECT_FALSE(map.action("space").has_value());
}

TEST(KeyMap, DutchKeyNames) {
  EXPECT_EQ(ml::ui::dutchKeyName("space"), "spatie");
  EXPECT_EQ(ml::ui::dutchKeyName("up"), "pijl omhoog");
  EXPECT_EQ(ml::ui::dutchKeyName("ctrl+up"), "Ctrl+pijl omhoog");
  EXPECT_EQ(ml::ui::dutchKeyName("L"), "hoofdletter L");
  EXPECT_EQ(ml::ui::dutchKeyName("l"), "l");
  EXPECT_EQ(ml::ui::dutchKeyName("?"), "vraagteken");
  EXPECT_EQ(ml::ui::dutchKeyName("["), "vierkante haak openen");
  EXPECT_EQ(ml::ui::dutchKeyName("f12"), "F12");
  EXPECT_EQ(ml::ui::dutchKeyName("alt+x"), "Alt+x");
  EXPECT_EQ(ml::ui::dutchKeyName("onbekend"), "onbekende toets");
}

TEST(KeyMap, DescribeForTheKeyDescriber) {
  std::vector<std::string> warnings;
  const KeyMap map = KeyMap::build("play-pause = space\nquit = q\n", {}, warnings);
  EXPECT_EQ(map.describe("space"), "spatie: afspelen of pauzeren");
  EXPECT_EQ(map.describe("x"), "x: geen functie");
}

TEST(KeyMap, CanonicalNamesOnlyForKeysTheDecoderCanProduce) {
  using ml::ui::canonicalKeyName;
  EXPECT_EQ(canonicalKeyName("Ctrl+Shift+PageUp"), "ctrl+shift+pageup");
  EXPECT_EQ(canonicalKeyName("shift+ctrl+up"), "ctrl+shift+up");
  EXPECT_EQ(canonicalKeyName("alt+ctrl+x"), "ctrl+alt+x");
  EXPECT_EQ(canonicalKeyName("ctrl+A"), "ctrl+a");
  EXPECT_EQ(canonicalKeyName("\xc3\xa9"), "\xc3\xa9");
  EXPECT_EQ(canonicalKeyName("shift+tab"), "shift+tab");
  EXPECT_FALSE(canonicalKeyName("ctrl+1").has_value());
  EXPECT_FALSE(canonicalKeyName("shift+1").has_value());
  EXPECT_FALSE(canonicalKeyName("ctrl+enter").has_value());
  EXPECT_FALSE(canonicalKeyName("f13").has_value());
  EXPECT_FALSE(canonicalKeyName("").has_value());
  EXPECT_FALSE(canonicalKeyName("ctrl+").has_value());
}
