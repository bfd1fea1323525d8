#pragma once

#include <QImage>
#include <QOpenGLFunctions>
#include <QOpenGLWidget>
#include <memory>
#include <string>
#include <vector>

#include "media/HeatmapLayer.h"

class QMouseEvent;
class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace avqa {

// Whether a drag on the frame draws an evidence box (the evidence editor turns it on).
enum class BoxDrawing { Off, On };

// Shows a video frame with a patch heatmap blended over it by a fragment shader. The colour
// layer comes from heatmapLayer() (core), made again only when the map or its look changes;
// the shader samples it and applies the opacity. The frame keeps its aspect ratio.
class VideoView : public QOpenGLWidget, protected QOpenGLFunctions {
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
  const std::vector<QRectF>& evidenceBoxes() const { return evidence_boxes_; }
  const FrameHeatmap& heatmap() const { return heatmap_; }
  bool hasHeatmap() const { return !heatmap_.weights.empty(); }
  const QImage& frame() const { return frame_; }
  QRectF frameRect() const;  // where the frame is drawn, in widget pixels
  // A widget point in the file's frame pixels (mirrored back for a mirrored frame), clamped.
  QPointF framePixelAt(const QPointF& widget_point) const;
  void setBoxDrawing(BoxDrawing drawing);

 signals:
  void boxDrawn(const QRectF& frame_pixels);  // a drag finished while BoxDrawing::On

 protected:
  void initializeGL() override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  void uploadFrame();
  void uploadHeat();

  QImage frame_;
  FrameHeatmap heatmap_;
  HeatmapLook look_;
  float opacity_ = 0.6f;
  Mirror frame_mirror_ = Mirror::None;
  std::vector<QRectF> evidence_boxes_;
  BoxDrawing box_drawing_ = BoxDrawing::Off;
  QPointF drag_start_;  // file pixels
  QRectF rubber_band_;  // the box being drawn, file pixels (empty: none)
  // Each texture is uploaded again only when its own input changed: during playback only
  // the frame changes, into a texture of the same size.
  bool frame_dirty_ = true;
  bool heat_dirty_ = true;
  std::unique_ptr<QOpenGLShaderProgram> frame_program_;
  std::unique_ptr<QOpenGLTexture> frame_texture_;
  std::unique_ptr<QOpenGLTexture> heat_texture_;
};

}  // namespace avqa
