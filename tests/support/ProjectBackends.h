#pragma once

#include <gtest/gtest.h>

#include <string>

#include "support/TempDir.h"

namespace avqa::test {

// Where a storage test keeps its project: a file, or a project on the test PostgreSQL server
// (the pg_cluster CTest fixture starts it; tests/support/pg-cluster.sh).
enum class StorageBackend { File, Server };

// A new, empty project location: a file in `dir`, or a project name not used before on the
// server. Empty when the server is not running (the caller skips: see ProjectBackendTest).
std::string freshProject(StorageBackend backend, const TempDir& dir, const std::string& name);
std::string backendName(const ::testing::TestParamInfo<StorageBackend>& info);

// A test suite that runs each test on both back ends.
class ProjectBackendTest : public ::testing::TestWithParam<StorageBackend> {
 protected:
  // Skips the server leg, saying why, when no test server runs (a build without the fixture).
  std::string freshProject(const std::string& name) {
    std::string location = test::freshProject(GetParam(), dir_, name);
    if (location.empty()) ADD_FAILURE() << "no test server: run through ctest (the pg_cluster fixture starts it)";
    return location;
  }
  TempDir dir_;
};

#define AVQA_BOTH_BACKENDS(suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, suite, ::testing::Values(::avqa::test::StorageBackend::File, ::avqa::test::StorageBackend::Server), \
                           ::avqa::test::backendName)

}  // namespace avqa::test
