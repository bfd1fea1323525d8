#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace avqa {

// A numeric array read from a NumPy .npy file, converted to float32, C order.
struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<float> values;
  std::size_t file_rows = 0;  // the first axis as the file has it (shape[0] may keep fewer)

  std::size_t rowSize() const;  // elements per index of the first axis
};

// Reads float16/32/64 (either byte order), C-order arrays. Refuses with a message naming the
// file: not an .npy file, another dtype, Fortran order, a truncated body. `max_rows` keeps
// only the first rows of the first axis (released feature files sometimes hold more).
NpyArray readNpy(const std::string& path, std::size_t max_rows = static_cast<std::size_t>(-1));

// Checks every axis after the first against `expected_tail` and that at least `min_rows`
// rows exist; AvqaError naming the file, the expected and the actual shape otherwise.
void requireShape(const NpyArray& array, std::size_t min_rows, const std::vector<std::size_t>& expected_tail,
                  const std::string& path);

std::string shapeText(const std::vector<std::size_t>& shape);

}  // namespace avqa
