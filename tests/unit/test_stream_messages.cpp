// The listener's lines for the stream events of the fault budget (app/StreamMessages).
#include <gtest/gtest.h>

#include "app/StreamMessages.h"

using ml::app::describe;
using ml::app::Weight;
using ml::app::weightOf;
using K = ml::net::StreamEvent::Kind;

namespace {
ml::net::StreamEvent ev(K kind, std::string text = {}, double seconds = 0) { return {kind, std::move(text), seconds}; }
}  // namespace

TEST(StreamMessages, ASkipNamesWhyAndARecoveryDoesNotClaimAReconnect) {
  EXPECT_EQ(describe(ev(K::Skipped, "127.0.0.1 weigert (403)", 3.84)), "4 seconden overgeslagen: 127.0.0.1 weigert (403).");
  EXPECT_EQ(describe(ev(K::Skipped, {}, 3.84)), "4 seconden niet meer beschikbaar en overgeslagen.");
  EXPECT_EQ(describe(ev(K::Recovered, "verbinding")), "Opnieuw verbonden; speelt verder.");
  EXPECT_EQ(describe(ev(K::Recovered, {}, 7.68)), "Het lukt weer; speelt verder. Intussen nog 8 seconden overgeslagen.");
}

TEST(StreamMessages, TheReminderSaysNoConnectionOnlyWhenThereIsNone) {
  EXPECT_NE(describe(ev(K::StillRetrying, "geen verbinding met h (verbinding geweigerd)", 30)).find("Nog steeds geen verbinding"),
            std::string::npos);
  std::string answering = describe(ev(K::StillRetrying, "h antwoordde 500 (serverfout)", 30));
  EXPECT_EQ(answering.find("geen verbinding"), std::string::npos) << answering;
  EXPECT_NE(answering.find("500"), std::string::npos) << answering;
}

TEST(StreamMessages, GapsAndResyncsAreSpoken) {
  EXPECT_EQ(describe(ev(K::Gap, {}, 7.68)), "Hier ontbreekt een stuk van 8 seconden in de uitzending; meeluister gaat verder na het gat.");
  EXPECT_NE(describe(ev(K::Resynced)).find("opnieuw"), std::string::npos);
  EXPECT_EQ(weightOf(ev(K::Gap)), Weight::Speak);
  EXPECT_EQ(weightOf(ev(K::Resynced)), Weight::Speak);
  EXPECT_EQ(weightOf(ev(K::DecodeError)), Weight::Print);
}
