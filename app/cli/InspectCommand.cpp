// inspect: the inspector window (video, question, model, answer and attention).
#include <CLI/CLI.hpp>

#include <QApplication>
#include <memory>

#include "InspectorWindow.h"
#include "ShippedModels.h"
#include "cli/CliSupport.h"

namespace avqa::cli {

void addInspectCommand(CLI::App& app, CommandAction& action, int& argc, char** argv) {
  struct Options {
    std::string model, video, question;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("inspect", "Open the inspector window");
  command->add_option("--model", options->model, "Model to load: built-in (.avqamodel) or TorchScript (.pt); default the shipped AVST");
  command->add_option("--video", options->video, "Video to open");
  command->add_option("question", options->question, "Question to ask once the model is loaded");
  command->callback([options, &action, &argc, argv] {
    action = [options, &argc, argv] {
      if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND")) qputenv("QT_MEDIA_BACKEND", "ffmpeg");  // DESIGN.md
      QApplication application(argc, argv);
      QApplication::setApplicationName(QStringLiteral("avqa-lens"));
      InspectorWindow window;
      if (options->model.empty()) {
        const std::vector<std::string> shipped = shippedModelFiles(QCoreApplication::applicationFilePath().toStdString());
        if (!shipped.empty()) options->model = shipped.front();
      }
      if (!options->video.empty()) window.openVideo(QString::fromStdString(options->video));
      if (!options->model.empty()) {
        if (!options->question.empty()) {
          QObject::connect(&window, &InspectorWindow::modelReady, &window,
                           [&window, options] { window.ask(QString::fromStdString(options->question)); });
        }
        window.loadModel(QString::fromStdString(options->model));
      }
      window.show();
      return QApplication::exec();
    };
  });
}

}  // namespace avqa::cli
