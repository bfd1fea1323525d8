#pragma once

#include <QImage>
#include <QSignalSpy>
#include <string>
#include <vector>

#include "MainWindow.h"
#include "support/TempDir.h"

namespace avqa::test {

// The UI suites' shared fixture: the test models (make_models.py), a red/blue clip, a
// project path, and the feature cache in the temporary folder.
struct ContractSetup {
  TempDir dir;
  std::string model, video, project;
  ContractSetup();
};

std::string firstError(const QSignalSpy& errors);
int argmax(const std::vector<float>& values);
// Each fails the test (gtest ASSERT) when the window does not get there in time.
void loadModelAndWait(MainWindow& window, const std::string& model);
void openProjectAndVideo(MainWindow& window, const std::string& project, const std::string& video);
// A window as the user sees it: QWidget::grab() leaves the video views' GL windows out, so
// each visible view's framebuffer is drawn in at its place (screenshots).
QImage windowPicture(QWidget& window);
// What the X server shows at the widget's place now (Xvfb's screen), inferiors included.
QImage screenPixels(QWidget& widget);

}  // namespace avqa::test
