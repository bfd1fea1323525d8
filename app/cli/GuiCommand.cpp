// The window: no arguments (the demo, made on first run in the user's data folder),
// `open PROJECT.avqa`, and `inspect` all start it here.
#include <CLI/CLI.hpp>

#include <QApplication>
#include <QFileInfo>
#include <QStandardPaths>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "DemoStartup.h"
#include "MainWindow.h"
#include "ShippedModels.h"
#include "UiSettings.h"
#include "cli/CliSupport.h"
#include "storage/PgConnection.h"
#include "features/FeatureCache.h"

namespace avqa::cli {

int runGui(int& argc, char** argv, GuiStart start) {
  const bool display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") || std::getenv("QT_QPA_PLATFORM");
  if (!display) {
    std::fprintf(stderr, "avqa-lens: no display for the GUI; `avqa-lens --help` lists the command line "
                         "(scripts/demo.sh runs the headless demo)\n");
    return 1;
  }
  if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND")) qputenv("QT_MEDIA_BACKEND", "ffmpeg");  // docs/architecture.md, "Threads"
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("avqa-lens"));
  const QString settings_file = qEnvironmentVariableIsSet("AVQA_SETTINGS_FILE") ? qEnvironmentVariable("AVQA_SETTINGS_FILE")
                                                                                : UiSettings::defaultFilePath();
  UiSettings settings(settings_file);
  MainWindow window(&settings, QString::fromStdString(FeatureCache::defaultRoot()));
  window.setModelProbe(QCoreApplication::applicationFilePath(),
                       QFileInfo(settings_file).absolutePath() + QStringLiteral("/vetted-models.txt"));
  if (start.model.empty()) {
    const std::vector<std::string> shipped = shippedModelFiles(QCoreApplication::applicationFilePath().toStdString());
    if (!shipped.empty()) start.model = shipped.front();  // AV-Master
  }
  std::unique_ptr<DemoStartup> demo;
  if (start.demo) {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
    demo = std::make_unique<DemoStartup>(window, folder, QString::fromStdString(start.model));
  } else {
    if (!start.project.empty()) window.openProject(QString::fromStdString(start.project));
    if (!start.video.empty()) window.openVideo(QString::fromStdString(start.video));
    if (!start.question.empty()) {
      // Typed in at once; asked when both the model and the video are ready. A video that
      // fails to open says why in the error line, and the question stays in the box.
      const QString question = QString::fromStdString(start.question);
      window.setQuestion(question);
      const auto ask_when_ready = [&window, question] {
        if (!window.session().modelName().isEmpty() && !window.session().videoPath().isEmpty()) window.ask(question);
      };
      QObject::connect(&window, &MainWindow::modelReady, &window, ask_when_ready, Qt::SingleShotConnection);
      QObject::connect(&window, &MainWindow::videoReady, &window, ask_when_ready, Qt::SingleShotConnection);
    }
    if (!start.model.empty()) window.loadModel(QString::fromStdString(start.model));
  }
  window.show();
  if (demo) demo->start();
  return QApplication::exec();
}

int runDemoGui(int& argc, char** argv) {
  GuiStart start;
  start.demo = true;
  return runGui(argc, argv, start);
}

void addOpenCommand(CLI::App& app, CommandAction& action, int& argc, char** argv) {
  auto start = std::make_shared<GuiStart>();
  CLI::App* command = app.add_subcommand("open", fullCommandDescription("open"));
  command->add_option("project", start->project, "Project file (*.avqa), or a server project URL to browse read-only")
      ->required()
      ->check(projectFileOrServerUrl());
  command->add_option("--model", start->model, "Model to load: built-in (.avqamodel) or TorchScript (.pt); default the shipped AV-Master");
  command->callback([start, &action, &argc, argv] {
    action = [start, &argc, argv] { return runGui(argc, argv, *start); };
  });
}

void addInspectCommand(CLI::App& app, CommandAction& action, int& argc, char** argv) {
  auto start = std::make_shared<GuiStart>();
  CLI::App* command = app.add_subcommand("inspect", fullCommandDescription("inspect"));
  command->add_option("--model", start->model, "Model to load: built-in (.avqamodel) or TorchScript (.pt); default the shipped AV-Master");
  command->add_option("--video", start->video, "Video to open");
  command->add_option("--project", start->project, "Project to store the answers in");
  command->add_option("question", start->question, "Question to ask once the model is loaded");
  command->callback([start, &action, &argc, argv] {
    action = [start, &argc, argv] { return runGui(argc, argv, *start); };
  });
}

}  // namespace avqa::cli
