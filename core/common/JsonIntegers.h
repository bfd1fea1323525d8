#pragma once

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <vector>

namespace avqa {

// nlohmann's get<int>() casts a float such as 1e300 straight to int — undefined behaviour
// (found by fuzzing) — and wraps integers too large for the type. Every integer read from a
// user's file goes through these instead: an integer (or a float with an integral value) in
// the type's range, else json::out_of_range; anything else json::type_error, as get<>() throws.
template <typename Int>
Int jsonInteger(const nlohmann::json& value) {
  static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
  const auto out_of_range = [] { return nlohmann::json::out_of_range::create(406, "integer out of range", nullptr); };
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) throw out_of_range();
    return static_cast<Int>(number);
  }
  if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    if constexpr (std::is_unsigned_v<Int>) {
      if (number < 0 || static_cast<std::uint64_t>(number) > std::numeric_limits<Int>::max()) throw out_of_range();
    } else {
      if (number < std::numeric_limits<Int>::min() || number > std::numeric_limits<Int>::max()) throw out_of_range();
    }
    return static_cast<Int>(number);
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    // The bounds as doubles: min is a power of two (exact); max + 1 is one too.
    const double low = static_cast<double>(std::numeric_limits<Int>::min());
    const double high = static_cast<double>(std::numeric_limits<Int>::max()) + 1.0;
    if (!std::isfinite(number) || std::floor(number) != number || number < low || number >= high) throw out_of_range();
    return static_cast<Int>(number);
  }
  return value.get<Int>();  // not a number: get<>() throws its type_error
}

template <typename Int>
std::vector<Int> jsonIntegers(const nlohmann::json& value) {
  if (!value.is_array()) return value.get<std::vector<Int>>();  // throws type_error
  std::vector<Int> numbers;
  numbers.reserve(value.size());
  for (const nlohmann::json& item : value) numbers.push_back(jsonInteger<Int>(item));
  return numbers;
}

// object[key] as an integer, or `fallback` when the key is absent.
template <typename Int>
Int jsonIntegerOr(const nlohmann::json& object, const char* key, Int fallback) {
  return object.is_object() && object.contains(key) ? jsonInteger<Int>(object.at(key)) : fallback;
}

}  // namespace avqa
