#include "core/result.h"

#include <gtest/gtest.h>

namespace origine {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Error::Invalid("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckPositive(int x) {
  if (x <= 0) return Error::Invalid("not positive");
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
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "odd");
}

TEST(ResultTest, StatusPropagates) {
  EXPECT_TRUE(Both(4).ok());
  EXPECT_EQ(Both(-2).error().message, "not positive");
  EXPECT_EQ(Both(3).error().message, "odd");
}

}  // namespace
}  // namespace origine
