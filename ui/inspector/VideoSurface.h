#pragma once

#include <QImage>
#include <QOpenGLFunctions>
#include <QOpenGLWindow>
#include <functional>
#include <memory>
#include <vector>

#include "media/HeatmapLayer.h"

class QMouseEvent;
class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace avqa {

// What the video surface draws: the frame, its heatmap and look, and the outlined boxes.
struct VideoPicture {
  QImage frame;
  FrameHeatmap heatmap;
  HeatmapLook look;
  float opacity = 0.6f;
  Mirror frame_mirror = Mirror::None;
  std::vector<QRectF> evidence_boxes;  // file pixels
  QRectF rubber_band;                  // the box being drawn, file pixels (empty: none)
};

// Where a frame of `frame_size` is drawn in an area of `area` pixels: scaled to fit, centred.
QRectF fittedFrameRect(QSize frame_size, QSizeF area);

// The GL half of VideoView: a QOpenGLWindow, not a QOpenGLWidget. A QOpenGLWidget makes Qt
// compose the whole top-level window through OpenGL on every repaint of any widget in it
// (17-30 ms a time in software OpenGL); a window of its own, put in the widget tree by a
// window container, repaints only itself and leaves the other widgets to the raster flush.
class VideoSurface : public QOpenGLWindow, protected QOpenGLFunctions {
 public:
  VideoSurface();
  ~VideoSurface() override;

  VideoPicture& picture() { return picture_; }
  const VideoPicture& picture() const { return picture_; }
  // Marks what changed since the last paint and schedules a paint.
  void frameChanged();
  void heatChanged();
  void repaint() { update(); }
  // Mouse input lands on this native window; the owning widget handles it.
  void forwardMouseTo(std::function<void(QMouseEvent*)> handler) { mouse_handler_ = std::move(handler); }
  // Paints now, in this thread, and waits for the rasterizer (the paint benchmark's unit).
  void paintAndFinish();

 protected:
  void initializeGL() override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  void warmUp();
  void uploadFrame();
  void releaseFrameTexture();
  void uploadHeat();
  void drawBoxes(const QRectF& frame_rect);

  VideoPicture picture_;
  std::function<void(QMouseEvent*)> mouse_handler_;
  // Each texture is uploaded again only when its own input changed: during playback only
  // the frame changes, into a texture of the same size.
  bool frame_dirty_ = true;
  bool heat_dirty_ = true;
  std::unique_ptr<QOpenGLShaderProgram> frame_program_;
  GLuint frame_texture_ = 0;  // raw GL: allocated with the frames' own pixel layout
  QSize frame_texture_size_;
  GLenum frame_texture_source_ = 0;
  bool warming_nearest_ = false;  // warmUp() draws the nearest-sampling variant too
  std::unique_ptr<QOpenGLTexture> heat_texture_;
};

}  // namespace avqa
