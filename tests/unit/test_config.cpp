#include <sys/stat.h>

#include <chrono>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

#include "app/Config.h"
#include "core/Paths.h"

using namespace ml::app;

namespace {
bool mentions(const std::vector<std::string>& warnings, const std::string& part) {
  for (const auto& w : warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

const char* kEverySetting = R"(# my settings
[algemeen]
modus = beide
uitgebreidheid = sprekers
spraak = speechd
spraaksnelheid = 320
volume = 150%
dempen-db = 20 dB
dempen-aanzet-ms = 50
dempen-loslaat-ms = 1200
dempen-pauzeert = ja
snelheid = 1,5
kleur = ja
hervatten = nee

[toetsen]
mute = x y
help =
)";
}  // namespace

TEST(Config, DefaultsWhenEmpty) {
  ScopedEnv noColour("NO_COLOR", nullptr);
  std::vector<std::string> warnings;
  const Settings s = parseSettings("", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(s.mode, OutputMode::SelfVoicing);
  EXPECT_EQ(s.verbosity, Verbosity::All);
  EXPECT_EQ(s.backend, SpeechBackend::Espeak);
  EXPECT_EQ(s.speechRate, 175);
  EXPECT_EQ(s.volumePercent, 100);
  EXPECT_DOUBLE_EQ(s.duckDb, 14);
  EXPECT_FALSE(s.colour);
  EXPECT_TRUE(s.resume);
  EXPECT_TRUE(s.keys.empty());
}

TEST(Config, EverySettingIsRead) {
  ScopedEnv noColour("NO_COLOR", nullptr);
  std::vector<std::string> warnings;
  const Settings s = parseSettings(kEverySetting, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(s.mode, OutputMode::Both);
  EXPECT_EQ(s.verbosity, Verbosity::Speakers);
  EXPECT_EQ(s.backend, SpeechBackend::SpeechDispatcher);
  EXPECT_EQ(s.speechRate, 320);
  EXPECT_EQ(s.volumePercent, 150);
  EXPECT_DOUBLE_EQ(s.duckDb, 20);
  EXPECT_DOUBLE_EQ(s.duckAttackSeconds, 0.05);
  EXPECT_DOUBLE_EQ(s.duckReleaseSeconds, 1.2);
  EXPECT_TRUE(s.duckPause);
  EXPECT_DOUBLE_EQ(s.speed, 1.5);
  EXPECT_TRUE(s.colour);
  EXPECT_FALSE(s.resume);
  EXPECT_EQ(s.keys.size(), 2u);
  EXPECT_EQ(s.keys.at("mute"), "x y");
  EXPECT_EQ(s.keys.at("help"), "") << "an empty value switches the action off";
}

TEST(Config, NamesAndValuesIgnoreCaseAndTrailingComments) {
  std::vector<std::string> warnings;
  const Settings s = parseSettings("Modus = Schermlezer   # mijn keuze\nsnelheid=2.25 ; sneller\n", warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(s.mode, OutputMode::ScreenReader);
  EXPECT_DOUBLE_EQ(s.speed, 2.25);
}

TEST(Config, BadValuesWarnWithTheLineAndKeepTheDefault) {
  std::vector<std::string> warnings;
  const Settings s = parseSettings(
      "modus = luid\nspraaksnelheid = 50\nspraaksnelheid = 175.5\nvolume = veel\nsnelheid = 4\n"
      "dempen-db = -3\nkleur = misschien\nsnelheid = nan\nvolume = 1e9\n",
      warnings);
  EXPECT_EQ(warnings.size(), 9u);
  EXPECT_EQ(s.mode, OutputMode::SelfVoicing);
  EXPECT_EQ(s.speechRate, 175);
  EXPECT_EQ(s.volumePercent, 100);
  EXPECT_DOUBLE_EQ(s.speed, 1.0);
  EXPECT_DOUBLE_EQ(s.duckDb, 14);
  EXPECT_FALSE(s.colour);
  EXPECT_TRUE(mentions(warnings, "instellingen, regel 1: 'luid' past niet bij modus"));
  EXPECT_TRUE(mentions(warnings, "regel 2: '50' past niet bij spraaksnelheid: verwacht een heel getal van 80 tot 900"));
  EXPECT_TRUE(mentions(warnings, "regel 9"));
}

TEST(Config, UnknownNamesSectionsAndActionsWarn) {
  std::vector<std::string> warnings;
  const Settings s = parseSettings(
      "taal = nl\ngeen gelijkteken\n[geluid]\nvolume = 5\n[toetsen]\ndansen = d\nmute = m\n", warnings);
  EXPECT_EQ(warnings.size(), 4u);
  EXPECT_TRUE(mentions(warnings, "regel 1: onbekende instelling 'taal'"));
  EXPECT_TRUE(mentions(warnings, "regel 2:"));
  EXPECT_TRUE(mentions(warnings, "regel 3: onbekend onderdeel '[geluid]'"));
  EXPECT_TRUE(mentions(warnings, "regel 6: onbekende actie 'dansen'"));
  EXPECT_EQ(s.volumePercent, 100) << "lines of an unknown section are skipped";
  EXPECT_EQ(s.keys.size(), 1u);
}

TEST(Config, RepeatedSettingLastWinsWithWarning) {
  std::vector<std::string> warnings;
  const Settings s = parseSettings("volume = 80\nvolume = 90\n[toetsen]\nmute = m\nmute = n\n", warnings);
  EXPECT_EQ(s.volumePercent, 90);
  EXPECT_EQ(s.keys.at("mute"), "n");
  EXPECT_EQ(warnings.size(), 2u);
  EXPECT_TRUE(mentions(warnings, "regel 2: 'volume' stond al op regel 1"));
}

TEST(Config, NoColorForcesColourOff) {
  std::vector<std::string> warnings;
  {
    ScopedEnv env("NO_COLOR", "1");
    EXPECT_FALSE(parseSettings("kleur = ja\n", warnings).colour);
  }
  {
    ScopedEnv env("NO_COLOR", nullptr);
    EXPECT_TRUE(parseSettings("kleur = ja\n", warnings).colour);
  }
  {
    ScopedEnv env("NO_COLOR", "");  // no-color.org: an empty value does not count
    EXPECT_TRUE(parseSettings("kleur = ja\n", warnings).colour);
  }
  EXPECT_TRUE(warnings.empty());
}

TEST(Config, NamesForCommandLineOptions) {
  EXPECT_EQ(outputModeFromName("schermlezer"), OutputMode::ScreenReader);
  EXPECT_EQ(outputModeFromName("beide"), OutputMode::Both);
  EXPECT_EQ(verbosityFromName("uit"), Verbosity::Off);
  EXPECT_EQ(speechBackendFromName("speech-dispatcher"), SpeechBackend::SpeechDispatcher);
  try {
    outputModeFromName("hard");
    FAIL() << "bad name accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("kies schermlezer, spraak of beide"), std::string::npos);
  }
  EXPECT_THROW(verbosityFromName("veel"), std::invalid_argument);
  for (auto m : {OutputMode::ScreenReader, OutputMode::SelfVoicing, OutputMode::Both}) {
    EXPECT_EQ(outputModeFromName(dutchName(m)), m);
  }
  for (auto v : {Verbosity::All, Verbosity::Speakers, Verbosity::Off}) EXPECT_EQ(verbosityFromName(dutchName(v)), v);
}

TEST(Config, LoadsFromTheConfigDirectory) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(MEELUISTER_TEST_BUILD_DIR) / "config-test";
  fs::remove_all(dir);
  ScopedEnv env("XDG_CONFIG_HOME", dir.c_str());
  std::vector<std::string> warnings;
  EXPECT_EQ(loadSettings(warnings).speechRate, 175);  // no file: defaults, no warning
  EXPECT_TRUE(warnings.empty());
  fs::create_directories(dir / "meeluister");
  std::ofstream(dir / "meeluister" / "config") << "spraaksnelheid = 250\nonzin = 1\n";
  const Settings s = loadSettings(warnings);
  EXPECT_EQ(s.speechRate, 250);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, (dir / "meeluister" / "config").string() + ", regel 2"));
  warnings.clear();
  fs::remove(dir / "meeluister" / "config");
  fs::create_directories(dir / "meeluister" / "config");  // a folder where the file should be
  EXPECT_EQ(loadSettings(warnings).speechRate, 175);
  EXPECT_TRUE(mentions(warnings, "geen gewoon bestand"));
  fs::remove_all(dir);
}

// A FIFO as the config file is refused at once (it used to hang the program until SIGKILL);
// so is a binary file (one warning, not one per "line").
TEST(Config, FifoAndBinaryConfigFilesAreRefusedWithOneWarning) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(MEELUISTER_TEST_BUILD_DIR) / "config-fifo-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "meeluister");
  ScopedEnv env("XDG_CONFIG_HOME", dir.c_str());
  const fs::path file = dir / "meeluister" / "config";
  ASSERT_EQ(mkfifo(file.c_str(), 0600), 0);
  std::vector<std::string> warnings;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(loadSettings(warnings).speechRate, 175);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "geen gewoon bestand"));
  fs::remove(file);

  std::string binary;
  for (int i = 0; i < 200000; ++i) binary.push_back(static_cast<char>((i * 7919) % 256));
  std::ofstream(file, std::ios::binary) << binary;
  warnings.clear();
  EXPECT_EQ(loadSettings(warnings).speechRate, 175);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "geen tekstbestand"));

  // Over 1 MB: only the beginning is read, cut at a line end, and said once.
  std::string big = "spraaksnelheid = 300\n";
  while (big.size() < (1u << 20) + 100) big += "# " + std::string(70, 'x') + "\n";
  std::ofstream(file, std::ios::binary | std::ios::trunc) << big;
  warnings.clear();
  EXPECT_EQ(loadSettings(warnings).speechRate, 300);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "groter dan 1 MB"));
  fs::remove_all(dir);
}

TEST(Config, SampleConfigIsValidAndAllCommentedOut) {
  std::ifstream in(std::string(MEELUISTER_SOURCE_DATA_DIR) + "/data/config.voorbeeld");
  ASSERT_TRUE(in.good());
  std::ostringstream read;
  read << in.rdbuf();
  const std::string text = read.str();
  std::vector<std::string> warnings;
  ScopedEnv noColour("NO_COLOR", nullptr);
  const Settings asShipped = parseSettings(text, warnings);
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(asShipped.speechRate, 175) << "the sample changes nothing until a line is uncommented";
  // Uncommenting every "# naam = waarde" line gives a file without warnings.
  std::string uncommented;
  int settingLines = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# ", 0) == 0 && (line.find(" = ") != std::string::npos || line.ends_with(" =")) && line.find("  ") == std::string::npos) {
      line = line.substr(2);
      ++settingLines;
    }
    uncommented += line + "\n";
  }
  const Settings uncommentedSettings = parseSettings(uncommented, warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_GE(settingLines, 12 + 3) << "every setting and a few keys are in the sample";
  EXPECT_EQ(uncommentedSettings.keys.size(), 3u);
}

TEST(Config, KeyOnTwoLinesGoesToTheLaterLine) {
  std::vector<std::string> warnings;
  const Settings s = parseSettings("[toetsen]\nmute = m x\ntime = Ctrl+T\nhelp = X ctrl+t\n", warnings);
  EXPECT_EQ(s.keys.at("mute"), "m x");  // "X" is another key than "x"
  EXPECT_EQ(s.keys.at("time"), "") << "its only key went to help";
  EXPECT_EQ(s.keys.at("help"), "X ctrl+t");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(mentions(warnings, "regel 4: Ctrl+t stond al bij time (regel 3); de laatste telt."));
}

TEST(Config, DeviceNamesAreKeptAsWritten) {
  std::vector<std::string> warnings;
  Settings s = parseSettings("[algemeen]\napparaat = Jabra Evolve 65   # koptelefoon\n"
                             "spraak-apparaat = \"Speakers # 2\"  ; de stem\n",
                             warnings);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_EQ(s.device, "Jabra Evolve 65");
  EXPECT_EQ(s.speechDevice, "Speakers # 2") << "a quoted value keeps its ' #'";
  s = parseSettings("apparaat =\n", warnings);
  EXPECT_TRUE(s.device.empty()) << "empty: the default device";
  s = parseSettings("apparaat = " + std::string(300, 'x') + "\n", warnings);
  EXPECT_TRUE(s.device.empty());
  EXPECT_TRUE(mentions(warnings, "apparaat"));
}

// $XDG_CONFIG_DIRS (default /etc/xdg): the system's files are read first, the least
// important first, then the listener's own; a later file wins per setting and per action,
// and a key the listener binds is taken from the action the system gave it to.
TEST(Config, SystemConfigIsReadFirstAndTheUserWinsPerSetting) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(MEELUISTER_TEST_BUILD_DIR) / "config-system-test";
  fs::remove_all(dir);
  for (const char* d : {"high/meeluister", "low/meeluister", "user/meeluister"}) fs::create_directories(dir / d);
  std::ofstream(dir / "low" / "meeluister" / "config") << "spraaksnelheid = 200\nvolume = 50\nsnelheid = 1,5\n";
  std::ofstream(dir / "high" / "meeluister" / "config")
      << "spraaksnelheid = 300\nmodus = beide\n[toetsen]\nmute = p\nplay-pause = space\n";
  std::ofstream(dir / "user" / "meeluister" / "config") << "spraaksnelheid = 400\n[toetsen]\nplay-pause = p\n";
  const std::string dirs = (dir / "high").string() + ":relative/ignored:" + (dir / "low").string();
  ScopedEnv system("XDG_CONFIG_DIRS", dirs.c_str());
  ScopedEnv user("XDG_CONFIG_HOME", (dir / "user").c_str());
  std::vector<std::string> warnings;
  const Settings s = loadSettings(warnings);
  EXPECT_TRUE(warnings.empty()) << (warnings.empty() ? "" : warnings.front());
  EXPECT_EQ(s.speechRate, 400);              // the user's
  EXPECT_EQ(s.mode, OutputMode::Both);       // the more important system file's
  EXPECT_EQ(s.volumePercent, 50);            // the less important one's, where nobody else says
  EXPECT_DOUBLE_EQ(s.speed, 1.5);
  EXPECT_EQ(s.keys.at("play-pause"), "p");   // the user's binding replaces the system's
  EXPECT_EQ(s.keys.at("mute"), "");          // p is the user's play-pause now
  // Without the user's file the system's settings hold; unset, /etc/xdg is the default.
  fs::remove(dir / "user" / "meeluister" / "config");
  EXPECT_EQ(loadSettings(warnings).speechRate, 300);
  ScopedEnv unset("XDG_CONFIG_DIRS", nullptr);
  ASSERT_FALSE(ml::paths::systemConfigDirs().empty());
  EXPECT_EQ(ml::paths::systemConfigDirs().front(), fs::path("/etc/xdg/meeluister"));
  fs::remove_all(dir);
}
