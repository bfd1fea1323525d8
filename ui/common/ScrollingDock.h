#pragma once

#include <QString>

class QDockWidget;
class QWidget;

namespace avqa {

// A dock holding `content` in a vertical scroll area: when the dock is shorter than its
// controls they scroll instead of being cut off.
QDockWidget* scrollingDock(const QString& title, const QString& object_name, QWidget* content, QWidget* parent);

}  // namespace avqa
