#include "words/RecordFeed.h"

#include "core/Log.h"
#include "sources/Resolve.h"
#include "sources/VerslagLookup.h"

namespace ml::words {

std::string speakerLabel(const sources::vlos::Speech& sp) {
  std::string who = sp.speaker.name.empty() ? "Onbekende spreker" : sp.speaker.name;
  if (sp.chair) return "De voorzitter (" + who + ")";
  if (!sp.speaker.salutation.empty()) who = sp.speaker.salutation + " " + who;
  if (!sp.speaker.party.empty()) who += " (" + sp.speaker.party + ")";
  return who;
}

RecordFeed::RecordFeed(sources::SourceConfig config, Debate debate)
    : thread_([this, c = std::move(config), d = std::move(debate)]() mutable { run(std::move(c), std::move(d)); }) {}

RecordFeed::~RecordFeed() {
  cancel_->cancel();
  if (thread_.joinable()) thread_.join();
}

RecordFeed::State RecordFeed::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::string RecordFeed::why() const {
  std::lock_guard lock(mutex_);
  return why_;
}

std::string RecordFeed::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::vector<sources::vlos::Item> RecordFeed::items() const {
  std::lock_guard lock(mutex_);
  return items_;
}

void RecordFeed::run(sources::SourceConfig config, Debate debate) {
  std::string why;
  std::optional<sources::vlos::Record> record;
  try {
    auto fetcher = sources::makeFetcher(config, cancel_);
    record = sources::vlos::findRecord(*fetcher, config, debate, why);
  } catch (const std::exception& e) {
    log::info("woordelijk verslag: {}", e.what());
    why = "Het woordelijk verslag is niet te krijgen.";
  }
  if (cancel_->cancelled()) return;
  if (record) {
    std::vector<Line> lines;
    double last = 0;
    for (auto& item : record->items) {
      for (auto& sp : item.speeches) {
        if (sp.start) last = *sp.start;
        for (auto& p : sp.paragraphs) {
          Line l;
          l.utc = last;
          l.utcEnd = sp.end.value_or(last);
          l.speaker = speakerLabel(sp);
          l.lines.push_back(std::move(p));
          lines.push_back(std::move(l));
        }
        sp.paragraphs.clear();
      }
    }
    transcript_.add(std::move(lines));
    std::lock_guard lock(mutex_);
    items_ = std::move(record->items);
    status_ = record->status;
    state_ = State::Ready;
    log::info("woordelijk verslag: {}, {} agendapunten", status_, items_.size());
  } else {
    std::lock_guard lock(mutex_);
    why_ = why;
    state_ = State::None;
    log::info("woordelijk verslag: {}", why);
  }
  wakeup_.notify();
}

}  // namespace ml::words
