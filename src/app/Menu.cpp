#include "app/Menu.h"

#include "app/modes/HelpMode.h"
#include "sources/DebateText.h"
#include "ui/Lines.h"

namespace ml::app {

Menu::Menu(std::vector<std::string> items, std::vector<std::vector<std::string>> details, Output& out,
           ui::Terminal& terminal, const ui::KeyMap& keys, int signalFd)
    : items_(std::move(items)), details_(std::move(details)), out_(out), terminal_(terminal), keys_(keys),
      signalFd_(signalFd) {
  for (std::size_t i = 0; i < items_.size(); ++i) items_[i] = std::to_string(i + 1) + ". " + items_[i];
}

Menu Menu::forDebates(const std::vector<Debate>& debates, Output& out, ui::Terminal& terminal,
                      const ui::KeyMap& keys, int signalFd) {
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> details;
  for (const auto& d : debates) {
    items.push_back(listLine(d));
    std::vector<std::string> more{sources::debateTitle(d) + "."};
    for (auto& l : sources::aboutLines(d)) more.push_back(std::move(l));
    details.push_back(std::move(more));
  }
  return Menu(std::move(items), std::move(details), out, terminal, keys, signalFd);
}

void Menu::help() {
  const std::string up = keyFor(keys_, ui::Action::Previous), down = keyFor(keys_, ui::Action::Next);
  const std::string enter = keyFor(keys_, ui::Action::Select), info = keyFor(keys_, ui::Action::ReadInfo);
  const std::string quit = keyFor(keys_, ui::Action::Quit);
  std::string line;
  if (!up.empty() && !down.empty()) line += up + " en " + down + ": vorige en volgende. ";
  line += "Een cijfer van 1 tot 9: die regel. ";
  if (!enter.empty()) line += enter + ": kiezen. ";
  if (!info.empty()) line += info + ": meer over de gekozen regel. ";
  if (!quit.empty()) line += quit + ": stoppen.";
  out_.say(line);
}

std::optional<std::size_t> Menu::choose(const std::vector<std::string>& intro) {
  chosen_.reset();
  quit_ = false;
  ListMode list(out_, items_,
                ListMode::Hooks{[this](std::size_t i) { chosen_ = i; },
                                [this] {
                                  const std::string q = keyHint(keys_, ui::Action::Quit, "stopt");
                                  out_.say("Dit is de lijst." + (q.empty() ? "" : " " + q), speech::Priority::Echo);
                                  return KeyResult::Handled;
                                },
                                [this](const std::string& k, std::optional<ui::Action> a) { return onKey(k, a); },
                                false},
                cursor_);
  if (!intro.empty()) {
    out_.say(intro.front());
    for (std::size_t i = 1; i < intro.size(); ++i) out_.note(intro[i]);
    for (const auto& item : items_) out_.note(item);
  } else {
    list.sayCurrent();
  }
  EventLoop loop;
  EventLoop::Id escape = 0;
  auto feed = [&](const std::vector<std::string>& keys) {
    for (const auto& k : keys) {
      if (chosen_ || quit_) break;
      out_.stopSpeech();
      list.key(k, keys_.action(k));
      cursor_ = list.cursor();
    }
    if (chosen_ || quit_) loop.stop();
  };
  loop.onSignal(signalFd_, [&](int signo) {
    signal_ = signo;
    loop.stop();
  });
  loop.watch(terminal_.fd(), POLLIN, [&](short) {
    const std::string bytes = terminal_.readAvailable();
    feed(decoder_.feed(bytes));
    loop.cancel(escape);
    if (decoder_.pending()) escape = loop.after(std::chrono::milliseconds(60), [&] { feed(decoder_.flush()); });
    if (terminal_.eof()) loop.stop();
  });
  list_ = &list;
  const bool ok = loop.run();
  list_ = nullptr;
  if (!ok) return std::nullopt;
  if (signal_ != 0 || quit_) return std::nullopt;
  return chosen_;
}

std::optional<KeyResult> Menu::onKey(const std::string& key, std::optional<ui::Action> action) {
  if (key.size() == 1 && key[0] >= '1' && key[0] <= '9') {
    const auto n = static_cast<std::size_t>(key[0] - '1');
    if (n < items_.size()) {
      list_->setCursor(n);
      list_->sayCurrent();
    } else {
      out_.say("Er zijn " + std::to_string(items_.size()) + " regels.", speech::Priority::Echo);
    }
    return KeyResult::Handled;
  }
  using A = ui::Action;
  if (!action) {
    if (key == "onbekend") return KeyResult::Handled;
    const std::string hint = keyHint(keys_, A::Help, "voor hulp");
    out_.say(ui::dutchKeyName(key) + " doet hier niets." + (hint.empty() ? "" : " " + hint), speech::Priority::Echo);
    return KeyResult::Handled;
  }
  switch (*action) {
    case A::Next:
    case A::Previous:
    case A::GoToStart:
    case A::GoLive:
    case A::Select:
    case A::Back: return std::nullopt;  // the list's own keys
    case A::ReadInfo:
      if (list_->cursor() < details_.size() && !details_[list_->cursor()].empty()) {
        for (const auto& l : details_[list_->cursor()]) out_.say(l);
      } else {
        out_.say("Hierover is niets meer bekend.", speech::Priority::Echo);
      }
      return KeyResult::Handled;
    case A::Help: help(); return KeyResult::Handled;
    case A::WhereAmI: list_->sayCurrent(); return KeyResult::Handled;
    case A::Quit:
      out_.say("Tot ziens.");
      quit_ = true;
      return KeyResult::Handled;
    default: {
      const std::string enter = keyFor(keys_, A::Select);
      out_.say(enter.empty() ? "Kies eerst een regel." : "Kies eerst een regel met " + enter + ".", speech::Priority::Echo);
      return KeyResult::Handled;
    }
  }
}

}  // namespace ml::app
