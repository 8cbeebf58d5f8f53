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
      return fmt::format("Speelt vanaf {}.", dutchDuration(e.seconds));
    case K::Retrying:
      return fmt::format("Probleem: {}. Meeluister probeert het opnieuw over {}.", e.text,
                         e.seconds < 1 ? std::string("een halve seconde") : dutchDuration(e.seconds));
    case K::StillRetrying:
      if (e.text.rfind("geen verbinding", 0) == 0) {
        return fmt::format("Nog steeds geen verbinding na {}; meeluister blijft het opnieuw proberen.",
                           dutchDuration(e.seconds));
      }
      return fmt::format("Het lukt nog steeds niet na {} ({}); meeluister blijft het proberen.",
                         dutchDuration(e.seconds), e.text);
    case K::Recovered: {
      std::string line = e.text == "verbinding" ? "Opnieuw verbonden; speelt verder." : "Het lukt weer; speelt verder.";
      if (e.seconds >= 0.5) {
        line += fmt::format(" Intussen nog {} overgeslagen.", dutchDuration(std::max(1.0, std::round(e.seconds))));
      }
      return line;
    }
    case K::Skipped: {
      std::string d = dutchDuration(std::max(1.0, std::round(e.seconds)));
      d[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d[0])));
      if (e.text.empty()) return fmt::format("{} niet meer beschikbaar en overgeslagen.", d);
      return fmt::format("{} overgeslagen: {}.", d, e.text);
    }
    case K::Gap:
      return fmt::format("Hier ontbreekt een stuk van {} in de uitzending; meeluister gaat verder na het gat.",
                         dutchDuration(std::max(1.0, std::round(e.seconds))));
    case K::Resynced: return "De stream begon opnieuw; meeluister speelt verder bij het live punt.";
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
    case K::Gap:
    case K::Resynced:
    case K::Stalled:
    case K::Ended:
    case K::Failed: return Weight::Speak;
  }
  return Weight::Print;
}

}  // namespace ml::app
