// The MPRIS service on a private dbus-daemon, driven by the real playerctl and busctl and by a
// second sd-bus connection. Everything sd-bus runs on the test thread; each child is bounded (5 s).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "DbusSession.h"
#include "MprisHarness.h"
#include "lib/sdbus/Mpris.h"

namespace {

using ml::mpris::Service;
using ml::mpris::State;
using mltest::Loop;
using Calls = std::vector<std::string>;

constexpr const char* kPath = "/org/mpris/MediaPlayer2";
constexpr const char* kPlayer = "org.mpris.MediaPlayer2.Player";

State recordedDebate() {
  State s;
  s.playbackStatus = "Playing";
  s.title = "Debat over de Voorjaarsnota";
  s.artist = "Mevrouw De Vries";
  s.album = "Plenaire zaal, 28 november 2026";
  s.url = "http://127.0.0.1/debat.m3u8";
  s.trackId = "/nl/meeluister/debat/7";
  s.positionSeconds = 42;
  s.lengthSeconds = 3600;
  s.canSeek = true;
  s.canGoNext = true;
  s.canGoPrevious = true;
  return s;
}

State liveDebate() {
  State s = recordedDebate();
  s.canSeek = false;
  s.canGoNext = false;
  s.canGoPrevious = false;
  s.lengthSeconds = 0;
  return s;
}

class MprisTest : public ::testing::Test {
 protected:
  mltest::DbusSession bus;
  mltest::RecordingHandler handler;

  std::vector<std::string> playerctl(std::initializer_list<std::string> args) {
    std::vector<std::string> v{"playerctl", "--player=meeluister"};
    v.insert(v.end(), args);
    return v;
  }
  std::vector<std::string> busctl(const Service& s, std::initializer_list<std::string> args) {
    std::vector<std::string> v{"busctl", "--address=" + bus.address(), "--", args.begin()[0],
                               s.busName(), kPath};
    v.insert(v.end(), args.begin() + 1, args.end());
    return v;
  }
};

TEST_F(MprisTest, TakesTheWellKnownName) {
  Service service(handler, recordedDebate());
  EXPECT_EQ(service.busName(), "org.mpris.MediaPlayer2.meeluister");
  EXPECT_TRUE(service.connected());
  EXPECT_GE(service.fd(), 0);
}

TEST_F(MprisTest, PlayerctlControlsTheHandler) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {playerctl({"play-pause"}), "playPause"},
      {playerctl({"next"}), "next"},
      {playerctl({"previous"}), "previous"},
      {playerctl({"position", "30"}), "setPosition 30.000"},
      {playerctl({"position", "5-"}), "seek -5.000"},
      {playerctl({"volume", "0.5"}), "setVolume 0.500"},
      {playerctl({"stop"}), "stop"},
      {playerctl({"pause"}), "pause"},
      {playerctl({"play"}), "play"},
  };
  for (const auto& [args, expected] : cases) {
    handler.calls.clear();
    auto r = loop.run(args);
    ASSERT_TRUE(r.finished) << args.at(2);
    EXPECT_EQ(r.exitCode, 0) << args.at(2) << ": " << r.err;
    EXPECT_EQ(handler.calls, Calls{expected}) << args.at(2);
  }
}

TEST_F(MprisTest, PlayerctlReadsTheState) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  auto out = [&](std::initializer_list<std::string> args) {
    auto r = loop.run(playerctl(args));
    EXPECT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.out;
  };
  EXPECT_EQ(out({"metadata", "title"}), "Debat over de Voorjaarsnota\n");
  EXPECT_EQ(out({"metadata", "artist"}), "Mevrouw De Vries\n");
  EXPECT_EQ(out({"metadata", "album"}), "Plenaire zaal, 28 november 2026\n");
  EXPECT_EQ(out({"metadata", "mpris:length"}), "3600000000\n");
  EXPECT_EQ(out({"status"}), "Playing\n");
  // While playing, playerctl adds the time since it read Position.
  EXPECT_NEAR(std::stod(out({"position"})), 42.0, 0.5);
  EXPECT_NEAR(std::stod(out({"volume"})), 1.0, 1e-6);
  EXPECT_TRUE(handler.calls.empty());

  // Position is read on demand: a new position shows without any signal.
  State later = recordedDebate();
  later.positionSeconds = 61.5;
  later.playbackStatus = "Paused";
  service.update(later);
  EXPECT_NEAR(std::stod(out({"position"})), 61.5, 1e-6);
  EXPECT_EQ(out({"status"}), "Paused\n");
}

TEST_F(MprisTest, LiveIgnoresSeekingAndSkipping) {
  Service service(handler, liveDebate());
  Loop loop;
  loop.add(service);
  for (auto args : {playerctl({"position", "30"}), playerctl({"position", "5-"}),
                    playerctl({"next"}), playerctl({"previous"})}) {
    auto r = loop.run(args);
    ASSERT_TRUE(r.finished);
  }
  auto r = loop.run(busctl(service, {"call", kPlayer, "Seek", "x", "-5000000"}));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(handler.calls.empty());
  // Once seekable, the same call goes through.
  service.update(recordedDebate());
  r = loop.run(busctl(service, {"call", kPlayer, "Seek", "x", "-5000000"}));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(handler.calls, Calls{"seek -5.000"});
}

TEST_F(MprisTest, SetPositionChecksTrackAndRange) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  auto setPosition = [&](const std::string& track, const std::string& micros) {
    auto r = loop.run(busctl(service, {"call", kPlayer, "SetPosition", "ox", track, micros}));
    EXPECT_EQ(r.exitCode, 0) << r.err;
  };
  setPosition("/nl/meeluister/debat/6", "30000000");    // another track
  setPosition("/nl/meeluister/debat/7", "-1");          // before the start
  setPosition("/nl/meeluister/debat/7", "3600000001");  // past the end
  EXPECT_TRUE(handler.calls.empty());
  setPosition("/nl/meeluister/debat/7", "3600000000");
  setPosition("/nl/meeluister/debat/7", "1500000");
  EXPECT_EQ(handler.calls, (Calls{"setPosition 3600.000", "setPosition 1.500"}));
}

TEST_F(MprisTest, BusctlReadsPropertiesAndWritesClamped) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  auto get = [&](const char* iface, const char* name) {
    auto r = loop.run(busctl(service, {"get-property", iface, name}));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.out;
  };
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "Identity"), "s \"meeluister\"\n");
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "DesktopEntry"), "s \"meeluister\"\n");
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "CanQuit"), "b true\n");
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "CanRaise"), "b false\n");
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "HasTrackList"), "b false\n");
  EXPECT_EQ(get("org.mpris.MediaPlayer2", "SupportedUriSchemes"), "as 0\n");
  EXPECT_EQ(get(kPlayer, "CanControl"), "b true\n");
  EXPECT_EQ(get(kPlayer, "CanSeek"), "b true\n");
  EXPECT_EQ(get(kPlayer, "Position"), "x 42000000\n");
  EXPECT_EQ(get(kPlayer, "MinimumRate"), "d 0.5\n");
  EXPECT_EQ(get(kPlayer, "MaximumRate"), "d 3\n");
  EXPECT_NE(get(kPlayer, "Metadata").find("\"mpris:trackid\" o \"/nl/meeluister/debat/7\""),
            std::string::npos);

  // The flags desktop widgets rely on: Position is read on demand, Volume and Rate writable.
  auto r = loop.run(busctl(service, {"introspect", kPlayer}));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  auto line = [&](const std::string& member) {
    auto at = r.out.find("\n." + member + " ");
    if (at == std::string::npos) return std::string();
    return r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
  };
  EXPECT_NE(line("Metadata").find("emits-change"), std::string::npos) << r.out;
  EXPECT_EQ(line("Position").find("emits-change"), std::string::npos) << line("Position");
  EXPECT_NE(line("Position").find("property"), std::string::npos) << r.out;
  EXPECT_NE(line("Volume").find("writable"), std::string::npos) << line("Volume");
  EXPECT_NE(line("Rate").find("writable"), std::string::npos) << line("Rate");
  EXPECT_NE(line("CanControl").find("const"), std::string::npos) << line("CanControl");
  EXPECT_NE(line("Seeked").find("signal"), std::string::npos) << r.out;

  auto set = [&](const char* name, const char* value) {
    auto w = loop.run(busctl(service, {"set-property", kPlayer, name, "d", value}));
    EXPECT_EQ(w.exitCode, 0) << w.err;
  };
  set("Volume", "3.5");
  set("Volume", "-1");
  set("Rate", "10");
  set("Rate", "0.1");
  set("Rate", "1.25");
  set("Rate", "0");  // the spec: acts as Pause
  EXPECT_EQ(handler.calls, (Calls{"setVolume 2.000", "setVolume 0.000", "setRate 3.000",
                                  "setRate 0.500", "setRate 1.250", "pause"}));
  // The service reports what the app applied, not what was asked.
  EXPECT_EQ(get(kPlayer, "Volume"), "d 1\n");

  r = loop.run(busctl(service, {"set-property", kPlayer, "Position", "x", "5"}));
  EXPECT_NE(r.exitCode, 0) << "Position is read-only";

  handler.calls.clear();
  for (const char* method : {"Quit", "Raise"}) {
    r = loop.run(busctl(service, {"call", "org.mpris.MediaPlayer2", method}));
    EXPECT_EQ(r.exitCode, 0) << r.err;
  }
  EXPECT_EQ(handler.calls, Calls{"quit"});
}

TEST_F(MprisTest, ErrorsForWhatCannotBeDone) {
  State s = recordedDebate();
  s.canPause = false;
  Service service(handler, s);
  auto client = mltest::openClient();
  Loop loop;
  loop.add(service);
  loop.add(client.get());
  auto call = [&](const char* member, const char* types, const char* arg) {
    mltest::CallResult result;
    sd_bus_slot* slot = nullptr;
    std::string name = service.busName();
    int r = arg ? sd_bus_call_method_async(client.get(), &slot, name.c_str(), kPath, kPlayer,
                                           member, mltest::onCallReply, &result, types, arg)
                : sd_bus_call_method_async(client.get(), &slot, name.c_str(), kPath, kPlayer,
                                           member, mltest::onCallReply, &result, types);
    EXPECT_GE(r, 0);
    EXPECT_TRUE(loop.runUntil([&] { return result.done; }));
    sd_bus_slot_unref(slot);
    return result.errorName;
  };
  EXPECT_EQ(call("OpenUri", "s", "http://127.0.0.1/x.mp3"),
            "org.freedesktop.DBus.Error.NotSupported");
  EXPECT_EQ(call("PlayPause", "", nullptr), "org.freedesktop.DBus.Error.NotSupported");
  EXPECT_EQ(call("Pause", "", nullptr), "");  // ignored, as the spec asks
  EXPECT_EQ(call("Seek", "s", "abc"), "org.freedesktop.DBus.Error.InvalidArgs");
  EXPECT_EQ(call("Vooruit", "", nullptr), "org.freedesktop.DBus.Error.UnknownMethod");
  EXPECT_TRUE(handler.calls.empty());
  EXPECT_EQ(call("Play", "", nullptr), "");
  EXPECT_EQ(handler.calls, Calls{"play"});
}

TEST_F(MprisTest, HandlerExceptionBecomesAnErrorReply) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  handler.throwOnPlayPause = true;
  auto r = loop.run(busctl(service, {"call", kPlayer, "PlayPause"}));
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.err.find("meeluister kon dit niet uitvoeren"), std::string::npos) << r.err;
  handler.throwOnPlayPause = false;
  r = loop.run(playerctl({"play-pause"}));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(handler.calls, Calls{"playPause"});
}

TEST_F(MprisTest, UpdateSignalsWhatChanged) {
  Service service(handler, recordedDebate());
  auto client = mltest::openClient();
  mltest::SignalRecorder signals(client.get(), service.busName());
  Loop loop;
  loop.add(service);
  loop.add(client.get());

  State s = recordedDebate();
  s.artist = "De heer Jansen";
  s.title = "Debat over de Najaarsnota";
  service.update(s);
  ASSERT_TRUE(loop.runUntil([&] { return !signals.changes.empty(); }));
  ASSERT_FALSE(signals.parseError);
  EXPECT_EQ(signals.changes[0].interface, kPlayer);
  EXPECT_EQ(signals.changes[0].names, std::vector<std::string>{"Metadata"});
  EXPECT_EQ(signals.changes[0].metadata["xesam:artist"], "De heer Jansen");
  EXPECT_EQ(signals.changes[0].metadata["xesam:title"], "Debat over de Najaarsnota");
  EXPECT_EQ(signals.changes[0].metadata["mpris:trackid"], "/nl/meeluister/debat/7");
  EXPECT_EQ(signals.changes[0].metadata["mpris:length"], "3600000000");

  // Position alone is never signalled; the next signal carries only the status change.
  s.positionSeconds = 100;
  service.update(s);
  s.playbackStatus = "Paused";
  s.volume = 0.5;
  service.update(s);
  ASSERT_TRUE(loop.runUntil([&] { return signals.changes.size() >= 2; }));
  EXPECT_EQ(signals.changes[1].names, (std::vector<std::string>{"PlaybackStatus", "Volume"}));
  EXPECT_EQ(signals.changes[1].values["PlaybackStatus"], "Paused");
  EXPECT_EQ(signals.changes[1].values["Volume"], "0.5");

  s.canSeek = false;
  service.update(s);
  service.seeked(12.5);
  ASSERT_TRUE(loop.runUntil([&] { return signals.changes.size() >= 3 && !signals.seeks.empty(); }));
  EXPECT_EQ(signals.changes[2].names, std::vector<std::string>{"CanSeek"});
  EXPECT_EQ(signals.changes[2].values["CanSeek"], "0");
  EXPECT_EQ(signals.seeks, std::vector<std::int64_t>{12500000});
  EXPECT_EQ(signals.changes.size(), 3u);
}

// The way an app answers: it applies a bus write and calls update() from inside the handler.
class ApplyingHandler : public mltest::RecordingHandler {
 public:
  Service* service = nullptr;
  void setVolume(double v) override {
    RecordingHandler::setVolume(v);
    State s = service->state();
    s.volume = v;
    service->update(s);
  }
};

TEST_F(MprisTest, HandlerMayUpdateFromInsideACall) {
  ApplyingHandler applying;
  Service service(applying, recordedDebate());
  applying.service = &service;
  auto client = mltest::openClient();
  mltest::SignalRecorder signals(client.get(), service.busName());
  Loop loop;
  loop.add(service);
  loop.add(client.get());
  auto r = loop.run(playerctl({"volume", "0.25"}));
  EXPECT_EQ(r.exitCode, 0) << r.err;
  ASSERT_TRUE(loop.runUntil([&] { return !signals.changes.empty(); }));
  EXPECT_EQ(signals.changes[0].names, std::vector<std::string>{"Volume"});
  EXPECT_EQ(signals.changes[0].values["Volume"], "0.25");
  r = loop.run(playerctl({"volume"}));
  EXPECT_NEAR(std::stod(r.out), 0.25, 1e-9);
  EXPECT_EQ(applying.calls, Calls{"setVolume 0.250"});
}

TEST_F(MprisTest, OddStateStillReads) {
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  State s = recordedDebate();
  s.title = "kapot \xC3 en \xFF einde";
  s.trackId = "geen pad";
  s.volume = std::nan("");
  s.rate = 99;
  s.positionSeconds = -5;
  s.lengthSeconds = std::nan("");
  s.playbackStatus = "Onzin";
  service.update(s);
  auto get = [&](const char* name) {
    auto r = loop.run(busctl(service, {"get-property", kPlayer, name}));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    return r.out;
  };
  std::string metadata = get("Metadata");
  // busctl prints non-ASCII bytes in octal: U+FFFD is \357\277\275.
  EXPECT_NE(metadata.find(R"(kapot \357\277\275 en \357\277\275 einde)"), std::string::npos)
      << metadata;
  EXPECT_NE(metadata.find("/org/mpris/MediaPlayer2/TrackList/NoTrack"), std::string::npos);
  EXPECT_EQ(metadata.find("mpris:length"), std::string::npos);
  EXPECT_EQ(get("Volume"), "d 1\n");
  EXPECT_EQ(get("Rate"), "d 3\n");
  EXPECT_EQ(get("Position"), "x 0\n");
  EXPECT_EQ(get("PlaybackStatus"), "s \"Stopped\"\n");
  auto r = loop.run(busctl(service, {"set-property", kPlayer, "Volume", "d", "nan"}));
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(handler.calls.empty());
}

TEST_F(MprisTest, SecondServiceGetsTheInstanceName) {
  Service first(handler, recordedDebate());
  mltest::RecordingHandler otherHandler;
  Service second(otherHandler, liveDebate());
  EXPECT_EQ(first.busName(), "org.mpris.MediaPlayer2.meeluister");
  EXPECT_EQ(second.busName(),
            "org.mpris.MediaPlayer2.meeluister.instance" + std::to_string(getpid()));
  // A third in the same process has no name left: a Dutch error, not a crash.
  try {
    Service third(otherHandler, liveDebate());
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("niet te krijgen"), std::string::npos) << e.what();
  }
  Loop loop;
  loop.add(first);
  loop.add(second);
  auto r = loop.run({"playerctl", "--list-all"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("meeluister\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("meeluister.instance" + std::to_string(getpid()) + "\n"), std::string::npos)
      << r.out;
  // Each answers for itself.
  r = loop.run({"busctl", "--address=" + bus.address(), "call", second.busName(), kPath, kPlayer,
                "Stop"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(handler.calls.empty());
  EXPECT_EQ(otherHandler.calls, Calls{"stop"});
}

TEST_F(MprisTest, LostBusIsSurvived) {
  auto own = std::make_unique<mltest::DbusSession>();
  Service service(handler, recordedDebate());
  Loop loop;
  loop.add(service);
  own.reset();  // the daemon dies
  EXPECT_TRUE(loop.runUntil([&] { return !service.connected(); }));
  EXPECT_EQ(service.fd(), -1);
  EXPECT_EQ(service.events(), 0);
  EXPECT_EQ(service.timeoutMs(), -1);
  State s = recordedDebate();
  s.playbackStatus = "Paused";
  service.update(s);  // only stored
  service.seeked(3);
  service.process();
  EXPECT_EQ(service.state().playbackStatus, "Paused");
}

}  // namespace
