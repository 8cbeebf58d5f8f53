#include <stdexcept>

#include "app/Commands.h"

namespace ml::app {
int cmdListen(const ArgList&) { throw std::runtime_error("listen is in aanbouw"); }
int cmdDemo(const ArgList&) { throw std::runtime_error("demo is in aanbouw"); }
}  // namespace ml::app
