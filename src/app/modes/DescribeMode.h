// The key describer: every key says what it does (in the listener's own map) instead of
// doing it; the describe key itself or Escape leaves.
#pragma once
#include "app/Output.h"
#include "app/modes/Mode.h"

namespace ml::app {

class DescribeMode : public Mode {
 public:
  explicit DescribeMode(Output& out) : out_(out) {}
  KeyResult key(const std::string& key, std::optional<ui::Action> action) override;

 private:
  Output& out_;
};

}  // namespace ml::app
