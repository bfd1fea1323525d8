#include "features/NpyArray.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <regex>

#include "common/AvqaError.h"
#include "common/InputFile.h"

namespace avqa {
namespace {

float halfToFloat(std::uint16_t half) {
  const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000) << 16;
  std::uint32_t exponent = (half >> 10) & 0x1F;
  std::uint32_t mantissa = half & 0x3FF;
  std::uint32_t bits = 0;
  if (exponent == 0) {
    if (mantissa == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      exponent = 127 - 15 + 1;
      while (!(mantissa & 0x400)) {
        mantissa <<= 1;
        --exponent;
      }
      bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
    }
  } else if (exponent == 0x1F) {
    bits = sign | 0x7F800000 | (mantissa << 13);
  } else {
    bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float value = 0.0f;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

template <typename T>
T loadSwapped(const char* bytes, bool swap) {
  char copy[sizeof(T)];
  std::memcpy(copy, bytes, sizeof(T));
  if (swap) std::reverse(copy, copy + sizeof(T));
  T value;
  std::memcpy(&value, copy, sizeof(T));
  return value;
}

}  // namespace

std::size_t NpyArray::rowSize() const {
  std::size_t size = 1;
  for (std::size_t i = 1; i < shape.size(); ++i) size *= shape[i];
  return size;
}

std::string shapeText(const std::vector<std::size_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

NpyArray readNpy(const std::string& path, std::size_t max_rows) {
  const std::string bytes = readInputFile(path, std::size_t(1) << 34);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw AvqaError(path, "is not a NumPy .npy file");
  const int major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_length = 0;
  std::size_t header_start = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) | (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw AvqaError(path, "truncated .npy header");
    header_length = 0;
    for (int i = 3; i >= 0; --i) header_length = (header_length << 8) | static_cast<unsigned char>(bytes[8 + static_cast<std::size_t>(i)]);
    header_start = 12;
  } else {
    throw AvqaError(path, "unknown .npy version " + std::to_string(major));
  }
  if (header_start + header_length > bytes.size()) throw AvqaError(path, "truncated .npy header");
  const std::string header = bytes.substr(header_start, header_length);

  std::smatch match;
  if (!std::regex_search(header, match, std::regex("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'"))) {
    throw AvqaError(path, ".npy header has no dtype it can read");
  }
  const char order = match[1].str()[0];
  const char kind = match[2].str()[0];
  const std::string width_text = match[3].str();
  const int width = width_text.size() > 2 ? 0 : std::stoi(width_text);  // "f99999999999" is no float
  if (kind != 'f' || (width != 2 && width != 4 && width != 8)) {
    throw AvqaError(path, "holds dtype '" + match[1].str() + match[2].str() + match[3].str() +
                              "'; features must be float16, float32 or float64");
  }
  if (std::regex_search(header, std::regex("'fortran_order'\\s*:\\s*True"))) {
    throw AvqaError(path, "is in Fortran order; save it in C order (numpy.ascontiguousarray)");
  }
  if (!std::regex_search(header, match, std::regex("'shape'\\s*:\\s*\\(([^)]*)\\)"))) {
    throw AvqaError(path, ".npy header has no shape");
  }
  NpyArray array;
  const std::string dims = match[1].str();
  const std::regex number("\\d+");
  // Each dimension and their product bounded before anything is allocated or indexed: a
  // damaged header must not wrap the element count (found by fuzzing: std::stoull threw).
  constexpr std::size_t kMaxElements = std::size_t(1) << 40;
  std::size_t total = 1;
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
    std::size_t dim = 0;
    const std::string digits = it->str();
    const auto [rest, error] = std::from_chars(digits.data(), digits.data() + digits.size(), dim);
    if (error != std::errc() || rest != digits.data() + digits.size() || dim > kMaxElements ||
        (dim > 0 && total > kMaxElements / dim)) {
      throw AvqaError(path, ".npy header declares an impossible shape (" + dims + ")");
    }
    array.shape.push_back(dim);
    total *= dim;
  }
  const std::size_t body_start = header_start + header_length;
  if (bytes.size() - body_start < total * static_cast<std::size_t>(width)) {
    throw AvqaError(path, "is truncated: shape " + shapeText(array.shape) + " needs " +
                              std::to_string(total * static_cast<std::size_t>(width)) + " bytes of data, the file has " +
                              std::to_string(bytes.size() - body_start));
  }
  array.file_rows = array.shape.empty() ? 0 : array.shape[0];
  if (!array.shape.empty() && array.shape[0] > max_rows) {
    array.shape[0] = max_rows;
    total = array.shape[0] * array.rowSize();
  }
  const bool swap = order == '>';  // this machine is little-endian
  array.values.resize(total);
  const char* data = bytes.data() + body_start;
  for (std::size_t i = 0; i < total; ++i) {
    const char* element = data + i * static_cast<std::size_t>(width);
    if (width == 2) {
      array.values[i] = halfToFloat(loadSwapped<std::uint16_t>(element, swap));
    } else if (width == 4) {
      array.values[i] = loadSwapped<float>(element, swap);
    } else {
      array.values[i] = static_cast<float>(loadSwapped<double>(element, swap));
    }
  }
  return array;
}

void requireShape(const NpyArray& array, std::size_t min_rows, const std::vector<std::size_t>& expected_tail,
                  const std::string& path) {
  bool ok = !array.shape.empty() && array.shape[0] >= min_rows && array.shape.size() == expected_tail.size() + 1;
  for (std::size_t i = 0; ok && i < expected_tail.size(); ++i) ok = array.shape[i + 1] == expected_tail[i];
  if (!ok) {
    std::vector<std::size_t> expected = {min_rows};
    expected.insert(expected.end(), expected_tail.begin(), expected_tail.end());
    std::vector<std::size_t> in_file = array.shape;  // as the file has it, not the rows kept
    if (!in_file.empty()) in_file[0] = std::max(in_file[0], array.file_rows);
    throw AvqaError(path, "has shape " + shapeText(in_file) + ", expected " + shapeText(expected) +
                              (min_rows > 0 ? " (at least " + std::to_string(min_rows) + " rows)" : ""));
  }
}

}  // namespace avqa
