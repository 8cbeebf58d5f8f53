#include <gtest/gtest.h>

#include <algorithm>

#include "live/Announcements.h"

using ml::SpeakerEvent;
using ml::TimePoint;
using ml::live::announce;
using ml::live::Announcement;
using ml::live::currentSpeaker;
using ml::live::Level;

namespace {

std::int64_t gClock = 1790000000;

SpeakerEvent ev(const std::string& type, const std::string& name = "", const std::string& aff = "") {
  return SpeakerEvent{TimePoint{gClock++, 120}, name, aff, type};
}

std::vector<std::string> texts(const std::vector<Announcement>& as) {
  std::vector<std::string> out;
  for (const auto& a : as) out.push_back(a.text);
  return out;
}

using Texts = std::vector<std::string>;

TEST(Announcements, SpeakerWithParty) {
  const auto as = announce({ev("speaker", "Kamerlid A", "VVD")}, Level::All);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].text, "Kamerlid A, VVD, aan het woord");
  EXPECT_EQ(as[0].shortText, "Kamerlid A, VVD");
  EXPECT_TRUE(as[0].speakerChange);
}

TEST(Announcements, MinisterTitleIsLowerCasedInTheSentence) {
  const auto as = announce({ev("speaker", "Van der Burg", "Staatssecretaris van Justitie en Veiligheid"),
                            ev("speaker", "Bewindspersoon A", "Minister van Voorbeeldzaken"),
                            ev("speaker", "Premier", "Minister-president")},
                           Level::All);
  EXPECT_EQ(texts(as), (Texts{"Van der Burg, staatssecretaris van Justitie en Veiligheid, aan het woord",
                              "Bewindspersoon A, minister van Voorbeeldzaken, aan het woord",
                              "Premier, minister-president, aan het woord"}));
}

TEST(Announcements, PartyNamesKeepTheirCapitals) {
  const auto as = announce({ev("speaker", "Kamerlid C", "Partij voor de Dieren")}, Level::All);
  EXPECT_EQ(texts(as), Texts{"Kamerlid C, Partij voor de Dieren, aan het woord"});
}

TEST(Announcements, InterrupterChairSuspensionResumptionEnd) {
  const auto as = announce({ev("debate_start"), ev("interrupter", "Kamerlid F", "PRO"),
                            ev("chairman_change", "Kamerlid B", "DENK")},
                           Level::All);
  EXPECT_EQ(texts(as), (Texts{"Debat begonnen.", "Interruptie: Kamerlid F, PRO", "Voorzitter: Kamerlid B, DENK"}));
  EXPECT_TRUE(as[1].speakerChange);
  EXPECT_FALSE(as[2].speakerChange);
  EXPECT_FALSE(as[0].speakerChange);
  const auto more = announce({ev("suspended"), ev("continued"), ev("debate_end")}, Level::All);
  EXPECT_EQ(texts(more), (Texts{"Debat geschorst.", "Debat hervat.", "Debat afgelopen."}));
  for (const auto& a : more) EXPECT_FALSE(a.shortText.empty());
}

TEST(Announcements, UnknownTypesAndChairInterjectionsAreNotSaid) {
  const auto as = announce({ev("some_new_event", "Kamerlid A", "VVD"), ev("chairman", "Kamerlid E", "VVD"),
                            ev("debate_part_start"), ev("debate_part_end"), ev(""), ev("speaker", "Kamerlid D", "SP")},
                           Level::All, 3);
  // Only one event counts: no burst summary although six came in.
  EXPECT_EQ(texts(as), Texts{"Kamerlid D, SP, aan het woord"});
}

TEST(Announcements, EventsWithoutNames) {
  const auto as = announce({ev("speaker"), ev("interrupter"), ev("chairman_selection")}, Level::All);
  EXPECT_EQ(texts(as), (Texts{"Nieuwe spreker.", "Interruptie.", "Nieuwe voorzitter."}));
  EXPECT_EQ(ml::live::who(ev("speaker", "Kamerlid X", "")), "Kamerlid X");
}

TEST(Announcements, SpeakersLevelKeepsOnlyNewVoices) {
  const std::vector<SpeakerEvent> fresh{ev("suspended"), ev("continued"), ev("speaker", "Kamerlid A", "VVD"),
                                        ev("chairman_change", "Kamerlid B", "DENK")};
  EXPECT_EQ(texts(announce(fresh, Level::Speakers)), Texts{"Kamerlid A, VVD, aan het woord"});
  EXPECT_EQ(texts(announce(fresh, Level::All, 4)).size(), 4u);
  EXPECT_EQ(texts(announce(fresh, Level::All, 3)).size(), 1u);  // four is a burst
  const auto motion = announce({ev("speaker_motion_present", "Kamerlid A", "VVD")}, Level::Speakers);
  EXPECT_EQ(texts(motion), Texts{"Motie: Kamerlid A, VVD"});
}

TEST(Announcements, OffSaysNothing) {
  EXPECT_TRUE(announce({ev("speaker", "Kamerlid A", "VVD"), ev("debate_end")}, Level::Off).empty());
  EXPECT_TRUE(announce({}, Level::All).empty());
}

TEST(Announcements, TheSameSentenceTwiceInARowIsSaidOnce) {
  const auto as = announce({ev("speaker", "Kamerlid A", "VVD"), ev("chairman", "Kamerlid E", "VVD"),
                            ev("speaker", "Kamerlid A", "VVD")},
                           Level::All);
  EXPECT_EQ(texts(as), Texts{"Kamerlid A, VVD, aan het woord"});
}

TEST(Announcements, ABurstGivesTheNewestSpeakerAndHowManyWereSkipped) {
  const auto as = announce({ev("speaker", "Kamerlid A", "VVD"), ev("interrupter", "Kamerlid F", "PRO"),
                            ev("speaker", "Kamerlid A", "VVD"), ev("speaker", "Kamerlid D", "SP")},
                           Level::All, 3);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].text, "Kamerlid D, SP, aan het woord; 3 wissels overgeslagen");
  EXPECT_EQ(as[0].shortText, "Kamerlid D, SP");
  EXPECT_TRUE(as[0].speakerChange);
}

TEST(Announcements, BurstLimitIsInclusive) {
  const std::vector<SpeakerEvent> three{ev("speaker", "A", "VVD"), ev("speaker", "B", "SP"), ev("speaker", "C", "CDA")};
  EXPECT_EQ(announce(three, Level::All, 3).size(), 3u);
  const auto two = announce(three, Level::All, 2);
  EXPECT_EQ(texts(two), Texts{"C, CDA, aan het woord; 2 wissels overgeslagen"});
  const auto one = announce({ev("speaker", "A", "VVD"), ev("speaker", "B", "SP")}, Level::All, 1);
  EXPECT_EQ(texts(one), Texts{"B, SP, aan het woord; 1 wissel overgeslagen"});
}

TEST(Announcements, ABurstEndingInASuspensionSaysTheSuspension) {
  const auto as = announce({ev("speaker", "A", "VVD"), ev("chairman_change", "B", "DENK"), ev("speaker", "C", "SP"),
                            ev("suspended")},
                           Level::All, 3);
  EXPECT_EQ(texts(as), Texts{"Debat geschorst; 3 meldingen overgeslagen."});
  EXPECT_FALSE(as[0].speakerChange);
}

TEST(Announcements, ABurstWithTheEndSaysTheEnd) {
  const auto as = announce({ev("speaker", "A", "VVD"), ev("suspended"), ev("speaker", "C", "SP"), ev("debate_end")},
                           Level::All, 3);
  EXPECT_EQ(texts(as), Texts{"Debat afgelopen; 3 meldingen overgeslagen."});
  EXPECT_EQ(as[0].shortText, "Afgelopen");
  // Only voices skipped: "wissels".
  const auto voices = announce({ev("speaker", "A", "VVD"), ev("debate_end"), ev("speaker", "C", "SP"),
                                ev("speaker", "D", "SP")},
                               Level::All, 3);
  EXPECT_EQ(texts(voices), Texts{"Debat afgelopen; 3 wissels overgeslagen."});
}

TEST(Announcements, ABurstAfterAResumptionNamesTheSpeaker) {
  const auto as = announce({ev("suspended"), ev("continued"), ev("chairman_change", "B", "DENK"), ev("speaker", "C", "SP"),
                            ev("chairman_change", "E", "VVD")},
                           Level::All, 3);
  EXPECT_EQ(texts(as), Texts{"C, SP, aan het woord; 4 meldingen overgeslagen"});
}

TEST(Announcements, ABurstWithoutSpeakersSaysTheNewestEvent) {
  const auto as = announce({ev("suspended"), ev("continued"), ev("chairman_change", "B", "DENK"),
                            ev("chairman_change", "E", "VVD")},
                           Level::All, 3);
  EXPECT_EQ(texts(as), Texts{"Voorzitter: E, VVD; 3 meldingen overgeslagen"});
}

TEST(Announcements, SpeakersLevelBurstCountsOnlyVoices) {
  const auto as = announce({ev("suspended"), ev("speaker", "A", "VVD"), ev("continued"), ev("speaker", "B", "SP"),
                            ev("chairman_change", "E", "VVD"), ev("interrupter", "C", "CDA"), ev("speaker", "B", "SP")},
                           Level::Speakers, 2);
  EXPECT_EQ(texts(as), Texts{"B, SP, aan het woord; 3 wissels overgeslagen"});
}

TEST(Announcements, CurrentSpeaker) {
  EXPECT_EQ(currentSpeaker({}), "");
  EXPECT_EQ(currentSpeaker({ev("debate_start"), ev("chairman", "E", "VVD")}), "");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("chairman", "E", "VVD"), ev("some_new_event")}), "A, VVD");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("interrupter", "F", "PRO")}), "F, PRO");
  EXPECT_EQ(currentSpeaker({ev("speaker", "Van der Burg", "Staatssecretaris van Justitie en Veiligheid")}),
            "Van der Burg, staatssecretaris van Justitie en Veiligheid");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("suspended")}), "");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("suspended"), ev("continued"), ev("speaker", "B", "SP")}),
            "B, SP");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("debate_end")}), "");
  EXPECT_EQ(currentSpeaker({ev("speaker", "A", "VVD"), ev("speaker")}), "");  // a new, unknown voice
}

TEST(Announcements, ParseLevel) {
  Level l = Level::Off;
  EXPECT_TRUE(ml::live::parseLevel("alles", l));
  EXPECT_EQ(l, Level::All);
  EXPECT_TRUE(ml::live::parseLevel("speakers", l));
  EXPECT_EQ(l, Level::Speakers);
  EXPECT_TRUE(ml::live::parseLevel("uit", l));
  EXPECT_EQ(l, Level::Off);
  EXPECT_FALSE(ml::live::parseLevel("soms", l));
  EXPECT_EQ(l, Level::Off);
}

}  // namespace

TEST(Announcements, TheDecidingWordComesFirst) {
  // A new speaker: the name is the news; other kinds name the kind first.
  auto as = announce({ev("speaker", "Kamerlid A", "VVD")}, Level::All);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].text.rfind("Kamerlid A", 0), 0u) << as[0].text;
  auto more = announce({ev("interrupter", "Kamerlid F", "PRO"), ev("suspended")}, Level::All);
  ASSERT_EQ(more.size(), 2u);
  EXPECT_EQ(more[0].text.rfind("Interruptie", 0), 0u);
  EXPECT_NE(more[1].text.find("geschorst"), std::string::npos);
  // Short: no status line over five words.
  for (const char* type : {"debate_start", "suspended", "continued", "debate_end"}) {
    auto one = ml::live::announceOne(ev(type));
    EXPECT_LE(std::count(one.text.begin(), one.text.end(), ' '), 4) << one.text;
  }
}

TEST(Announcements, NoWordIsSaidTwice) {
  EXPECT_EQ(ml::live::who(ev("speaker", "Vragenuur", "Vragenuur")), "Vragenuur");
  EXPECT_EQ(ml::live::who(ev("speaker", "Vragenuur", "vragenuur")), "Vragenuur");
  auto as = announce({ev("chairman_change", "Voorzitter", "voorzitter")}, Level::All);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].text, "Voorzitter");  // not "Voorzitter: Voorzitter"
  auto chair = announce({ev("chairman_change", "Voorzitter Kamerlid B", "DENK")}, Level::All);
  ASSERT_EQ(chair.size(), 1u);
  EXPECT_EQ(chair[0].text, "Voorzitter Kamerlid B, DENK");
  auto motion = announce({ev("speaker_motion_present", "Motievoorsteller", "SP")}, Level::All);
  ASSERT_EQ(motion.size(), 1u);
  EXPECT_EQ(motion[0].text, "Motie: Motievoorsteller, SP");  // a longer word is not the label
}
