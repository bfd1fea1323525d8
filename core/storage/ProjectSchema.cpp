#include "storage/ProjectSchema.h"

#include <string>
#include <vector>

#include "common/AvqaError.h"
#include "storage/DbConnection.h"

namespace avqa {
namespace {

// Index i holds the SQL that moves a project from version i to version i + 1.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> kMigrations = {
      R"sql(
CREATE TABLE splits(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source_path TEXT,
  source_bytes BLOB NOT NULL,          -- the imported file, byte for byte
  source_records INTEGER NOT NULL,     -- how many records it holds
  style_indent INTEGER NOT NULL,       -- json.dump layout, for edited and new records
  style_item_separator TEXT NOT NULL,
  style_key_separator TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE videos(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,           -- the dataset's video_id
  path TEXT                            -- relative to the project file, once known
);
CREATE TABLE templates(
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,                  -- question_content, placeholders unfilled, verbatim
  modality TEXT NOT NULL,
  question_type TEXT NOT NULL,
  UNIQUE(text, modality, question_type)
);
CREATE TABLE questions(
  id INTEGER PRIMARY KEY,              -- a question's stable key inside the project
  split_id INTEGER NOT NULL REFERENCES splits(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,           -- order in the split's file
  video_id INTEGER NOT NULL REFERENCES videos(id),
  template_id INTEGER NOT NULL REFERENCES templates(id),
  question_id TEXT,                    -- as written; repeats, and may be missing
  templ_values TEXT NOT NULL,          -- compact JSON list
  answer TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  source_index INTEGER,                -- record number in the split's source file
  raw_offset INTEGER,                  -- its bytes in splits.source_bytes
  raw_length INTEGER,
  edited_raw BLOB,                     -- its bytes once edited (NULL: as in the source)
  UNIQUE(split_id, position)
);
CREATE TABLE question_history(
  id INTEGER PRIMARY KEY,
  question_row INTEGER NOT NULL,       -- no foreign key: history outlives a deleted question
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  split_id INTEGER NOT NULL REFERENCES splits(id) ON DELETE CASCADE,
  source TEXT NOT NULL,                -- "import-predictions" or "model"
  source_path TEXT,
  model_name TEXT,
  model_sha256 TEXT,
  feature_kinds TEXT,
  app_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE predictions(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  question_row INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  answer TEXT NOT NULL,
  PRIMARY KEY(run_id, question_row)
) WITHOUT ROWID;
CREATE INDEX predictions_by_question ON predictions(question_row);
)sql",
      // 1 -> 2: questions asked in the inspector, with every attention map, so reopening a
      // project shows past answers and overlays without recomputing; folders holding videos.
      R"sql(
CREATE TABLE asks(
  id INTEGER PRIMARY KEY,
  video_name TEXT NOT NULL,            -- file name without extension (the dataset's video_id)
  video_path TEXT NOT NULL,            -- as opened
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  model_name TEXT NOT NULL,
  model_sha256 TEXT NOT NULL,
  feature_kinds TEXT NOT NULL,
  app_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  prediction_json TEXT NOT NULL        -- probabilities, steps, every attention map
);
CREATE INDEX asks_by_video ON asks(video_name, id);
CREATE TABLE video_folders(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,           -- absolute, or relative to the project file
  added_at TEXT NOT NULL
);
)sql",
      // 2 -> 3: annotation. Removed questions stay (undo brings them back) but are neither
      // shown nor exported; flags and notes; questions written by hand, not from a template.
      R"sql(
ALTER TABLE questions ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;   -- QuestionFlag bits
ALTER TABLE questions ADD COLUMN note TEXT;
ALTER TABLE questions ADD COLUMN free_text INTEGER NOT NULL DEFAULT 0;
)sql",
      // 3 -> 4: MUSIC-AVQA-v2.0's unmatch_audio (the video whose sound a question plays with).
      R"sql(
ALTER TABLE questions ADD COLUMN unmatch_audio TEXT;
)sql",
      // 4 -> 5: each model prediction of a run with its maps, so attention figures are
      // computed when a run is stored and again later (audit) without the model.
      R"sql(
CREATE TABLE prediction_maps(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  question_row INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  frame_width INTEGER NOT NULL,        -- the video's frame as displayed, which the maps cover
  frame_height INTEGER NOT NULL,
  prediction BLOB NOT NULL,            -- the prediction's JSON (every map), zlib-compressed
  PRIMARY KEY(run_id, question_row)
) WITHOUT ROWID;
)sql",
      // 5 -> 6: the checks that need no ground truth (audit --perturb), per question of a run.
      R"sql(
CREATE TABLE perturbation_checks(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  question_row INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  sound_map_shift REAL,                -- half L1 of the normalised sound maps, partner audio vs own
  answer_changed_by_swap INTEGER NOT NULL,
  drop_top_patches REAL,               -- fall of the answer's probability with the most attended patches zeroed
  drop_bottom_patches REAL,            -- ... with the least attended ones zeroed
  drop_top_steps REAL,
  drop_bottom_steps REAL,
  PRIMARY KEY(run_id, question_row)
) WITHOUT ROWID;
)sql",
      // 6 -> 7: evidence an annotator drew (boxes on a frame, seconds on the timeline), in
      // groundtruth.json's entry form; it takes precedence over a benchmark's file.
      R"sql(
ALTER TABLE questions ADD COLUMN evidence TEXT;   -- {"evidence_seconds": [...], "evidence_boxes": [[x0,y0,x1,y1], ...]}
)sql",
      // 7 -> 8: the audio check with silence (through the model's own audio encoder).
      R"sql(
ALTER TABLE perturbation_checks ADD COLUMN silence_map_shift REAL;          -- as sound_map_shift, hearing silence
ALTER TABLE perturbation_checks ADD COLUMN answer_changed_by_silence INTEGER;
)sql",
      // 8 -> 9: folders of released .npy features ({folder}/{kind}/{video_id}.npy), which the
      // window and `run` read for a model that takes such features.
      R"sql(
CREATE TABLE feature_folders(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,           -- absolute, or relative to the project file
  added_at TEXT NOT NULL
);
)sql",
      // 9 -> 10: several annotators on one project: before each edit, the question's history
      // since the annotator last read it is looked up (an edit on a stale question is refused).
      R"sql(
CREATE INDEX question_history_by_question ON question_history(question_row, id);
)sql",
      // 10 -> 11: a run spread over workers (run --worker): each video of the run is claimed by
      // one worker for a lease, and marked done in the transaction that stores its predictions.
      R"sql(
CREATE TABLE run_claims(
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  video_key TEXT NOT NULL,             -- the video_id (and the sound's, after a unit separator, when another)
  worker TEXT,                         -- who holds it, or stored it: host:pid
  expires_at REAL,                     -- Unix seconds; an expired claim is taken by another worker
  done INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(run_id, video_key)
) WITHOUT ROWID;
)sql",
      // 11 -> 12: double annotation: a split's questions answered blind by two annotators, each
      // answer kept per annotator beside the stored one (which export writes).
      R"sql(
CREATE TABLE blind_assignments(
  split_id INTEGER NOT NULL REFERENCES splits(id) ON DELETE CASCADE,
  annotator TEXT NOT NULL,
  PRIMARY KEY(split_id, annotator)
) WITHOUT ROWID;
CREATE TABLE blind_answers(
  question_row INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  annotator TEXT NOT NULL,
  answer TEXT NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY(question_row, annotator)
) WITHOUT ROWID;
)sql",
  };
  return kMigrations;
}

}  // namespace

int ProjectSchema::latestVersion() { return static_cast<int>(migrations().size()); }

const char* ProjectSchema::migrationSql(int version) { return migrations().at(static_cast<std::size_t>(version)); }

void ProjectSchema::migrate(DbConnection& connection) {
  const int version = connection.schemaVersion();
  if (version > latestVersion()) {
    throw AvqaError(connection.path(), "project was written by a newer AVQA Lens (schema " +
                                           std::to_string(version) + ", this build reads up to " +
                                           std::to_string(latestVersion()) + ")");
  }
  if (version == latestVersion()) return;
  if (connection.access() == DbConnection::Access::ReadOnly) {
    throw AvqaError(connection.path(), "is read-only (" + connection.readOnlyReason() +
                                           ") and needs an upgrade from schema " + std::to_string(version) +
                                           "; open it once where it is writable");
  }
  DbTransaction transaction(connection);
  for (int step = version; step < latestVersion(); ++step) {
    connection.execSchema(migrations()[static_cast<std::size_t>(step)]);
  }
  connection.setSchemaVersion(latestVersion());
  transaction.commit();
}

}  // namespace avqa
