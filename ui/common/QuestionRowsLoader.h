#pragma once

#include <QObject>
#include <memory>
#include <vector>

#include "storage/QuestionRows.h"

namespace avqa {

class TaskList;

// Reads a project's question rows as a background task (50,000 questions take ~0.1 s) and
// hands them to the GUI thread. The newest load wins; nothing waits for an older one.
class QuestionRowsLoader : public QObject {
  Q_OBJECT
 public:
  using Rows = std::shared_ptr<std::vector<QuestionRow>>;
  // The loads run as tasks of `tasks` (shown with the window's others, cancelled on close).
  QuestionRowsLoader(TaskList& tasks, QObject* parent = nullptr);
  void load(const QString& project_path);

 signals:
  // `history_id`: the project's newest history entry when the rows were read (they show every
  // edit up to it).
  void loaded(const avqa::QuestionRowsLoader::Rows& rows, qint64 history_id);
  void failed(const QString& message);

 private:
  TaskList& tasks_;
  int generation_ = 0;
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::QuestionRowsLoader::Rows)
