#include "VideoView.h"

#include <QOpenGLShaderProgram>
#include <QOpenGLTexture>
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

// The heat value picks a colour from the colormap; weak attention stays see-through.
const char* kHeatShader = R"(
varying vec2 uv;
uniform sampler2D heat;
uniform sampler2D lut;
uniform float opacity;
uniform float mirrored;
void main() {
  vec2 at = vec2(mirrored > 0.5 ? 1.0 - uv.x : uv.x, uv.y);
  float value = texture2D(heat, at).r;
  vec3 colour = texture2D(lut, vec2(value * 255.0 / 256.0 + 0.5 / 256.0, 0.5)).rgb;
  gl_FragColor = vec4(colour, opacity * value);
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
  frame_program_.reset();
  heat_program_.reset();
  doneCurrent();
}

void VideoView::setFrame(const QImage& frame) {
  frame_ = frame;
  textures_dirty_ = true;
  update();
}

void VideoView::setHeatmap(const FrameHeatmap& heatmap) {
  heatmap_ = heatmap;
  textures_dirty_ = true;
  update();
}

void VideoView::clearHeatmap() {
  heatmap_ = FrameHeatmap{};
  update();
}

void VideoView::setColormap(Colormap colormap) {
  colormap_ = colormap;
  textures_dirty_ = true;
  update();
}

void VideoView::setOpacity(float opacity) {
  opacity_ = std::clamp(opacity, 0.0f, 1.0f);
  update();
}

void VideoView::setSampling(HeatmapSampling sampling) {
  sampling_ = sampling;
  textures_dirty_ = true;
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
  textures_dirty_ = true;
}

void VideoView::uploadTextures() {
  frame_texture_.reset();
  heat_texture_.reset();
  lut_texture_.reset();
  if (!frame_.isNull()) {
    frame_texture_ = std::make_unique<QOpenGLTexture>(frame_.convertToFormat(QImage::Format_RGBA8888), QOpenGLTexture::DontGenerateMipMaps);
    frame_texture_->setMinMagFilters(QOpenGLTexture::Linear, QOpenGLTexture::Linear);
    frame_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  }
  if (!heatmap_.weights.empty()) {
    // Each row is scaled to its own peak: the colour says where, not how much in absolute.
    QImage heat(heatmap_.columns, heatmap_.rows, QImage::Format_RGBA8888);
    const float peak = std::max(1e-12f, *std::max_element(heatmap_.weights.begin(), heatmap_.weights.end()));
    for (int r = 0; r < heatmap_.rows; ++r) {
      for (int c = 0; c < heatmap_.columns; ++c) {
        const int value = static_cast<int>(std::clamp(heatmap_.weights[static_cast<std::size_t>(r * heatmap_.columns + c)] / peak, 0.0f, 1.0f) * 255.0f);
        heat.setPixel(c, r, qRgba(value, value, value, 255));
      }
    }
    heat_texture_ = std::make_unique<QOpenGLTexture>(heat, QOpenGLTexture::DontGenerateMipMaps);
    const auto filter = sampling_ == HeatmapSampling::Smooth ? QOpenGLTexture::Linear : QOpenGLTexture::Nearest;
    heat_texture_->setMinMagFilters(filter, filter);
    heat_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  }
  lut_texture_ = std::make_unique<QOpenGLTexture>(colormapLut(colormap_).convertToFormat(QImage::Format_RGBA8888),
                                                  QOpenGLTexture::DontGenerateMipMaps);
  lut_texture_->setMinMagFilters(QOpenGLTexture::Linear, QOpenGLTexture::Linear);
  lut_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
  textures_dirty_ = false;
}

void VideoView::paintGL() {
  glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (textures_dirty_) uploadTextures();
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
    heat_program_->setUniformValue("heat", 0);
    heat_program_->setUniformValue("lut", 1);
    heat_program_->setUniformValue("opacity", opacity_);
    heat_program_->setUniformValue("mirrored", heatmap_.mirror == Mirror::Horizontal ? 1.0f : 0.0f);
    draw_quad(*heat_program_, heat_rect);
    heat_program_->release();
    glDisable(GL_BLEND);
  }
}

}  // namespace avqa
