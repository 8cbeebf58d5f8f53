#include "speech/UtteranceQueue.h"

#include <algorithm>

namespace ml::speech {
namespace {

// Lower speaks first: errors, then echoes, replies, notifications; in arrival order within one.
int rank(Priority p) {
  switch (p) {
    case Priority::Error: return 0;
    case Priority::Echo: return 1;
    case Priority::Reply: return 2;
    case Priority::Notification: return 3;
  }
  return 3;
}

bool cuts(Priority incoming, Priority playing) {
  if (playing == Priority::Notification) return incoming != Priority::Notification;
  return incoming == Priority::Echo && playing == Priority::Echo;
}

}  // namespace

void UtteranceQueue::insertByRank(Utterance u) {
  auto at = std::find_if(items_.begin(), items_.end(), [&](const Utterance& q) { return rank(q.priority) > rank(u.priority); });
  items_.insert(at, std::move(u));
}

UtteranceQueue::Decision UtteranceQueue::push(Utterance u, std::optional<Priority> playing) {
  Decision d;
  const bool busy = playing.has_value() || !items_.empty();
  auto drop = [&](Priority p) {
    items_.erase(std::remove_if(items_.begin(), items_.end(), [&](const Utterance& q) { return q.priority == p; }),
                 items_.end());
  };
  if (u.priority == Priority::Echo) drop(Priority::Echo);
  if (u.priority == Priority::Notification) {
    drop(Priority::Notification);
    if (busy && !u.shortText.empty()) {
      u.text = u.shortText;
    } else if (busy && items_.size() >= 2) {
      return d;
    }
  }
  d.interruptCurrent = playing.has_value() && cuts(u.priority, *playing);
  insertByRank(std::move(u));
  d.accepted = true;
  return d;
}

std::optional<Utterance> UtteranceQueue::pop() {
  if (items_.empty()) return std::nullopt;
  Utterance u = std::move(items_.front());
  items_.pop_front();
  return u;
}

}  // namespace ml::speech
