// The only code that includes eSpeak NG's headers: the synthesizer in synchronous mode.
// eSpeak NG keeps global state, so at most one EspeakSynth may exist at a time, and all
// its members must be called from one thread (the speech engine's). eSpeak is initialized
// once per process and never terminated (1.51 hangs when initialized a second time).
// Text is always synthesized as plain text, never as SSML, so untrusted text can never be
// taken for markup.
#pragma once
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ml::espeak {

class EspeakSynth {
 public:
  // Receives mono 16-bit samples at sampleRate(); returns false to abort the utterance.
  using SampleSink = std::function<bool(const short* samples, std::size_t count)>;

  // Initializes eSpeak NG with its installed data. Throws std::runtime_error (Dutch).
  EspeakSynth();
  ~EspeakSynth();
  EspeakSynth(const EspeakSynth&) = delete;
  EspeakSynth& operator=(const EspeakSynth&) = delete;

  // Chooses the voice: the MBROLA voice `mbrolaName` (e.g. "mb-nl2") when its data and the
  // mbrola program are present, else the voice file `voiceFile` (a full eSpeak NG voice
  // file such as voices/meeluister-nl, at any path: any length, any characters), else
  // eSpeak's "nl". Returns a description of the voice chosen: for a voice file, the name
  // eSpeak NG reports for the voice it loaded (its "name" line). Never throws: it falls
  // back quietly (a debug log line).
  std::string selectVoice(const std::filesystem::path& voiceFile, const std::string& mbrolaName);

  int sampleRate() const;             // 22050 for eSpeak's own voices, 16000 for MBROLA
  void setRate(int wordsPerMinute);   // clamped to 80..450
  void setPitch(int pitch);           // 0..100, 50 normal
  void setVolume(int volume);         // 0..200, 100 normal

  // Synthesizes UTF-8 plain text; returns false when `sink` aborted it.
  bool speak(const std::string& text, const SampleSink& sink);

 private:
  bool trySetMbrola(const std::string& name);
  static std::optional<std::string> loadVoiceFile(const std::filesystem::path& voiceFile);
};

}  // namespace ml::espeak
