#include "app/Menu.h"

#include <poll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "sources/DebateText.h"
#include "ui/Lines.h"

namespace ml::app {

Menu::Menu(const std::vector<Debate>& debates, Output& out, ui::Terminal& terminal, const ui::KeyMap& keys,
           int signalFd)
    : debates_(debates), out_(out), terminal_(terminal), keys_(keys), signalFd_(signalFd) {}

void Menu::echo() {
  out_.say(std::to_string(cursor_ + 1) + ". " + sources::listingLine(debates_[cursor_]), speech::Priority::Echo);
}

void Menu::help() {
  out_.sayAll({"Pijl omhoog en pijl omlaag: vorig en volgend debat. Een cijfer van 1 tot 9: dat debat.",
               "Enter: luisteren. i: meer over het gekozen debat. q: stoppen."});
}

std::optional<std::size_t> Menu::choose(bool first) {
  chosen_.reset();
  quit_ = false;
  if (first) {
    for (std::size_t i = 0; i < debates_.size(); ++i) {
      out_.say(std::to_string(i + 1) + ". " + sources::listingLine(debates_[i]));
    }
    const Debate& top = debates_.front();
    out_.say(top.isLive() ? std::string("Enter luistert naar het eerste debat, dat nu ") + dutchStatus(top.status) +
                                " is. Pijltjes of een cijfer kiezen een ander; h geeft hulp."
                          : "Kies met de pijltjes of een cijfer en luister met Enter; h geeft hulp, q stopt.");
  } else {
    echo();
  }
  auto lastBytes = std::chrono::steady_clock::now();
  while (!chosen_ && !quit_) {
    pollfd fds[2] = {{terminal_.fd(), POLLIN, 0}, {signalFd_, POLLIN, 0}};
    const int timeout = decoder_.pending() ? 60 : -1;
    if (poll(fds, signalFd_ >= 0 ? 2 : 1, timeout) < 0 && errno != EINTR) return std::nullopt;
    if (signalFd_ >= 0 && (fds[1].revents & POLLIN) != 0) {
      signalfd_siginfo info;
      [[maybe_unused]] auto got = read(signalFd_, &info, sizeof info);
      interrupted_ = true;
      return std::nullopt;
    }
    if ((fds[0].revents & (POLLIN | POLLHUP)) != 0) {
      std::string bytes = terminal_.readAvailable();
      lastBytes = std::chrono::steady_clock::now();
      for (const auto& k : decoder_.feed(bytes)) {
        if (!chosen_ && !quit_) onKey(k);
      }
      if (terminal_.eof()) return std::nullopt;
    }
    if (decoder_.pending() && std::chrono::steady_clock::now() - lastBytes >= std::chrono::milliseconds(60)) {
      for (const auto& k : decoder_.flush()) {
        if (!chosen_ && !quit_) onKey(k);
      }
    }
  }
  return chosen_;
}

void Menu::onKey(const std::string& key) {
  out_.stopSpeech();
  if (key.size() == 1 && key[0] >= '1' && key[0] <= '9') {
    const auto n = static_cast<std::size_t>(key[0] - '1');
    if (n < debates_.size()) {
      cursor_ = n;
      echo();
    } else {
      out_.say("Er zijn " + std::to_string(debates_.size()) + " debatten.", speech::Priority::Echo);
    }
    return;
  }
  using A = ui::Action;
  auto action = keys_.action(key);
  if (!action) {
    if (key != "onbekend") out_.say(ui::dutchKeyName(key) + " doet hier niets. Toets h voor hulp.", speech::Priority::Echo);
    return;
  }
  switch (*action) {
    case A::Next:
      if (cursor_ + 1 < debates_.size()) ++cursor_;
      echo();
      break;
    case A::Previous:
      if (cursor_ > 0) --cursor_;
      echo();
      break;
    case A::Select: chosen_ = cursor_; break;
    case A::ReadInfo:
      for (const auto& l : sources::showLines(debates_[cursor_])) out_.say(l);
      break;
    case A::Help: help(); break;
    case A::WhereAmI: echo(); break;
    case A::Quit:
      out_.say("Tot ziens.");
      quit_ = true;
      break;
    case A::Back: out_.say("Dit is de lijst van vandaag. q stopt.", speech::Priority::Echo); break;
    default: out_.say("Kies eerst een debat met Enter.", speech::Priority::Echo); break;
  }
}

}  // namespace ml::app
