#include "DemoStartup.h"

#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStringList>

#include "MainWindow.h"
#include "TaskList.h"
#include "synthetic/DemoProject.h"

namespace avqa {

DemoStartup::DemoStartup(MainWindow& window, QString demo_folder, QString model_path, QObject* parent)
    : QObject(parent), window_(window), demo_folder_(std::move(demo_folder)), model_path_(std::move(model_path)) {}

void DemoStartup::start() {
  auto* dialog = new QProgressDialog(tr("Making the demo: a synthetic music-performance benchmark (first run only)…"),
                                     tr("Cancel"), 0, 100, &window_);
  dialog->setWindowTitle(tr("AVQA Lens"));
  dialog->setMinimumDuration(300);
  dialog->setAutoClose(false);
  BackgroundTask* task = window_.tasks()->start(tr("Making the demo"), [folder = demo_folder_.toStdString()](TaskContext& context) {
    const synth::DemoProject demo = synth::ensureDemoProject(folder, [&context](int done, int total) {
      context.progress(QObject::tr("videos"), total > 0 ? static_cast<double>(done) / total : 0.0);
      return !context.cancel.cancelled();
    });
    return QVariant(QStringList{QString::fromStdString(demo.project_path), QString::fromStdString(demo.first_video)});
  });
  connect(dialog, &QProgressDialog::canceled, task, &BackgroundTask::cancel);
  connect(task, &BackgroundTask::progressed, dialog, [dialog](const QString&, double fraction) { dialog->setValue(static_cast<int>(fraction * 100)); });
  connect(task, &BackgroundTask::finished, dialog, &QObject::deleteLater);
  connect(task, &BackgroundTask::succeeded, this, [this](const QVariant& result) {
    const QStringList paths = result.toStringList();
    window_.openProject(paths.at(0));  // before the video: its past answers come back
    window_.openVideo(paths.at(1));
    if (!model_path_.isEmpty()) window_.loadModel(model_path_);
    window_.setQuestion(tr("How many instruments are sounding in the video?"));
    // AV-Master's band map (its question-guided one); a model without one shows its sound map, and says so.
    window_.setHeatmapKind(HeatmapKind::QuestionGuided);
    emit demoReady(paths.at(0), paths.at(1));
  });
  connect(task, &BackgroundTask::failed, this, [this](const QString& message) {
    QMessageBox::warning(&window_, tr("AVQA Lens"), tr("Could not make the demo in %1:\n%2").arg(demo_folder_, message));
    emit failed(message);
  });
}

}  // namespace avqa
