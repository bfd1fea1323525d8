#include "storage/ProjectStore.h"

#include <QByteArray>

#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "dataset/JsonText.h"
#include "storage/PgProjectConnection.h"
#include "storage/ProjectSchema.h"
#include "storage/SqliteConnection.h"

#ifndef AVQA_VERSION
#define AVQA_VERSION "dev"
#endif

namespace avqa {
namespace {

// source_index, raw_offset, raw_length starting at `column`; none for records never in a file.
// A span outside the split's `source_size` bytes (a damaged or edited project file) is
// refused here, before anything slices the source with it (found by fuzzing).
std::optional<QaRecord::SourceSpan> sourceSpan(const DbStatement& query, int column, std::size_t source_size,
                                               const std::string& path) {
  if (query.columnIsNull(column)) return std::nullopt;
  const std::int64_t index = query.columnInt(column), offset = query.columnInt(column + 1), length = query.columnInt(column + 2);
  if (index < 0 || offset < 0 || length < 0 || static_cast<std::uint64_t>(offset) > source_size ||
      static_cast<std::uint64_t>(length) > source_size - static_cast<std::size_t>(offset)) {
    throw AvqaError(path, "project file is damaged: a question's record lies outside its split's file bytes; "
                          "`avqa-lens check` saves what is still readable");
  }
  return QaRecord::SourceSpan{static_cast<std::size_t>(index), static_cast<std::size_t>(offset), static_cast<std::size_t>(length)};
}

// Row ids of a lookup table (videos, templates) by key, inserting missing rows: one SELECT
// up front instead of one per record.
class RowIdCache {
 public:
  RowIdCache(DbConnection& connection, const char* select_id_key, int key_columns, const char* insert)
      : connection_(connection), insert_(connection.prepare(insert)) {
    DbStatement all = connection.prepare(select_id_key);
    std::string key;
    while (all.step()) {  // the key: columns after the id, joined by \x1f
      key = all.columnText(1);
      for (int column = 2; column <= key_columns; ++column) key.append(1, '\x1f').append(all.columnView(column));
      ids_.emplace(key, all.columnInt(0));
    }
  }

  std::int64_t idOf(const std::string& key, std::initializer_list<std::string_view> columns) {
    auto found = ids_.find(key);
    if (found != ids_.end()) return found->second;
    int index = 1;
    for (std::string_view column : columns) insert_.bind(index++, column);
    insert_.run();
    return ids_.emplace(key, connection_.lastInsertRowId()).first->second;
  }

 private:
  DbConnection& connection_;
  DbStatement insert_;
  std::unordered_map<std::string, std::int64_t> ids_;
};

}  // namespace

ProjectStore::ProjectStore(const std::string& path, DbConnection::OpenMode mode) {
  if (isServerUrl(path)) {
    connection_ = std::make_unique<PgProjectConnection>(path, mode);
    ProjectSchema::migrate(*connection_);
    return;
  }
  connection_ = std::make_unique<SqliteConnection>(path, mode);
  connection_->exec("PRAGMA foreign_keys = ON");
  // Large pages: question records are ~300-byte blobs written in bulk; 64 KiB pages cut the
  // number of writes ~16-fold. Takes effect only when the file is created.
  connection_->exec("PRAGMA page_size = 65536");
  connection_->exec("PRAGMA cache_size = -65536");
  ProjectSchema::migrate(*connection_);  // refuses foreign files before anything is changed
  if (connection_->access() == DbConnection::Access::ReadOnly) return;  // a journal change is a write
  connection_->exec("PRAGMA journal_mode = WAL");
  connection_->exec("PRAGMA synchronous = NORMAL");
}

std::vector<SplitInfo> ProjectStore::splits() {
  DbStatement query = connection_->prepare(
      "SELECT s.id, s.name, s.source_path, s.imported_at, "
      "(SELECT count(*) FROM questions q WHERE q.split_id = s.id) FROM splits s ORDER BY s.id");
  std::vector<SplitInfo> result;
  while (query.step()) {
    result.push_back({query.columnInt(0), query.columnText(1), query.columnText(2),
                      query.columnInt(4), query.columnText(3)});
  }
  return result;
}

std::optional<SplitInfo> ProjectStore::findSplit(const std::string& name) {
  for (SplitInfo& split : splits()) {
    if (split.name == name) return split;
  }
  return std::nullopt;
}

SplitImportResult ProjectStore::importSplit(const std::string& name, const MusicAvqaFile& file,
                                            ExistingPolicy policy) {
  SplitImportResult result;
  // Foreign keys are checked row by row, which triples the cost of a bulk insert; every id
  // written here was just looked up or created, so the checks are off for this transaction.
  connection_->setForeignKeyChecks(false);
  struct ForeignKeysBackOn {
    DbConnection& connection;
    ~ForeignKeysBackOn() {
      try {
        connection.setForeignKeyChecks(true);
      } catch (...) {  // keeps the first error; the next statement will report the connection
      }
    }
  } foreign_keys_back_on{*connection_};
  DbTransaction transaction(*connection_);
  if (std::optional<SplitInfo> existing = findSplit(name)) {
    if (policy == ExistingPolicy::Refuse) {
      throw AvqaError(path(), "split \"" + name + "\" already exists (use --replace to replace it)");
    }
    DbStatement count_runs = connection_->prepare("SELECT count(*) FROM runs WHERE split_id = ?");
    count_runs.bind(1, existing->id);
    if (count_runs.step()) result.runs_removed = count_runs.columnInt(0);
    // Explicit deletes: with foreign keys off for the bulk insert, nothing cascades.
    for (const char* sql :
         {"DELETE FROM predictions WHERE run_id IN (SELECT id FROM runs WHERE split_id = ?1)",
         "DELETE FROM prediction_maps WHERE run_id IN (SELECT id FROM runs WHERE split_id = ?1)",
         "DELETE FROM perturbation_checks WHERE run_id IN (SELECT id FROM runs WHERE split_id = ?1)",
          "DELETE FROM runs WHERE split_id = ?1", "DELETE FROM questions WHERE split_id = ?1",
          "DELETE FROM splits WHERE id = ?1"}) {
      connection_->prepare(sql).bind(1, existing->id).run();
    }
    result.replaced = true;
  }
  DbStatement insert_split = connection_->prepare(
      "INSERT INTO splits(name, source_path, source_bytes, source_records, style_indent, "
      "style_item_separator, style_key_separator, imported_at) VALUES(?,?,?,?,?,?,?,?)");
  insert_split.bind(1, name)
      .bind(2, file.source_path)
      .bindBlobView(3, file.text)
      .bind(4, static_cast<std::int64_t>(file.records.size()))
      .bind(5, std::int64_t{file.style.indent})
      .bind(6, file.style.item_separator)
      .bind(7, file.style.key_separator)
      .bind(8, utcTimestampNow())
      .run();
  result.split_id = connection_->lastInsertRowId();

  RowIdCache videos(*connection_, "SELECT id, name FROM videos", 1, "INSERT INTO videos(name) VALUES(?1)");
  RowIdCache templates(*connection_,
                       "SELECT id, text, modality, question_type FROM templates", 3,
                       "INSERT INTO templates(text, modality, question_type) VALUES(?1, ?2, ?3)");
  DbStatement insert_question = connection_->prepare(
      "INSERT INTO questions(split_id, position, video_id, template_id, question_id, templ_values, "
      "answer, deleted, source_index, raw_offset, raw_length, unmatch_audio) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  std::int64_t position = 0;
  std::string template_key;
  for (const QaRecord& record : file.records) {
    template_key.assign(record.question_content).append(1, '\x1f').append(record.modality)
        .append(1, '\x1f').append(record.question_type);
    insert_question.bind(1, result.split_id)
        .bind(2, position++)
        .bind(3, videos.idOf(record.video_id, {record.video_id}))
        .bind(4, templates.idOf(template_key, {record.question_content, record.modality, record.question_type}))
        .bindOptionalView(5, record.question_id)
        .bind(6, record.templ_values.empty() ? std::string_view("[]")
                                             : std::string_view(pyJsonCompactStringList(record.templ_values)))
        .bindOptionalView(7, record.answer)
        .bind(8, std::int64_t{record.deleted ? 1 : 0})
        .bind(9, static_cast<std::int64_t>(record.source->index))
        .bind(10, static_cast<std::int64_t>(record.source->offset))
        .bind(11, static_cast<std::int64_t>(record.source->length))
        .bindOptionalView(12, record.unmatch_audio)
        .run();
  }
  transaction.commit();
  return result;
}

std::vector<StoredQuestion> ProjectStore::questions(std::int64_t split_id, QuestionDetail detail) {
  const bool with_bytes = detail == QuestionDetail::WithRecordBytes;
  DbStatement query = connection_->prepare(
      with_bytes
          ? "SELECT q.id, q.position, v.name, q.question_id, t.modality, t.question_type, "
            "t.text, q.templ_values, q.answer, q.deleted, q.flags, q.note, q.free_text, q.unmatch_audio, q.source_index, "
            "q.raw_offset, q.raw_length, q.edited_raw FROM questions q JOIN videos v ON v.id = q.video_id "
            "JOIN templates t ON t.id = q.template_id WHERE q.split_id = ? AND q.removed = 0 ORDER BY q.position"
          : "SELECT q.id, q.position, v.name, q.question_id, t.modality, t.question_type, "
            "t.text, q.templ_values, q.answer, q.deleted, q.flags, q.note, q.free_text, q.unmatch_audio FROM questions q "
            "JOIN videos v ON v.id = q.video_id JOIN templates t ON t.id = q.template_id "
            "WHERE q.split_id = ? AND q.removed = 0 ORDER BY q.position");
  query.bind(1, split_id);
  // Unedited records' bytes are slices of the split's source, read once.
  std::string source_text;
  if (with_bytes) {
    DbStatement source = connection_->prepare("SELECT source_bytes FROM splits WHERE id = ?");
    source.bind(1, split_id);
    if (source.step()) source_text = source.columnText(0);
  }
  std::vector<StoredQuestion> result;
  JsonStringListParser list_parser;
  while (query.step()) {
    StoredQuestion question;
    question.row = query.columnInt(0);
    question.position = query.columnInt(1);
    QaRecord& record = question.record;
    record.video_id = query.columnText(2);
    record.question_id = query.columnOptional(3);
    record.modality = query.columnText(4);
    record.question_type = query.columnText(5);
    record.question_content = query.columnText(6);
    const std::string_view values = query.columnView(7);
    record.templ_values = list_parser.parse(values).value_or(std::vector<std::string>{});
    record.answer = query.columnOptional(8);
    record.deleted = query.columnInt(9) != 0;
    question.flags = static_cast<int>(query.columnInt(10));
    question.note = query.columnOptional(11).value_or("");
    question.free_text = query.columnInt(12) != 0;
    record.unmatch_audio = query.columnOptional(13);
    if (with_bytes) {
      record.source = sourceSpan(query, 14, source_text.size(), path());
      if (!query.columnIsNull(17)) {
        record.raw = query.columnText(17);
      } else if (record.source) {
        record.raw = source_text.substr(record.source->offset, record.source->length);
      }
    }
    result.push_back(std::move(question));
  }
  return result;
}

PyJsonStyle ProjectStore::splitStyle(std::int64_t split_id) {
  DbStatement query = connection_->prepare(
      "SELECT style_indent, style_item_separator, style_key_separator FROM splits WHERE id = ?");
  query.bind(1, split_id);
  if (!query.step()) throw AvqaError(path(), "no split with id " + std::to_string(split_id));
  return {static_cast<int>(query.columnInt(0)), query.columnText(1), query.columnText(2)};
}

std::string ProjectStore::exportSplit(std::int64_t split_id) {
  const PyJsonStyle style = splitStyle(split_id);
  DbStatement source = connection_->prepare(
      "SELECT source_bytes, source_records FROM splits WHERE id = ?");
  source.bind(1, split_id);
  if (!source.step()) throw AvqaError(path(), "has no split " + std::to_string(split_id));
  const std::string_view source_text = source.columnView(0);  // valid while `source` lives
  const std::size_t source_records = static_cast<std::size_t>(source.columnInt(1));

  DbStatement query = connection_->prepare(
      "SELECT source_index, raw_offset, raw_length, edited_raw FROM questions "
      "WHERE split_id = ? AND removed = 0 ORDER BY position");
  query.bind(1, split_id);
  std::vector<QaRecord> records;
  while (query.step()) {
    QaRecord record;
    record.source = sourceSpan(query, 0, source_text.size(), path());
    if (!query.columnIsNull(3)) record.raw = query.columnText(3);
    records.push_back(std::move(record));
  }
  std::vector<const QaRecord*> ordered;
  ordered.reserve(records.size());
  for (const QaRecord& record : records) ordered.push_back(&record);
  return writeMusicAvqaText(source_text, source_records, style, ordered);
}

std::vector<RunInfo> ProjectStore::runs() {
  DbStatement query = connection_->prepare(
      "SELECT id, name, split_id, source, coalesce(source_path, ''), created_at FROM runs "
      "ORDER BY id");
  std::vector<RunInfo> result;
  while (query.step()) {
    result.push_back({query.columnInt(0), query.columnText(1), query.columnInt(2),
                      query.columnText(3), query.columnText(4), query.columnText(5)});
  }
  return result;
}

std::optional<RunInfo> ProjectStore::findRun(const std::string& name) {
  for (RunInfo& run : runs()) {
    if (run.name == name) return run;
  }
  return std::nullopt;
}

std::int64_t ProjectStore::importRun(const RunInfo& run,
                                     const std::vector<StoredPrediction>& predictions,
                                     ExistingPolicy policy) {
  DbTransaction transaction(*connection_);
  if (std::optional<RunInfo> existing = findRun(run.name)) {
    if (policy == ExistingPolicy::Refuse) {
      throw AvqaError(path(), "run \"" + run.name + "\" already exists (use --replace to replace it)");
    }
    DbStatement remove = connection_->prepare("DELETE FROM runs WHERE id = ?");
    remove.bind(1, existing->id).run();
  }
  const std::int64_t run_id = insertRun(run, ModelProvenance{});
  insertPredictions(run_id, predictions);
  transaction.commit();
  return run_id;
}

std::int64_t ProjectStore::insertRun(const RunInfo& run, const ModelProvenance& provenance) {
  DbStatement insert = connection_->prepare(
      "INSERT INTO runs(name, split_id, source, source_path, model_name, model_sha256, feature_kinds, app_version, "
      "created_at) VALUES(?,?,?,?,?,?,?,?,?)");
  insert.bind(1, run.name).bind(2, run.split_id).bind(3, run.source).bind(4, run.source_path);
  // Runs imported from other tools have no model behind them: NULL, not empty text.
  if (provenance.model_sha256.empty()) {
    insert.bindNull(5).bindNull(6).bindNull(7);
  } else {
    insert.bind(5, provenance.model_name).bind(6, provenance.model_sha256).bind(7, provenance.feature_kinds);
  }
  insert.bind(8, std::string_view(AVQA_VERSION)).bind(9, utcTimestampNow()).run();
  return connection_->lastInsertRowId();
}

void ProjectStore::insertPredictions(std::int64_t run_id, const std::vector<StoredPrediction>& predictions) {
  DbStatement insert = connection_->prepare(
      "INSERT INTO predictions(run_id, question_row, answer) VALUES(?,?,?) "
      "ON CONFLICT(run_id, question_row) DO UPDATE SET answer = excluded.answer");
  DbStatement insert_maps = connection_->prepare(
      "INSERT INTO prediction_maps(run_id, question_row, frame_width, frame_height, prediction) VALUES(?,?,?,?,?) "
      "ON CONFLICT(run_id, question_row) DO UPDATE SET frame_width = excluded.frame_width, frame_height = excluded.frame_height, "
      "prediction = excluded.prediction");
  for (const StoredPrediction& prediction : predictions) {
    insert.bind(1, run_id).bind(2, prediction.question_row).bind(3, prediction.answer).run();
    if (!prediction.prediction_json.empty()) {
      const QByteArray packed = qCompress(QByteArray::fromStdString(prediction.prediction_json), 6);
      insert_maps.bind(1, run_id).bind(2, prediction.question_row).bind(3, std::int64_t{prediction.frame_width});
      insert_maps.bind(4, std::int64_t{prediction.frame_height}).bindBlob(5, std::string_view(packed.constData(), static_cast<std::size_t>(packed.size())));
      insert_maps.run();
    }
  }
}

std::int64_t ProjectStore::openModelRun(const RunInfo& run, const ModelProvenance& provenance) {
  DbTransaction transaction(*connection_);
  if (std::optional<RunInfo> existing = findRun(run.name)) {
    if (existing->split_id != run.split_id) {
      throw AvqaError(path(), "run \"" + run.name + "\" belongs to another split");
    }
    DbStatement model = connection_->prepare("SELECT coalesce(model_sha256, '') FROM runs WHERE id = ?");
    model.bind(1, existing->id);
    if (model.step() && model.columnText(0) != provenance.model_sha256) {
      throw AvqaError(path(), "run \"" + run.name + "\" was made with another model file (use --replace to start over)");
    }
    transaction.commit();
    return existing->id;
  }
  const std::int64_t id = insertRun(run, provenance);
  transaction.commit();
  return id;
}

void ProjectStore::removeRun(const std::string& name) {
  DbTransaction transaction(*connection_);
  if (std::optional<RunInfo> existing = findRun(name)) {
    connection_->prepare("DELETE FROM predictions WHERE run_id = ?1").bind(1, existing->id).run();
    connection_->prepare("DELETE FROM runs WHERE id = ?1").bind(1, existing->id).run();
  }
  transaction.commit();
}

void ProjectStore::addPredictions(std::int64_t run_id, const std::vector<StoredPrediction>& predictions) {
  DbTransaction transaction(*connection_);
  insertPredictions(run_id, predictions);
  transaction.commit();
}

std::unordered_map<std::int64_t, std::string> ProjectStore::predictions(std::int64_t run_id) {
  DbStatement query =
      connection_->prepare("SELECT question_row, answer FROM predictions WHERE run_id = ?");
  query.bind(1, run_id);
  std::unordered_map<std::int64_t, std::string> result;
  while (query.step()) result.emplace(query.columnInt(0), query.columnText(1));
  return result;
}

std::unordered_map<std::int64_t, StoredPredictionMaps> ProjectStore::predictionMaps(std::int64_t run_id) {
  DbStatement query = connection_->prepare(
      "SELECT question_row, frame_width, frame_height, prediction FROM prediction_maps WHERE run_id = ?");
  query.bind(1, run_id);
  std::unordered_map<std::int64_t, StoredPredictionMaps> result;
  while (query.step()) {
    const std::string_view packed = query.columnView(3);
    const QByteArray json = qUncompress(QByteArray(packed.data(), static_cast<qsizetype>(packed.size())));
    if (json.isEmpty()) throw AvqaError(path(), "the stored maps of run " + std::to_string(run_id) + ", question " +
                                                   std::to_string(query.columnInt(0)) + " are damaged");
    result.emplace(query.columnInt(0), StoredPredictionMaps{json.toStdString(), static_cast<int>(query.columnInt(1)),
                                                            static_cast<int>(query.columnInt(2))});
  }
  return result;
}

}  // namespace avqa
