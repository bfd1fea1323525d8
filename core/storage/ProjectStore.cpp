#include "storage/ProjectStore.h"

#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "dataset/JsonText.h"
#include "dataset/RecordEditor.h"
#include "storage/ProjectSchema.h"

#ifndef AVQA_VERSION
#define AVQA_VERSION "dev"
#endif

namespace avqa {

ProjectStore::ProjectStore(const std::string& path, SqliteConnection::OpenMode mode)
    : connection_(path, mode) {
  connection_.exec("PRAGMA foreign_keys = ON");
  ProjectSchema::migrate(connection_);  // refuses foreign files before anything is changed
  connection_.exec("PRAGMA journal_mode = WAL");
  connection_.exec("PRAGMA synchronous = NORMAL");
}

std::vector<SplitInfo> ProjectStore::splits() {
  SqliteStatement query = connection_.prepare(
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
  SqliteTransaction transaction(connection_);
  if (std::optional<SplitInfo> existing = findSplit(name)) {
    if (policy == ExistingPolicy::Refuse) {
      throw AvqaError(path(), "split \"" + name + "\" already exists (use --replace to replace it)");
    }
    SqliteStatement count_runs = connection_.prepare("SELECT count(*) FROM runs WHERE split_id = ?");
    count_runs.bind(1, existing->id);
    if (count_runs.step()) result.runs_removed = count_runs.columnInt(0);
    SqliteStatement remove = connection_.prepare("DELETE FROM splits WHERE id = ?");
    remove.bind(1, existing->id).run();
    result.replaced = true;
  }
  SqliteStatement insert_split = connection_.prepare(
      "INSERT INTO splits(name, source_path, first_lead, tail, style_indent, "
      "style_item_separator, style_key_separator, imported_at) VALUES(?,?,?,?,?,?,?,?)");
  insert_split.bind(1, name)
      .bind(2, file.source_path)
      .bindBlob(3, file.first_lead)
      .bindBlob(4, file.tail)
      .bind(5, std::int64_t{file.style.indent})
      .bind(6, file.style.item_separator)
      .bind(7, file.style.key_separator)
      .bind(8, utcTimestampNow())
      .run();
  result.split_id = connection_.lastInsertRowId();

  std::unordered_map<std::string, std::int64_t> video_rows;
  SqliteStatement all_videos = connection_.prepare("SELECT id, name FROM videos");
  while (all_videos.step()) video_rows.emplace(all_videos.columnText(1), all_videos.columnInt(0));
  SqliteStatement insert_video = connection_.prepare("INSERT INTO videos(name) VALUES(?)");
  SqliteStatement insert_question = connection_.prepare(
      "INSERT INTO questions(split_id, position, video_id, question_id, modality, question_type, "
      "template, templ_values, answer, deleted, lead, raw) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  std::int64_t position = 0;
  for (const QaRecord& record : file.records) {
    auto video = video_rows.find(record.video_id);
    if (video == video_rows.end()) {
      insert_video.bind(1, record.video_id).run();
      video = video_rows.emplace(record.video_id, connection_.lastInsertRowId()).first;
    }
    insert_question.bind(1, result.split_id)
        .bind(2, position++)
        .bind(3, video->second)
        .bindOptional(4, record.question_id)
        .bind(5, record.modality)
        .bind(6, record.question_type)
        .bind(7, record.question_content)
        .bind(8, pyJsonCompactStringList(record.templ_values))
        .bindOptional(9, record.answer)
        .bind(10, std::int64_t{record.deleted ? 1 : 0})
        .bindBlob(11, record.lead)
        .bindBlob(12, record.raw)
        .run();
  }
  transaction.commit();
  return result;
}

std::vector<StoredQuestion> ProjectStore::questions(std::int64_t split_id, QuestionDetail detail) {
  const bool with_bytes = detail == QuestionDetail::WithRecordBytes;
  SqliteStatement query = connection_.prepare(
      with_bytes ? "SELECT q.id, q.position, v.name, q.question_id, q.modality, q.question_type, "
                   "q.template, q.templ_values, q.answer, q.deleted, q.lead, q.raw "
                   "FROM questions q JOIN videos v ON v.id = q.video_id "
                   "WHERE q.split_id = ? ORDER BY q.position"
                 : "SELECT q.id, q.position, v.name, q.question_id, q.modality, q.question_type, "
                   "q.template, q.templ_values, q.answer, q.deleted "
                   "FROM questions q JOIN videos v ON v.id = q.video_id "
                   "WHERE q.split_id = ? ORDER BY q.position");
  query.bind(1, split_id);
  std::vector<StoredQuestion> result;
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
    if (values != "[]") record.templ_values = parseJsonStringList(values).value_or(std::vector<std::string>{});
    record.answer = query.columnOptional(8);
    record.deleted = query.columnInt(9) != 0;
    if (with_bytes) {
      record.lead = query.columnText(10);
      record.raw = query.columnText(11);
    }
    result.push_back(std::move(question));
  }
  return result;
}

PyJsonStyle ProjectStore::splitStyle(std::int64_t split_id) {
  SqliteStatement query = connection_.prepare(
      "SELECT style_indent, style_item_separator, style_key_separator FROM splits WHERE id = ?");
  query.bind(1, split_id);
  if (!query.step()) throw AvqaError(path(), "no split with id " + std::to_string(split_id));
  return {static_cast<int>(query.columnInt(0)), query.columnText(1), query.columnText(2)};
}

std::string ProjectStore::exportSplit(std::int64_t split_id) {
  const PyJsonStyle style = splitStyle(split_id);
  SqliteStatement layout = connection_.prepare("SELECT first_lead, tail FROM splits WHERE id = ?");
  layout.bind(1, split_id);
  layout.step();
  const std::string first_lead = layout.columnText(0);
  const std::string tail = layout.columnText(1);

  SqliteStatement query = connection_.prepare(
      "SELECT lead, raw FROM questions WHERE split_id = ? ORDER BY position");
  query.bind(1, split_id);
  std::vector<QaRecord> records;
  while (query.step()) {
    QaRecord record;
    record.lead = query.columnText(0);
    record.raw = query.columnText(1);
    records.push_back(std::move(record));
  }
  std::vector<const QaRecord*> ordered;
  ordered.reserve(records.size());
  for (const QaRecord& record : records) ordered.push_back(&record);
  return writeMusicAvqaText(ordered, first_lead, tail, style);
}

void ProjectStore::setAnswer(std::int64_t question_row, const std::string& answer,
                             const std::string& who) {
  SqliteTransaction transaction(connection_);
  SqliteStatement query =
      connection_.prepare("SELECT split_id, answer, raw FROM questions WHERE id = ?");
  query.bind(1, question_row);
  if (!query.step()) throw AvqaError(path(), "no question " + std::to_string(question_row));
  const std::int64_t split_id = query.columnInt(0);
  const std::optional<std::string> old_answer = query.columnOptional(1);
  const std::string raw = query.columnText(2);
  const std::string new_raw = RecordEditor(splitStyle(split_id)).withAnswer(raw, answer);
  SqliteStatement update = connection_.prepare(
      "UPDATE questions SET answer = ?, raw = ?, edited = 1 WHERE id = ?");
  update.bind(1, answer).bindBlob(2, new_raw).bind(3, question_row).run();
  SqliteStatement history = connection_.prepare(
      "INSERT INTO question_history(question_row, changed_at, changed_by, field, old_value, "
      "new_value) VALUES(?,?,?,?,?,?)");
  history.bind(1, question_row)
      .bind(2, utcTimestampNow())
      .bind(3, who)
      .bind(4, std::string_view("anser"))
      .bindOptional(5, old_answer)
      .bind(6, answer)
      .run();
  transaction.commit();
}

std::vector<RunInfo> ProjectStore::runs() {
  SqliteStatement query = connection_.prepare(
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
  SqliteTransaction transaction(connection_);
  if (std::optional<RunInfo> existing = findRun(run.name)) {
    if (policy == ExistingPolicy::Refuse) {
      throw AvqaError(path(), "run \"" + run.name + "\" already exists (use --replace to replace it)");
    }
    SqliteStatement remove = connection_.prepare("DELETE FROM runs WHERE id = ?");
    remove.bind(1, existing->id).run();
  }
  SqliteStatement insert_run = connection_.prepare(
      "INSERT INTO runs(name, split_id, source, source_path, app_version, created_at) "
      "VALUES(?,?,?,?,?,?)");
  insert_run.bind(1, run.name)
      .bind(2, run.split_id)
      .bind(3, run.source)
      .bind(4, run.source_path)
      .bind(5, std::string_view(AVQA_VERSION))
      .bind(6, utcTimestampNow())
      .run();
  const std::int64_t run_id = connection_.lastInsertRowId();
  SqliteStatement insert_prediction = connection_.prepare(
      "INSERT OR REPLACE INTO predictions(run_id, question_row, answer) VALUES(?,?,?)");
  for (const StoredPrediction& prediction : predictions) {
    insert_prediction.bind(1, run_id).bind(2, prediction.question_row).bind(3, prediction.answer).run();
  }
  transaction.commit();
  return run_id;
}

std::unordered_map<std::int64_t, std::string> ProjectStore::predictions(std::int64_t run_id) {
  SqliteStatement query =
      connection_.prepare("SELECT question_row, answer FROM predictions WHERE run_id = ?");
  query.bind(1, run_id);
  std::unordered_map<std::int64_t, std::string> result;
  while (query.step()) result.emplace(query.columnInt(0), query.columnText(1));
  return result;
}

}  // namespace avqa
