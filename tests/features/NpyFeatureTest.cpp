// .npy files and feature folders written by NumPy itself (Debian's python3-numpy).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "common/AvqaError.h"
#include "features/FeatureFolder.h"
#include "features/NpyArray.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

// Runs a short NumPy script with the test's folder as working directory.
void python(const test::TempDir& dir, const std::string& script) {
  test::writeBytes(dir.file("make.py"), "import numpy as np, os\nos.makedirs('f', exist_ok=True)\n" + script);
  const std::string command = "cd " + dir.path() + " && /usr/bin/python3 make.py";
  ASSERT_EQ(std::system(command.c_str()), 0) << script;
}

TEST(Npy, ReadsEveryFloatWidthAndByteOrder) {
  test::TempDir dir;
  python(dir,
         "a = np.arange(12, dtype=np.float64).reshape(3, 4) / 4\n"
         "np.save('f64.npy', a)\nnp.save('f32.npy', a.astype('<f4'))\nnp.save('f16.npy', a.astype('<f2'))\n"
         "np.save('big.npy', a.astype('>f4'))\n");
  for (const char* name : {"f64.npy", "f32.npy", "f16.npy", "big.npy"}) {
    const NpyArray array = readNpy(dir.file(name));
    ASSERT_EQ(array.shape, (std::vector<std::size_t>{3, 4})) << name;
    for (std::size_t i = 0; i < 12; ++i) EXPECT_FLOAT_EQ(array.values[i], static_cast<float>(i) / 4) << name;
  }
  const NpyArray first = readNpy(dir.file("f32.npy"), 2);  // only the rows a model needs
  EXPECT_EQ(first.shape, (std::vector<std::size_t>{2, 4}));
  EXPECT_EQ(first.values.size(), 8u);
}

TEST(Npy, RefusesWhatItCannotRead) {
  test::TempDir dir;
  python(dir,
         "np.save('ints.npy', np.arange(6).reshape(2, 3))\n"
         "np.save('fortran.npy', np.asfortranarray(np.ones((3, 2), dtype=np.float32)))\n"
         "np.save('ok.npy', np.ones((60, 128), dtype=np.float32))\n"
         "open('cut.npy', 'wb').write(open('ok.npy', 'rb').read()[:500])\n");
  const auto expect_error = [&](const std::string& name, const std::string& problem) {
    try {
      readNpy(dir.file(name));
      ADD_FAILURE() << "accepted " << name;
    } catch (const AvqaError& error) {
      EXPECT_NE(std::string(error.what()).find(dir.file(name)), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(problem), std::string::npos) << error.what();
    }
  };
  expect_error("ints.npy", "holds dtype '<i8'");
  expect_error("fortran.npy", "Fortran order");
  expect_error("cut.npy", "is truncated");
  test::writeBytes(dir.file("text.npy"), "not numpy at all");
  expect_error("text.npy", "is not a NumPy .npy file");
  // Headers whose shape no file can hold: a dimension past 64 bits, and a product that would
  // wrap to a small element count (then index past the data).
  const auto header_with_shape = [](const std::string& shape) {
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
    header.resize(118, ' ');
    header += '\n';
    return std::string("\x93NUMPY\x01\x00", 8) + std::string(1, static_cast<char>(header.size())) + std::string(1, '\0') + header +
           std::string(64, '\0');
  };
  test::writeBytes(dir.file("huge.npy"), header_with_shape("2, 99999999999999999999999999"));
  expect_error("huge.npy", "impossible shape");
  test::writeBytes(dir.file("wraps.npy"), header_with_shape("4294967296, 4294967296, 16"));
  expect_error("wraps.npy", "impossible shape");
  const NpyArray ok = readNpy(dir.file("ok.npy"));
  try {
    requireShape(ok, 60, {512}, dir.file("ok.npy"));
    ADD_FAILURE() << "accepted a wrong shape";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("has shape [60,128], expected [60,512]"), std::string::npos) << error.what();
  }
}

TEST(FeatureFolder, CommunityLayoutsAndAliases) {
  test::TempDir dir;
  python(dir,
         "os.makedirs('f/vggish'); os.makedirs('f/clip_vit_b32'); os.makedirs('f/res18_14x14')\n"
         "v = np.arange(70 * 128, dtype=np.float32).reshape(70, 128)\nnp.save('f/vggish/v1.npy', v)\n"
         "c = np.zeros((60, 50, 512), dtype=np.float16)\nc[:, 0, :] = 1.0\nc[:, 1:, :] = 2.0\n"
         "c[7, 1 + 2 * 7 + 3, 5] = 9.0\nnp.save('f/clip_vit_b32/v1.npy', c)\n"
         "r = np.zeros((60, 512, 14, 14), dtype=np.float32)\nr[4, 10, 3, 5] = 196.0\nnp.save('f/res18_14x14/v1.npy', r)\n");
  const FeatureFolder folder(dir.file("f"));
  ASSERT_TRUE(folder.folderOf("clip-vit-b32"));
  EXPECT_FALSE(folder.folderOf("unknown-kind"));
  // Rows 0, 6, 12 (a stride of 6) and one padded step.
  const StepFeatures audio = folder.audio("vggish", "v1", {0, 6, 12, -1});
  ASSERT_EQ(audio.values.size(), 4u * 128u);
  EXPECT_FLOAT_EQ(audio.values[1 * 128 + 3], 6 * 128 + 3);
  EXPECT_FLOAT_EQ(audio.values[3 * 128 + 3], 0.0f);
  const StepPatchFeatures clip = folder.visual("clip-vit-b32", "v1", {7});
  EXPECT_EQ(clip.grid, (std::vector<int>{7, 7}));
  EXPECT_EQ(clip.crop, "center-square");
  EXPECT_FLOAT_EQ(clip.frame[0], 1.0f);                      // CLS
  EXPECT_FLOAT_EQ(clip.values[(2 * 7 + 3) * 512 + 5], 9.0f);  // patch (2, 3), row-major
  const StepPatchFeatures resnet = folder.visual("resnet18-14x14", "v1", {4});
  EXPECT_EQ(resnet.patches, 196u);
  EXPECT_EQ(resnet.crop, "full-frame");
  EXPECT_FLOAT_EQ(resnet.values[(3 * 14 + 5) * 512 + 10], 196.0f);  // channel-last per patch
  EXPECT_FLOAT_EQ(resnet.frame[10], 1.0f);                          // mean over 196 patches
  EXPECT_THROW(folder.audio("vggish", "v1", {75}), AvqaError);      // beyond its 70 rows
  EXPECT_THROW(folder.audio("vggish", "missing", {0}), AvqaError);
}

}  // namespace
}  // namespace avqa
