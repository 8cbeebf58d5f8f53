// What the speech engine says next, by priority (after speech-dispatcher's classes):
//   Error         always spoken; goes before everything else queued; cuts a notification.
//   Echo          navigation echo: only the newest counts; replaces queued echoes, cuts a
//                 playing echo or notification, and goes before replies.
//   Reply         the answer to a command: spoken in order; cuts a notification.
//   Notification  live news (a new speaker): when busy it is shortened (shortText) or,
//                 without one, dropped when two or more utterances wait; a newer
//                 notification replaces a queued one.
// Pure policy, no threads: the engine calls it under its own lock.
#pragma once
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace ml::speech {

enum class Priority { Error, Echo, Reply, Notification };

struct Utterance {
  Priority priority = Priority::Reply;
  std::string text;
  std::string shortText;  // notifications: what to say instead when busy (may be empty)
};

class UtteranceQueue {
 public:
  struct Decision {
    bool accepted = false;          // queued (false: dropped)
    bool interruptCurrent = false;  // the utterance playing now must be cut
  };
  // `playing`: the priority of what is being spoken now, if anything.
  Decision push(Utterance u, std::optional<Priority> playing);
  std::optional<Utterance> pop();
  void clear() { items_.clear(); }
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }

 private:
  void insertByRank(Utterance u);
  std::deque<Utterance> items_;
};

}  // namespace ml::speech
