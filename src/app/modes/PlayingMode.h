// The player's own keys: each action of the listener's key map does its work (the actions
// themselves are Session's, in SessionActions.cpp). Unbound keys say so, naming the
// listener's own help key.
#pragma once
#include "app/Output.h"
#include "app/modes/Mode.h"

namespace ml::app {

class Session;

class PlayingMode : public Mode {
 public:
  PlayingMode(Session& session, Output& out, const ui::KeyMap& keys) : session_(session), out_(out), keys_(keys) {}
  KeyResult key(const std::string& key, std::optional<ui::Action> action) override;

 private:
  Session& session_;
  Output& out_;
  const ui::KeyMap& keys_;
};

}  // namespace ml::app
