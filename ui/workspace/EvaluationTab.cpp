#include "EvaluationTab.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>
#include <set>

#include "ModelLoader.h"
#include "TaskList.h"
#include "TextTableWidget.h"
#include "BalanceDashboard.h"
#include "QuestionTableModel.h"
#include "SplitRun.h"
#include "common/OutputFile.h"
#include "dataset/TemplateCatalog.h"
#include "analysis/RunScoring.h"
#include "reports/AccuracyReport.h"
#include "reports/ComparisonTable.h"

namespace avqa {

EvaluationTab::EvaluationTab(ProjectStore& project, QuestionTableModel& rows, TaskList& tasks, QString feature_cache_root,
                             QWidget* parent)
    : QWidget(parent), project_(project), rows_(rows), tasks_(tasks), feature_cache_root_(std::move(feature_cache_root)) {
  auto* layout = new QVBoxLayout(this);
  auto* runner = new QGroupBox(tr("Run a model over a split"));
  auto* runner_row = new QHBoxLayout(runner);
  model_path_ = new QLineEdit;
  model_path_->setPlaceholderText(tr("model (.avqamodel or .pt)"));
  auto* browse = new QPushButton(tr("…"));
  run_split_ = new QComboBox;
  run_name_ = new QLineEdit;
  run_name_->setPlaceholderText(tr("run name"));
  start_ = new QPushButton(tr("Run"));
  cancel_button_ = new QPushButton(tr("Cancel"));
  cancel_button_->setEnabled(false);
  progress_ = new QProgressBar;
  for (QWidget* widget : std::initializer_list<QWidget*>{model_path_, browse, run_split_, run_name_, start_, cancel_button_, progress_}) {
    runner_row->addWidget(widget);
  }
  auto* choose = new QHBoxLayout;
  run_a_ = new QComboBox;
  run_b_ = new QComboBox;
  provenance_ = new QLabel;
  provenance_->setWordWrap(true);
  auto* copy_markdown = new QPushButton(tr("Copy table as Markdown"));
  auto* save_csv = new QPushButton(tr("Save table as CSV…"));
  choose->addWidget(new QLabel(tr("Run A")));
  choose->addWidget(run_a_, 1);
  choose->addWidget(new QLabel(tr("compared with B")));
  choose->addWidget(run_b_, 1);
  choose->addWidget(copy_markdown);
  choose->addWidget(save_csv);
  paper_ = newTextTable();
  paper_->setMaximumHeight(90);
  templates_ = newTextTable();
  group_ = new QComboBox;
  confusion_ = newTextTable();
  deltas_ = newTextTable();
  filter_ = new QComboBox;
  filter_->addItems({tr("all disagreements"), tr("A right, B wrong"), tr("B right, A wrong"), tr("both wrong")});
  disagreements_ = newTextTable();
  auto* details = details_ = new QTabWidget;
  details->addTab(templates_, tr("Per template"));
  auto* confusion_page = new QWidget;
  auto* confusion_layout = new QVBoxLayout(confusion_page);
  confusion_layout->addWidget(group_);
  confusion_layout->addWidget(confusion_);
  details->addTab(confusion_page, tr("Confusion matrix"));
  auto* compare_page = new QWidget;
  auto* compare_layout = new QGridLayout(compare_page);
  compare_layout->addWidget(deltas_, 0, 0, 2, 1);
  compare_layout->addWidget(filter_, 0, 1);
  compare_layout->addWidget(disagreements_, 1, 1);
  compare_layout->setColumnStretch(0, 2);
  compare_layout->setColumnStretch(1, 3);
  details->addTab(compare_page, tr("A vs B"));
  layout->addWidget(runner);
  layout->addLayout(choose);
  layout->addWidget(provenance_);
  layout->addWidget(paper_);
  layout->addWidget(details, 1);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Model"), QString(), tr("Models (*.avqamodel *.pt)"));
    if (!path.isEmpty()) model_path_->setText(path);
  });
  connect(start_, &QPushButton::clicked, this, [this] { startRun(model_path_->text(), run_split_->currentText(), run_name_->text()); });
  connect(cancel_button_, &QPushButton::clicked, this, &EvaluationTab::cancelRun);
  const auto reshow = [this] { showRuns(run_a_->currentText(), run_b_->currentData().toString()); };
  connect(run_a_, &QComboBox::currentIndexChanged, this, reshow);
  connect(run_b_, &QComboBox::currentIndexChanged, this, reshow);
  connect(group_, &QComboBox::currentIndexChanged, this, &EvaluationTab::showConfusion);
  connect(filter_, &QComboBox::currentIndexChanged, this, &EvaluationTab::showDisagreements);
  connect(copy_markdown, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(QString::fromStdString(tableOf(paper_).toMarkdown())); });
  connect(save_csv, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save table"), QStringLiteral("accuracy.csv"), tr("CSV (*.csv)"));
    if (!path.isEmpty()) saveTableCsv(path);
  });
  connect(disagreements_, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    const qint64 question_row = disagreements_->item(row, 0)->data(Qt::UserRole).toLongLong();
    for (const QuestionRow& candidate : rows_.allRows()) {
      if (candidate.row == question_row) emit questionChosen(candidate);
    }
  });
  refreshRuns();
}

bool EvaluationTab::saveTableCsv(const QString& path) {
  try {
    writeFileAtomically(path.toStdString(), tableOf(paper_).toCsv());
    return true;
  } catch (const std::exception& error) {  // a full disk, a folder without write access
    emit errorShown(QString::fromUtf8(error.what()));
    return false;
  }
}

void EvaluationTab::cancelRun() {
  if (run_task_) run_task_->cancel();
}

void EvaluationTab::showDetails(int page) { details_->setCurrentIndex(page); }

void EvaluationTab::refreshRuns() {
  QStringList names;
  for (const RunInfo& run : project_.runs()) names << QString::fromStdString(run.name);
  const QString a = run_a_->currentText();
  const QString b = run_b_->currentData().toString();
  {
    const QSignalBlocker block_a(run_a_);
    const QSignalBlocker block_b(run_b_);
    run_a_->clear();
    run_a_->addItems(names);
    run_b_->clear();
    run_b_->addItem(tr("(no comparison)"), QString());
    for (const QString& name : names) run_b_->addItem(name, name);
    if (names.contains(a)) run_a_->setCurrentText(a);
    run_b_->setCurrentIndex(std::max(0, run_b_->findData(b)));
  }
  const QString split = run_split_->currentText();
  run_split_->clear();
  for (const SplitInfo& info : project_.splits()) run_split_->addItem(QString::fromStdString(info.name));
  if (!split.isEmpty()) run_split_->setCurrentText(split);
  emit runsListed(names);
  if (names.isEmpty()) {
    provenance_->setText(tr("No runs yet. Start one below (a model over a split: pick the model file, the split and a "
                            "name), or import another tool's predictions with `avqa-lens import-predictions`."));
  }
  showRuns(run_a_->currentText(), run_b_->currentData().toString());
}

void EvaluationTab::rowsChanged() { showRuns(run_a_->currentText(), run_b_->currentData().toString()); }

void EvaluationTab::showRuns(const QString& run_a, const QString& run_b) {
  if (run_a.isEmpty()) return;
  if (run_a_->currentText() != run_a) {
    const QSignalBlocker block(run_a_);
    run_a_->setCurrentText(run_a);
  }
  if (run_b_->currentData().toString() != run_b) {
    const QSignalBlocker block(run_b_);
    run_b_->setCurrentIndex(std::max(0, run_b_->findData(run_b)));
  }
  // Reading a run's answers and scoring them takes ~0.1 s at 50,000 questions: in a thread
  // with its own connection; only the newest request is shown.
  const int generation = ++generation_;
  auto shown = std::make_shared<ShownRuns>();
  BackgroundTask* task = tasks_.start(tr("Scoring %1").arg(run_a), [shown, path = project_.path(), a = run_a.toStdString(),
                                                                    b = run_b.toStdString()](TaskContext&) {
    ProjectStore store(path, DbConnection::OpenMode::MustExist);
    shown->a = loadRunAnswers(store, a);
    shown->accuracy = scoreRun(*shown->a);
    if (!b.empty()) shown->comparison = compareStoredRuns(*shown->a, loadRunAnswers(store, b), path);
    return QVariant();
  });
  connect(task, &BackgroundTask::finished, this, [this, task, generation, shown] {
    if (generation != generation_) return;  // a newer request was made since
    if (task->state() == BackgroundTask::State::Failed) shown->error = task->error();
    present(std::move(*shown));
  });
}

void EvaluationTab::present(ShownRuns shown) {
  answers_a_.reset();
  comparison_.reset();
  deltas_->clear();
  disagreements_->clear();
  if (!shown.error.isEmpty() || !shown.a) {
    emit errorShown(shown.error);
    emit runsShown();
    return;
  }
  answers_a_ = std::move(shown.a);
  comparison_ = std::move(shown.comparison);
  const AccuracyTable& accuracy = shown.accuracy;
  const RunInfo& info = answers_a_->run;
  provenance_->setText(tr("%1 on split %2 · %3 questions, %4 without a prediction · from %5 %6 · %7")
                           .arg(QString::fromStdString(info.name), QString::fromStdString(answers_a_->split))
                           .arg(accuracy.overall.n)
                           .arg(accuracy.missing)
                           .arg(QString::fromStdString(info.source), QString::fromStdString(info.source_path),
                                QString::fromStdString(info.created_at)));
  fillTable(paper_, AccuracyReport{info.name, answers_a_->split, accuracy, AccuracyBreakdown::Groups}.toTable());
  fillTable(templates_, AccuracyReport{info.name, answers_a_->split, accuracy, AccuracyBreakdown::Templates}.toTable());
  std::set<std::string> groups;
  for (const StoredQuestion& question : answers_a_->questions) groups.insert(groupKey(question.record.modality, question.record.question_type));
  const QString group = group_->currentText();
  {
    const QSignalBlocker block(group_);
    group_->clear();
    for (const std::string& name : groups) group_->addItem(QString::fromStdString(name));
    if (!group.isEmpty()) group_->setCurrentText(group);
  }
  showConfusion();
  if (comparison_) {
    fillTable(deltas_, comparisonDeltaTable(*comparison_));
    showDisagreements();
  }
  emit runsShown();
}

void EvaluationTab::showConfusion() {
  confusion_->clear();
  if (!answers_a_) return;
  const std::string group = group_->currentText().toStdString();
  std::map<std::string, std::map<std::string, int>> counts;  // truth -> predicted -> n
  std::set<std::string> predicted;
  for (std::size_t i = 0; i < answers_a_->questions.size(); ++i) {
    const QaRecord& record = answers_a_->questions[i].record;
    if (groupKey(record.modality, record.question_type) != group) continue;
    const std::string guess = answers_a_->predictions[i].value_or("(none)");
    ++counts[record.answer.value_or("")][guess];
    predicted.insert(guess);
  }
  confusion_->setRowCount(static_cast<int>(counts.size()));
  confusion_->setColumnCount(static_cast<int>(predicted.size()));
  QStringList columns, rows;
  for (const std::string& answer : predicted) columns << tr("→ %1").arg(QString::fromStdString(answer));
  int peak = 1;
  for (const auto& [truth, row] : counts) {
    for (const auto& [guess, n] : row) peak = std::max(peak, n);
  }
  int r = 0;
  for (const auto& [truth, row] : counts) {
    rows << QString::fromStdString(truth);
    int c = 0;
    for (const std::string& guess : predicted) {
      const int n = row.count(guess) ? row.at(guess) : 0;
      auto* item = new QTableWidgetItem(n ? QString::number(n) : QString());
      const int shade = 255 - 150 * n / peak;  // darker: more questions
      item->setBackground(truth == guess ? QColor(shade, 255, shade) : QColor(255, shade, shade));
      confusion_->setItem(r, c++, item);
    }
    ++r;
  }
  confusion_->setHorizontalHeaderLabels(columns);
  confusion_->setVerticalHeaderLabels(rows);
  confusion_->verticalHeader()->show();
  confusion_->resizeColumnsToContents();
}

void EvaluationTab::showDisagreements() {
  disagreements_->clear();
  if (!comparison_ || !answers_a_) return;
  const std::vector<Disagreement> shown = comparison_->filtered(static_cast<DisagreementFilter>(filter_->currentIndex()));
  disagreements_->setColumnCount(5);
  disagreements_->setRowCount(static_cast<int>(shown.size()));
  disagreements_->setHorizontalHeaderLabels({tr("Video"), tr("Question"), tr("Answer"), QString::fromStdString(comparison_->a_name),
                                             QString::fromStdString(comparison_->b_name)});
  for (int i = 0; i < static_cast<int>(shown.size()); ++i) {
    const Disagreement& d = shown[static_cast<std::size_t>(i)];
    const StoredQuestion& question = answers_a_->questions[d.index];
    auto* video = new QTableWidgetItem(QString::fromStdString(question.record.video_id));
    video->setData(Qt::UserRole, QVariant::fromValue<qint64>(question.row));
    disagreements_->setItem(i, 0, video);
    disagreements_->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(
                                      readableQuestionText(fillTemplate(question.record.question_content, question.record.templ_values)))));
    disagreements_->setItem(i, 2, new QTableWidgetItem(QString::fromStdString(question.record.answer.value_or(""))));
    auto* a = new QTableWidgetItem(QString::fromStdString(d.a));
    a->setForeground(d.a_right ? QColor(40, 140, 60) : QColor(200, 50, 50));
    auto* b = new QTableWidgetItem(QString::fromStdString(d.b));
    b->setForeground(d.b_right ? QColor(40, 140, 60) : QColor(200, 50, 50));
    disagreements_->setItem(i, 3, a);
    disagreements_->setItem(i, 4, b);
  }
  disagreements_->resizeColumnsToContents();
}

void EvaluationTab::startRun(const QString& model_path, const QString& split, const QString& run_name) {
  if (model_path.isEmpty() || split.isEmpty() || run_name.trimmed().isEmpty()) {
    emit errorShown(tr("A run needs a model, a split and a name."));
    return;
  }
  if (run_task_) return;  // one at a time
  start_->setEnabled(false);
  cancel_button_->setEnabled(true);
  progress_->setValue(0);
  const QString run = run_name.trimmed();
  run_task_ = tasks_.start(tr("Running %1 over %2").arg(run, split),
                           [project = project_.path(), model_file = model_path.toStdString(), split_name = split.toStdString(),
                            name = run.toStdString(), cache = feature_cache_root_.toStdString()](TaskContext& context) {
    ProjectStore store(project, DbConnection::OpenMode::MustExist);  // this thread's own connection
    const std::unique_ptr<AvqaModel> model = loadModel(model_file, DeviceRequest::Auto);
    SplitRunOptions options;
    options.split = split_name;
    options.run = name;
    options.model_path = model_file;
    options.feature_cache_root = cache;
    const SplitRunResult result = runModelOverSplit(store, *model, options, context.cancel,
                                                    [&context](const std::string& stage, double fraction) {
                                                      context.progress(QString::fromStdString(stage), fraction);
                                                    });
    return QVariant(tr("%1 new predictions, %2 already stored").arg(result.answered).arg(result.already_stored));
  });
  connect(run_task_, &BackgroundTask::progressed, progress_, [this](const QString&, double fraction) {
    progress_->setValue(static_cast<int>(fraction * 100));
  });
  connect(run_task_, &BackgroundTask::finished, this, [this, run] {
    const BackgroundTask& task = *run_task_;
    const QString message = task.state() == BackgroundTask::State::Succeeded ? task.result().toString()
                            : task.state() == BackgroundTask::State::Cancelled ? tr("Cancelled; starting the same run again resumes it.")
                                                                               : task.error();
    start_->setEnabled(true);
    cancel_button_->setEnabled(false);
    refreshRuns();
    showRuns(run, QString());
    emit runsChanged();
    emit runFinished(run, message);
  });
}

}  // namespace avqa
