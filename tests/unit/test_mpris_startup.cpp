// Start-up without a usable session bus: none at all, or one that never answers.
// Both must end in a Dutch std::runtime_error, the silent one within seconds.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "DbusSession.h"
#include "MprisHarness.h"
#include "lib/sdbus/Mpris.h"

namespace {

using ml::mpris::Service;
using ml::mpris::State;

// Without a session bus the service refuses in Dutch.
TEST(MprisNoBus, ThrowsInDutch) {
  char tmpl[] = "/tmp/ml-runtime-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  mltest::RecordingHandler handler;
  for (const char* address : {static_cast<const char*>(nullptr), "unix:path=/nonexistent/ml/bus"}) {
    mltest::ScopedEnv noAddress("DBUS_SESSION_BUS_ADDRESS", address);
    mltest::ScopedEnv emptyRuntime("XDG_RUNTIME_DIR", tmpl);
    try {
      Service service(handler, State{});
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("Geen D-Bus-sessiebus gevonden"), std::string::npos)
          << e.what();
    }
  }
  std::filesystem::remove_all(tmpl);
}

// A bus that accepts the connection but never answers: start-up gives up within seconds.
TEST(MprisNoBus, SilentBusTimesOut) {
  char tmpl[] = "/tmp/ml-silent-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string path = std::string(tmpl) + "/bus";
  int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(listener, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(listener, 4), 0);
  mltest::ScopedEnv address("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + path).c_str());
  mltest::RecordingHandler handler;
  auto start = std::chrono::steady_clock::now();
  try {
    Service service(handler, State{});
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("antwoordt niet"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(6));
  close(listener);
  std::filesystem::remove_all(tmpl);
}

}  // namespace
