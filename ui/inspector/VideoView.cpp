#include "VideoView.h"

#include <QOpenGLShaderProgram>
#include <QMouseEvent>
#include <QPainter>
#include <QOpenGLPixelTransferOptions>
#include <QOpenGLTexture>
#include <QVector4D>
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

// One pass: the frame, and where the heat region lies (in frame texture coordinates) the
// heat layer blended over it by its alpha times the opacity. The layer is already coloured
// (heatmapLayer), so an opacity change costs a repaint only. Alpha stays 1: a see-through
// widget would show wrong colours when Qt composites it into the window.
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

}  // namespace

VideoView::VideoView(QWidget* parent) : QOpenGLWidget(parent) { setMinimumSize(320, 240); }

VideoView::~VideoView() {
  makeCurrent();
  frame_texture_.reset();
  heat_texture_.reset();
  frame_program_.reset();
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

void VideoView::setFrameMirror(Mirror mirror) {
  frame_mirror_ = mirror;
  update();
}

void VideoView::setGridLines(GridLines lines) {
  look_.grid_lines = lines;
  heat_dirty_ = true;
  update();
}

void VideoView::setKeptOutlines(KeptOutlines outlines) {
  look_.kept_outlines = outlines;
  heat_dirty_ = true;
  update();
}

void VideoView::clearHeatmap() {
  heatmap_ = FrameHeatmap{};
  update();
}

void VideoView::setColormap(Colormap colormap) {
  look_.colormap = colormap;
  heat_dirty_ = true;
  update();
}

void VideoView::setOpacity(float opacity) {
  opacity_ = std::clamp(opacity, 0.0f, 1.0f);
  update();
}

void VideoView::setSampling(HeatmapSampling sampling) {
  look_.sampling = sampling;
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
  frame_dirty_ = heat_dirty_ = true;
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
  const QImage layer = heatmapLayer(heatmap_, look_);
  if (layer.isNull()) return;
  heat_texture_ = std::make_unique<QOpenGLTexture>(layer, QOpenGLTexture::DontGenerateMipMaps);
  const auto filter = look_.sampling == HeatmapSampling::Smooth ? QOpenGLTexture::Linear : QOpenGLTexture::Nearest;
  heat_texture_->setMinMagFilters(filter, filter);
  heat_texture_->setWrapMode(QOpenGLTexture::ClampToEdge);
}

void VideoView::paintGL() {
  glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (frame_dirty_) uploadFrame();
  if (heat_dirty_) uploadHeat();
  if (!frame_texture_) return;
  const auto draw_quad = [&](QOpenGLShaderProgram& program, const QRectF& rect) {
    // Widget pixels to normalised device coordinates; texture (0, 0) is the image's top-left.
    const float x0 = static_cast<float>(2.0 * rect.left() / width() - 1.0);
    const float x1 = static_cast<float>(2.0 * rect.right() / width() - 1.0);
    const float y0 = static_cast<float>(1.0 - 2.0 * rect.top() / height());
    const float y1 = static_cast<float>(1.0 - 2.0 * rect.bottom() / height());
    const GLfloat positions[] = {x0, y0, x1, y0, x0, y1, x1, y1};
    // A mirrored frame reads its texture from the other side; the heat is sampled in the
    // frame's texture space, so it is mirrored with it and stays on the same pixels.
    const GLfloat left = frame_mirror_ == Mirror::Horizontal ? 1.0f : 0.0f;
    const GLfloat texcoords[] = {left, 0, 1 - left, 0, left, 1, 1 - left, 1};
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
  frame_program_->setUniformValue("heat", 1);
  const bool heat_shown = heat_texture_ && !heatmap_.weights.empty();
  if (heat_shown) {
    // The grid covers the crop region of the frame (patchPixelBox's geometry).
    const QRect region = cropRegion(frame_.size(), heatmap_.crop);
    heat_texture_->bind(1);
    frame_program_->setUniformValue(
        "heat_rect", QVector4D(static_cast<float>(region.left()) / static_cast<float>(frame_.width()),
                               static_cast<float>(region.top()) / static_cast<float>(frame_.height()),
                               static_cast<float>(region.width()) / static_cast<float>(frame_.width()),
                               static_cast<float>(region.height()) / static_cast<float>(frame_.height())));
  }
  frame_program_->setUniformValue("opacity", heat_shown ? opacity_ : 0.0f);
  draw_quad(*frame_program_, frame_rect);
  frame_program_->release();
  if ((evidence_boxes_.empty() && rubber_band_.isEmpty()) || frame_.isNull()) return;
  // The ground truth's boxes, on the frame's pixels (mirrored with a mirrored frame).
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const double sx = frame_rect.width() / frame_.width();
  const double sy = frame_rect.height() / frame_.height();
  const auto on_screen = [&](const QRectF& box) {
    const double left = frame_mirror_ == Mirror::Horizontal ? frame_.width() - box.right() : box.left();
    return QRectF(frame_rect.left() + left * sx, frame_rect.top() + box.top() * sy, box.width() * sx, box.height() * sy);
  };
  painter.setPen(QPen(QColor(80, 230, 120), 2, Qt::DashLine));
  for (const QRectF& box : evidence_boxes_) painter.drawRect(on_screen(box));
  painter.setPen(QPen(QColor(255, 214, 10), 2));
  if (!rubber_band_.isEmpty()) painter.drawRect(on_screen(rubber_band_));
}

QPointF VideoView::framePixelAt(const QPointF& widget_point) const {
  const QRectF rect = frameRect();
  if (frame_.isNull() || rect.width() <= 0 || rect.height() <= 0) return {};
  double x = (widget_point.x() - rect.left()) / rect.width() * frame_.width();
  const double y = (widget_point.y() - rect.top()) / rect.height() * frame_.height();
  if (frame_mirror_ == Mirror::Horizontal) x = frame_.width() - x;
  return {std::clamp(x, 0.0, static_cast<double>(frame_.width())), std::clamp(y, 0.0, static_cast<double>(frame_.height()))};
}

void VideoView::setBoxDrawing(BoxDrawing drawing) {
  box_drawing_ = drawing;
  setCursor(drawing == BoxDrawing::On ? Qt::CrossCursor : Qt::ArrowCursor);
  rubber_band_ = QRectF();
  update();
}

void VideoView::mousePressEvent(QMouseEvent* event) {
  if (box_drawing_ != BoxDrawing::On || frame_.isNull() || event->button() != Qt::LeftButton) return QOpenGLWidget::mousePressEvent(event);
  drag_start_ = framePixelAt(event->position());
  rubber_band_ = QRectF();
}

void VideoView::mouseMoveEvent(QMouseEvent* event) {
  if (box_drawing_ != BoxDrawing::On || !(event->buttons() & Qt::LeftButton)) return QOpenGLWidget::mouseMoveEvent(event);
  rubber_band_ = QRectF(drag_start_, framePixelAt(event->position())).normalized();
  update();
}

void VideoView::mouseReleaseEvent(QMouseEvent* event) {
  if (box_drawing_ != BoxDrawing::On || event->button() != Qt::LeftButton) return QOpenGLWidget::mouseReleaseEvent(event);
  const QRectF box = QRectF(drag_start_, framePixelAt(event->position())).normalized();
  rubber_band_ = QRectF();
  update();
  if (box.width() >= 4 && box.height() >= 4) emit boxDrawn(box.toRect().toRectF());  // whole pixels; a click is no box
}

void VideoView::setEvidenceBoxes(std::vector<QRectF> boxes) {
  evidence_boxes_ = std::move(boxes);
  update();
}

}  // namespace avqa
