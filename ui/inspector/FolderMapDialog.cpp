#include "FolderMapDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace avqa {

FolderMapDialog::FolderMapDialog(QWidget* parent, std::vector<Row> rows, FolderMap map)
    : QDialog(parent), rows_(std::move(rows)), map_(std::move(map)) {
  setWindowTitle(tr("Folders on this machine"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("The project keeps each folder under a name; on a server every machine shares the names and "
                              "says here where it keeps its own copy. Kept in %1.")
                               .arg(QString::fromStdString(FolderMap::defaultFilePath())),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  table_ = new QTableWidget(static_cast<int>(rows_.size()), 3, this);
  table_->setHorizontalHeaderLabels({tr("Kind"), tr("Kept as"), tr("On this machine")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addWidget(table_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  QPushButton* choose = buttons->addButton(tr("Choose local folder…"), QDialogButtonBox::ActionRole);
  QPushButton* forget_button = buttons->addButton(tr("Forget"), QDialogButtonBox::ActionRole);
  connect(choose, &QPushButton::clicked, this, [this] {
    const int row = table_->currentRow();
    if (row < 0) return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Where this machine keeps %1").arg(rows_[static_cast<std::size_t>(row)].stored));
    if (!folder.isEmpty()) chooseLocal(row, folder);
  });
  connect(forget_button, &QPushButton::clicked, this, [this] {
    if (table_->currentRow() >= 0) forget(table_->currentRow());
  });
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(720, 320);
  refresh();
}

void FolderMapDialog::chooseLocal(int row, const QString& folder) {
  if (row < 0 || row >= rowCount()) return;
  map_.set(rows_[static_cast<std::size_t>(row)].stored.toStdString(), QDir(folder).absolutePath().toStdString());
  refresh();
}

void FolderMapDialog::forget(int row) {
  if (row < 0 || row >= rowCount()) return;
  map_.set(rows_[static_cast<std::size_t>(row)].stored.toStdString(), "");
  refresh();
}

QString FolderMapDialog::shownLocal(int row) const { return table_->item(row, 2)->text(); }

void FolderMapDialog::refresh() {
  for (int i = 0; i < rowCount(); ++i) {
    const Row& row = rows_[static_cast<std::size_t>(i)];
    const std::optional<std::string> mapped = map_.localPath(row.stored.toStdString());
    // Unmapped: where the project's own rule finds it (relative to the file or working folder).
    const QString local = mapped ? QString::fromStdString(*mapped) : row.local;
    const bool present = QDir(local).exists();
    table_->setItem(i, 0, new QTableWidgetItem(row.kind));
    table_->setItem(i, 1, new QTableWidgetItem(row.stored));
    auto* where = new QTableWidgetItem(local + (mapped ? tr("  (mapped)") : QString()) + (present ? QString() : tr("  (not on this machine)")));
    if (!present) where->setForeground(Qt::red);
    table_->setItem(i, 2, where);
  }
  table_->resizeColumnsToContents();
}

}  // namespace avqa
