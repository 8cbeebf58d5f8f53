// The only file that includes sndfile.h: writes the mix to WAV or FLAC.
//
// Nothing written is lost silently: every write's result is checked. When one fails (disk
// full, file size limit), the file is closed at once, valid up to the last whole write (the
// WAV header counts what is there; a FLAC file is cut after its last whole frame), the
// failure is reported in Dutch (audio::reportSinkFailure; libsndfile's English goes to
// the log) and the app is woken (raiseSinkFailed) so the command ends with exit 1.
#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <sndfile.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <thread>
#include <vector>

#include "audio/AudioFormat.h"
#include "audio/Sink.h"
#include "core/Log.h"
#include "core/Signals.h"

namespace ml::audio {
namespace {

bool isFlac(const std::string& path) {
  std::string l = path;
  for (char& c : l) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return l.size() > 5 && l.compare(l.size() - 5, 5, ".flac") == 0;
}

// Why a file operation failed, in plain Dutch (errno of the failed call).
std::string dutchReason(int error) {
  switch (error) {
    case ENOSPC: return "de schijf is vol";
    case EDQUOT: return "de schijfruimte die u mag gebruiken is op";
    case EFBIG: return "het bestand wordt groter dan toegestaan";
    case EACCES:
    case EPERM: return "daar mag meeluister niet schrijven";
    case ENOENT: return "die map bestaat niet";
    case ENOTDIR: return "een deel van het pad is geen map";
    case EISDIR: return "dat is een map";
    case EROFS: return "die schijf is alleen-lezen";
    case EIO: return "de schijf geeft een fout";
    default: return "het besturingssysteem weigert";
  }
}

// Runs its own thread: waits until the decoder wrote (eventfd), renders what is there,
// writes it. Faster than real time when the source is.
class FileSink final : public Sink {
 public:
  FileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path)
      : mixer_(mixer), programme_(programme), path_(path), flac_(isFlac(path)) {
    if (!isKnownOutputType(path)) {
      throw std::runtime_error(fmt::format("meeluister kan '{}' niet schrijven: het bestand moet eindigen op {}.",
                                           path, knownOutputTypes()));
    }
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK, 0644);
    if (fd_ < 0) {
      throw std::runtime_error(fmt::format("Kan het bestand '{}' niet schrijven: {}.", path, dutchReason(errno)));
    }
    SF_INFO info{};
    info.samplerate = kSampleRate;
    info.channels = kChannels;
    info.format = flac_ ? (SF_FORMAT_FLAC | SF_FORMAT_PCM_16) : (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    errno = 0;
    file_ = sf_open_fd(fd_, SFM_WRITE, &info, SF_FALSE);
    if (file_ == nullptr) {
      const int error = errno;
      log::info("libsndfile: {}", sf_strerror(nullptr));
      close(fd_);
      fd_ = -1;
      throw std::runtime_error(fmt::format("Kan het bestand '{}' niet schrijven: {}.", path, dutchReason(error)));
    }
    goodEnd_ = lseek(fd_, 0, SEEK_CUR);
  }
  ~FileSink() override {
    stop();
    finish();
  }

  void start() override {
    thread_ = std::thread([this] { run(); });
  }
  void stop() override {
    stopping_.store(true);
    stopWakeup_.notify();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::vector<float> block(4096 * kChannels);
    programme_.watchData(true);
    while (!stopping_.load() && !mixer_.finished()) {
      std::size_t n = mixer_.renderAvailable(block.data(), 4096);
      if (n > 0) {
        // After a failure the mix is still drained (and dropped), so the pipeline can end.
        if (file_ != nullptr) write(block.data(), n);
        continue;
      }
      if (mixer_.finished()) break;
      pollfd fds[2] = {{programme_.dataWakeup().fd(), POLLIN, 0}, {stopWakeup_.fd(), POLLIN, 0}};
      // Also wake now and then: the stop limit may be reached by another route.
      poll(fds, 2, 500);
      programme_.dataWakeup().drain();
    }
    programme_.watchData(false);
    finish();
  }

  void write(const float* frames, std::size_t n) {
    errno = 0;
    const sf_count_t wrote = sf_writef_float(file_, frames, static_cast<sf_count_t>(n));
    if (wrote == static_cast<sf_count_t>(n) && sf_error(file_) == SF_ERR_NO_ERROR) {
      framesWritten_ += static_cast<std::uint64_t>(n);
      goodEnd_ = lseek(fd_, 0, SEEK_CUR);
      return;
    }
    fail(errno);
  }

  // A write failed: the file is closed now, cut back to its last whole write.
  void fail(int error) {
    log::info("libsndfile: {} ({})", sf_strerror(file_), path_);
    closeFile(true);
    const auto seconds = framesWritten_ / kSampleRate;
    const std::string kept = seconds == 0 ? "nog geen hele seconde"
                             : seconds == 1 ? "de eerste seconde"
                                            : fmt::format("de eerste {} seconden", seconds);
    reportSinkFailure(fmt::format("Het schrijven naar {} is mislukt: {}. Het bestand is afgesloten en bevat {}.",
                                  path_, dutchReason(error == 0 ? EIO : error), kept));
    raiseSinkFailed();
  }

  // Normal end: everything flushed and the header finalised; a failure then is reported too.
  void finish() {
    if (file_ == nullptr) return;
    if (!closeFile(false)) {
      const int error = errno;
      reportSinkFailure(fmt::format("Het afsluiten van {} is mislukt: {}. Het bestand is mogelijk niet compleet.",
                                    path_, dutchReason(error == 0 ? EIO : error)));
      raiseSinkFailed();
    }
  }

  // sf_close writes the header (WAV sizes, FLAC STREAMINFO) at the start of the file, which
  // needs no new space. After a failure the tail of a partial write is cut off: before the
  // close for WAV (its header then counts only whole frames), after it for FLAC (the encoder
  // may still write part of a frame while closing).
  bool closeFile(bool failed) {
    if (failed && !flac_) cutTail();
    const int closed = sf_close(file_);
    file_ = nullptr;
    if (failed && flac_) cutTail();
    const bool ok = closed == 0 && (failed || fsync(fd_) == 0 || errno == EINVAL);
    const int saved = errno;
    if (close(fd_) != 0 && ok) {
      fd_ = -1;
      return false;
    }
    fd_ = -1;
    errno = saved;
    return ok;
  }

  void cutTail() {
    if (goodEnd_ >= 0 && ftruncate(fd_, goodEnd_) != 0) log::info("{}: kan het einde niet afsnijden", path_);
  }

  ExitHold hold_;  // no abrupt exit on a signal while this file is open
  Mixer& mixer_;
  ProgrammeBuffer& programme_;
  std::string path_;
  bool flac_;
  int fd_ = -1;
  SNDFILE* file_ = nullptr;
  off_t goodEnd_ = -1;
  std::uint64_t framesWritten_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  Wakeup stopWakeup_;
};

}  // namespace

std::unique_ptr<Sink> makeFileSink(Mixer& mixer, ProgrammeBuffer& programme, const std::string& path) {
  return std::make_unique<FileSink>(mixer, programme, path);
}

}  // namespace ml::audio
