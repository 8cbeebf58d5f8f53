// MPRIS2 on the D-Bus session bus (sd-bus): how media keys, headset buttons, desktop widgets
// and playerctl control meeluister. Object /org/mpris/MediaPlayer2, interfaces
// org.mpris.MediaPlayer2 and org.mpris.MediaPlayer2.Player.
//
// Thread contract: a Service and its Handler live on one thread, the app's. The app polls
// fd() for events() with timeoutMs(), then calls process(); the handler is called only from
// inside process(). Nothing here is thread-safe; no other thread may touch a Service.
// The handler may call update() or seeked() from inside its callbacks.
//
// Bus writes (Volume, Rate) only call the handler; the service keeps reporting the old value
// until the app calls update() with what it applied, and update() then signals it.
// Following the MPRIS spec, calls that a Can* property forbids are ignored: Next/Previous
// when !canGoNext/!canGoPrevious, Play when !canPlay, Pause when !canPause, Seek and
// SetPosition when !canSeek; PlayPause when !canPause answers an error.
#pragma once
#include <memory>
#include <string>

namespace ml::mpris {

struct State {
  std::string playbackStatus = "Stopped";  // "Playing", "Paused", "Stopped"
  std::string title;            // debate title (xesam:title)
  std::string artist;           // current speaker (xesam:artist, as a one-element array)
  std::string album;            // room + date (xesam:album)
  std::string url;              // xesam:url of the stream
  std::string trackId = "/nl/meeluister/debat/0";  // mpris:trackid object path
  double positionSeconds = 0;   // Position (microseconds on the bus; not signalled, read on demand)
  double lengthSeconds = 0;     // mpris:length when > 0
  bool canSeek = false;         // false when live
  bool canGoNext = false, canGoPrevious = false, canPlay = true, canPause = true;
  double volume = 1.0;          // 0..2 (MPRIS allows >1)
  double rate = 1.0, minimumRate = 0.5, maximumRate = 3.0;
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void playPause() = 0;
  virtual void play() = 0;
  virtual void pause() = 0;
  virtual void stop() = 0;
  virtual void next() = 0;
  virtual void previous() = 0;
  virtual void seek(double offsetSeconds) = 0;   // relative; the app clamps (spec: past end = Next)
  virtual void setPosition(double seconds) = 0;  // absolute (trackId checked by the service)
  virtual void setVolume(double volume) = 0;     // already clamped to 0..2
  virtual void setRate(double rate) = 0;         // already clamped to minimumRate..maximumRate
  virtual void quit() = 0;
};

class Service {
 public:
  // Connects to the session bus (DBUS_SESSION_BUS_ADDRESS) and requests
  // org.mpris.MediaPlayer2.meeluister, or org.mpris.MediaPlayer2.meeluister.instance<PID> when
  // taken. Throws std::runtime_error with a Dutch message when there is no session bus, or when
  // neither name can be had. Never destroy a Service from inside one of its handler calls.
  Service(Handler& handler, const State& initial);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // What to poll. After the bus connection is lost (logged once), fd() is -1, events() 0 and
  // timeoutMs() -1, so a poll() loop simply stops seeing it; update() then only stores.
  int fd() const;
  short events() const;
  int timeoutMs() const;  // -1 = no timeout; 0 when work is already queued

  void process();                    // handles everything pending; calls the handler
  void update(const State& s);       // emits PropertiesChanged for what changed (Position never)
  void seeked(double positionSeconds);  // the Seeked signal (after a jump)
  std::string busName() const;

  const State& state() const;        // the last state given (initial or update())
  bool connected() const;            // false once the bus connection was lost

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ml::mpris
