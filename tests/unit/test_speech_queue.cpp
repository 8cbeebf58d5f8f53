#include <gtest/gtest.h>

#include "speech/UtteranceQueue.h"

using ml::speech::Priority;
using ml::speech::UtteranceQueue;

namespace {
std::vector<std::string> drain(UtteranceQueue& q) {
  std::vector<std::string> out;
  while (auto u = q.pop()) out.push_back(u->text);
  return out;
}
}  // namespace

TEST(UtteranceQueue, OnlyTheNewestEchoCountsAndItCutsAPlayingEcho) {
  UtteranceQueue q;
  q.push({Priority::Reply, "antwoord", ""}, std::nullopt);
  q.push({Priority::Echo, "punt 2", ""}, std::nullopt);
  auto d = q.push({Priority::Echo, "punt 3", ""}, Priority::Echo);
  EXPECT_TRUE(d.accepted);
  EXPECT_TRUE(d.interruptCurrent);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"punt 3", "antwoord"}));
}

TEST(UtteranceQueue, ErrorsAlwaysComeFirstAndAreNeverDropped) {
  UtteranceQueue q;
  for (int i = 0; i < 5; ++i) q.push({Priority::Reply, "r" + std::to_string(i), ""}, Priority::Reply);
  auto d = q.push({Priority::Error, "fout", ""}, Priority::Reply);
  EXPECT_TRUE(d.accepted);
  EXPECT_FALSE(d.interruptCurrent);  // a reply is finished first
  EXPECT_EQ(q.pop()->text, "fout");
}

TEST(UtteranceQueue, NotificationsAreShortenedOrDroppedWhenBusy) {
  UtteranceQueue q;
  auto idle = q.push({Priority::Notification, "Nu aan het woord: de heer Jansen van de VVD", "Jansen"}, std::nullopt);
  EXPECT_TRUE(idle.accepted);
  EXPECT_EQ(q.pop()->text, "Nu aan het woord: de heer Jansen van de VVD");  // not busy: in full

  auto busy = q.push({Priority::Notification, "Nu aan het woord: mevrouw De Vries", "De Vries"}, Priority::Reply);
  EXPECT_TRUE(busy.accepted);
  EXPECT_EQ(q.pop()->text, "De Vries");

  q.push({Priority::Reply, "a", ""}, Priority::Reply);
  q.push({Priority::Reply, "b", ""}, Priority::Reply);
  auto dropped = q.push({Priority::Notification, "lang bericht", ""}, Priority::Reply);
  EXPECT_FALSE(dropped.accepted);
  EXPECT_EQ(q.size(), 2u);
}

TEST(UtteranceQueue, ANewerNotificationReplacesAQueuedOneAndRepliesCutNotifications) {
  UtteranceQueue q;
  q.push({Priority::Notification, "oud", "oud"}, Priority::Reply);
  q.push({Priority::Notification, "nieuw", "nieuw"}, Priority::Reply);
  EXPECT_EQ(q.size(), 1u);
  auto d = q.push({Priority::Reply, "antwoord", ""}, Priority::Notification);
  EXPECT_TRUE(d.interruptCurrent);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"antwoord", "nieuw"}));
}
