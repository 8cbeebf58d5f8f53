// A small command-line reader with Dutch messages. Options are `--name VALUE`,
// `--name=VALUE` or flags `--name`; everything else is positional.
#pragma once
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ml::app {

// Bad usage: main prints the message and exits with 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ArgSpec {
  std::set<std::string> valued;  // options that take a value, without "--"
  std::set<std::string> flags;   // options without a value
  bool audioOutput = true;       // --uitvoer names an audio file (false: transcript's text)
};

class Args {
 public:
  // Throws UsageError on an unknown option or a missing value.
  Args(const std::vector<std::string>& argv, const ArgSpec& spec);

  const std::vector<std::string>& positional() const { return positional_; }
  std::optional<std::string> value(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  // Parses a number option; throws UsageError with a Dutch message when it is not one.
  std::optional<double> number(const std::string& name) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

}  // namespace ml::app
