// The Dutch line the listener gets for each stream event (empty: say nothing).
#pragma once
#include <string>

#include "net/StreamEvent.h"

namespace ml::app {

std::string describe(const net::StreamEvent& e);

}  // namespace ml::app
