#include "FigureExport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QPainter>
#include <functional>

#include "AttentionVideo.h"
#include "InspectorSession.h"
#include "TaskList.h"
#include "TimelineView.h"
#include "VideoView.h"

namespace avqa {

FigureExport::FigureExport(const InspectorSession& session, VideoView& video, TimelineView& timeline, TaskList& tasks)
    : session_(session), video_(video), timeline_(timeline), tasks_(tasks) {}

void FigureExport::addMenu(QMainWindow& window, const std::function<void(const QString&)>& failed) {
  QMenu* menu = window.menuBar()->addMenu(QObject::tr("F&igure"));
  menu->addAction(QObject::tr("Save figure…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), &window, [this, &window, failed] {
    const QString path = QFileDialog::getSaveFileName(&window, QObject::tr("Save figure"), QStringLiteral("figure.png"),
                                                      QObject::tr("PNG (*.png)"));
    QString error;
    if (!path.isEmpty() && !saveFigure(path, &error)) failed(error);
  });
  menu->addAction(QObject::tr("Render video…"), &window, [this, &window, failed] {
    const QString path = QFileDialog::getSaveFileName(&window, QObject::tr("Render video"), QStringLiteral("answer.mp4"),
                                                      QObject::tr("MP4 (*.mp4)"));
    if (path.isEmpty()) return;
    renderVideo(path, [&window, failed](const QString& message, bool ok) {
      if (ok) window.statusBar()->showMessage(message, 8000);
      else failed(message);
    });
  });
}

QImage FigureExport::figure() const {
  const QImage frame = video_.grabFramebuffer().copy(video_.frameRect().toAlignedRect());
  const QImage line = timeline_.grab().toImage();
  const int width = std::max(frame.width(), line.width());
  constexpr int kCaption = 56;
  QImage out(width, kCaption + frame.height() + line.height(), QImage::Format_RGB32);
  out.fill(QColor(18, 18, 20));
  QPainter painter(&out);
  painter.setRenderHint(QPainter::Antialiasing);
  QFont font = painter.font();
  font.setPixelSize(18);
  painter.setFont(font);
  painter.setPen(QColor(240, 240, 240));
  const AskOutcome* shown = session_.shownOutcome();
  QString caption = session_.question();
  if (shown) {
    caption += QStringLiteral("  →  %1   (%2, %3 map)")
                   .arg(QString::fromStdString(shown->result.prediction.answer()), shown->model_name,
                        QString::fromLatin1(heatmapKindName(session_.shownHeatmapKind())));
  }
  painter.drawText(QRect(10, 0, width - 20, kCaption), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextWordWrap, caption);
  painter.drawImage((width - frame.width()) / 2, kCaption, frame);
  painter.drawImage(0, kCaption + frame.height(), line);
  return out;
}

bool FigureExport::saveFigure(const QString& path, QString* error) const {
  if (figure().save(path, "PNG")) return true;
  if (error) *error = QStringLiteral("%1: could not be written (is the disk full or the folder read-only?)").arg(path);
  return false;
}

void FigureExport::renderVideo(const QString& path, const std::function<void(const QString&, bool)>& done) const {
  const AskOutcome* shown = session_.shownOutcome();
  if (!shown) {
    done(QObject::tr("Ask a question first: there is no answer to render."), false);
    return;
  }
  const HeatmapKind map = session_.shownHeatmapKind();
  BackgroundTask* task = tasks_.start(QObject::tr("Rendering %1").arg(QFileInfo(path).fileName()),
                                      [result = shown->result, video = shown->video_path.toStdString(), question = shown->question,
                                       map, out = path.toStdString()](TaskContext& context) {
                                        renderAttentionVideo(result, video, question, {map}, out, context.cancel);
                                        return QVariant();
                                      });
  QObject::connect(task, &BackgroundTask::succeeded, task, [done, path] { done(QObject::tr("Wrote %1").arg(path), true); });
  QObject::connect(task, &BackgroundTask::failed, task, [done](const QString& message) { done(message, false); });
}

}  // namespace avqa
