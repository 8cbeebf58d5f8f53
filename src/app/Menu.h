// The day's debates as a list to choose from, for `meeluister` without arguments: live
// ones first, read out and printed one line each. Up/Down move (the line is echoed),
// a number 1-9 jumps to that debate, Enter listens, h helps, q quits. The cursor starts
// on the first debate, so a live debate is one key (Enter) from launch.
#pragma once
#include <optional>
#include <vector>

#include "app/Output.h"
#include "core/Debate.h"
#include "ui/KeyDecoder.h"
#include "ui/KeyMap.h"
#include "ui/Terminal.h"

namespace ml::app {

class Menu {
 public:
  Menu(const std::vector<Debate>& debates, Output& out, ui::Terminal& terminal, const ui::KeyMap& keys,
       int signalFd);
  // The chosen index, or nullopt to quit (q, end of input, Ctrl+C: see interrupted()).
  std::optional<std::size_t> choose(bool first);
  bool interrupted() const { return interrupted_; }

 private:
  void onKey(const std::string& key);
  void echo();
  void help();

  const std::vector<Debate>& debates_;
  Output& out_;
  ui::Terminal& terminal_;
  const ui::KeyMap& keys_;
  int signalFd_;
  ui::KeyDecoder decoder_;
  std::size_t cursor_ = 0;
  std::optional<std::size_t> chosen_;
  bool quit_ = false;
  bool interrupted_ = false;
};

}  // namespace ml::app
