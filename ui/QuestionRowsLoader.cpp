#include "QuestionRowsLoader.h"

#include <QCoreApplication>

namespace avqa {

QuestionRowsLoader::QuestionRowsLoader(QObject* parent) : QObject(parent) {
  qRegisterMetaType<avqa::QuestionRowsLoader::Rows>();
}

QuestionRowsLoader::~QuestionRowsLoader() {
  if (thread_) thread_->wait();
}

void QuestionRowsLoader::load(const QString& project_path) {
  if (thread_) thread_->wait();
  const QPointer<QuestionRowsLoader> self(this);
  QThread* thread = QThread::create([self, path = project_path.toStdString()] {
    try {
      ProjectStore project(path, SqliteConnection::OpenMode::MustExist);
      Rows rows = std::make_shared<std::vector<QuestionRow>>(loadQuestionRows(project));
      QMetaObject::invokeMethod(qApp, [self, rows] { if (self) emit self->loaded(rows); }, Qt::QueuedConnection);
    } catch (const std::exception& error) {
      QMetaObject::invokeMethod(qApp, [self, message = QString::fromUtf8(error.what())] { if (self) emit self->failed(message); },
                                Qt::QueuedConnection);
    }
  });
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread_ = thread;
  thread->start();
}

}  // namespace avqa
