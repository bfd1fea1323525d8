#include "VideoView.h"

#include <QOpenGLShaderProgram>
#include <QOpenGLPixelTransferOptions>
#include <QOpenGLTexture>
#include <QVector2D>
#include <algorithm>

namespace avqa {
namespace {

const char* kVertexShader = R"(
attribute vec2 position;
attribute vec2 texcoord;
varying vec2 uv;
void main() {
  uv = texcoord;
  gl_Position = vec4(position, 0.0, 1.0);
})";

const char* kFrameShader = R"(
varying vec2 uv;
uniform sampler2D frame;
void main() { gl_FragColor = vec4(texture2D(frame, uv).rgb, 1.0); })";

// The heat value picks a colour from the colormap; weak attention stays see-through. Cell
// edges (`line` is the line width in cell units) draw the patch grid and outline the
// patches the model kept.
const char* kHeatShader = R"(
varying vec2 uv;
uniform sampler2D heat;
uniform sampler2D lut;
uniform sampler2D kept;
uniform float opacity;
uniform float mirrored;
uniform vec2 cells;
uniform vec2 line;
uniform float grid_lines;
uniform float kept_outlines;
void main() {
  vec2 at = vec2(mirrored > 0.5 ? 1.0 - uv.x : uv.x, uv.y);
  float value = texture2D(heat, at).r;
  vec3 colour = texture2D(lut, vec2(value * 255.0 / 256.0 + 0.5 / 256.0, 0.5)).rgb;
  vec4 result = vec4(colour, opacity * value);
  vec2 cell = at * cells;
  vec2 f = fract(cell);
  bool edge = f.x < line.x || f.x > 1.0 - line.x || f.y < line.y || f.y > 1.0 - line.y;
  if (edge && kept_outlines > 0.5 && texture2D(kept, (floor(cell) + 0.5) / cells).r > 0.5) {
    result = vec4(0.25, 1.0, 1.0, 0.95);
  } else if (edge && grid_lines > 0.5) {
    result = vec4(1.0, 1.0, 1.0, 0.35);
  }
  gl_FragColor = result;
})";

std::unique_ptr<QOpenGLShaderProgram> makeProgram(const char* fragment) {
  auto program = std::make_unique<QOpenGLShaderProgram>();
  program->addShaderFromSourceCode(QOpenGLShader::Vertex, kVertexShader);
  program->addShaderFromSourceCode(QOpenGLShader::Fragment, fragment);
  program->bindAttributeLocation("position", 0);
  program->bindAttributeLocation("texcoord", 1);
  program->link();
  return program;
}

}  // namespace

VideoView::VideoView(QWidget* parent) : QOpenGLWidget(parent) { setMinimumSize(320, 240); }

VideoView::~VideoView() {
  makeCurrent();
  frame_texture_.reset();
  heat_texture_.reset();
  lut_texture_.reset();
  kept_texture_.reset();
  frame_program_.reset();
  heat_program_.reset();
  doneCurrent();
}

void VideoView::setFrame(const QImage& frame) {
  frame_ = frame;
  frame_dirty_ = true;
  update();
}

void VideoView::setHeatmap(const FrameHeatmap& heatmap) {
  heatmap_ = heatmap;
  heat_dirty_ = true;
  update();
}

void VideoView::setGridLines(GridLines lines) {
  grid_lines_ = lines;
  update();
}

void VideoView::setKeptOutlines(KeptOutlines outlines) {
  kept_outlines_ = outlines;
  update();
}

void VideoView::clearHeatmap() {
  heatmap_ = FrameHeatmap{};
  update();
}

void VideoView::setColormap(Colormap colormap) {
  colormap_ = colormap;
  lut_dirty_ = true;
  update();
}

void VideoView::setOpacity(float opacity) {
  opacity_ = std::clamp(opacity, 0.0f, 1.0f);
  update();
}

void VideoView::setSampling(HeatmapSampling sampling) {
  sampling_ = sampling;
  heat_dirty_ = true;
  update();
}

QRectF VideoView::frameRect() const {
  if (frame_.isNull()) return QRectF(0, 0, width(), height());
  const double scale = std::min(width() / static_cast<double>(frame_.width()), height() / static_cast<double>(frame_.height()));
  const double w = frame_.width() * scale;
  const double h = frame_.height() * scale;
  return QRectF((width() - w) / 2.0, (height() - h) / 2.0, w, h);
}

void VideoView::initializeGL() {
  initializeOpenGLFunctions();
  frame_program_ = makeProgram(kFrameShader);
  heat_program_ = makeProgram(kHeatShader);
  frame_dirty_ = heat_dirty_ = lut_dirty_ = true;
}

void VideoView::uploadFrame() {
  frame_dirty_ = false;
  if (frame_.isNull()) {
    frame_texture_.reset();
    return;
  }
  const QImage rgba = frame_.format() == QImage::Format_RGBA8888 ? frame_ : frame_.convertToFormat(QImage::Format_RGBA8888);
  if (!frame_texture_ || frame_texture_->width() != rgba.width() || frame_texture_->height() != rgba.height()) {
    frame_texture_ = std::make_unique<QOpenGLTexture>(QOpenGLTexture::Target2D);
    frame_texture_->setSize(rgba.width(), rgba.height());
    frame_texture_->setFormat(QOpenGLTexture::RGBA8_UNorm);
    frame_texture_->setMipLevels(1);
    frame_texture_->allocateStorage(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8);
    frame_texture_->setMinMagFilters(QOpenGLTexture::Linear, QOpenGLTexture::Linear);
    frame_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  }
  QOpenGLPixelTransferOptions rows;
  rows.setAlignment(4);
  rows.setRowLength(static_cast<int>(rgba.bytesPerLine() / 4));
  frame_texture_->setData(QOpenGLTexture::RGBA, QOpenGLTexture::UInt8, rgba.constBits(), &rows);
}

void VideoView::uploadHeat() {
  heat_dirty_ = false;
  heat_texture_.reset();
  kept_texture_.reset();
  if (heatmap_.weights.empty()) return;
  // Each row is scaled to its own peak: the colour says where, not how much in absolute.
  QImage heat(heatmap_.columns, heatmap_.rows, QImage::Format_RGBA8888);
  QImage kept(heatmap_.columns, heatmap_.rows, QImage::Format_RGBA8888);
  const float peak = std::max(1e-12f, *std::max_element(heatmap_.weights.begin(), heatmap_.weights.end()));
  for (int r = 0; r < heatmap_.rows; ++r) {
    for (int c = 0; c < heatmap_.columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r * heatmap_.columns + c);
      const int value = static_cast<int>(std::clamp(heatmap_.weights[i] / peak, 0.0f, 1.0f) * 255.0f);
      heat.setPixel(c, r, qRgba(value, value, value, 255));
      const int is_kept = i < heatmap_.kept.size() && heatmap_.kept[i] ? 255 : 0;
      kept.setPixel(c, r, qRgba(is_kept, is_kept, is_kept, 255));
    }
  }
  heat_texture_ = std::make_unique<QOpenGLTexture>(heat, QOpenGLTexture::DontGenerateMipMaps);
  const auto filter = sampling_ == HeatmapSampling::Smooth ? QOpenGLTexture::Linear : QOpenGLTexture::Nearest;
  heat_texture_->setMinMagFilters(filter, filter);
  heat_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  kept_texture_ = std::make_unique<QOpenGLTexture>(kept, QOpenGLTexture::DontGenerateMipMaps);
  kept_texture_->setMinMagFilters(QOpenGLTexture::Nearest, QOpenGLTexture::Nearest);
  kept_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
}

void VideoView::uploadLut() {
  lut_dirty_ = false;
  lut_texture_ = std::make_unique<QOpenGLTexture>(colormapLut(colormap_).convertToFormat(QImage::Format_RGBA8888),
                                                  QOpenGLTexture::DontGenerateMipMaps);
  lut_texture_->setMinMagFilters(QOpenGLTexture::Linear, QOpenGLTexture::Linear);
  lut_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
}

void VideoView::paintGL() {
  glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (frame_dirty_) uploadFrame();
  if (heat_dirty_) uploadHeat();
  if (lut_dirty_) uploadLut();
  if (!frame_texture_) return;
  const auto draw_quad = [&](QOpenGLShaderProgram& program, const QRectF& rect) {
    // Widget pixels to normalised device coordinates; texture (0, 0) is the image's top-left.
    const float x0 = static_cast<float>(2.0 * rect.left() / width() - 1.0);
    const float x1 = static_cast<float>(2.0 * rect.right() / width() - 1.0);
    const float y0 = static_cast<float>(1.0 - 2.0 * rect.top() / height());
    const float y1 = static_cast<float>(1.0 - 2.0 * rect.bottom() / height());
    const GLfloat positions[] = {x0, y0, x1, y0, x0, y1, x1, y1};
    const GLfloat texcoords[] = {0, 0, 1, 0, 0, 1, 1, 1};
    program.enableAttributeArray(0);
    program.enableAttributeArray(1);
    program.setAttributeArray(0, GL_FLOAT, positions, 2);
    program.setAttributeArray(1, GL_FLOAT, texcoords, 2);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    program.disableAttributeArray(0);
    program.disableAttributeArray(1);
  };
  const QRectF frame_rect = frameRect();
  frame_program_->bind();
  frame_texture_->bind(0);
  frame_program_->setUniformValue("frame", 0);
  draw_quad(*frame_program_, frame_rect);
  frame_program_->release();
  if (heat_texture_ && !heatmap_.weights.empty()) {
    // The grid covers the crop region of the frame (patchPixelBox's geometry), scaled to the view.
    const QRect region = cropRegion(frame_.size(), heatmap_.crop);
    const double scale = frame_rect.width() / frame_.width();
    const QRectF heat_rect(frame_rect.left() + region.left() * scale, frame_rect.top() + region.top() * scale,
                           region.width() * scale, region.height() * scale);
    glEnable(GL_BLEND);
    // Colour blends by the heat's alpha; the framebuffer's alpha stays 1, or the widget
    // would turn see-through where the heat is, when Qt composites it into the window.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    heat_program_->bind();
    heat_texture_->bind(0);
    lut_texture_->bind(1);
    kept_texture_->bind(2);
    heat_program_->setUniformValue("heat", 0);
    heat_program_->setUniformValue("lut", 1);
    heat_program_->setUniformValue("kept", 2);
    const QSizeF cell_px(heat_rect.width() / heatmap_.columns, heat_rect.height() / heatmap_.rows);
    heat_program_->setUniformValue("cells", QVector2D(static_cast<float>(heatmap_.columns), static_cast<float>(heatmap_.rows)));
    heat_program_->setUniformValue("line", QVector2D(static_cast<float>(1.5 / cell_px.width()), static_cast<float>(1.5 / cell_px.height())));
    heat_program_->setUniformValue("grid_lines", grid_lines_ == GridLines::Shown ? 1.0f : 0.0f);
    heat_program_->setUniformValue("kept_outlines",
                                   kept_outlines_ == KeptOutlines::Shown && !heatmap_.kept.empty() ? 1.0f : 0.0f);
    heat_program_->setUniformValue("opacity", opacity_);
    heat_program_->setUniformValue("mirrored", heatmap_.mirror == Mirror::Horizontal ? 1.0f : 0.0f);
    draw_quad(*heat_program_, heat_rect);
    heat_program_->release();
    glDisable(GL_BLEND);
  }
}

}  // namespace avqa
