#include <stdexcept>

#include "storage/db.h"

namespace origine::storage {
namespace {
const std::string kEmptyText;
const std::vector<uint8_t> kEmptyBytes;
}  // namespace

int64_t Row::Int(size_t i) const {
  const Value& v = values_.at(i);
  if (std::holds_alternative<std::nullptr_t>(v)) return 0;
  if (auto* p = std::get_if<int64_t>(&v)) return *p;
  throw std::logic_error("column " + std::to_string(i) + " is not an integer");
}

const std::string& Row::Text(size_t i) const {
  const Value& v = values_.at(i);
  if (std::holds_alternative<std::nullptr_t>(v)) return kEmptyText;
  if (auto* p = std::get_if<std::string>(&v)) return *p;
  throw std::logic_error("column " + std::to_string(i) + " is not text");
}

const std::vector<uint8_t>& Row::Bytes(size_t i) const {
  const Value& v = values_.at(i);
  if (std::holds_alternative<std::nullptr_t>(v)) return kEmptyBytes;
  if (auto* p = std::get_if<Blob>(&v)) return p->bytes;
  throw std::logic_error("column " + std::to_string(i) + " is not a blob");
}

}  // namespace origine::storage
