// The Dutch line the listener gets for each stream event (empty: say nothing).
#pragma once
#include <string>

#include "net/StreamEvent.h"

namespace ml::app {

std::string describe(const net::StreamEvent& e);

// How much the listener needs a stream event's line (the speech budget, docs/spraak.md):
//   Log    technical (which host, connecting): only in the log (--verbose), never printed
//          nor spoken
//   Print  worth reading, not worth burying the debate under: printed, never spoken by
//          meeluister's own voice
//   Speak  changes what the listener hears (trouble, a skip, the end, a failure): printed
//          or spoken according to the output mode
enum class Weight { Log, Print, Speak };
Weight weightOf(const net::StreamEvent& e);

}  // namespace ml::app
