// The sleep timer (issue 14): z cycles off, 15, 30, 60 minutes and, in a recording whose
// speakers are known, the end of this speaker's turn, and when the verbatim record gives the
// agenda items' times, the end of this agenda item; --slaaptimer MINUTEN starts with one.
// In its last kFade seconds the debate fades out (the gain falls from 1 to 0), then the
// player stops. Pure time arithmetic on the app thread; Session applies the gain and ends.
#pragma once
#include <chrono>
#include <optional>

namespace ml::app {

class SleepTimer {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr double kFadeSeconds = 10;

  // The choices z walks through, after off.
  enum class Choice { Off, Minutes15, Minutes30, Minutes60, EndOfTurn, EndOfItem };

  void set(double seconds, Clock::time_point now = Clock::now()) {
    deadline_ = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    length_ = seconds;
  }
  void off() { deadline_.reset(); }
  bool on() const { return deadline_.has_value(); }
  Choice choice() const { return choice_; }
  void setChoice(Choice c) { choice_ = c; }

  // Seconds left (0 once it has run out); only when on.
  double left(Clock::time_point now = Clock::now()) const {
    if (!deadline_) return 0;
    const double s = std::chrono::duration<double>(*deadline_ - now).count();
    return s > 0 ? s : 0;
  }
  // The debate's gain now: 1 until the fade, then down to 0 (linear in amplitude over
  // kFadeSeconds, or over half the timer when it is shorter than two fades).
  float gain(Clock::time_point now = Clock::now()) const {
    if (!deadline_) return 1.0f;
    const double fade = length_ < 2 * kFadeSeconds ? length_ / 2 : kFadeSeconds;
    const double l = left(now);
    if (fade <= 0 || l >= fade) return 1.0f;
    return static_cast<float>(l / fade);
  }
  bool expired(Clock::time_point now = Clock::now()) const { return deadline_ && now >= *deadline_; }

 private:
  std::optional<Clock::time_point> deadline_;
  double length_ = 0;
  Choice choice_ = Choice::Off;
};

}  // namespace ml::app
