#include "VideoView.h"

#include <QMouseEvent>
#include <QVBoxLayout>
#include <algorithm>

#include "VideoSurface.h"

namespace avqa {

VideoView::VideoView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(320, 240);
  surface_ = new VideoSurface();
  QWidget* container = QWidget::createWindowContainer(surface_, this);
  container->setMinimumSize(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(container);
  surface_->forwardMouseTo([this](QMouseEvent* event) { handleMouse(event); });
}

VideoView::~VideoView() = default;

void VideoView::setFrame(const QImage& frame) {
  surface_->picture().frame = frame;
  surface_->frameChanged();
}

void VideoView::setHeatmap(const FrameHeatmap& heatmap) {
  surface_->picture().heatmap = heatmap;
  surface_->heatChanged();
}

void VideoView::clearHeatmap() {
  surface_->picture().heatmap = FrameHeatmap{};
  surface_->repaint();
}

void VideoView::setColormap(Colormap colormap) {
  surface_->picture().look.colormap = colormap;
  surface_->heatChanged();
}

void VideoView::setOpacity(float opacity) {
  surface_->picture().opacity = std::clamp(opacity, 0.0f, 1.0f);
  surface_->repaint();
}

void VideoView::setSampling(HeatmapSampling sampling) {
  surface_->picture().look.sampling = sampling;
  surface_->heatChanged();
}

void VideoView::setFrameMirror(Mirror mirror) {
  surface_->picture().frame_mirror = mirror;
  surface_->repaint();
}

void VideoView::setGridLines(GridLines lines) {
  surface_->picture().look.grid_lines = lines;
  surface_->heatChanged();
}

void VideoView::setKeptOutlines(KeptOutlines outlines) {
  surface_->picture().look.kept_outlines = outlines;
  surface_->heatChanged();
}

void VideoView::setEvidenceBoxes(std::vector<QRectF> boxes) {
  surface_->picture().evidence_boxes = std::move(boxes);
  surface_->repaint();
}

const std::vector<QRectF>& VideoView::evidenceBoxes() const { return surface_->picture().evidence_boxes; }
const FrameHeatmap& VideoView::heatmap() const { return surface_->picture().heatmap; }
const QImage& VideoView::frame() const { return surface_->picture().frame; }

QRectF VideoView::frameRect() const { return fittedFrameRect(frame().size(), QSizeF(width(), height())); }

QPointF VideoView::framePixelAt(const QPointF& widget_point) const {
  const QRectF rect = frameRect();
  const QImage& shown = frame();
  if (shown.isNull() || rect.width() <= 0 || rect.height() <= 0) return {};
  double x = (widget_point.x() - rect.left()) / rect.width() * shown.width();
  const double y = (widget_point.y() - rect.top()) / rect.height() * shown.height();
  if (surface_->picture().frame_mirror == Mirror::Horizontal) x = shown.width() - x;
  return {std::clamp(x, 0.0, static_cast<double>(shown.width())), std::clamp(y, 0.0, static_cast<double>(shown.height()))};
}

QImage VideoView::grabFramebuffer() { return surface_->grabFramebuffer(); }

void VideoView::setBoxDrawing(BoxDrawing drawing) {
  surface_->picture().rubber_band = QRectF();
  surface_->setCursor(drawing == BoxDrawing::On ? Qt::CrossCursor : Qt::ArrowCursor);
  setCursor(drawing == BoxDrawing::On ? Qt::CrossCursor : Qt::ArrowCursor);
  box_drawing_ = drawing;
  surface_->repaint();
}

bool VideoView::handleMouse(QMouseEvent* event) {
  if (box_drawing_ != BoxDrawing::On || frame().isNull()) return false;
  QRectF& rubber_band = surface_->picture().rubber_band;
  switch (event->type()) {
    case QEvent::MouseButtonPress:
      if (event->button() != Qt::LeftButton) return false;
      drag_start_ = framePixelAt(event->position());
      rubber_band = QRectF();
      return true;
    case QEvent::MouseMove:
      if (!(event->buttons() & Qt::LeftButton)) return false;
      rubber_band = QRectF(drag_start_, framePixelAt(event->position())).normalized();
      surface_->repaint();
      return true;
    case QEvent::MouseButtonRelease: {
      if (event->button() != Qt::LeftButton) return false;
      const QRectF box = QRectF(drag_start_, framePixelAt(event->position())).normalized();
      rubber_band = QRectF();
      surface_->repaint();
      if (box.width() >= 4 && box.height() >= 4) emit boxDrawn(box.toRect().toRectF());  // whole pixels; a click is no box
      return true;
    }
    default:
      return false;
  }
}

void VideoView::mousePressEvent(QMouseEvent* event) {
  if (!handleMouse(event)) QWidget::mousePressEvent(event);
}

void VideoView::mouseMoveEvent(QMouseEvent* event) {
  if (!handleMouse(event)) QWidget::mouseMoveEvent(event);
}

void VideoView::mouseReleaseEvent(QMouseEvent* event) {
  if (!handleMouse(event)) QWidget::mouseReleaseEvent(event);
}

}  // namespace avqa
