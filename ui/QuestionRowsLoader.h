#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>
#include <vector>

#include "storage/QuestionRows.h"

namespace avqa {

// Reads a project's question rows in a thread of its own (50,000 questions take ~0.1 s) and
// hands them to the GUI thread. One load at a time; the newest wins.
class QuestionRowsLoader : public QObject {
  Q_OBJECT
 public:
  using Rows = std::shared_ptr<std::vector<QuestionRow>>;
  explicit QuestionRowsLoader(QObject* parent = nullptr);
  ~QuestionRowsLoader() override;  // waits for a load still running
  void load(const QString& project_path);

 signals:
  void loaded(const avqa::QuestionRowsLoader::Rows& rows);
  void failed(const QString& message);

 private:
  QPointer<QThread> thread_;
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::QuestionRowsLoader::Rows)
