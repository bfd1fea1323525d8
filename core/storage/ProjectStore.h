#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dataset/MusicAvqaFile.h"
#include "storage/DbConnection.h"

namespace avqa {

struct SplitInfo {
  std::int64_t id = 0;
  std::string name;
  std::string source_path;
  std::int64_t record_count = 0;
  std::string imported_at;
};

// A question as stored: `row` is its stable key inside the project.
struct StoredQuestion {
  std::int64_t row = 0;
  std::int64_t position = 0;
  QaRecord record;
  int flags = 0;           // QuestionFlag bits
  std::string note;
  bool free_text = false;  // written by hand, not from one of the templates
};

// What annotators mark on a question (bits of `flags`).
enum QuestionFlag : int { kFlagAmbiguous = 1, kFlagWrongAnswer = 2, kFlagNeedsReview = 4 };

struct RunInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t split_id = 0;
  std::string source;
  std::string source_path;
  std::string created_at;
};

// Where a run's predictions came from.
struct ModelProvenance {
  std::string model_name;
  std::string model_sha256;
  std::string feature_kinds;  // comma-separated
};

struct StoredPrediction {
  std::int64_t question_row = 0;
  std::string answer;
  std::string prediction_json;  // a model's whole prediction (every map); empty: answer only
  int frame_width = 0;          // the frame its maps cover
  int frame_height = 0;
};

// A stored prediction's maps, read back.
struct StoredPredictionMaps {
  std::string prediction_json;
  int frame_width = 0;
  int frame_height = 0;
};

enum class ExistingPolicy { Refuse, Replace };
enum class QuestionDetail { AnalysisFields, WithRecordBytes };

struct SplitImportResult {
  std::int64_t split_id = 0;
  bool replaced = false;
  std::int64_t runs_removed = 0;
};

// A project: a file (*.avqa, SQLite in WAL mode with foreign keys on) or a project on a
// PostgreSQL server, through the same SQL. Each write is one transaction, committed before
// the call returns, so a killed process loses nothing acknowledged. Not thread-safe: one
// store per thread.
class ProjectStore {
 public:
  // `path`: a project file, or a server project's URL (postgresql://USER@HOST/DB?project=NAME).
  ProjectStore(const std::string& path, DbConnection::OpenMode mode);
  const std::string& path() const { return connection_->path(); }  // the file, or the server project's URL
  DbConnection& connection() { return *connection_; }  // for the project's other tables
  // ReadOnly: every write throws AvqaError saying why (readOnlyReason()); reading works.
  DbConnection::Access access() const { return connection_->access(); }
  const std::string& readOnlyReason() const { return connection_->readOnlyReason(); }
  bool isOnServer() const { return connection_->backend() == DbConnection::Backend::PostgreSql; }

  std::vector<SplitInfo> splits();
  std::optional<SplitInfo> findSplit(const std::string& name);

  // Stores every record of `file` (nothing dropped) as split `name`, in one transaction.
  SplitImportResult importSplit(const std::string& name, const MusicAvqaFile& file,
                                ExistingPolicy policy);
  // The split's questions in file order; questions an annotator removed are left out.
  std::vector<StoredQuestion> questions(std::int64_t split_id, QuestionDetail detail);

  // The split as file bytes: the original bytes for unedited records and layout.
  std::string exportSplit(std::int64_t split_id);


  std::vector<RunInfo> runs();
  std::optional<RunInfo> findRun(const std::string& name);
  std::int64_t importRun(const RunInfo& run, const std::vector<StoredPrediction>& predictions,
                         ExistingPolicy policy);
  // Per question row, the maps stored with a run's predictions (runs of a model only).
  std::unordered_map<std::int64_t, StoredPredictionMaps> predictionMaps(std::int64_t run_id);
  std::unordered_map<std::int64_t, std::string> predictions(std::int64_t run_id);

  // A model run over a split, filled video by video: an existing run of the same name on the
  // same split is continued (resume), on another split refused.
  std::int64_t openModelRun(const RunInfo& run, const ModelProvenance& provenance);
  void addPredictions(std::int64_t run_id, const std::vector<StoredPrediction>& predictions);
  // As addPredictions, inside the caller's transaction (RunClaims stores a claimed video's).
  void insertPredictions(std::int64_t run_id, const std::vector<StoredPrediction>& predictions);
  void removeRun(const std::string& name);  // with its predictions; nothing if absent

  PyJsonStyle splitStyle(std::int64_t split_id);  // how its file writes records

 private:
  // Inside the caller's transaction.
  std::int64_t insertRun(const RunInfo& run, const ModelProvenance& provenance);

  std::unique_ptr<DbConnection> connection_;
};

}  // namespace avqa
