#include "lib/speechd/SpeechdSpeaker.h"

#include "lib/speechd/SpeechdLib.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "core/Log.h"
#include "text/DutchNormalizer.h"

namespace ml::speechd {

// The connection and what it has in flight. `mutex` guards the sets; libspeechd's event
// thread takes it (through onEvent) to mark messages finished.
struct SpeechdSpeaker::State {
  SpeechdOptions options;
  SPDConnection* conn = nullptr;
  std::size_t clientId = 0;
  std::atomic<int> rate{175};

  std::mutex sendMutex;  // one say() at a time, so message ids are recorded in order
  mutable std::mutex mutex;
  std::condition_variable idleCv;
  std::set<std::size_t> pending;  // accepted, neither ended nor cancelled yet
  std::set<std::size_t> early;    // ended before say() could record them
  std::size_t newest = 0;         // the highest id say() recorded
  int sending = 0;                // say() calls between sending and recording

  void record(std::size_t id);
  void finished(std::size_t id);
  bool idleLocked() const { return pending.empty() && sending == 0; }
};

namespace {

// libspeechd's callbacks carry no user pointer, only the client id: this maps it back.
std::mutex gRegistryMutex;
std::map<std::size_t, SpeechdSpeaker::State*> gRegistry;

void onEvent(std::size_t msgId, std::size_t clientId, SPDNotificationType) {
  try {
    std::lock_guard lock(gRegistryMutex);
    auto it = gRegistry.find(clientId);
    if (it != gRegistry.end()) it->second->finished(msgId);
  } catch (...) {  // never let an exception into libspeechd's thread
  }
}

SPDPriority spdPriority(speech::Priority p) {
  switch (p) {
    case speech::Priority::Error: return SPD_IMPORTANT;
    case speech::Priority::Echo: return SPD_TEXT;
    case speech::Priority::Reply: return SPD_MESSAGE;
    case speech::Priority::Notification: return SPD_NOTIFICATION;
  }
  return SPD_MESSAGE;
}

std::string socketPath(const std::string& address) {
  const std::string prefix = "unix_socket:";
  if (address.rfind(prefix, 0) == 0) return address.substr(prefix.size());
  if (address.find(':') != std::string::npos) {
    throw std::runtime_error("Alleen een adres als unix_socket:/pad/naar/speechd.sock wordt ondersteund, niet '" +
                             address + "'.");
  }
  return address;
}

SPDConnection* connect(const SpeechdOptions& o) {
  char* error = nullptr;
  SPDConnection* conn = nullptr;
  if (o.address.empty()) {
    conn = speechdLib().open2("meeluister", "main", nullptr, SPD_MODE_THREADED, nullptr, o.autospawn ? 1 : 0, &error);
  } else {
    std::string path = socketPath(o.address);
    SPDConnectionAddress address{};
    address.method = SPD_METHOD_UNIX_SOCKET;
    address.unix_socket_name = path.data();
    conn = speechdLib().open2("meeluister", "main", nullptr, SPD_MODE_THREADED, &address, o.autospawn ? 1 : 0, &error);
  }
  if (conn == nullptr) {
    log::debug("speech-dispatcher: {}", error != nullptr ? error : "geen reden bekend");
    std::free(error);
    throw std::runtime_error(
        "speech-dispatcher is niet bereikbaar. Is het geïnstalleerd en gestart? "
        "Zonder speech-dispatcher spreekt meeluister met zijn eigen stem.");
  }
  std::free(error);
  return conn;
}

void setUp(SPDConnection* conn, const SpeechdOptions& o, int rate) {
  conn->callback_end = onEvent;
  conn->callback_cancel = onEvent;
  bool ok = speechdLib().setDataMode(conn, SPD_DATA_TEXT) == 0;
  ok = ok && speechdLib().setNotificationOn(conn, SPD_END) == 0;
  ok = ok && speechdLib().setNotificationOn(conn, SPD_CANCEL) == 0;
  ok = ok && speechdLib().setVoiceRate(conn, speechdRate(rate)) == 0;
  if (!ok) throw std::runtime_error("speech-dispatcher weigerde de instellingen van meeluister.");
  if (speechdLib().setLanguage(conn, o.language.c_str()) != 0) {
    log::warn("speech-dispatcher kent de taal '{}' niet; het spreekt in zijn standaardtaal", o.language);
  }
}

}  // namespace

int speechdRate(int wordsPerMinute) {
  constexpr int kMin = 80, kNormal = 170, kMax = 449;  // the espeak-ng module's defaults
  const int w = std::clamp(wordsPerMinute, kMin, kMax);
  if (w <= kNormal) return (w - kNormal) * 100 / (kNormal - kMin);
  return (w - kNormal) * 100 / (kMax - kNormal);
}

void SpeechdSpeaker::State::record(std::size_t id) {
  std::lock_guard lock(mutex);
  if (early.erase(id) == 0) pending.insert(id);
  newest = std::max(newest, id);
}

void SpeechdSpeaker::State::finished(std::size_t id) {
  {
    std::lock_guard lock(mutex);
    // An id above the newest recorded one belongs to a say() still waiting for its reply;
    // an unknown older one was already forgotten by stop().
    if (pending.erase(id) == 0 && id > newest) early.insert(id);
  }
  idleCv.notify_all();
}

SpeechdSpeaker::SpeechdSpeaker(SpeechdOptions options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  s.rate = std::clamp(s.options.rate, speech::kMinRate, speech::kMaxRate);
  s.conn = connect(s.options);
  const int id = speechdLib().getClientId(s.conn);
  if (id < 0) {
    speechdLib().close(s.conn);
    throw std::runtime_error("speech-dispatcher antwoordt niet zoals verwacht (geen klantnummer).");
  }
  s.clientId = static_cast<std::size_t>(id);
  {
    std::lock_guard lock(gRegistryMutex);
    gRegistry[s.clientId] = &s;
  }
  try {
    setUp(s.conn, s.options, s.rate.load());
  } catch (...) {
    {
      std::lock_guard lock(gRegistryMutex);
      gRegistry.erase(s.clientId);
    }
    speechdLib().close(s.conn);
    throw;
  }
}

SpeechdSpeaker::~SpeechdSpeaker() {
  {
    std::lock_guard lock(gRegistryMutex);
    gRegistry.erase(state_->clientId);
  }
  speechdLib().cancel(state_->conn);
  speechdLib().close(state_->conn);
}

bool SpeechdSpeaker::say(std::string text, speech::Priority priority, std::string shortText) {
  State& s = *state_;
  if (priority == speech::Priority::Notification && !shortText.empty() && !idle()) text = std::move(shortText);
  if (s.options.normalize) {
    try {
      text = text::DutchNormalizer::standard().normalize(text);
    } catch (const std::exception& e) {
      log::warn("normaliseren mislukt, de tekst gaat ongewijzigd naar speech-dispatcher: {}", e.what());
    }
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return false;

  std::lock_guard send(s.sendMutex);
  {
    std::lock_guard lock(s.mutex);
    ++s.sending;
  }
  const int id = speechdLib().say(s.conn, spdPriority(priority), text.c_str());
  if (id >= 0) s.record(static_cast<std::size_t>(id));
  {
    std::lock_guard lock(s.mutex);
    --s.sending;
    // Refused: most likely the connection is gone, and with it every end report still due.
    if (id < 0) s.pending.clear();
  }
  s.idleCv.notify_all();
  if (id < 0) log::warn("speech-dispatcher weigerde een zin (verbinding verbroken?)");
  return id >= 0;
}

void SpeechdSpeaker::stop() {
  State& s = *state_;
  std::lock_guard send(s.sendMutex);
  speechdLib().cancel(s.conn);
  {
    std::lock_guard lock(s.mutex);
    s.pending.clear();
    s.early.clear();
  }
  s.idleCv.notify_all();
}

void SpeechdSpeaker::setRate(int wordsPerMinute) {
  State& s = *state_;
  s.rate = std::clamp(wordsPerMinute, speech::kMinRate, speech::kMaxRate);
  std::lock_guard send(s.sendMutex);
  if (speechdLib().setVoiceRate(s.conn, speechdRate(s.rate.load())) != 0) log::warn("speech-dispatcher weigerde het tempo");
}

int SpeechdSpeaker::rate() const { return state_->rate.load(); }

bool SpeechdSpeaker::idle() const {
  std::lock_guard lock(state_->mutex);
  return state_->idleLocked();
}

bool SpeechdSpeaker::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  return state_->idleCv.wait_for(lock, timeout, [this] { return state_->idleLocked(); });
}

}  // namespace ml::speechd
