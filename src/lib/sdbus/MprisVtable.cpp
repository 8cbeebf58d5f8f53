// The two MPRIS interfaces as sd-bus vtables. Every callback catches everything: no exception
// may cross sd-bus's C frames, and odd input (NaN, wrong track id, out of range) is ignored or
// answered with a D-Bus error, never a crash.
#include <cmath>
#include <exception>
#include <string_view>

#include "core/Log.h"
#include "lib/sdbus/MprisImpl.h"
#include "lib/sdbus/MprisValues.h"

namespace ml::mpris {

namespace {

using detail::toMicros;
using detail::toSeconds;
using detail::validUtf8;

constexpr const char* kNotSupported = "org.freedesktop.DBus.Error.NotSupported";

Service::Impl& self(void* userdata) { return *static_cast<Service::Impl*>(userdata); }

// Runs `action` (which returns an sd-bus result) with every exception turned into a D-Bus error.
template <typename Action>
int guarded(sd_bus_error* error, Action&& action) {
  try {
    return action();
  } catch (const std::exception& e) {
    log::warn("MPRIS: {}", e.what());
  } catch (...) {
    log::warn("MPRIS: onbekende fout");
  }
  return sd_bus_error_set(error, SD_BUS_ERROR_FAILED, "meeluister kon dit niet uitvoeren");
}

// A method without arguments: runs `act` on the handler when `allowed`, then replies.
template <typename Act>
int simpleMethod(sd_bus_message* m, sd_bus_error* error, bool allowed, Act&& act) {
  return guarded(error, [&] {
    if (allowed) act();
    return sd_bus_reply_method_return(m, "");
  });
}

// ---- org.mpris.MediaPlayer2 ----

int onRaise(sd_bus_message* m, void*, sd_bus_error* error) {
  return simpleMethod(m, error, false, [] {});
}

int onQuit(sd_bus_message* m, void* ud, sd_bus_error* error) {
  return simpleMethod(m, error, true, [&] { self(ud).handler.quit(); });
}

int getRoot(sd_bus*, const char*, const char*, const char* property, sd_bus_message* reply,
            void*, sd_bus_error* error) {
  return guarded(error, [&] {
    std::string_view p = property;
    if (p == "Identity" || p == "DesktopEntry")
      return sd_bus_message_append(reply, "s", "meeluister");
    if (p == "CanQuit") return sd_bus_message_append(reply, "b", 1);
    if (p == "CanRaise" || p == "HasTrackList") return sd_bus_message_append(reply, "b", 0);
    if (p == "SupportedUriSchemes" || p == "SupportedMimeTypes")
      return sd_bus_message_append(reply, "as", 0u);
    return sd_bus_error_set(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "onbekende eigenschap");
  });
}

// ---- org.mpris.MediaPlayer2.Player: methods ----

int onNext(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return simpleMethod(m, error, s.state.canGoNext, [&] { s.handler.next(); });
}

int onPrevious(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return simpleMethod(m, error, s.state.canGoPrevious, [&] { s.handler.previous(); });
}

int onPause(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return simpleMethod(m, error, s.state.canPause, [&] { s.handler.pause(); });
}

int onPlay(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return simpleMethod(m, error, s.state.canPlay, [&] { s.handler.play(); });
}

int onStop(sd_bus_message* m, void* ud, sd_bus_error* error) {
  return simpleMethod(m, error, true, [&] { self(ud).handler.stop(); });
}

int onPlayPause(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  if (!s.state.canPause)
    return sd_bus_error_set(error, kNotSupported, "pauzeren kan nu niet");
  return simpleMethod(m, error, true, [&] { s.handler.playPause(); });
}

int onSeek(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return guarded(error, [&] {
    std::int64_t offset = 0;
    int r = sd_bus_message_read(m, "x", &offset);
    if (r < 0) return r;
    if (s.state.canSeek) s.handler.seek(toSeconds(offset));
    return sd_bus_reply_method_return(m, "");
  });
}

bool positionAccepted(const State& state, const char* trackId, std::int64_t position) {
  if (!state.canSeek || position < 0) return false;
  if (detail::busTrackId(state.trackId) != trackId) return false;
  std::int64_t length = toMicros(state.lengthSeconds);
  return length <= 0 || position <= length;
}

int onSetPosition(sd_bus_message* m, void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return guarded(error, [&] {
    const char* trackId = nullptr;
    std::int64_t position = 0;
    int r = sd_bus_message_read(m, "ox", &trackId, &position);
    if (r < 0) return r;
    if (trackId && positionAccepted(s.state, trackId, position))
      s.handler.setPosition(toSeconds(position));
    return sd_bus_reply_method_return(m, "");
  });
}

int onOpenUri(sd_bus_message*, void*, sd_bus_error* error) {
  return sd_bus_error_set(error, kNotSupported, "meeluister opent geen adressen");
}

// ---- org.mpris.MediaPlayer2.Player: properties ----

int appendMetadata(sd_bus_message* reply, const State& s) {
  int r = sd_bus_message_open_container(reply, 'a', "{sv}");
  if (r < 0) return r;
  std::string trackId = detail::busTrackId(s.trackId);
  r = sd_bus_message_append(reply, "{sv}", "mpris:trackid", "o", trackId.c_str());
  std::int64_t length = toMicros(s.lengthSeconds);
  if (r >= 0 && length > 0)
    r = sd_bus_message_append(reply, "{sv}", "mpris:length", "x", length);
  auto text = [&](const char* key, const std::string& value) {
    if (r >= 0 && !value.empty())
      r = sd_bus_message_append(reply, "{sv}", key, "s", validUtf8(value).c_str());
  };
  text("xesam:title", s.title);
  if (r >= 0 && !s.artist.empty())
    r = sd_bus_message_append(reply, "{sv}", "xesam:artist", "as", 1u,
                              validUtf8(s.artist).c_str());
  text("xesam:album", s.album);
  text("xesam:url", s.url);
  if (r < 0) return r;
  return sd_bus_message_close_container(reply);
}

int appendPlayerProperty(sd_bus_message* reply, const State& s, std::string_view p) {
  auto boolean = [&](bool value) { return sd_bus_message_append(reply, "b", value ? 1 : 0); };
  auto number = [&](double value) { return sd_bus_message_append(reply, "d", value); };
  if (p == "PlaybackStatus")
    return sd_bus_message_append(reply, "s", detail::busPlaybackStatus(s.playbackStatus).c_str());
  if (p == "Metadata") return appendMetadata(reply, s);
  if (p == "Position") {
    std::int64_t position = toMicros(s.positionSeconds);
    return sd_bus_message_append(reply, "x", position < 0 ? std::int64_t{0} : position);
  }
  if (p == "Rate") return number(detail::busRate(s));
  if (p == "Volume") return number(detail::busVolume(s.volume));
  if (p == "MinimumRate") return number(detail::busMinimumRate(s));
  if (p == "MaximumRate") return number(detail::busMaximumRate(s));
  if (p == "CanGoNext") return boolean(s.canGoNext);
  if (p == "CanGoPrevious") return boolean(s.canGoPrevious);
  if (p == "CanPlay") return boolean(s.canPlay);
  if (p == "CanPause") return boolean(s.canPause);
  if (p == "CanSeek") return boolean(s.canSeek);
  if (p == "CanControl") return boolean(true);
  return -ENOENT;
}

int getPlayer(sd_bus*, const char*, const char*, const char* property, sd_bus_message* reply,
              void* ud, sd_bus_error* error) {
  return guarded(error, [&] {
    int r = appendPlayerProperty(reply, self(ud).state, property);
    if (r == -ENOENT)
      return sd_bus_error_set(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "onbekende eigenschap");
    return r;
  });
}

int setPlayer(sd_bus*, const char*, const char*, const char* property, sd_bus_message* value,
              void* ud, sd_bus_error* error) {
  auto& s = self(ud);
  return guarded(error, [&] {
    double requested = 0;
    int r = sd_bus_message_read(value, "d", &requested);
    if (r < 0) return r;
    if (std::isnan(requested))
      return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "geen getal");
    std::string_view p = property;
    if (p == "Volume") {
      s.handler.setVolume(detail::clampVolume(requested));
    } else if (p == "Rate") {
      // The spec: a rate of 0.0 acts as Pause.
      if (requested == 0.0) {
        if (s.state.canPause) s.handler.pause();
      } else {
        s.handler.setRate(detail::clampRate(s.state, requested));
      }
    }
    return 0;
  });
}

constexpr auto kConst = SD_BUS_VTABLE_PROPERTY_CONST;
constexpr auto kEmits = SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE;

}  // namespace

const sd_bus_vtable kRootVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Raise", "", "", onRaise, 0),
    SD_BUS_METHOD("Quit", "", "", onQuit, 0),
    SD_BUS_PROPERTY("CanQuit", "b", getRoot, 0, kConst),
    SD_BUS_PROPERTY("CanRaise", "b", getRoot, 0, kConst),
    SD_BUS_PROPERTY("HasTrackList", "b", getRoot, 0, kConst),
    SD_BUS_PROPERTY("Identity", "s", getRoot, 0, kConst),
    SD_BUS_PROPERTY("DesktopEntry", "s", getRoot, 0, kConst),
    SD_BUS_PROPERTY("SupportedUriSchemes", "as", getRoot, 0, kConst),
    SD_BUS_PROPERTY("SupportedMimeTypes", "as", getRoot, 0, kConst),
    SD_BUS_VTABLE_END,
};

const sd_bus_vtable kPlayerVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Next", "", "", onNext, 0),
    SD_BUS_METHOD("Previous", "", "", onPrevious, 0),
    SD_BUS_METHOD("Pause", "", "", onPause, 0),
    SD_BUS_METHOD("PlayPause", "", "", onPlayPause, 0),
    SD_BUS_METHOD("Stop", "", "", onStop, 0),
    SD_BUS_METHOD("Play", "", "", onPlay, 0),
    SD_BUS_METHOD("Seek", "x", "", onSeek, 0),
    SD_BUS_METHOD("SetPosition", "ox", "", onSetPosition, 0),
    SD_BUS_METHOD("OpenUri", "s", "", onOpenUri, 0),
    SD_BUS_SIGNAL("Seeked", "x", 0),
    SD_BUS_PROPERTY("PlaybackStatus", "s", getPlayer, 0, kEmits),
    SD_BUS_WRITABLE_PROPERTY("Rate", "d", getPlayer, setPlayer, 0, kEmits),
    SD_BUS_PROPERTY("Metadata", "a{sv}", getPlayer, 0, kEmits),
    SD_BUS_WRITABLE_PROPERTY("Volume", "d", getPlayer, setPlayer, 0, kEmits),
    SD_BUS_PROPERTY("Position", "x", getPlayer, 0, 0),
    SD_BUS_PROPERTY("MinimumRate", "d", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("MaximumRate", "d", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanGoNext", "b", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanGoPrevious", "b", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanPlay", "b", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanPause", "b", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanSeek", "b", getPlayer, 0, kEmits),
    SD_BUS_PROPERTY("CanControl", "b", getPlayer, 0, kConst),
    SD_BUS_VTABLE_END,
};

}  // namespace ml::mpris
