// Splits one line of cleaned UTF-8 text into tokens for the Dutch normaliser.
// Words are maximal runs of letters, numbers maximal runs of ASCII digits, every other
// character is a token of its own; web and e-mail addresses are kept whole. Pure; thread-safe.
#pragma once
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ml::text {

enum class TokenKind { Word, Number, Space, Punct, Url, Email };

struct Token {
  TokenKind kind;
  std::string text;
};

// domains: lower-case top-level domains that make "naam.nl" an address without "www.".
std::vector<Token> tokenize(std::string_view line,
                            const std::unordered_set<std::string>* domains = nullptr);

}  // namespace ml::text
