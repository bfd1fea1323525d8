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
  std::vector<unsigned char> kept;  // [rows x columns] 1 for patches the model kept (top-m); empty: all
};

enum class GridLines { Hidden, Shown };
enum class KeptOutlines { Hidden, Shown };

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
  void setGridLines(GridLines lines);
  void setKeptOutlines(KeptOutlines outlines);
  const FrameHeatmap& heatmap() const { return heatmap_; }
  bool hasHeatmap() const { return !heatmap_.weights.empty(); }
  const QImage& frame() const { return frame_; }
  QRectF frameRect() const;  // where the frame is drawn, in widget pixels

 protected:
  void initializeGL() override;
  void paintGL() override;

 private:
  void uploadFrame();
  void uploadHeat();
  void uploadLut();

  QImage frame_;
  FrameHeatmap heatmap_;
  Colormap colormap_ = Colormap::Inferno;
  float opacity_ = 0.6f;
  HeatmapSampling sampling_ = HeatmapSampling::Smooth;
  GridLines grid_lines_ = GridLines::Hidden;
  KeptOutlines kept_outlines_ = KeptOutlines::Shown;
  // Each texture is uploaded again only when its own input changed: during playback only
  // the frame changes, into a texture of the same size.
  bool frame_dirty_ = true;
  bool heat_dirty_ = true;
  bool lut_dirty_ = true;
  std::unique_ptr<QOpenGLShaderProgram> frame_program_;
  std::unique_ptr<QOpenGLShaderProgram> heat_program_;
  std::unique_ptr<QOpenGLTexture> frame_texture_;
  std::unique_ptr<QOpenGLTexture> heat_texture_;
  std::unique_ptr<QOpenGLTexture> lut_texture_;
  std::unique_ptr<QOpenGLTexture> kept_texture_;
};

}  // namespace avqa
