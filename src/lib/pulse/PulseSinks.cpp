#include "lib/pulse/PulseSinks.h"

#include <dlfcn.h>
#include <pulse/context.h>
#include <pulse/introspect.h>
#include <pulse/mainloop.h>
#include <pulse/operation.h>

#include <chrono>
#include <mutex>
#include <string>

#include "core/Log.h"

namespace ml::pulse {
namespace {

// The libpulse functions used, bound at run time.
struct PulseLib {
  decltype(&::pa_mainloop_new) mainloopNew;
  decltype(&::pa_mainloop_free) mainloopFree;
  decltype(&::pa_mainloop_get_api) mainloopGetApi;
  decltype(&::pa_mainloop_prepare) mainloopPrepare;
  decltype(&::pa_mainloop_poll) mainloopPoll;
  decltype(&::pa_mainloop_dispatch) mainloopDispatch;
  decltype(&::pa_context_new) contextNew;
  decltype(&::pa_context_unref) contextUnref;
  decltype(&::pa_context_connect) contextConnect;
  decltype(&::pa_context_disconnect) contextDisconnect;
  decltype(&::pa_context_get_state) contextGetState;
  decltype(&::pa_context_get_server_info) getServerInfo;
  decltype(&::pa_context_get_sink_info_list) getSinkInfoList;
  decltype(&::pa_operation_get_state) operationGetState;
  decltype(&::pa_operation_unref) operationUnref;
};

template <typename F>
bool bind(void* handle, const char* name, F& out) {
  void* sym = dlsym(handle, name);
  if (sym == nullptr) {
    log::debug("libpulse mist de functie {}", name);
    return false;
  }
  out = reinterpret_cast<F>(sym);
  return true;
}

const PulseLib* loadLib() {
  static std::once_flag once;
  static PulseLib lib{};
  static bool ok = false;
  std::call_once(once, [] {
    void* handle = dlopen("libpulse.so.0", RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      log::debug("libpulse niet geladen: geen lijst van de geluidsserver");
      return;
    }
    // Never dlclose: ALSA's pulse plugin may use the same library later.
    ok = bind(handle, "pa_mainloop_new", lib.mainloopNew) && bind(handle, "pa_mainloop_free", lib.mainloopFree) &&
         bind(handle, "pa_mainloop_get_api", lib.mainloopGetApi) &&
         bind(handle, "pa_mainloop_prepare", lib.mainloopPrepare) &&
         bind(handle, "pa_mainloop_poll", lib.mainloopPoll) &&
         bind(handle, "pa_mainloop_dispatch", lib.mainloopDispatch) && bind(handle, "pa_context_new", lib.contextNew) &&
         bind(handle, "pa_context_unref", lib.contextUnref) && bind(handle, "pa_context_connect", lib.contextConnect) &&
         bind(handle, "pa_context_disconnect", lib.contextDisconnect) &&
         bind(handle, "pa_context_get_state", lib.contextGetState) &&
         bind(handle, "pa_context_get_server_info", lib.getServerInfo) &&
         bind(handle, "pa_context_get_sink_info_list", lib.getSinkInfoList) &&
         bind(handle, "pa_operation_get_state", lib.operationGetState) &&
         bind(handle, "pa_operation_unref", lib.operationUnref);
  });
  return ok ? &lib : nullptr;
}

struct Collected {
  std::vector<audio::OutputDevice> sinks;
  std::string defaultSink;
  bool sinksDone = false, serverDone = false, failed = false;
};

void onSink(pa_context*, const pa_sink_info* info, int eol, void* user) {
  auto* c = static_cast<Collected*>(user);
  if (eol != 0) {
    if (eol < 0) c->failed = true;
    c->sinksDone = true;
    return;
  }
  if (info == nullptr || info->name == nullptr) return;
  audio::OutputDevice d;
  d.id = info->name;
  d.label = info->description != nullptr && *info->description != '\0' ? info->description : info->name;
  d.serverSink = true;
  c->sinks.push_back(std::move(d));
}

void onServer(pa_context*, const pa_server_info* info, void* user) {
  auto* c = static_cast<Collected*>(user);
  if (info != nullptr && info->default_sink_name != nullptr) c->defaultSink = info->default_sink_name;
  c->serverDone = true;
}

// One short main loop: connect, ask for the server's facts and its sinks, wait for both.
class Query {
 public:
  explicit Query(const PulseLib& lib) : lib_(lib) {
    loop_ = lib_.mainloopNew();
    if (loop_ != nullptr) context_ = lib_.contextNew(lib_.mainloopGetApi(loop_), "meeluister");
  }
  ~Query() {
    if (context_ != nullptr) {
      lib_.contextDisconnect(context_);
      lib_.contextUnref(context_);
    }
    if (loop_ != nullptr) lib_.mainloopFree(loop_);
  }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  std::optional<std::vector<audio::OutputDevice>> run() {
    if (context_ == nullptr) return std::nullopt;
    // No autospawn: listing devices never starts a sound server.
    if (lib_.contextConnect(context_, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) return std::nullopt;
    while (true) {
      const pa_context_state_t s = lib_.contextGetState(context_);
      if (s == PA_CONTEXT_READY) break;
      if (s == PA_CONTEXT_FAILED || s == PA_CONTEXT_TERMINATED || !step()) return std::nullopt;
    }
    Collected c;
    pa_operation* server = lib_.getServerInfo(context_, &onServer, &c);
    pa_operation* sinks = lib_.getSinkInfoList(context_, &onSink, &c);
    bool ok = server != nullptr && sinks != nullptr;
    while (ok && !(c.sinksDone && c.serverDone)) ok = step();
    if (server != nullptr) lib_.operationUnref(server);
    if (sinks != nullptr) lib_.operationUnref(sinks);
    if (!ok || c.failed) return std::nullopt;
    for (auto& d : c.sinks) d.isDefault = d.id == c.defaultSink;
    return std::move(c.sinks);
  }

 private:
  // One turn of the loop, bounded by the deadline; false on an error or when time is up.
  bool step() {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline_ - Clock::now()).count();
    if (left <= 0) {
      log::debug("de geluidsserver antwoordde niet op tijd");
      return false;
    }
    if (lib_.mainloopPrepare(loop_, static_cast<int>(left)) < 0) return false;
    if (lib_.mainloopPoll(loop_) < 0) return false;
    return lib_.mainloopDispatch(loop_) >= 0;
  }

  using Clock = std::chrono::steady_clock;
  const PulseLib& lib_;
  pa_mainloop* loop_ = nullptr;
  pa_context* context_ = nullptr;
  Clock::time_point deadline_ = Clock::now() + std::chrono::seconds(2);
};

}  // namespace

std::optional<std::vector<audio::OutputDevice>> listSinks() {
  const PulseLib* lib = loadLib();
  if (lib == nullptr) return std::nullopt;
  try {
    Query q(*lib);
    return q.run();
  } catch (const std::exception& e) {
    log::debug("lijst van de geluidsserver mislukt: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace ml::pulse
