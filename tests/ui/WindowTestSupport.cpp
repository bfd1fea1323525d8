#include "WindowTestSupport.h"

#include <gtest/gtest.h>

#include <QPainter>
#include <QScreen>
#include <algorithm>
#include <cstdlib>

#include "VideoView.h"
#include "support/TestVideos.h"

namespace avqa::test {

std::string firstError(const QSignalSpy& errors) {
  return errors.isEmpty() ? "" : errors.first().first().toString().toStdString();
}

QImage windowPicture(QWidget& window) {
  QImage picture = window.grab().toImage();
  QPainter painter(&picture);
  for (VideoView* view : window.findChildren<VideoView*>()) {
    if (!view->isVisible()) continue;
    painter.drawImage(view->mapTo(&window, QPoint(0, 0)), view->grabFramebuffer());
  }
  return picture;
}

QImage screenPixels(QWidget& widget) {
  const QPoint origin = widget.mapToGlobal(QPoint(0, 0));
  return widget.screen()->grabWindow(0, origin.x(), origin.y(), widget.width(), widget.height()).toImage();
}

int argmax(const std::vector<float>& values) {
  return static_cast<int>(std::max_element(values.begin(), values.end()) - values.begin());
}

// A contract model whose attention is known (make_models.py): spatial on the red patch, the
// temporal peak on the loud second (second 2 of the red/blue clip), the answer from the word count.
ContractSetup::ContractSetup() {
  EXPECT_EQ(std::system(("/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) +
                         "/models/make_models.py " + dir.file("m"))
                            .c_str()),
            0);
  model = dir.file("m/contract.pt");
  video = dir.file("clip.mp4");
  project = dir.file("p.avqa");
  writeRedBlueVideo(video, 6, 320, 240);
  qputenv("AVQA_CACHE_DIR", QByteArray::fromStdString(dir.file("cache")));
}

void loadModelAndWait(MainWindow& window, const std::string& model) {
  QSignalSpy errors(&window, &MainWindow::errorShown);
  QSignalSpy model_ready(&window, &MainWindow::modelReady);
  window.loadModel(QString::fromStdString(model));
  ASSERT_TRUE(model_ready.wait(60000)) << firstError(errors);
}

void openProjectAndVideo(MainWindow& window, const std::string& project, const std::string& video) {
  QSignalSpy project_ready(&window, &MainWindow::projectReady);
  window.openProject(QString::fromStdString(project));
  ASSERT_TRUE(project_ready.wait(30000));
  QSignalSpy video_ready(&window, &MainWindow::videoReady);
  window.openVideo(QString::fromStdString(video));
  ASSERT_TRUE(video_ready.wait(30000));
}

}  // namespace avqa::test
