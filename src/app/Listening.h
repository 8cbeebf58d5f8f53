// Runs the interactive player (Session) on one stream with the shared UI context.
#pragma once
#include "app/Session.h"
#include "app/UiContext.h"
#include "sources/SourceConfig.h"

namespace ml::app {

class Args;
PlayOptions playOptionsFrom(const Args& a);

SessionEnd listenTo(SessionOptions options, UiContext& ctx);
// The bundled example debate, offline (CmdDemo.cpp); `fromMenu`: Escape comes back.
SessionEnd playExample(UiContext& ctx, PlayOptions play, bool fromMenu);

// Speech with no stream playing (the day's list): a mixer over an empty programme and
// the device, for as long as this lives. Does nothing when meeluister does not speak.
class SpeechOnlyAudio {
 public:
  explicit SpeechOnlyAudio(UiContext& ctx);
  ~SpeechOnlyAudio();
  SpeechOnlyAudio(const SpeechOnlyAudio&) = delete;
  SpeechOnlyAudio& operator=(const SpeechOnlyAudio&) = delete;

 private:
  audio::ProgrammeBuffer programme_{0.1};
  std::unique_ptr<audio::Mixer> mixer_;
  std::unique_ptr<audio::Sink> sink_;
};

}  // namespace ml::app
