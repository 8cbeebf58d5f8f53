#include "app/StreamMessages.h"

#include <cmath>

#include <fmt/core.h>

#include "core/Time.h"
#include "net/Url.h"

namespace ml::app {

std::string describe(const net::StreamEvent& e) {
  using K = net::StreamEvent::Kind;
  switch (e.kind) {
    case K::Connecting: {
      std::string host = net::urlHost(e.text);
      return fmt::format("Verbinden met {}.", host.empty() ? e.text : host);
    }
    case K::PlayingLive:
      if (e.seconds < 1) return "Speelt live.";
      return fmt::format("Speelt live, ongeveer {} achter.", dutchDuration(e.seconds));
    case K::PlayingFrom:
      if (e.seconds < 0.5) return "Speelt vanaf het begin.";
      return fmt::format("Speelt vanaf {}.", clockPosition(e.seconds));
    case K::Retrying:
      return fmt::format("Probleem: {}. Meeluister probeert het opnieuw over {}.", e.text,
                         e.seconds < 1 ? std::string("een halve seconde") : dutchDuration(e.seconds));
    case K::StillRetrying:
      return fmt::format("Nog steeds geen verbinding na {}; meeluister blijft het opnieuw proberen.",
                         dutchDuration(e.seconds));
    case K::Recovered: return "Opnieuw verbonden; speelt verder.";
    case K::Skipped:
      return fmt::format("{} niet meer beschikbaar en overgeslagen.", [&] {
        std::string d = dutchDuration(std::max(1.0, std::round(e.seconds)));
        d[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d[0])));
        return d;
      }());
    case K::Stalled: return "De stream staat stil; meeluister wacht op nieuw geluid.";
    case K::Moving: return "De stream loopt weer.";
    case K::DecodeError: return "Een stukje geluid was beschadigd en is overgeslagen.";
    case K::Ended: return "Afgelopen.";
    case K::Failed: return fmt::format("Afspelen lukt niet: {}.", e.text);
  }
  return {};
}

Weight weightOf(const net::StreamEvent& e) {
  using K = net::StreamEvent::Kind;
  switch (e.kind) {
    case K::Connecting: return Weight::Log;
    case K::PlayingLive:
    case K::PlayingFrom:
    case K::Moving:
    case K::Recovered:
    case K::StillRetrying:
    case K::DecodeError: return Weight::Print;
    case K::Retrying:
    case K::Skipped:
    case K::Stalled:
    case K::Ended:
    case K::Failed: return Weight::Speak;
  }
  return Weight::Print;
}

}  // namespace ml::app
