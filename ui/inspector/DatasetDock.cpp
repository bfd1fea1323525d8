#include "DatasetDock.h"

#include "ProjectChangeWatcher.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "QuestionFilterBar.h"
#include "QuestionTableView.h"

namespace avqa {

DatasetDock::DatasetDock(TaskList& tasks, QWidget* parent) : QDockWidget(tr("Dataset"), parent) {
  qRegisterMetaType<avqa::QuestionRow>();
  setObjectName(QStringLiteral("dataset-dock"));  // for saveState()
  auto* body = new QWidget;
  auto* layout = new QVBoxLayout(body);
  model_ = new QuestionTableModel(this);
  filters_ = new QuestionFilterBar(FilterBarKind::InspectorAnswers);
  view_ = new QuestionTableView(*model_);
  for (int column : {QuestionTableModel::Run, QuestionTableModel::Flags, QuestionTableModel::Note}) view_->hideColumn(column);
  count_label_ = new QLabel(tr("no project"));
  layout->addWidget(filters_);
  layout->addWidget(view_, 1);
  layout->addWidget(count_label_);
  setWidget(body);

  loader_ = new QuestionRowsLoader(tasks, this);
  connect(loader_, &QuestionRowsLoader::loaded, this, [this](const QuestionRowsLoader::Rows& rows, qint64 history_id) {
    if (!watcher_) {  // edits made elsewhere (the workspace, other annotators) are read again
      watcher_ = new ProjectChangeWatcher(project_path_, history_id, ProjectChangeWatcher::kInterval_ms, this);
      connect(watcher_, &ProjectChangeWatcher::changed, this, [this] { loader_->load(project_path_); });
    }
    model_->setRows(std::move(*rows));
    filters_->fillChoices(model_->allRows());
    applyFilter();
    emit loaded(static_cast<int>(model_->allRows().size()));
  });
  connect(loader_, &QuestionRowsLoader::failed, this, [this](const QString& message) {
    count_label_->setText(message);
    emit failed(message);
  });
  connect(filters_, &QuestionFilterBar::changed, this, &DatasetDock::applyFilter);
  connect(view_, &QuestionTableView::questionActivated, this, &DatasetDock::questionChosen);
}

void DatasetDock::loadProject(const QString& project_path) {
  count_label_->setText(tr("reading %1…").arg(project_path));
  project_path_ = project_path;
  delete watcher_;
  watcher_ = nullptr;
  loader_->load(project_path);
}

void DatasetDock::setSplitFilter(const QString& split) { filters_->setSplit(split); }

void DatasetDock::setCorrectnessFilter(Correctness correctness) { filters_->setCorrectness(correctness); }

void DatasetDock::applyFilter() {
  model_->setFilter(filters_->filter());
  count_label_->setText(tr("%1 of %2 questions").arg(model_->rowCount()).arg(model_->allRows().size()));
}

void DatasetDock::chooseShownRow(int view_row) {
  if (const QuestionRow* row = view_->rowAt(view_row)) emit questionChosen(*row);
}

std::vector<std::string> DatasetDock::slotValuesFor(const QString& video_path) const {
  std::map<std::string, int> uses;
  const std::string path = video_path.toStdString();
  for (const QuestionRow& row : model_->allRows()) {
    if (row.video_path != path) continue;
    for (const std::string& value : row.templ_values) ++uses[value];
  }
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [value, count] : uses) ranked.emplace_back(-count, value);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> values;
  for (const auto& entry : ranked) values.push_back(entry.second);
  return values;
}

std::optional<DatasetTruth> DatasetDock::truthFor(const QString& video_path, const QString& question, bool mirrored) const {
  if (video_path.isEmpty() || question.trimmed().isEmpty()) return std::nullopt;
  const std::string path = video_path.toStdString();
  const std::string asked = question.trimmed().toStdString();
  const QuestionRow* best = nullptr;
  for (const QuestionRow& row : model_->allRows()) {
    if (row.video_path != path || QString::fromStdString(row.question).trimmed().toStdString() != asked) continue;
    if (!best || (row.mirrored == mirrored && best->mirrored != mirrored)) best = &row;
  }
  if (!best) return std::nullopt;
  return DatasetTruth{QString::fromStdString(best->answer), best->evidence_seconds, best->evidence_boxes, best->row};
}

}  // namespace avqa
