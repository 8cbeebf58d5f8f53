// A list to choose from by ear, for `meeluister` without arguments: the day's debates (live
// ones first), or, offline, what can be done instead (try again, the example). One line
// each, status first; Up/Down move (the line is said), a number 1-9 jumps, Enter chooses,
// i gives the details, h helps, q quits. The cursor starts on the first line, so a live
// debate is one key (Enter) from launch. Runs its own EventLoop with a ListMode.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/Output.h"
#include "app/modes/ListMode.h"
#include "core/Debate.h"
#include "core/EventLoop.h"
#include "ui/KeyDecoder.h"
#include "ui/KeyMap.h"
#include "ui/Terminal.h"

namespace ml::app {

class Menu {
 public:
  // `details(i)`: the lines for `i` (read-info); empty: none.
  Menu(std::vector<std::string> items, std::vector<std::vector<std::string>> details, Output& out,
       ui::Terminal& terminal, const ui::KeyMap& keys, int signalFd);
  // The day's debates.
  static Menu forDebates(const std::vector<Debate>& debates, Output& out, ui::Terminal& terminal,
                         const ui::KeyMap& keys, int signalFd);

  // The chosen index, or nullopt to quit (q, end of input, a signal: see signal()).
  // `intro`: lines said first (the first of them spoken, the rest printed); on a later
  // call with no intro the current line is said again.
  std::optional<std::size_t> choose(const std::vector<std::string>& intro);
  int signal() const { return signal_; }  // SIGINT or SIGTERM if one ended the list, else 0
  std::size_t cursor() const { return cursor_; }

 private:
  std::optional<KeyResult> onKey(const std::string& key, std::optional<ui::Action> action);
  void help();

  std::vector<std::string> items_;
  std::vector<std::vector<std::string>> details_;
  Output& out_;
  ui::Terminal& terminal_;
  const ui::KeyMap& keys_;
  int signalFd_;
  ui::KeyDecoder decoder_;
  std::size_t cursor_ = 0;
  ListMode* list_ = nullptr;  // while choose() runs
  std::optional<std::size_t> chosen_;
  bool quit_ = false;
  int signal_ = 0;
};

}  // namespace ml::app
