// The Dutch line the listener gets for each stream event (empty: say nothing).
#pragma once
#include <string>

#include "app/Output.h"
#include "net/StreamEvent.h"

namespace ml::app {

std::string describe(const net::StreamEvent& e);

// How much the listener needs a stream event's line (see Weight in app/Output.h).
Weight weightOf(const net::StreamEvent& e);

}  // namespace ml::app
