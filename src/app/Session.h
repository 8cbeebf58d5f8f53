// The interactive player for one debate or stream: the stream (Player), the listener's
// keys (ui::Terminal + KeyMap), the output lines and speech (Output), live announcements
// (live::DebateFollower) and media keys (mpris::Service), in one poll() loop on the app
// thread. Who wakes it: the terminal fd (keys), the player's event fd, the mixer's
// finished fd, the follower's eventfd, the D-Bus fd, the signalfd, and a 250 ms tick
// (position for MPRIS and the resume point, the lone-Escape key timeout).
// Without a terminal (scripts, tests with a pipe) it plays like `listen` always did, and
// still prints live announcements.
#pragma once
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/Config.h"
#include "app/Navigation.h"
#include "app/Output.h"
#include "app/Player.h"
#include "app/Resume.h"
#include "app/SleepTimer.h"
#include "app/modes/Mode.h"
#include "app/modes/PlayingMode.h"
#include "audio/DeviceWatch.h"
#include "core/EventLoop.h"
#include "core/Debate.h"
#include "core/Time.h"
#include "lib/sdbus/Mpris.h"
#include "sources/SourceConfig.h"
#include "ui/KeyDecoder.h"
#include "ui/KeyMap.h"
#include "words/Transcript.h"

namespace ml::live {
class DebateFollower;
}
namespace ml::ui {
class Terminal;
}
namespace ml::words {
class SubtitleFeed;
class RecordFeed;
}

namespace ml::app {

struct SessionOptions {
  PlayOptions play;
  std::optional<Debate> debate;                  // what is known about the debate, if anything
  std::optional<sources::SourceConfig> sources;  // to follow a live debate's events
  Settings settings;
  bool explicitStart = false;  // --start given: no resume
  bool fromMenu = false;       // Escape goes back to the day's list
  bool mpris = true;
  bool announceDebate = true;  // say the debate's one short line and print its notes at the start
  bool resume = false;         // resume from the saved point also without a terminal (asked for)
};

// Interrupted: SIGINT (exit 130); Terminated: SIGTERM (exit 143).
// "11.20": the clock in the room (Dutch local time) at a UTC second; clockText adds " uur".
std::string roomClock(double utc);
std::string clockText(double utc);

enum class SessionEnd { Quit, Back, Ended, Failed, Interrupted, Terminated };
SessionEnd signalEnd(int signo);
int exitCode(SessionEnd end);

class Session : public mpris::Handler {
 public:
  // `terminal` may be null or not interactive: then no keys are read.
  Session(SessionOptions options, Output& output, ui::Terminal* terminal, const ui::KeyMap& keys,
          audio::SpeechBuffer* speech, int signalFd);
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  SessionEnd run();

  // mpris::Handler: media keys and playerctl, on the app thread.
  void playPause() override;
  void play() override;
  void pause() override;
  void stop() override;
  void next() override;
  void previous() override;
  void seek(double offsetSeconds) override;
  void setPosition(double seconds) override;
  void setVolume(double volume) override;
  void setRate(double rate) override;
  void quit() override;

 private:
  friend class PlayingMode;
  // Loop parts.
  void startMpris();
  void startFollower();
  void onKeys(const std::vector<std::string>& keys);
  void onKey(const std::string& key);
  void onStreamEvents();
  void onFollower();
  void onTick();
  void watchDevice();
  void sayFarewell();
  void onFinished();
  void onSignal(int signo);
  void onTerminal();
  void announceStart();
  void perform(ui::Action action);

  // Actions.
  void togglePause();
  void step(int direction);  // previous/next at the current level
  void stepSpeaker(int direction);
  void stepAgenda(int direction);
  void seekBy(double seconds);
  std::string notSeekable(const std::string& what) const;
  void seekTo(double position, const std::string& why);
  void goLive();
  // Time-shift on live (SessionTime.cpp): how far behind the live edge the listener is
  // now, the clock time in the room of what is heard (0: unknown), moving behind live.
  double behindLiveNow();
  double heardUtcLive();
  // `say`: what to say instead of "Terug naar ... achter live".
  void seekLive(double seconds, bool toEarliest = false, const std::string& say = {});
  std::string liveText();
  void watchCatchUp();
  // Further back than the Kamer keeps a live broadcast: the debate's recording of the day
  // so far (its vodUrl cut from the debate's start), placed by the clock (SessionTime.cpp).
  // "": none (not a live debate, or no recording known).
  std::string dayRecordingUrl() const;
  // `utc` 0: from the debate's start. `edgeUtc`: the live edge's clock time now.
  void playDayRecording(double utc, double edgeUtc, const std::string& say);
  // The day's recording played out or failed: on with the live stream (or the recording
  // again, when the listener is still further behind than the live stream keeps).
  void leaveDayRecording(bool failed);
  // The live stream again from `start` (from the day's recording or the live stream itself).
  void playLive(net::FetchOptions::Start start, double position = 0);
  // Behind live by less than this is "at live": no faster speed, the catch-up ends.
  static constexpr double kCatchUpMargin = 15;
  // How far back the Kamer keeps a live broadcast's segments after they left the window
  // (about 50 minutes; reference/tweede-kamer.md), less a margin.
  static constexpr double kLiveKeptSeconds = 45 * 60;
  void readParts(int which);  // 0 info, 1 agenda, 2 background
  void whereAmI();
  void sayTime();
  void help();
  void describeKeys();
  void goTo();
  void goToText(const std::string& text);
  void goToMoment(const Moment& m, const std::string& typed);
  // SessionTime.cpp: the list of parts, bookmarks, the sleep timer.
  void listParts();
  KeyResult closedList();
  void setBookmark();
  void listBookmarks();
  std::string bookmarkLabel(const resume::Bookmark& b) const;
  void cycleSleepTimer();
  // SessionWords.cpp: the subtitles as lines, the last sentence again, search (issue 12).
  void startSubtitles();
  void toggleSubtitles();
  void onSubtitleFeed();
  void printSubtitles();
  double wordsClock();
  double clockOfWords(double wordsTime) const;  // a cue's time as a position in the recording
  void repeatSentence(bool aloud);
  void search();
  void searchFor(const std::string& text);
  void searchStep(int direction);
  std::string hitLabel(const words::Line& hit) const;
  void playHit(std::size_t i);
  double hitPosition(const words::Line& hit) const;
  // The verbatim record (SessionWords.cpp): fetched beside a recording of a known debate;
  // its agenda items placed on the recording (position, end, title), by time.
  void startRecord();
  void onRecordFeed();
  struct AgendaMark {
    double position = 0, end = 0;
    std::string title;
  };
  std::vector<AgendaMark> agendaMarks() const;
  void watchSleepTimer();
  void applyVolume();
  void changeVolume(int deltaPercent);
  void toggleMute();
  void changeSpeechRate(int delta);
  void changeSpeed(double delta);
  void cycleVerbosity();
  void cycleOutputMode();

  // "Toets h voor hulp." with the listener's own key for `action` ("" when it has none).
  std::string hint(ui::Action action, const std::string& what) const;

  // State.
  // Only live is called live: an ended debate is a recording, also while its stream still
  // comes as a growing playlist.
  bool endedDebate() const { return options_.debate && options_.debate->status == DebateStatus::Ended; }
  bool live() const { return !recording_ && !endedDebate(); }
  double position();  // seconds into the recording (or behind live)
  std::string positionText();
  std::string currentSpeaker() const;
  // The speaker turns placed on the recording; rebuilt only when the timeline, the
  // recording's start or its length changed (it is asked four times a second for MPRIS).
  const std::vector<Turn>& turns() const;
  mpris::State mprisState();
  void saveResume();
  std::string resumeKey() const;

  SessionOptions options_;
  Output& out_;
  ui::Terminal* terminal_;
  const ui::KeyMap& keys_;
  int signalFd_;
  Player player_;
  EventLoop loop_;
  EventLoop::Id keyWatch_ = 0, busWatch_ = 0, escapeTimer_ = 0;
  ui::KeyDecoder decoder_;
  PlayingMode playing_;
  std::unique_ptr<Mode> mode_;  // a mode over playing (help, describer), or none
  std::unique_ptr<Mode> nextMode_;  // opened by a mode's key(): takes over after it
  std::unique_ptr<live::DebateFollower> follower_;
  std::unique_ptr<mpris::Service> mpris_;
  std::optional<SessionEnd> end_;

  bool interactive_ = false;
  bool recording_ = false;    // known once the stream says PlayingFrom
  bool started_ = false;      // the stream plays
  bool ended_ = false;        // the recording was played to its end
  bool failed_ = false;
  bool seeking_ = false;      // a jump was asked and said; its stream lines are not repeated
  double basePosition_ = 0;   // position of the last (re)start
  double recordingStartUtc_ = 0;
  double length_ = 0;
  unsigned timelineVersion_ = 0;  // counts changes of options_.debate->timeline
  struct TurnCache {
    bool valid = false;
    unsigned version = 0;
    double startUtc = 0, length = 0;
    std::vector<Turn> turns;
  };
  mutable TurnCache turnCache_;
  double behindLive_ = 0;       // behind the live edge when the live run started
  std::chrono::steady_clock::time_point liveSince_{};
  double liveStartUtc_ = 0;     // UTC of the first audio of the live run (0: unknown)
  std::string liveUrl_;         // the live stream (the source the session was opened with)
  bool onDayRecording_ = false; // on live, playing from the day's recording
  double dayEdgeUtc_ = 0;       // the live edge's clock time when the day's recording was asked
  std::chrono::steady_clock::time_point daySince_{};
  Level level_ = Level::Speaker;
  int agendaCursor_ = -1;
  int liveSpeakerCursor_ = -1;
  double speed_ = 1.0;
  int volumePercent_ = 100;
  std::chrono::steady_clock::time_point lastWhere_{};  // a second `w` soon after gives the rest
  std::chrono::steady_clock::time_point lastSave_{};
  // The device watch (onTick): the mixer's render count when it last moved, and when.
  audio::DeviceWatch deviceWatch_;
  SleepTimer sleep_;
  // The words (SessionWords.cpp).
  std::unique_ptr<words::SubtitleFeed> subtitles_;
  EventLoop::Id subtitlesWatch_ = 0;
  bool subtitlesOn_ = false;
  double wordsCursor_ = 0;                 // the words' clock up to which cues were printed
  bool wordsMoved_ = false;                // the cursor moved on (the first cues came)
  words::RollUp wordsRollUp_;              // the lines printed a moment ago
  std::string wordsSpeaker_;
  std::vector<std::pair<double, std::string>> wordsHistory_;  // printed lines, for r
  std::size_t repeatBack_ = 0;
  std::chrono::steady_clock::time_point lastRepeat_{};
  std::string searchQuery_;
  std::vector<words::Line> searchHits_;
  bool searchInRecord_ = false;  // the hits are the verbatim record's (on the clock)
  std::unique_ptr<words::RecordFeed> record_;
};

}  // namespace ml::app
