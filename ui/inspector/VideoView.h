#pragma once

#include <QImage>
#include <QWidget>
#include <vector>

#include "media/HeatmapLayer.h"

class QMouseEvent;

namespace avqa {

class VideoSurface;

// Whether a drag on the frame draws an evidence box (the evidence editor turns it on).
enum class BoxDrawing { Off, On };

// Shows a video frame with a patch heatmap blended over it by a fragment shader. The colour
// layer comes from heatmapLayer() (core), made again only when the map or its look changes;
// the shader samples it and applies the opacity. The frame keeps its aspect ratio. The GL
// drawing happens in a VideoSurface window inside this widget (see VideoSurface for why).
class VideoView : public QWidget {
  Q_OBJECT
 public:
  explicit VideoView(QWidget* parent = nullptr);
  ~VideoView() override;

  void setFrame(const QImage& frame);
  void setHeatmap(const FrameHeatmap& heatmap);
  void clearHeatmap();
  void setColormap(Colormap colormap);
  void setOpacity(float opacity);
  void setSampling(HeatmapSampling sampling);
  void setFrameMirror(Mirror mirror);  // a "_flip" video played from its original file
  void setGridLines(GridLines lines);
  void setKeptOutlines(KeptOutlines outlines);
  // Ground-truth boxes outlined on the frame, in the file's frame pixels (empty: none).
  void setEvidenceBoxes(std::vector<QRectF> boxes);
  const std::vector<QRectF>& evidenceBoxes() const;
  const FrameHeatmap& heatmap() const;
  bool hasHeatmap() const { return !heatmap().weights.empty(); }
  const QImage& frame() const;
  QRectF frameRect() const;  // where the frame is drawn, in widget pixels
  // A widget point in the file's frame pixels (mirrored back for a mirrored frame), clamped.
  QPointF framePixelAt(const QPointF& widget_point) const;
  void setBoxDrawing(BoxDrawing drawing);
  // What the GL surface shows now, in widget pixels.
  QImage grabFramebuffer();
  VideoSurface& surface() { return *surface_; }

 signals:
  void boxDrawn(const QRectF& frame_pixels);  // a drag finished while BoxDrawing::On

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  // Evidence drawing; false when the event is not part of a box being drawn.
  bool handleMouse(QMouseEvent* event);

  VideoSurface* surface_ = nullptr;  // owned by its window container
  BoxDrawing box_drawing_ = BoxDrawing::Off;
  QPointF drag_start_;               // file pixels
};

}  // namespace avqa
