// What every interactive command shares: the settings (config file + options), the key
// map, the terminal, the speech (engine or speech-dispatcher) and the output lines, and
// the signalfd for SIGINT/SIGTERM (with a watch that honours them before a loop reads it).
// Made once per run on the app thread.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/Args.h"
#include "app/Config.h"
#include "app/Output.h"
#include "app/SoundDevices.h"
#include "audio/SpeechBuffer.h"
#include "core/Signals.h"
#include "speech/Speaker.h"
#include "ui/KeyMap.h"
#include "ui/Terminal.h"

namespace ml::app {

// `spec` plus the options every interactive command takes: --modus, --uitgebreidheid,
// --spraak, --spraaksnelheid, --geen-mpris, --apparaat, --spraak-apparaat.
ArgSpec withUiOptions(ArgSpec spec);

struct UiContext {
  Settings settings;
  DeviceRoute devices;  // the sound devices (--apparaat, --spraak-apparaat, the config file)
  ui::KeyMap keys;
  std::unique_ptr<ui::Terminal> terminal;
  std::unique_ptr<audio::SpeechBuffer> speech;  // only when meeluister speaks itself
  std::unique_ptr<speech::Speaker> speaker;  // null: meeluister does not speak itself
  std::unique_ptr<Output> output;
  int signalFd = -1;
  bool mpris = true;
  // Cancelled on SIGINT/SIGTERM: pass it to what blocks before a poll() loop reads the
  // signalfd (resolving a debate). The watch behind it ends a phase that does not stop at
  // once (terminal back, "Gestopt.", exit 130/143), never while a file is being written.
  CancelPtr interrupt = std::make_shared<CancelToken>();
  std::unique_ptr<SignalWatch> signalWatch;

  bool interactive() const { return terminal && terminal->interactive(); }
  // A poll() loop (Session, Menu) reads the signalfd from now on: the watch stops.
  void loopReadsSignals() { signalWatch.reset(); }
  // The loop ended (back to the day's list): a watch again for what blocks next.
  void watchSignals();
  ~UiContext();
};

// Reads the config file and the options. Without a terminal and without --modus, the
// output is print-only (scripts and files get no speech mixed in). Throws UsageError.
std::unique_ptr<UiContext> makeUiContext(const Args& a);

}  // namespace ml::app
