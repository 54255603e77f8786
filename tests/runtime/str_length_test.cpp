// utf8_length counts code points a 64-bit word at a time (continuation bytes subtracted); these
// cases put multi-byte characters on, before and across every word boundary and in the tail.
#include <gtest/gtest.h>

#include <string>

#include "runtime/objects/str.h"

namespace minipy::rt {
namespace {

int64_t bytewise_length(const std::string& s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(StrLength, AsciiAtEveryLength) {
  for (size_t n = 0; n < 40; n++) {
    bool ascii = false;
    EXPECT_EQ(utf8_length(std::string(n, 'x'), &ascii), static_cast<int64_t>(n));
    EXPECT_TRUE(ascii);
  }
}

TEST(StrLength, MultiByteCharactersAtEveryOffset) {
  const char* chars[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xED\xA0\x80"};
  for (const char* ch : chars) {
    for (size_t before = 0; before < 20; before++) {
      for (size_t after = 0; after < 12; after += 3) {
        std::string s = std::string(before, 'a') + ch + std::string(after, 'b') + ch;
        bool ascii = true;
        EXPECT_EQ(utf8_length(s, &ascii), bytewise_length(s)) << before << " " << after;
        EXPECT_FALSE(ascii);
      }
    }
  }
}

TEST(StrLength, OnlyTheLastByteIsHigh) {
  for (size_t n = 1; n < 20; n++) {
    std::string s(n, 'a');
    s.back() = static_cast<char>(0xC3);  // a lone lead byte still counts as one
    bool ascii = true;
    EXPECT_EQ(utf8_length(s, &ascii), static_cast<int64_t>(n));
    EXPECT_FALSE(ascii);
  }
}

}  // namespace
}  // namespace minipy::rt
