#include "core/result.h"

#include <gtest/gtest.h>

namespace origine {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Error::Invalid("test.odd"_code, "odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckPositive(int x) {
  if (x <= 0) return Error::Invalid("test.not_positive"_code, "not positive");
  return Status::Ok();
}

Status Both(int x) {
  RETURN_IF_ERROR(CheckPositive(x));
  RETURN_IF_ERROR(Half(x));
  return {};
}

TEST(ResultTest, ValueAndErrorPropagate) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().message, "odd");
}

TEST(ResultTest, StatusPropagates) {
  EXPECT_TRUE(Both(4).ok());
  EXPECT_EQ(Both(-2).error().message, "not positive");
  EXPECT_EQ(Both(3).error().message, "odd");
}

}  // namespace
}  // namespace origine

namespace origine {
namespace {

TEST(ErrorCodeTest, FactoriesCarryTheKindTheCodeAndParams) {
  Error e = Error::Invalid("hs_code.format"_code, "HS code must have 6 to 10 digits",
                           {{"goods/0/hs_code", "hs_code.format"_code, "must have 6 to 10 digits", {{"min", "6"}}}});
  EXPECT_EQ(e.kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(e.code, "hs_code.format");
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].code, "hs_code.format");
  EXPECT_EQ(e.fields[0].params[0], (std::pair<std::string, std::string>{"min", "6"}));
  Error n = Error::NotFound("application.not_found"_code, "no application 7").With("id", "7");
  EXPECT_EQ(n.kind, ErrorKind::kNotFound);
  ASSERT_EQ(n.params.size(), 1u);
  EXPECT_EQ(n.params[0].second, "7");
  EXPECT_EQ(Error::Internal("disk on fire").code, "internal");
}

TEST(ErrorCodeTest, CodesAreDottedLowerCaseWords) {
  static_assert(internal::ValidErrorCode("a.b", 3));
  static_assert(internal::ValidErrorCode("hs_code.format_2", 16));
  static_assert(!internal::ValidErrorCode("nodot", 5));
  static_assert(!internal::ValidErrorCode("Upper.case", 10));
  static_assert(!internal::ValidErrorCode("a..b", 4));
  static_assert(!internal::ValidErrorCode(".a", 2));
  static_assert(!internal::ValidErrorCode("a.", 2));
  static_assert(!internal::ValidErrorCode("a-b.c", 5));
}

}  // namespace
}  // namespace origine
