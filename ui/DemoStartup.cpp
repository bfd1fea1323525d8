#include "DemoStartup.h"

#include <QMessageBox>
#include <QProgressDialog>
#include <QThread>

#include "InspectorWindow.h"
#include "synthetic/DemoProject.h"

namespace avqa {

DemoStartup::DemoStartup(InspectorWindow& window, QString demo_folder, QString model_path, QObject* parent)
    : QObject(parent), window_(window), demo_folder_(std::move(demo_folder)), model_path_(std::move(model_path)) {}

DemoStartup::~DemoStartup() {
  cancelled_->store(true);
  if (thread_) thread_->wait();
}

void DemoStartup::start() {
  auto* dialog = new QProgressDialog(tr("Making the demo: a synthetic music-performance benchmark (first run only)…"),
                                     tr("Cancel"), 0, 60, &window_);
  dialog->setWindowTitle(tr("AVQA Lens"));
  dialog->setMinimumDuration(300);
  dialog->setAutoClose(false);
  const std::shared_ptr<std::atomic<bool>> cancelled = cancelled_;
  connect(dialog, &QProgressDialog::canceled, this, [cancelled] { cancelled->store(true); });
  connect(this, &DemoStartup::progressed, dialog, [dialog](int done, int total) {
    dialog->setMaximum(total);
    dialog->setValue(done);
  });
  const std::string folder = demo_folder_.toStdString();
  QThread* thread = QThread::create([this, folder, cancelled] {
    try {
      const synth::DemoProject demo = synth::ensureDemoProject(folder, [this, cancelled](int done, int total) {
        Q_EMIT progressed(done, total);  // queued to the dialog in the GUI thread
        return !cancelled->load();
      });
      Q_EMIT demoReady(QString::fromStdString(demo.project_path), QString::fromStdString(demo.first_video));
    } catch (const std::exception& error) {
      Q_EMIT failed(cancelled->load() ? tr("The demo was not made (cancelled).") : QString::fromUtf8(error.what()));
    }
  });
  thread_ = thread;
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  connect(thread, &QThread::finished, dialog, &QObject::deleteLater);
  // Queued from the worker: the startup object may be gone by the time they arrive.
  const QPointer<DemoStartup> self(this);
  connect(this, &DemoStartup::demoReady, &window_, [this, self](const QString& project, const QString& video) {
    if (!self || cancelled_->load()) return;
    window_.openProject(project);  // before the video: its past answers come back
    window_.openVideo(video);
    if (!model_path_.isEmpty()) window_.loadModel(model_path_);
    window_.setQuestion(tr("How many instruments are sounding in the video?"));
    window_.setHeatmapKind(HeatmapKind::SoundGuided);  // the built-in models' most faithful map
  });
  connect(this, &DemoStartup::failed, &window_, [this, self](const QString& message) {
    if (!self || cancelled_->load()) return;
    QMessageBox::warning(&window_, tr("AVQA Lens"), tr("Could not make the demo in %1:\n%2").arg(demo_folder_, message));
  });
  thread->start();
}

}  // namespace avqa
