#include "VideoSurface.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLShaderProgram>
#include <QOpenGLTexture>
#include <QPainter>
#include <QVector4D>
#include <algorithm>
#include <cmath>

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

// One pass: the frame, and where the heat region lies (in frame texture coordinates) the
// heat layer blended over it by its alpha times the opacity. The layer is already coloured
// (heatmapLayer), so an opacity change costs a repaint only.
const char* kFrameShader = R"(
varying vec2 uv;
uniform sampler2D frame;
uniform sampler2D heat;
uniform float opacity;
uniform vec4 heat_rect;
void main() {
  vec3 colour = texture2D(frame, uv).rgb;
  vec2 at = (uv - heat_rect.xy) / heat_rect.zw;
  if (opacity > 0.0 && at.x >= 0.0 && at.x <= 1.0 && at.y >= 0.0 && at.y <= 1.0) {
    vec4 heat_colour = texture2D(heat, at);
    colour = mix(colour, heat_colour.rgb, heat_colour.a * opacity);
  }
  gl_FragColor = vec4(colour, 1.0);
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

// Decoded frames arrive as 32-bit BGRA-ordered images (RGB32 / ARGB32 on a little-endian
// machine): those are uploaded as they are; a 1280x720 conversion to RGBA costs ~2 ms.
bool isBgraInMemory(QImage::Format format) {
  return Q_BYTE_ORDER == Q_LITTLE_ENDIAN &&
         (format == QImage::Format_RGB32 || format == QImage::Format_ARGB32 || format == QImage::Format_ARGB32_Premultiplied);
}

bool isRgbaInMemory(QImage::Format format) {
  return format == QImage::Format_RGBA8888 || format == QImage::Format_RGBX8888 || format == QImage::Format_RGBA8888_Premultiplied;
}

}  // namespace

QRectF fittedFrameRect(QSize frame_size, QSizeF area) {
  if (frame_size.isEmpty()) return QRectF(QPointF(0, 0), area);
  const double scale = std::min(area.width() / frame_size.width(), area.height() / frame_size.height());
  const double w = frame_size.width() * scale;
  const double h = frame_size.height() * scale;
  return QRectF((area.width() - w) / 2.0, (area.height() - h) / 2.0, w, h);
}

VideoSurface::VideoSurface() : QOpenGLWindow(QOpenGLWindow::NoPartialUpdate) {}

VideoSurface::~VideoSurface() {
  if (!context()) return;
  makeCurrent();
  releaseFrameTexture();
  heat_texture_.reset();
  frame_program_.reset();
  doneCurrent();
}

void VideoSurface::frameChanged() {
  frame_dirty_ = true;
  update();
}

void VideoSurface::heatChanged() {
  heat_dirty_ = true;
  update();
}

void VideoSurface::paintAndFinish() {
  makeCurrent();
  paintGL();
  context()->functions()->glFinish();
  doneCurrent();
}

void VideoSurface::initializeGL() {
  initializeOpenGLFunctions();
  frame_program_ = makeProgram(kFrameShader);
  warmUp();
  frame_dirty_ = heat_dirty_ = true;
}

// Software OpenGL (llvmpipe) compiles a shader variant with LLVM the first time a state is
// drawn: 20-40 ms on the GUI thread, measured as the longest stall when an answer's first
// heatmap or box appeared during playback. Each state is drawn once here, when the window
// is first shown, on a tiny picture, and the real picture is put back.
void VideoSurface::warmUp() {
  const VideoPicture real = picture_;
  picture_.frame = QImage(8, 8, QImage::Format_RGB32);
  picture_.frame.fill(Qt::gray);
  picture_.heatmap.rows = picture_.heatmap.columns = 2;
  picture_.heatmap.weights = {0.1f, 0.9f, 0.3f, 0.5f};
  picture_.evidence_boxes = {QRectF(1, 1, 4, 4)};
  picture_.rubber_band = QRectF(2, 2, 3, 3);
  for (HeatmapSampling sampling : {HeatmapSampling::Smooth, HeatmapSampling::Blocky}) {
    for (bool nearest : {false, true}) {
      picture_.look.sampling = sampling;
      warming_nearest_ = nearest;
      frame_dirty_ = heat_dirty_ = true;
      paintGL();
    }
  }
  warming_nearest_ = false;
  glFinish();
  picture_ = real;
}

void VideoSurface::uploadFrame() {
  frame_dirty_ = false;
  const QImage& frame = picture_.frame;
  if (frame.isNull()) {
    releaseFrameTexture();
    return;
  }
  const bool bgra = isBgraInMemory(frame.format());
  const QImage pixels = bgra || isRgbaInMemory(frame.format()) ? frame : frame.convertToFormat(QImage::Format_RGBA8888);
  const GLenum source_format = bgra ? GL_BGRA : GL_RGBA;
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(pixels.bytesPerLine() / 4));
  if (frame_texture_ != 0 && frame_texture_size_ == pixels.size() && frame_texture_source_ == source_format) {
    glBindTexture(GL_TEXTURE_2D, frame_texture_);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, pixels.width(), pixels.height(), source_format, GL_UNSIGNED_BYTE, pixels.constBits());
  } else {
    // Allocated by glTexImage2D with the upload's own layout, so that the driver may store
    // the texture in that layout: each new frame is then a plain copy, not a swizzle.
    if (frame_texture_ == 0) glGenTextures(1, &frame_texture_);
    glBindTexture(GL_TEXTURE_2D, frame_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, pixels.width(), pixels.height(), 0, source_format, GL_UNSIGNED_BYTE, pixels.constBits());
    frame_texture_size_ = pixels.size();
    frame_texture_source_ = source_format;
  }
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
}

void VideoSurface::releaseFrameTexture() {
  if (frame_texture_ != 0) glDeleteTextures(1, &frame_texture_);
  frame_texture_ = 0;
  frame_texture_size_ = QSize();
}

void VideoSurface::uploadHeat() {
  heat_dirty_ = false;
  heat_texture_.reset();
  const QImage layer = heatmapLayer(picture_.heatmap, picture_.look);
  if (layer.isNull()) return;
  heat_texture_ = std::make_unique<QOpenGLTexture>(layer, QOpenGLTexture::DontGenerateMipMaps);
  const auto filter = picture_.look.sampling == HeatmapSampling::Smooth ? QOpenGLTexture::Linear : QOpenGLTexture::Nearest;
  heat_texture_->setMinMagFilters(filter, filter);
  heat_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
}

void VideoSurface::paintGL() {
  const QImage& frame = picture_.frame;
  const QRectF rect = fittedFrameRect(frame.size(), QSizeF(width(), height()));
  // Always cleared, also under a frame that fills the window: a software rasterizer that
  // knows a tile is cleared does not read it back before drawing (measured: skipping the
  // clear made a paint 1-2 ms slower).
  glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (frame_dirty_) uploadFrame();
  if (heat_dirty_) uploadHeat();
  if (frame_texture_ == 0) return;
  // Window pixels to normalised device coordinates; texture (0, 0) is the image's top-left.
  const auto x_ndc = [&](double x) { return static_cast<float>(2.0 * x / width() - 1.0); };
  const auto y_ndc = [&](double y) { return static_cast<float>(1.0 - 2.0 * y / height()); };
  const GLfloat positions[] = {x_ndc(rect.left()), y_ndc(rect.top()),    x_ndc(rect.right()), y_ndc(rect.top()),
                               x_ndc(rect.left()), y_ndc(rect.bottom()), x_ndc(rect.right()), y_ndc(rect.bottom())};
  // A mirrored frame reads its texture from the other side; the heat is sampled in the
  // frame's texture space, so it is mirrored with it and stays on the same pixels.
  const GLfloat left = picture_.frame_mirror == Mirror::Horizontal ? 1.0f : 0.0f;
  const GLfloat texcoords[] = {left, 0, 1 - left, 0, left, 1, 1 - left, 1};
  QOpenGLShaderProgram& program = *frame_program_;
  program.bind();
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, frame_texture_);
  // At the frame's own size each window pixel is one texel: nearest sampling gives the same
  // picture as linear and costs a third less in software OpenGL.
  const bool native_size = std::abs(rect.width() - frame.width()) < 0.5 && std::abs(rect.height() - frame.height()) < 0.5;
  const GLint filter = native_size || warming_nearest_ ? GL_NEAREST : GL_LINEAR;
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  program.setUniformValue("frame", 0);
  program.setUniformValue("heat", 1);
  const bool heat_shown = heat_texture_ && !picture_.heatmap.weights.empty();
  if (heat_shown) {
    // The grid covers the crop region of the frame (patchPixelBox's geometry).
    const QRect region = cropRegion(frame.size(), picture_.heatmap.crop);
    heat_texture_->bind(1);
    const auto w = static_cast<float>(frame.width());
    const auto h = static_cast<float>(frame.height());
    program.setUniformValue("heat_rect", QVector4D(static_cast<float>(region.left()) / w, static_cast<float>(region.top()) / h,
                                                   static_cast<float>(region.width()) / w, static_cast<float>(region.height()) / h));
  }
  program.setUniformValue("opacity", heat_shown ? picture_.opacity : 0.0f);
  program.enableAttributeArray(0);
  program.enableAttributeArray(1);
  program.setAttributeArray(0, GL_FLOAT, positions, 2);
  program.setAttributeArray(1, GL_FLOAT, texcoords, 2);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  program.disableAttributeArray(0);
  program.disableAttributeArray(1);
  program.release();
  drawBoxes(rect);
}

void VideoSurface::drawBoxes(const QRectF& frame_rect) {
  const QImage& frame = picture_.frame;
  if ((picture_.evidence_boxes.empty() && picture_.rubber_band.isEmpty()) || frame.isNull()) return;
  // The ground truth's boxes, on the frame's pixels (mirrored with a mirrored frame).
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const double sx = frame_rect.width() / frame.width();
  const double sy = frame_rect.height() / frame.height();
  const auto on_screen = [&](const QRectF& box) {
    const double left = picture_.frame_mirror == Mirror::Horizontal ? frame.width() - box.right() : box.left();
    return QRectF(frame_rect.left() + left * sx, frame_rect.top() + box.top() * sy, box.width() * sx, box.height() * sy);
  };
  painter.setPen(QPen(QColor(80, 230, 120), 2, Qt::DashLine));
  for (const QRectF& box : picture_.evidence_boxes) painter.drawRect(on_screen(box));
  painter.setPen(QPen(QColor(255, 214, 10), 2));
  if (!picture_.rubber_band.isEmpty()) painter.drawRect(on_screen(picture_.rubber_band));
}

void VideoSurface::mousePressEvent(QMouseEvent* event) {
  if (mouse_handler_) mouse_handler_(event);
}

void VideoSurface::mouseMoveEvent(QMouseEvent* event) {
  if (mouse_handler_) mouse_handler_(event);
}

void VideoSurface::mouseReleaseEvent(QMouseEvent* event) {
  if (mouse_handler_) mouse_handler_(event);
}

}  // namespace avqa
