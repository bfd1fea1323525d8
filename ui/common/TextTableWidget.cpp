#include "TextTableWidget.h"

#include <QHeaderView>
#include <QTableWidget>

namespace avqa {

QTableWidget* newTextTable() {
  auto* widget = new QTableWidget;
  widget->verticalHeader()->hide();
  widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
  widget->setSelectionBehavior(QAbstractItemView::SelectRows);
  widget->horizontalHeader()->setStretchLastSection(true);
  return widget;
}

void fillTable(QTableWidget* widget, const TextTable& text) {
  widget->clear();
  widget->setColumnCount(static_cast<int>(text.header.size()));
  widget->setRowCount(static_cast<int>(text.rows.size()));
  for (int c = 0; c < widget->columnCount(); ++c) {
    // Shown on two lines ("Audio-Visual" / "Count") so the whole paper table fits without
    // scrolling; copied and saved with its full name.
    const QString full = QString::fromStdString(text.header[static_cast<std::size_t>(c)]);
    QString shown = full;
    const qsizetype space = shown.indexOf(QLatin1Char(' '));
    if (space > 0) shown[space] = QLatin1Char('\n');
    auto* item = new QTableWidgetItem(shown);
    item->setData(Qt::UserRole, full);
    widget->setHorizontalHeaderItem(c, item);
  }
  for (int r = 0; r < widget->rowCount(); ++r) {
    for (int c = 0; c < widget->columnCount(); ++c) {
      widget->setItem(r, c, new QTableWidgetItem(QString::fromStdString(text.rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)])));
    }
  }
  widget->resizeColumnsToContents();
}

TextTable tableOf(const QTableWidget* widget) {
  TextTable text;
  for (int c = 0; c < widget->columnCount(); ++c) {
    const QTableWidgetItem* item = widget->horizontalHeaderItem(c);
    text.header.push_back((item->data(Qt::UserRole).isValid() ? item->data(Qt::UserRole).toString() : item->text()).toStdString());
  }
  for (int r = 0; r < widget->rowCount(); ++r) {
    std::vector<std::string> row;
    for (int c = 0; c < widget->columnCount(); ++c) row.push_back(widget->item(r, c) ? widget->item(r, c)->text().toStdString() : "");
    text.rows.push_back(std::move(row));
  }
  return text;
}

}  // namespace avqa
