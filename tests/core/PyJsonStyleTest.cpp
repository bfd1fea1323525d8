#include <gtest/gtest.h>

#include "dataset/PyJsonStyle.h"

namespace avqa {
namespace {

// Expected strings are what CPython 3.11's json.dumps prints for the same input.
TEST(PyJsonQuote, EscapesLikePythonEnsureAscii) {
  EXPECT_EQ(pyJsonQuote("a\x7f" "b\x01\xc3\xa9\xf0\x9f\x98\x80/"),
            R"("a\u007fb\u0001\u00e9\ud83d\ude00/")");
  EXPECT_EQ(pyJsonQuote("tab\there \"q\" \\ \n\r\b\f"), R"("tab\there \"q\" \\ \n\r\b\f")");
  EXPECT_EQ(pyJsonQuote("How many sounding <Object> in the video\xef\xbc\x9f"),
            R"("How many sounding <Object> in the video\uff1f")");
}

TEST(PyJsonQuote, CompactListMatchesJsonDumps) {
  EXPECT_EQ(pyJsonCompactStringList({"Audio", "Counting"}), R"(["Audio", "Counting"])");
  EXPECT_EQ(pyJsonCompactStringList({}), "[]");
}

TEST(PyJsonStyle, NestedListAndObjectFollowIndent) {
  const PyJsonStyle style = PyJsonStyle::indented(2);
  EXPECT_EQ(pyJsonStringList({"cello", "left"}, style, 2), "[\n      \"cello\",\n      \"left\"\n    ]");
  EXPECT_EQ(pyJsonStringList({}, style, 2), "[]");
  EXPECT_EQ(pyJsonObject({{"a", "1"}, {"b", "\"x\""}}, style, 1), "{\n    \"a\": 1,\n    \"b\": \"x\"\n  }");
  EXPECT_EQ(pyJsonObject({{"a", "1"}, {"b", "\"x\""}}, PyJsonStyle::oneLine(), 1), "{\"a\": 1, \"b\": \"x\"}");
}

}  // namespace
}  // namespace avqa
