// No arguments: the GUI on the demo (made on first run in the user's data folder).
#include <QApplication>
#include <QStandardPaths>
#include <cstdio>
#include <cstdlib>

#include "DemoStartup.h"
#include "InspectorWindow.h"
#include "ShippedModels.h"
#include "cli/CliSupport.h"

namespace avqa::cli {

int runDemoGui(int& argc, char** argv) {
  const bool display = std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY") || std::getenv("QT_QPA_PLATFORM");
  if (!display) {
    std::fprintf(stderr, "avqa-lens: no display for the GUI; `avqa-lens --help` lists the command line "
                         "(scripts/demo.sh runs the headless demo)\n");
    return 1;
  }
  if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND")) qputenv("QT_MEDIA_BACKEND", "ffmpeg");  // DESIGN.md
  QApplication application(argc, argv);
  QApplication::setApplicationName(QStringLiteral("avqa-lens"));
  InspectorWindow window;
  const std::vector<std::string> shipped = shippedModelFiles(QCoreApplication::applicationFilePath().toStdString());
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
  DemoStartup startup(window, folder, shipped.empty() ? QString() : QString::fromStdString(shipped.front()));
  window.show();
  startup.start();
  return QApplication::exec();
}

}  // namespace avqa::cli
