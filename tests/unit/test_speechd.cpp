// SpeechdSpeaker against a real, private speech-dispatcher (0.11, espeak-ng module) that
// plays into a private PulseAudio null sink, recorded with parecord: speech is accepted,
// is heard, ends (idle) in bounded time, and stop() cuts a long text at once.
// Each test starts its own daemons in a temporary folder and stops them afterwards.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "lib/speechd/SpeechdSpeaker.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kRecordRate = 48000;

// A child process with extra environment variables; stopped (SIGTERM, then SIGKILL) at the end.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
        const fs::path& output) {
    std::vector<std::string> envStrings;
    for (char** e = environ; *e != nullptr; ++e) {
      std::string kv(*e);
      if (env.count(kv.substr(0, kv.find('='))) == 0) envStrings.push_back(kv);
    }
    for (const auto& [k, v] : env) envStrings.push_back(k + "=" + v);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (auto& e : envStrings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int rc = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  }
  ~Child() { stop(SIGTERM); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool running() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) pid_ = -1;
    return pid_ > 0;
  }
  // Sends `sig` and waits (bounded) for the end; SIGKILL when it does not come.
  void stop(int sig) {
    if (!running()) return;
    kill(pid_, sig);
    for (auto deadline = Clock::now() + 5s; Clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
      if (!running()) return;
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

int runQuiet(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
             const fs::path& output) {
  Child c(argv, env, output);
  for (auto deadline = Clock::now() + 5s; Clock::now() < deadline; std::this_thread::sleep_for(20ms)) {
    if (!c.running()) return 0;  // exit status is not needed: callers look at the effect
  }
  return -1;
}

void writeFile(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
}

// The private daemons: PulseAudio with a 48 kHz null sink, speech-dispatcher with only the
// espeak-ng module and Dutch as its language, and parecord on the sink's monitor.
class SpeechdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/ml-speechd-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    fs::create_directories(dir_ / "xdg");
    fs::permissions(dir_ / "xdg", fs::perms::owner_all);
    fs::create_directories(dir_ / "conf" / "modules");
    fs::create_directories(dir_ / "log");
    env_ = {{"XDG_RUNTIME_DIR", (dir_ / "xdg").string()},
            {"HOME", dir_.string()},
            {"PULSE_SERVER", "unix:" + (dir_ / "pulse.sock").string()}};
    startPulse();
    startSpeechd();
    recording_ = dir_ / "heard.raw";
    recorder_ = std::make_unique<Child>(
        std::vector<std::string>{"parecord", "--raw", "--latency-msec=20", "--device=test_sink.monitor",
                                 "--channels=1", "--rate=48000", "--format=s16le", recording_.string()},
        env_, dir_ / "log" / "parecord.log");
    recordStart_ = Clock::now();
    std::this_thread::sleep_for(300ms);
  }

  void TearDown() override {
    recorder_.reset();
    speechd_.reset();
    pulse_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  void startPulse() {
    pulse_ = std::make_unique<Child>(
        std::vector<std::string>{"pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "-L",
                                 "module-null-sink sink_name=test_sink rate=48000 norewinds=1", "-L",
                                 "module-native-protocol-unix auth-anonymous=1 socket=" +
                                     (dir_ / "pulse.sock").string()},
        env_, dir_ / "log" / "pulse.log");
    for (auto deadline = Clock::now() + 10s; Clock::now() < deadline; std::this_thread::sleep_for(50ms)) {
      if (fs::exists(dir_ / "pulse.sock")) {
        runQuiet({"pactl", "info"}, env_, dir_ / "log" / "pactl.log");
        return;
      }
    }
    FAIL() << "PulseAudio did not start";
  }

  void startSpeechd() {
    writeFile(dir_ / "conf" / "speechd.conf",
              "LogLevel 3\n"
              "LogDir \"" + (dir_ / "log").string() + "\"\n"
              "AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\n"
              "DefaultModule espeak-ng\n"
              "DefaultLanguage \"nl\"\n"
              "AudioOutputMethod \"pulse\"\n");
    writeFile(dir_ / "conf" / "modules" / "espeak-ng.conf",
              "EspeakMinRate 80\nEspeakNormalRate 170\nEspeakMaxRate 449\nEspeakIndexing 1\n");
    socket_ = dir_ / "speechd.sock";
    speechd_ = std::make_unique<Child>(
        std::vector<std::string>{"speech-dispatcher", "-s", "-t", "60", "-C", (dir_ / "conf").string(), "-c",
                                 "unix_socket", "-S", socket_.string(), "-P", (dir_ / "speechd.pid").string()},
        env_, dir_ / "log" / "speechd.out");
    for (auto deadline = Clock::now() + 10s; Clock::now() < deadline; std::this_thread::sleep_for(50ms)) {
      if (fs::exists(socket_)) return;
      if (!speechd_->running()) break;
    }
    FAIL() << "speech-dispatcher did not start";
  }

  ml::speechd::SpeechdOptions options() const {
    ml::speechd::SpeechdOptions o;
    o.address = "unix_socket:" + socket_.string();
    o.autospawn = false;
    return o;
  }

  double sinceRecordStart() const {
    return std::chrono::duration<double>(Clock::now() - recordStart_).count();
  }

  // Stops the recorder; the times (seconds after recordStart_) of the 10 ms blocks louder
  // than a whisper.
  std::vector<double> loudBlocks() {
    recorder_->stop(SIGINT);
    std::ifstream in(recording_, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t block = kRecordRate / 100;
    const std::size_t samples = bytes.size() / 2;
    std::vector<double> loud;
    for (std::size_t b = 0; b + block <= samples; b += block) {
      int peak = 0;
      for (std::size_t i = b; i < b + block; ++i) {
        const auto lo = static_cast<unsigned char>(bytes[2 * i]);
        const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
        const auto v = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
        peak = std::max(peak, std::abs(static_cast<int>(v)));
      }
      if (peak > 1000) loud.push_back(static_cast<double>(b) / kRecordRate);
    }
    return loud;
  }

  fs::path dir_, socket_, recording_;
  std::map<std::string, std::string> env_;
  std::unique_ptr<Child> pulse_, speechd_, recorder_;
  Clock::time_point recordStart_;
};

struct Span {
  std::optional<double> first, last;
  double length() const { return first ? *last - *first : 0.0; }
};

// The first and last loud block in [from, to).
Span spanOf(const std::vector<double>& loud, double from = 0.0, double to = 1e9) {
  Span s;
  for (double t : loud) {
    if (t < from || t >= to) continue;
    if (!s.first) s.first = t;
    s.last = t;
  }
  return s;
}

const std::string kSentence = "De commissie Justitie en Veiligheid vergadert om 11.15 uur over mensenhandel.";

std::string longText() {
  std::string s;
  for (int i = 0; i < 8; ++i) s += kSentence + " ";
  return s;  // about 40 seconds at 175 words a minute
}

TEST(SpeechdRate, FollowsTheEspeakModuleScale) {
  EXPECT_EQ(ml::speechd::speechdRate(80), -100);
  EXPECT_EQ(ml::speechd::speechdRate(125), -50);
  EXPECT_EQ(ml::speechd::speechdRate(170), 0);
  EXPECT_EQ(ml::speechd::speechdRate(449), 100);
  EXPECT_EQ(ml::speechd::speechdRate(900), 100);
  EXPECT_EQ(ml::speechd::speechdRate(20), -100);
  int previous = -101;
  for (int w = 80; w <= 900; w += 10) {
    EXPECT_GE(ml::speechd::speechdRate(w), previous) << w;
    previous = ml::speechd::speechdRate(w);
  }
}

TEST(SpeechdUnreachable, SaysSoInDutch) {
  ml::speechd::SpeechdOptions o;
  o.address = "unix_socket:/tmp/ml-no-such-speechd-" + std::to_string(getpid()) + ".sock";
  o.autospawn = false;
  try {
    ml::speechd::SpeechdSpeaker speaker(o);
    FAIL() << "connected to a socket that does not exist";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("speech-dispatcher is niet bereikbaar"), std::string::npos) << e.what();
  }
}

TEST_F(SpeechdTest, SpeaksDutchAndBecomesIdle) {
  ml::speechd::SpeechdSpeaker speaker(options());
  EXPECT_EQ(speaker.describe(), "speech-dispatcher");
  EXPECT_TRUE(speaker.idle());
  const double sent = sinceRecordStart();
  ASSERT_TRUE(speaker.say(kSentence));
  EXPECT_FALSE(speaker.idle());
  ASSERT_TRUE(speaker.waitIdle(20s)) << "speech-dispatcher never reported the end";
  EXPECT_TRUE(speaker.idle());
  std::this_thread::sleep_for(300ms);
  const Span span = spanOf(loudBlocks());
  ASSERT_TRUE(span.first.has_value()) << "the sink heard nothing";
  EXPECT_GE(*span.first, sent - 0.05);
  const double seconds = span.length();
  // 12 words, times spoken out ("elf uur vijftien"): about 5 s at speech-dispatcher's rate.
  EXPECT_GT(seconds, 2.0);
  EXPECT_LT(seconds, 12.0);
}

TEST_F(SpeechdTest, RepliesAreAllSpokenOneAfterTheOther) {
  ml::speechd::SpeechdSpeaker speaker(options());
  const auto start = Clock::now();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(speaker.say(kSentence, ml::speech::Priority::Reply));
  ASSERT_TRUE(speaker.waitIdle(40s));
  const double took = std::chrono::duration<double>(Clock::now() - start).count();
  const Span span = spanOf(loudBlocks());
  ASSERT_TRUE(span.first.has_value()) << "the sink heard nothing";
  // Three replies are queued, not cut: three sentences' worth of speech.
  EXPECT_GT(span.length(), 7.0);
  EXPECT_GT(took, 7.0);
}

// speech-dispatcher drops a notification while a reply speaks and lets a newer echo replace
// an older one; each such message must still count as finished, or idle() would never come.
TEST_F(SpeechdTest, DroppedAndReplacedSpeechStillEnds) {
  ml::speechd::SpeechdSpeaker speaker(options());
  ASSERT_TRUE(speaker.say(kSentence, ml::speech::Priority::Reply));
  speaker.say("Nieuwe spreker: Kamerlid A.", ml::speech::Priority::Notification, "Kamerlid A.");
  for (int i = 1; i <= 3; ++i) speaker.say(fmt::format("Agendapunt {}: {}", i, kSentence), ml::speech::Priority::Echo);
  const auto start = Clock::now();
  ASSERT_TRUE(speaker.waitIdle(40s)) << "a dropped or replaced message never finished";
  // The reply and the newest echo (about 11 s), not all four sentences (over 20 s).
  EXPECT_LT(Clock::now() - start, 18s);
  const Span span = spanOf(loudBlocks());
  ASSERT_TRUE(span.first.has_value()) << "the sink heard nothing";
}

TEST_F(SpeechdTest, StopCutsALongTextAtOnce) {
  ml::speechd::SpeechdSpeaker speaker(options());
  ASSERT_TRUE(speaker.say(longText()));
  std::this_thread::sleep_for(2500ms);
  EXPECT_FALSE(speaker.idle());
  const double stoppedAt = sinceRecordStart();
  const auto t0 = Clock::now();
  speaker.stop();
  EXPECT_LT(Clock::now() - t0, 500ms);
  EXPECT_TRUE(speaker.idle());
  std::this_thread::sleep_for(1500ms);
  const Span span = spanOf(loudBlocks());
  ASSERT_TRUE(span.first.has_value()) << "the sink heard nothing before stop()";
  EXPECT_LT(*span.first, stoppedAt);
  EXPECT_LT(*span.last, stoppedAt + 0.5) << "speech went on " << (*span.last - stoppedAt) << " s after stop()";
  // Usable after a stop.
  ASSERT_TRUE(speaker.say("Klaar."));
  EXPECT_TRUE(speaker.waitIdle(10s));
}

// The daemon going away mid-sentence: the next say() is refused (no crash, no SIGPIPE
// death), and nothing of ours counts as speaking any more.
TEST_F(SpeechdTest, DaemonGoneIsRefusedNotFatal) {
  ml::speechd::SpeechdSpeaker speaker(options());
  ASSERT_TRUE(speaker.say(longText()));
  std::this_thread::sleep_for(1000ms);
  speechd_->stop(SIGKILL);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(speaker.say(kSentence));
  EXPECT_TRUE(speaker.waitIdle(2s));
  speaker.stop();  // harmless on a dead connection
}

TEST_F(SpeechdTest, FasterRateIsShorter) {
  ml::speechd::SpeechdSpeaker speaker(options());
  speaker.setRate(120);
  EXPECT_EQ(speaker.rate(), 120);
  ASSERT_TRUE(speaker.say(kSentence));
  ASSERT_TRUE(speaker.waitIdle(30s));
  const double split = sinceRecordStart() + 0.2;
  std::this_thread::sleep_for(400ms);
  speaker.setRate(400);
  ASSERT_TRUE(speaker.say(kSentence));
  ASSERT_TRUE(speaker.waitIdle(30s));
  std::this_thread::sleep_for(300ms);
  // Both in one recording: the slow one before `split`, the fast one after.
  const auto loud = loudBlocks();
  const Span slow = spanOf(loud, 0.0, split), fast = spanOf(loud, split);
  ASSERT_TRUE(slow.first && fast.first) << "the sink did not hear both";
  // 120 -> -56, 400 -> +82 on speech-dispatcher's scale: espeak-ng about 110 and 400 words a minute.
  EXPECT_GT(slow.length() / fast.length(), 2.0) << slow.length() << " s against " << fast.length() << " s";
}

}  // namespace
