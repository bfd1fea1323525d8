#include "BlindAnnotationDialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <memory>

#include "TaskList.h"
#include "common/AvqaError.h"
#include "storage/BlindAnswerStore.h"

namespace avqa {
namespace {

constexpr int kRowColumn = 0, kVideoColumn = 1, kQuestionColumn = 2, kAnswerColumn = 3;

}  // namespace

BlindAnnotationDialog::BlindAnnotationDialog(const std::string& project_path, const QString& split, const QString& annotator,
                                             TaskList& tasks, QWidget* parent)
    : QDialog(parent), project_path_(project_path), split_(split), annotator_(annotator), tasks_(tasks) {
  setWindowTitle(tr("Blind annotation of %1 as %2").arg(split, annotator));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Answer each question from the video alone: the stored answer and the other annotator's are not "
                              "shown. Each answer is kept as you type it; the stored answer does not change."));
  intro->setWordWrap(true);
  status_ = new QLabel;
  table_ = new QTableWidget(0, 4, this);
  table_->setHorizontalHeaderLabels({tr("Row"), tr("Video"), tr("Question"), tr("Your answer")});
  table_->horizontalHeader()->setSectionResizeMode(kQuestionColumn, QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  layout->addWidget(intro);
  layout->addWidget(status_);
  layout->addWidget(table_, 1);
  resize(900, 560);
  connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
    if (filling_ || item->column() != kAnswerColumn) return;
    answer(table_->item(item->row(), kRowColumn)->text().toLongLong(), item->text().trimmed());
  });
  load();
}

void BlindAnnotationDialog::load() {
  auto questions = std::make_shared<std::vector<BlindQuestion>>();
  BackgroundTask* task = tasks_.start(tr("Reading %1 for blind annotation").arg(split_),
                                      [questions, path = project_path_, split = split_.toStdString(), who = annotator_.toStdString()](TaskContext&) {
    ProjectStore store(path, DbConnection::OpenMode::MustExist);  // this thread's own connection
    const std::optional<SplitInfo> info = store.findSplit(split);
    if (!info) throw AvqaError(path, "has no split \"" + split + "\"");
    *questions = BlindAnswerStore(store).questionsFor(info->id, who);
    return QVariant();
  });
  connect(task, &BackgroundTask::failed, this, &BlindAnnotationDialog::errorShown);
  connect(task, &BackgroundTask::succeeded, this, [this, questions] {
    filling_ = true;
    table_->setRowCount(static_cast<int>(questions->size()));
    for (int i = 0; i < table_->rowCount(); ++i) {
      const BlindQuestion& question = (*questions)[static_cast<std::size_t>(i)];
      const auto fixed = [](const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        return item;
      };
      table_->setItem(i, kRowColumn, fixed(QString::number(question.row)));
      table_->setItem(i, kVideoColumn, fixed(QString::fromStdString(question.video_id)));
      table_->setItem(i, kQuestionColumn, fixed(QString::fromStdString(question.question)));
      table_->setItem(i, kAnswerColumn, new QTableWidgetItem(QString::fromStdString(question.own_answer)));
    }
    filling_ = false;
    showProgress();
    emit loaded();
  });
}

void BlindAnnotationDialog::answer(std::int64_t row, const QString& answer) {
  if (answer.isEmpty()) return;
  BackgroundTask* task = tasks_.start(tr("Storing a blind answer"), [path = project_path_, row, who = annotator_.toStdString(),
                                                                    text = answer.toStdString()](TaskContext&) {
    ProjectStore store(path, DbConnection::OpenMode::MustExist);
    BlindAnswerStore(store).setAnswer(row, who, text);
    return QVariant();
  });
  connect(task, &BackgroundTask::failed, this, &BlindAnnotationDialog::errorShown);
  connect(task, &BackgroundTask::succeeded, this, [this, row, answer] {
    filling_ = true;
    for (int i = 0; i < table_->rowCount(); ++i) {
      if (table_->item(i, kRowColumn)->text().toLongLong() == row) table_->item(i, kAnswerColumn)->setText(answer);
    }
    filling_ = false;
    showProgress();
    emit answerStored(row);
  });
}

void BlindAnnotationDialog::showProgress() {
  int answered = 0;
  for (int i = 0; i < table_->rowCount(); ++i) answered += table_->item(i, kAnswerColumn)->text().isEmpty() ? 0 : 1;
  status_->setText(tr("%1 of %2 questions answered").arg(answered).arg(table_->rowCount()));
}

}  // namespace avqa
