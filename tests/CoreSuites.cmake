# The suites that need neither torch nor widgets: core and media. tests/CMakeLists.txt and
# the fuzz build (AVQA_BUILD_FUZZERS, sanitized with clang) both include this file.
find_package(GTest REQUIRED)
include(GoogleTest)
set(AVQA_TESTS_SRC ${PROJECT_SOURCE_DIR}/tests)

set(AVQA_FIXTURES_DIR ${AVQA_TESTS_SRC}/fixtures)

# Tests never read the developer's own settings (folder map, window layout): their config
# folder is one of the build's.
set(AVQA_TEST_ENVIRONMENT "XDG_CONFIG_HOME=${CMAKE_BINARY_DIR}/test-config")

# Server projects need a PostgreSQL server: the pg_cluster fixture starts a throwaway one on a
# free loopback port before the tests that need it and stops it after (support/pg-cluster.sh).
string(MD5 avqa_pg_hash "${CMAKE_BINARY_DIR}")
set(AVQA_TEST_PG_DIR "/tmp/avqa-test-pg-${avqa_pg_hash}")
add_test(NAME pg_cluster_start COMMAND ${AVQA_TESTS_SRC}/support/pg-cluster.sh start ${AVQA_TEST_PG_DIR})
set_tests_properties(pg_cluster_start PROPERTIES FIXTURES_SETUP pg_cluster)
add_test(NAME pg_cluster_stop COMMAND ${AVQA_TESTS_SRC}/support/pg-cluster.sh stop ${AVQA_TEST_PG_DIR})
set_tests_properties(pg_cluster_stop PROPERTIES FIXTURES_CLEANUP pg_cluster)

add_library(avqa_test_support STATIC ${AVQA_TESTS_SRC}/support/TempDir.cpp ${AVQA_TESTS_SRC}/support/TestVideos.cpp
  ${AVQA_TESTS_SRC}/support/ProjectBackends.cpp)
target_include_directories(avqa_test_support PUBLIC ${AVQA_TESTS_SRC})
target_link_libraries(avqa_test_support PUBLIC avqa_core GTest::gtest)
target_compile_definitions(avqa_test_support PUBLIC AVQA_FIXTURES_DIR="${AVQA_FIXTURES_DIR}" AVQA_TEST_PG_DIR="${AVQA_TEST_PG_DIR}")

add_executable(avqa_core_tests
  ${AVQA_TESTS_SRC}/core/PyJsonStyleTest.cpp
  ${AVQA_TESTS_SRC}/core/MusicAvqaFileTest.cpp
  ${AVQA_TESTS_SRC}/core/RecordEditorTest.cpp
  ${AVQA_TESTS_SRC}/core/ProjectStoreTest.cpp
  ${AVQA_TESTS_SRC}/core/AnalysisTest.cpp
  ${AVQA_TESTS_SRC}/core/PredictionFileTest.cpp
  ${AVQA_TESTS_SRC}/core/FaithfulnessTest.cpp
  ${AVQA_TESTS_SRC}/core/MapScoresTest.cpp
  ${AVQA_TESTS_SRC}/core/AttentionAuditTest.cpp
  ${AVQA_TESTS_SRC}/core/AskStoreTest.cpp
  ${AVQA_TESTS_SRC}/core/FolderMapTest.cpp
  ${AVQA_TESTS_SRC}/core/HeatmapLayerTest.cpp
  ${AVQA_TESTS_SRC}/core/AnnotationSessionTest.cpp
  ${AVQA_TESTS_SRC}/core/ComparisonSwapTest.cpp
  ${AVQA_TESTS_SRC}/core/ProjectAccessTest.cpp
  ${AVQA_TESTS_SRC}/core/EvidenceAnnotationTest.cpp)
target_link_libraries(avqa_core_tests PRIVATE avqa_test_support GTest::gtest_main)
target_compile_definitions(avqa_core_tests PRIVATE AVQA_TESTS_DIR="${AVQA_TESTS_SRC}")
avqa_set_warnings(avqa_core_tests)
gtest_discover_tests(avqa_core_tests DISCOVERY_TIMEOUT 60 PROPERTIES ENVIRONMENT "${AVQA_TEST_ENVIRONMENT}" FIXTURES_REQUIRED pg_cluster)

add_executable(avqa_media_tests ${AVQA_TESTS_SRC}/media/MediaSamplerTest.cpp ${AVQA_TESTS_SRC}/features/NpyFeatureTest.cpp)
target_link_libraries(avqa_media_tests PRIVATE avqa_test_support GTest::gtest_main)
avqa_set_warnings(avqa_media_tests)
gtest_discover_tests(avqa_media_tests DISCOVERY_TIMEOUT 60 PROPERTIES ENVIRONMENT "${AVQA_TEST_ENVIRONMENT}")

