// Untrusted model files: one the window has not opened before is first loaded by a child
// process. A model that hangs dies there under its CPU limit, one that fails is refused with
// the child's message, and the window stays up with the model it had.
#include <gtest/gtest.h>

#include <QFile>
#include <QSignalSpy>
#include <chrono>

#include "MainWindow.h"
#include "ModelProbe.h"
#include "WindowTestSupport.h"
#include "storage/ProjectStore.h"

namespace {

QString vettedList(const avqa::test::ContractSetup& setup) { return QString::fromStdString(setup.dir.file("vetted.txt")); }

TEST(ModelProbe, AHangingModelIsRefusedAndAGoodOneVettedOnce) {
  avqa::test::ContractSetup setup;
  const avqa::ModelProbe probe(QStringLiteral(AVQA_LENS_EXE), vettedList(setup), std::chrono::seconds(3));
  const QString hangs = QString::fromStdString(setup.dir.file("m/hangs.pt"));
  const QString refusal = probe.refusal(hangs);
  EXPECT_TRUE(refusal.startsWith(hangs + QStringLiteral(": not opened: it crashed a test load in a separate process")))
      << refusal.toStdString();
  EXPECT_FALSE(QFile::exists(vettedList(setup))) << "nothing vetted yet";

  EXPECT_TRUE(probe.refusal(QString::fromStdString(setup.model)).isEmpty());
  QFile list(vettedList(setup));
  ASSERT_TRUE(list.open(QIODevice::ReadOnly));
  QFile digest(QString::fromStdString(setup.dir.file("m/contract.sha256")));  // written by make_models.py
  ASSERT_TRUE(digest.open(QIODevice::ReadOnly));
  EXPECT_EQ(list.readAll().trimmed(), digest.readAll().trimmed());

  const QString raises = QString::fromStdString(setup.dir.file("m/raises.pt"));
  const QString message = probe.refusal(raises);
  EXPECT_TRUE(message.contains(QStringLiteral("this model is broken on purpose"))) << message.toStdString();
}

TEST(ModelProbe, TheWindowKeepsItsModelWhenANewOneIsRefused) {
  avqa::test::ContractSetup setup;
  avqa::MainWindow window;
  window.setModelProbe(QStringLiteral(AVQA_LENS_EXE), vettedList(setup));
  window.show();
  avqa::test::loadModelAndWait(window, setup.model);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  QSignalSpy ready(&window, &avqa::MainWindow::modelReady);
  window.loadModel(QString::fromStdString(setup.dir.file("m/raises.pt")));
  ASSERT_TRUE(errors.wait(60000));
  EXPECT_TRUE(avqa::test::firstError(errors).find("this model is broken on purpose") != std::string::npos)
      << avqa::test::firstError(errors);
  EXPECT_EQ(ready.count(), 0);
  EXPECT_TRUE(window.isVisible());
  { avqa::ProjectStore store(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing); }
  avqa::test::openProjectAndVideo(window, setup.project, setup.video);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(answered.wait(60000)) << "the model loaded before still answers";
  EXPECT_EQ(window.outcome()->result.prediction.answer(), "five");
}

}  // namespace
