// unicode/: properties and names against known values, and the four normalization forms against
// the Unicode Consortium's own conformance file (NormalizationTest.txt from unicode-data).
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "unicode/unicode_db.h"

namespace minipy::unicode {
namespace {

TEST(UnicodeDb, Properties) {
  EXPECT_STREQ(category('A'), "Lu");
  EXPECT_STREQ(category(0x0378), "Cn");  // unassigned
  EXPECT_STREQ(bidirectional(0x05D0), "R");
  EXPECT_EQ(combining(0x0301), 230);
  EXPECT_TRUE(mirrored('('));
  EXPECT_STREQ(east_asian_width(0x4E00), "W");
  EXPECT_EQ(decimal(0x0663), 3);
  EXPECT_EQ(digit(0x00B2), 2);
  EXPECT_EQ(decimal(0x00B2), -1);
  double v = 0;
  ASSERT_TRUE(numeric(0x00BD, &v));
  EXPECT_DOUBLE_EQ(v, 0.5);
  EXPECT_EQ(decomposition(0x00E9), "0065 0301");
  EXPECT_EQ(decomposition(0xFB01), "<compat> 0066 0069");
}

TEST(UnicodeDb, Names) {
  EXPECT_EQ(name('a'), "LATIN SMALL LETTER A");
  EXPECT_EQ(name(0xAC01), "HANGUL SYLLABLE GAG");
  EXPECT_EQ(name(0x20000), "CJK UNIFIED IDEOGRAPH-20000");
  EXPECT_EQ(name(0x0000), "");  // <control>
  std::u32string out;
  ASSERT_TRUE(lookup("latin small letter a", false, &out));
  EXPECT_EQ(out, U"a");
  ASSERT_TRUE(lookup("HANGUL SYLLABLE GAG", false, &out));
  EXPECT_EQ(out, std::u32string(1, 0xAC01));
  ASSERT_TRUE(lookup("BYTE ORDER MARK", false, &out));  // an alias
  EXPECT_EQ(out, std::u32string(1, 0xFEFF));
  EXPECT_FALSE(lookup("KEYCAP DIGIT ONE", false, &out));  // a named sequence
  ASSERT_TRUE(lookup("KEYCAP DIGIT ONE", true, &out));
  EXPECT_EQ(out, (std::u32string{0x31, 0xFE0F, 0x20E3}));
  EXPECT_FALSE(lookup("NO SUCH CHARACTER", true, &out));
  // Every name reads back to its code point.
  for (uint32_t cp = 0; cp < 0x30000; cp++) {
    std::string n = name(cp);
    if (n.empty()) continue;
    ASSERT_TRUE(lookup(n, false, &out)) << n;
    ASSERT_EQ(out, std::u32string(1, cp)) << n;
  }
}

std::u32string parse_field(const std::string& field) {
  std::u32string out;
  std::istringstream in(field);
  std::string hex;
  while (in >> hex) out.push_back(static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
  return out;
}

TEST(UnicodeDb, NormalizationConformance) {
  FILE* f = popen("bzcat /usr/share/unicode/NormalizationTest.txt.bz2 2>/dev/null", "r");
  ASSERT_NE(f, nullptr);
  char buf[1024];
  int cases = 0;
  while (std::fgets(buf, sizeof buf, f)) {
    std::string line(buf);
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    std::u32string c[5];
    size_t pos = 0;
    for (auto& col : c) {
      size_t semi = line.find(';', pos);
      if (semi == std::string::npos) break;
      col = parse_field(line.substr(pos, semi - pos));
      pos = semi + 1;
    }
    if (c[0].empty()) continue;
    cases++;
    for (int i = 0; i < 3; i++) {
      ASSERT_EQ(normalize(Form::NFC, c[i]), c[1]) << line;
      ASSERT_EQ(normalize(Form::NFD, c[i]), c[2]) << line;
    }
    for (int i = 3; i < 5; i++) {
      ASSERT_EQ(normalize(Form::NFC, c[i]), c[3]) << line;
      ASSERT_EQ(normalize(Form::NFD, c[i]), c[4]) << line;
    }
    for (const auto& col : c) {
      ASSERT_EQ(normalize(Form::NFKC, col), c[3]) << line;
      ASSERT_EQ(normalize(Form::NFKD, col), c[4]) << line;
    }
  }
  pclose(f);
  if (cases == 0) GTEST_SKIP() << "NormalizationTest.txt.bz2 (unicode-data) or bzcat not available";
  EXPECT_GT(cases, 15000);
}

}  // namespace
}  // namespace minipy::unicode
