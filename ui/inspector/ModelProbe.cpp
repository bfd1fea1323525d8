#include "ModelProbe.h"

#include <sys/resource.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTextStream>

#include "common/AvqaError.h"
#include "common/FileHash.h"

namespace avqa {

ModelProbe::ModelProbe(QString executable, QString vetted_list_path, std::chrono::seconds cpu_limit)
    : executable_(std::move(executable)), vetted_list_path_(std::move(vetted_list_path)), cpu_limit_(cpu_limit) {}

QString ModelProbe::refusal(const QString& model_path) const {
  if (model_path.endsWith(QStringLiteral(".avqamodel")) || !QFileInfo(model_path).isFile()) return {};
  QString sha256;
  try {
    sha256 = QString::fromStdString(sha256OfFile(model_path.toStdString()));
  } catch (const AvqaError&) {
    return {};  // unreadable: the in-process loader says so
  }
  if (isVetted(sha256)) return {};
  QProcess child;
  child.setProgram(executable_);
  child.setArguments({QStringLiteral("ask"), QStringLiteral("--explain"), QStringLiteral("--device"), QStringLiteral("cpu"),
                      QStringLiteral("--model"), model_path});
  const rlim_t cpu_seconds = static_cast<rlim_t>(cpu_limit_.count());
  child.setChildProcessModifier([cpu_seconds] {
    const rlimit limit{cpu_seconds, cpu_seconds + 1};  // SIGXCPU, then SIGKILL: a hang dies too
    setrlimit(RLIMIT_CPU, &limit);
  });
  child.start();
  // Wall-clock bound as well: a child that sleeps or waits uses no CPU.
  const int wall_ms = static_cast<int>(cpu_limit_.count()) * 2000 + 10000;
  if (!child.waitForStarted(10000)) {
    return QStringLiteral("%1: could not be tested before loading (%2 did not start)").arg(model_path, executable_);
  }
  if (!child.waitForFinished(wall_ms)) {
    child.kill();
    child.waitForFinished(5000);
    return QStringLiteral("%1: not opened: a test load in a separate process did not finish within %2 s").arg(model_path).arg(wall_ms / 1000);
  }
  if (child.exitStatus() == QProcess::CrashExit) {
    return QStringLiteral("%1: not opened: it crashed a test load in a separate process (killed by a signal, or past "
                          "its %2 s CPU limit); loading it here would have taken the window down")
        .arg(model_path)
        .arg(cpu_limit_.count());
  }
  if (child.exitCode() != 0) {
    QString message = QString::fromUtf8(child.readAllStandardError()).trimmed();
    message = message.section(QLatin1Char('\n'), -1).remove(QStringLiteral("avqa-lens: error: "));
    return message.isEmpty() ? QStringLiteral("%1: refused by a test load (exit %2)").arg(model_path).arg(child.exitCode()) : message;
  }
  remember(sha256);
  return {};
}

bool ModelProbe::isVetted(const QString& sha256) const {
  QFile file(vetted_list_path_);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return false;
  QTextStream lines(&file);
  while (!lines.atEnd()) {
    if (lines.readLine().trimmed() == sha256) return true;
  }
  return false;
}

void ModelProbe::remember(const QString& sha256) const {
  QDir().mkpath(QFileInfo(vetted_list_path_).absolutePath());
  QFile file(vetted_list_path_);
  if (file.open(QIODevice::Append | QIODevice::Text)) file.write((sha256 + QLatin1Char('\n')).toUtf8());
  // A list that cannot be written only means testing the file again next time.
}

}  // namespace avqa
