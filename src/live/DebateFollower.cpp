#include "live/DebateFollower.h"

#include <algorithm>
#include <utility>

#include "core/Log.h"
#include "live/FreshFetcher.h"
#include "sources/ExampleFetcher.h"

namespace ml::live {
namespace {

namespace dd = sources::dd;

// A debate's answer grows with its events; a long plenary day stays far below this.
constexpr std::size_t kMaxPollBytes = 4u << 20;

std::string lower(std::string s) {
  for (auto& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool byTime(const SpeakerEvent& a, const SpeakerEvent& b) { return a.time.utcSeconds < b.time.utcSeconds; }

SpeakerEvent named(const dd::Event& e, const dd::Actors* actors) {
  SpeakerEvent ev{e.time, "", "", e.type};
  if (actors == nullptr) return ev;
  if (const dd::Politician* p = actors->find(e.objectId)) {
    ev.name = p->name;
    ev.affiliation = actors->affiliation(*p);
  }
  return ev;
}

std::string withPeriod(std::string s) {
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

}  // namespace

DebateFollower::DebateFollower(sources::SourceConfig config, Debate debate, std::chrono::milliseconds interval)
    : config_(std::move(config)), id_(debate.id), date_(debate.debateDate), interval_(interval) {
  timeline_ = std::move(debate.timeline);
  std::stable_sort(timeline_.begin(), timeline_.end(), byTime);
  for (const auto& e : timeline_) seeds_.push_back(Seed{e.time.utcSeconds, e.eventType, e.name});
  if (id_.empty()) {
    notes_.push_back("Dit debat is niet bij Debat Direct bekend; nieuwe sprekers worden niet gemeld.");
    wakeup_.notify();
  } else if (config_.offline) {
    notes_.push_back("Zonder netwerk worden nieuwe sprekers niet gemeld.");
    wakeup_.notify();
  } else {
    thread_ = std::thread([this] { run(); });
  }
}

DebateFollower::~DebateFollower() {
  cancel_->cancel();
  if (thread_.joinable()) thread_.join();
}

int DebateFollower::fd() const { return wakeup_.fd(); }

void DebateFollower::drain() { wakeup_.drain(); }

std::vector<SpeakerEvent> DebateFollower::takeFresh() {
  std::lock_guard lock(mutex_);
  return std::exchange(fresh_, {});
}

std::vector<std::string> DebateFollower::takeNotes() {
  std::lock_guard lock(mutex_);
  return std::exchange(notes_, {});
}

std::optional<DebateStatus> DebateFollower::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::vector<SpeakerEvent> DebateFollower::timeline() const {
  std::lock_guard lock(mutex_);
  return timeline_;
}

std::uint64_t DebateFollower::goodPolls() const {
  std::lock_guard lock(mutex_);
  return goodPolls_;
}

void DebateFollower::addNote(const std::string& text) {
  {
    std::lock_guard lock(mutex_);
    notes_.push_back(withPeriod(text));
  }
  wakeup_.notify();
}

void DebateFollower::run() {
  std::unique_ptr<sources::Fetcher> fetcher;
  if (config_.example) {
    fetcher = std::make_unique<sources::ExampleFetcher>(sources::ExampleFetcher::defaultRoot());
  } else {
    fetcher = std::make_unique<FreshFetcher>(cancel_);
  }
  while (!cancel_->cancelled()) {
    pollOnce(*fetcher);
    const auto s = status();
    if (s == DebateStatus::Ended || s == DebateStatus::Cancelled) break;
    // After failures the next try waits a little longer (up to 4 intervals): no hammering.
    if (cancel_->sleepFor(interval_ * std::min(1 + failures_, 4))) break;
  }
}

void DebateFollower::loadActors(sources::Fetcher& fetcher) {
  if (actors_ || date_.empty()) return;
  try {
    const std::string url = sources::joinUrl(config_.debatDirect, "actors/" + date_);
    actors_ = dd::parseActors(fetcher.get(url, sources::kMaxJsonBytes).body);
  } catch (const sources::SourceError& e) {
    if (cancel_->cancelled() || actorsNoted_) return;
    actorsNoted_ = true;
    addNote(std::string("Namen van nieuwe sprekers ontbreken nog: ") + e.what());
  }
}

void DebateFollower::pollOnce(sources::Fetcher& fetcher) {
  loadActors(fetcher);
  dd::DebateInfo info;
  try {
    info = dd::parseDebate(fetcher.get(sources::joinUrl(config_.debatDirect, "debates/" + id_), kMaxPollBytes).body);
  } catch (const sources::SourceError& e) {
    if (cancel_->cancelled()) return;
    ++failures_;
    log::debug("volgen van debat {}: {}", id_, e.what());
    if (!inTrouble_) {
      inTrouble_ = true;
      addNote(withPeriod(std::string("Nieuwe sprekers zijn even niet op te halen: ") + e.what()) +
              " Ik probeer het opnieuw.");
    }
    return;
  }
  failures_ = 0;
  if (inTrouble_) {
    inTrouble_ = false;
    addNote("Nieuwe sprekers worden weer gemeld");
  }
  bool news = false;
  {
    std::lock_guard lock(mutex_);
    status_ = dd::statusOf(info);
    ++goodPolls_;
    std::vector<SpeakerEvent> added;
    for (auto it = info.events.rbegin(); it != info.events.rend(); ++it) {
      Key key{it->time.utcSeconds, it->type, lower(it->objectId)};
      if (!seen_.insert(std::move(key)).second) continue;
      SpeakerEvent ev = named(*it, actors_ ? &*actors_ : nullptr);
      if (consumeSeed(ev)) continue;
      added.push_back(std::move(ev));
    }
    std::stable_sort(added.begin(), added.end(), byTime);
    for (const auto& ev : added) {
      timeline_.insert(std::upper_bound(timeline_.begin(), timeline_.end(), ev, byTime), ev);
    }
    news = !added.empty();
    fresh_.insert(fresh_.end(), added.begin(), added.end());
  }
  if (news) wakeup_.notify();
}

// An event of the initial timeline: same second and type, and the same name when both
// know it.
bool DebateFollower::consumeSeed(const SpeakerEvent& e) {
  auto it = std::find_if(seeds_.begin(), seeds_.end(), [&](const Seed& s) {
    const bool sameName = s.name.empty() || e.name.empty() || s.name == e.name;
    return s.time == e.time.utcSeconds && s.type == e.eventType && sameName;
  });
  if (it == seeds_.end()) return false;
  seeds_.erase(it);
  return true;
}

}  // namespace ml::live
