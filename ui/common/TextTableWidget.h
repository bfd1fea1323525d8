#pragma once

#include "reports/TableFormats.h"

class QTableWidget;

namespace avqa {

// Report tables (the CLI's TextTable) shown in a read-only QTableWidget and read back for
// "Copy as Markdown" / "Save as CSV". Headers show on two lines; what is copied keeps the
// full header names.
QTableWidget* newTextTable();
void fillTable(QTableWidget* widget, const TextTable& text);
TextTable tableOf(const QTableWidget* widget);

}  // namespace avqa
