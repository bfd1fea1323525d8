#pragma once

#include <QDialog>
#include <QString>
#include <vector>

#include "storage/FolderMap.h"

class QTableWidget;

namespace avqa {

// File > Folders on this machine: the project's video and feature folders as it keeps them
// (the names every machine shares on a server) and where this machine finds each. Choosing
// a folder maps the name in this machine's FolderMap; the caller saves it on accept.
class FolderMapDialog : public QDialog {
  Q_OBJECT
 public:
  struct Row {
    QString kind;    // "videos" or "features"
    QString stored;  // as the project keeps it
    QString local;   // where it resolves on this machine now
  };
  FolderMapDialog(QWidget* parent, std::vector<Row> rows, FolderMap map);

  // What the buttons lead to (tests call these directly).
  void chooseLocal(int row, const QString& folder);
  void forget(int row);
  const FolderMap& map() const { return map_; }
  int rowCount() const { return static_cast<int>(rows_.size()); }
  QString shownLocal(int row) const;

 private:
  void refresh();

  std::vector<Row> rows_;
  FolderMap map_;
  QTableWidget* table_ = nullptr;
};

}  // namespace avqa
