#pragma once

#include <QImage>
#include <QOpenGLFunctions>
#include <QOpenGLWidget>
#include <memory>
#include <string>
#include <vector>

#include "Colormap.h"
#include "media/PatchGeometry.h"

class QOpenGLShaderProgram;
class QOpenGLTexture;

namespace avqa {

enum class HeatmapSampling { Smooth, Blocky };

// A patch heatmap for one frame: [rows x columns] row-major weights on the part of the frame
// given by `crop`, placed by the same geometry as patchPixelBox().
struct FrameHeatmap {
  std::vector<float> weights;
  int rows = 0;
  int columns = 0;
  std::string crop = "full-frame";
  Mirror mirror = Mirror::None;
};

// Shows a video frame with a patch heatmap blended over it by a fragment shader (colormap
// lookup, opacity, smooth or blocky sampling). The frame keeps its aspect ratio.
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
  bool hasHeatmap() const { return !heatmap_.weights.empty(); }
  QRectF frameRect() const;  // where the frame is drawn, in widget pixels

 protected:
  void initializeGL() override;
  void paintGL() override;

 private:
  void uploadTextures();

  QImage frame_;
  FrameHeatmap heatmap_;
  Colormap colormap_ = Colormap::Inferno;
  float opacity_ = 0.6f;
  HeatmapSampling sampling_ = HeatmapSampling::Smooth;
  bool textures_dirty_ = true;
  std::unique_ptr<QOpenGLShaderProgram> frame_program_;
  std::unique_ptr<QOpenGLShaderProgram> heat_program_;
  std::unique_ptr<QOpenGLTexture> frame_texture_;
  std::unique_ptr<QOpenGLTexture> heat_texture_;
  std::unique_ptr<QOpenGLTexture> lut_texture_;
};

}  // namespace avqa
