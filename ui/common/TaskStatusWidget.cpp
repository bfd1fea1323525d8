#include "TaskStatusWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "TaskList.h"

namespace avqa {

TaskStatusWidget::TaskStatusWidget(TaskList& tasks, QWidget* parent) : QWidget(parent), tasks_(tasks) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  label_ = new QLabel;
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setFlat(true);
  layout->addWidget(label_);
  layout->addWidget(cancel_);
  connect(cancel_, &QPushButton::clicked, &tasks_, &TaskList::cancelAll);
  connect(&tasks_, &TaskList::changed, this, &TaskStatusWidget::refresh);
  refresh();
}

QString TaskStatusWidget::text() const { return label_->text(); }

void TaskStatusWidget::refresh() {
  const std::vector<BackgroundTask*> running = tasks_.running();
  setVisible(!running.empty());
  if (running.empty()) {
    label_->clear();
    return;
  }
  const BackgroundTask& first = *running.front();
  QString text = first.title() + QStringLiteral("…");
  if (first.fraction() > 0.0) text += QStringLiteral(" %1 %").arg(static_cast<int>(first.fraction() * 100));
  if (running.size() > 1) text += tr(" (+%1 more)").arg(running.size() - 1);
  label_->setText(text);
}

}  // namespace avqa
