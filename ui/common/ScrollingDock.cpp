#include "ScrollingDock.h"

#include <QDockWidget>
#include <QScrollArea>

namespace avqa {

QDockWidget* scrollingDock(const QString& title, const QString& object_name, QWidget* content, QWidget* parent) {
  auto* dock = new QDockWidget(title, parent);
  dock->setObjectName(object_name);
  auto* scroll = new QScrollArea;
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  dock->setWidget(scroll);
  return dock;
}

}  // namespace avqa
