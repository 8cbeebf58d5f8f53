// DebateFollower against tests/server/api_server.py on 127.0.0.1: a live debate whose events
// grow while the test runs (/control/add-event), faults on cue (/control/fault).
#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "PyServer.h"
#include "live/DebateFollower.h"
#include "net/HttpClient.h"
#include "sources/DebatDirect.h"

namespace dd = ml::sources::dd;
using ml::live::DebateFollower;
using namespace std::chrono_literals;

namespace {

const std::string kLive = "11111111-aaaa-4bbb-8ccc-000000000002";   // live, 2 events in its fixture
const std::string kEnded = "5d210dbb-9be4-4c39-8640-63a8ccec5b3a";  // ended
const std::string kMemberD = "b5363002-d06e-4813-9c05-86fe74185a56";  // Kamerlid D, SP
const std::string kMemberF = "8EAA8995-7E34-47E6-BD85-250E60452B3F";  // Kamerlid F, PRO (upper case)
const std::string kMinister = "b88ce003-f013-4cd4-a77e-c3bcf6158d5c";

mltest::PyServer& server() {
  static mltest::PyServer s("api_server.py");
  return s;
}

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(MEELUISTER_TEST_DIR) + "/fixtures/data/debatdirect/" + name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void control(const std::string& pathAndQuery) {
  ml::net::HttpClient client;
  ml::net::HttpRequest req;
  req.url = server().url(pathAndQuery);
  req.totalTimeout = 5s;
  ASSERT_EQ(client.get(req).status, 200) << pathAndQuery;
}

ml::sources::SourceConfig config() {
  ml::sources::SourceConfig c;
  c.debatDirect = server().url("/dd/api");
  c.openData = server().url("/od/");
  c.web = server().url("/web");
  return c;
}

// The debate as `listen` would have it: from the fixture, with names when `withNames`.
ml::Debate debate(const std::string& id, bool withNames = true) {
  const auto info = dd::parseDebate(fixture("debates/" + id + ".json"));
  const auto actors = dd::parseActors(fixture("actors/2026-10-01.json"));
  return dd::toDebate(info, withNames ? &actors : nullptr, nullptr);
}

bool readable(int fd, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) == 1;
}

// Waits (bounded) until the follower has read `n` more answers.
bool waitPolls(const DebateFollower& f, std::uint64_t n, std::chrono::milliseconds limit = 5s) {
  const auto target = f.goodPolls() + n;
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (f.goodPolls() >= target) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

// Collects fresh events until `n` arrived (bounded).
std::vector<ml::SpeakerEvent> waitFresh(DebateFollower& f, std::size_t n, std::chrono::milliseconds limit = 5s) {
  std::vector<ml::SpeakerEvent> got;
  const auto end = std::chrono::steady_clock::now() + limit;
  while (got.size() < n && std::chrono::steady_clock::now() < end) {
    if (readable(f.fd(), 100ms)) f.drain();
    auto more = f.takeFresh();
    got.insert(got.end(), more.begin(), more.end());
  }
  return got;
}

std::vector<std::string> waitNotes(DebateFollower& f, std::size_t n, std::chrono::milliseconds limit = 5s) {
  std::vector<std::string> got;
  const auto end = std::chrono::steady_clock::now() + limit;
  while (got.size() < n && std::chrono::steady_clock::now() < end) {
    if (readable(f.fd(), 100ms)) f.drain();
    auto more = f.takeNotes();
    got.insert(got.end(), more.begin(), more.end());
  }
  return got;
}

class Follower : public ::testing::Test {
 protected:
  void SetUp() override { control("/control/reset"); }
};

TEST_F(Follower, HandsOverOnlyNewEventsOnceWithNames) {
  DebateFollower f(config(), debate(kLive), 200ms);
  ASSERT_TRUE(waitPolls(f, 2));
  EXPECT_TRUE(f.takeFresh().empty());  // the two known events are not new
  EXPECT_EQ(f.status(), ml::DebateStatus::Live);
  EXPECT_EQ(f.timeline().size(), 2u);

  control("/control/add-event?debate=" + kLive + "&type=speaker&object=" + kMemberD);
  const auto first = waitFresh(f, 1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].eventType, "speaker");
  EXPECT_EQ(first[0].name, "Kamerlid D");
  EXPECT_EQ(first[0].affiliation, "SP");

  // Several in one poll, two in the same second; handed over oldest first.
  control("/control/add-event?debate=" + kLive + "&type=interrupter&object=" + kMemberF +
          "&time=2026-10-01T19:10:00%2B0200");
  control("/control/add-event?debate=" + kLive + "&type=speaker&object=" + kMinister +
          "&time=2026-10-01T19:10:00%2B0200");
  control("/control/add-event?debate=" + kLive + "&type=some_new_event&object=x&time=2026-10-01T19:11:00%2B0200");
  const auto more = waitFresh(f, 3);
  ASSERT_EQ(more.size(), 3u);
  EXPECT_EQ(more[0].name, "Kamerlid F");  // objectId in another letter case
  EXPECT_EQ(more[1].affiliation, "Minister van Voorbeeldzaken");
  EXPECT_EQ(more[2].eventType, "some_new_event");

  ASSERT_TRUE(waitPolls(f, 3));
  EXPECT_TRUE(f.takeFresh().empty());  // never twice
  const auto all = f.timeline();
  ASSERT_EQ(all.size(), 6u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].time.utcSeconds, all[i].time.utcSeconds);
  EXPECT_TRUE(f.takeNotes().empty());
}

TEST_F(Follower, KnownEventsWithoutNamesAreStillKnown) {
  DebateFollower f(config(), debate(kLive, false), 200ms);
  ASSERT_TRUE(waitPolls(f, 2));
  EXPECT_TRUE(f.takeFresh().empty());
  EXPECT_EQ(f.timeline().size(), 2u);
}

TEST_F(Follower, AnEventOfTheSameSecondAsAKnownOneIsNew) {
  DebateFollower f(config(), debate(kLive), 200ms);
  // Same second and type as the fixture's speaker event, another person.
  control("/control/add-event?debate=" + kLive + "&type=speaker&object=" + kMemberD +
          "&time=2026-10-01T19:02:00%2B0200");
  const auto got = waitFresh(f, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].name, "Kamerlid D");
  ASSERT_TRUE(waitPolls(f, 2));
  EXPECT_TRUE(f.takeFresh().empty());
}

TEST_F(Follower, SurvivesServerErrorsAndDroppedConnections) {
  DebateFollower f(config(), debate(kLive), 200ms);
  ASSERT_TRUE(waitPolls(f, 1));
  control("/control/fault?source=dd&fault=500&count=3");
  control("/control/add-event?debate=" + kLive + "&type=speaker&object=" + kMemberD);
  const auto notes = waitNotes(f, 2);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_NE(notes[0].find("Nieuwe sprekers zijn even niet op te halen"), std::string::npos) << notes[0];
  EXPECT_NE(notes[0].find("500"), std::string::npos) << notes[0];
  EXPECT_EQ(notes[1], "Nieuwe sprekers worden weer gemeld.");
  const auto got = waitFresh(f, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].name, "Kamerlid D");

  control("/control/fault?source=dd&fault=drop&count=3");
  control("/control/add-event?debate=" + kLive + "&type=interrupter&object=" + kMemberF);
  const auto dropNotes = waitNotes(f, 2);
  ASSERT_EQ(dropNotes.size(), 2u);  // once per trouble, not once per failed poll
  EXPECT_NE(dropNotes[0].find("even niet op te halen"), std::string::npos) << dropNotes[0];
  const auto after = waitFresh(f, 1);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].eventType, "interrupter");
  ASSERT_TRUE(waitPolls(f, 2));
  EXPECT_TRUE(f.takeFresh().empty());
  EXPECT_TRUE(f.takeNotes().empty());
}

TEST_F(Follower, MissingNamesAreNotedOnceAndFilledLater) {
  control("/control/fault?source=dd&fault=500&count=2");  // actors and the first poll fail
  DebateFollower f(config(), debate(kLive), 200ms);
  const auto notes = waitNotes(f, 3);
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_NE(notes[0].find("Namen van nieuwe sprekers ontbreken nog"), std::string::npos) << notes[0];
  EXPECT_NE(notes[1].find("even niet op te halen"), std::string::npos) << notes[1];
  EXPECT_EQ(notes[2], "Nieuwe sprekers worden weer gemeld.");
  control("/control/add-event?debate=" + kLive + "&type=speaker&object=" + kMemberD);
  const auto got = waitFresh(f, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].name, "Kamerlid D");  // the actors were fetched again
}

TEST_F(Follower, StopsPromptlyEvenDuringAStalledRequest) {
  // Waiting for the next poll (a minute away).
  auto idle = std::make_unique<DebateFollower>(config(), debate(kLive), std::chrono::milliseconds(60000));
  ASSERT_TRUE(waitPolls(*idle, 1));
  auto t0 = std::chrono::steady_clock::now();
  idle.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
  // In the middle of a request the server holds for 10 s.
  control("/control/fault?source=dd&fault=stall&count=1");
  auto busy = std::make_unique<DebateFollower>(config(), debate(kLive), 200ms);
  std::this_thread::sleep_for(300ms);
  t0 = std::chrono::steady_clock::now();
  busy.reset();
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  std::printf("stop during a stalled request: %lld ms\n", static_cast<long long>(took.count()));
  // curl notices the cancellation in its progress callback, called about once a second on an
  // idle connection (measured: 0.9 s).
  EXPECT_LT(took, 2000ms);
}

// How many requests for the live debate the server has seen.
int debateRequests() {
  ml::net::HttpClient client;
  ml::net::HttpRequest req;
  req.url = server().url("/control/requests");
  req.totalTimeout = 5s;
  const std::string body = client.get(req).body;
  int n = 0;
  for (auto p = body.find("/debates/" + kLive); p != std::string::npos; p = body.find("/debates/" + kLive, p + 1)) ++n;
  return n;
}

TEST_F(Follower, PollsAtItsIntervalAndSlowerWhileFailing) {
  {
    DebateFollower f(config(), debate(kLive), 200ms);
    std::this_thread::sleep_for(1100ms);
  }
  const int healthy = debateRequests();
  EXPECT_GE(healthy, 3);
  EXPECT_LE(healthy, 7);  // about one per 200 ms
  control("/control/reset");
  control("/control/fault?source=dd&fault=500");
  {
    DebateFollower f(config(), debate(kLive), 200ms);
    std::this_thread::sleep_for(2100ms);
  }
  const int failing = debateRequests();
  EXPECT_GE(failing, 2);
  EXPECT_LE(failing, 6);  // 200, 400, 600, 800, 800 ms apart: fewer than 10 at the interval
}

TEST_F(Follower, StopsPollingOnceTheDebateHasEnded) {
  DebateFollower f(config(), debate(kEnded), 200ms);
  ASSERT_TRUE(waitPolls(f, 1));
  EXPECT_EQ(f.status(), ml::DebateStatus::Ended);
  std::this_thread::sleep_for(700ms);
  EXPECT_EQ(f.goodPolls(), 1u);
  EXPECT_TRUE(f.takeFresh().empty());  // its 18 events were all known
}

TEST_F(Follower, OfflineSaysSoAndPollsNothing) {
  auto c = config();
  c.offline = true;
  DebateFollower f(c, debate(kLive), 200ms);
  EXPECT_TRUE(readable(f.fd(), 0ms));
  const auto notes = f.takeNotes();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("Zonder netwerk"), std::string::npos);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(f.goodPolls(), 0u);
  EXPECT_FALSE(f.status().has_value());
}

}  // namespace
