#include "common/FileHash.h"

#include <QCryptographicHash>
#include <QFile>

#include "common/AvqaError.h"

namespace avqa {

std::string sha256OfFile(const std::string& path) {
  QFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::ReadOnly)) throw AvqaError(path, "cannot be read: " + file.errorString().toStdString());
  QCryptographicHash hash(QCryptographicHash::Sha256);
  if (!hash.addData(&file)) throw AvqaError(path, "cannot be read to the end");
  return hash.result().toHex().toStdString();
}

std::string sha256OfText(const std::string& bytes) {
  return QCryptographicHash::hash(QByteArray::fromStdString(bytes), QCryptographicHash::Sha256).toHex().toStdString();
}

}  // namespace avqa
