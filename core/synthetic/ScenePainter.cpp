#include "synthetic/ScenePainter.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace avqa::synth {
namespace {

constexpr double kPi = 3.14159265358979323846;

void paintStage(QPainter& painter, const Scene& scene) {
  const int w = scene.width;
  const int h = scene.height;
  if (scene.background == "outdoor") {
    QLinearGradient sky(0, 0, 0, h * 0.6);
    sky.setColorAt(0, QColor(110, 170, 235));
    sky.setColorAt(1, QColor(190, 225, 250));
    painter.fillRect(0, 0, w, h, sky);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 220, 90));
    painter.drawEllipse(QPointF(w * 0.85, h * 0.13), h * 0.07, h * 0.07);
    painter.setBrush(QColor(250, 250, 250));
    painter.drawEllipse(QPointF(w * 0.2, h * 0.12), w * 0.08, h * 0.04);
    painter.drawEllipse(QPointF(w * 0.27, h * 0.1), w * 0.06, h * 0.04);
    painter.setBrush(QColor(90, 165, 70));
    painter.drawRect(QRectF(0, h * 0.58, w, h * 0.42));
    painter.setBrush(QColor(60, 120, 50));
    for (int i = 0; i < 6; ++i) painter.drawEllipse(QPointF(w * (0.08 + 0.17 * i), h * 0.58), w * 0.07, h * 0.05);
  } else {
    painter.fillRect(0, 0, w, h, QColor(120, 45, 50));  // curtain wall
    painter.setPen(QPen(QColor(95, 30, 38), 3));
    for (int x = 8; x < w; x += 16) painter.drawLine(x, 0, x, static_cast<int>(h * 0.62));
    painter.setPen(Qt::NoPen);
    QLinearGradient floor(0, h * 0.62, 0, h);
    floor.setColorAt(0, QColor(150, 105, 60));
    floor.setColorAt(1, QColor(105, 70, 40));
    painter.fillRect(QRectF(0, h * 0.62, w, h * 0.38), floor);
    painter.setBrush(QColor(255, 245, 200, 60));  // spotlights
    for (int i = 0; i < 3; ++i) painter.drawEllipse(QPointF(w * (1 + 2 * i) / 6.0, h * 0.86), w * 0.13, h * 0.06);
  }
}

void tube(QPainter& p, QPointF from, QPointF to, double width, QColor color) {
  p.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
  p.drawLine(from, to);
  p.setPen(Qt::NoPen);
}

void stringedBody(QPainter& p, QPointF center, double scale, QColor body, bool sound_hole) {
  p.setBrush(body);
  p.setPen(QPen(body.darker(150), 1.5));
  p.drawEllipse(QPointF(center.x(), center.y() + 12 * scale), 17 * scale, 15 * scale);
  p.drawEllipse(QPointF(center.x(), center.y() - 8 * scale), 13 * scale, 12 * scale);
  p.setPen(Qt::NoPen);
  if (sound_hole) {
    p.setBrush(QColor(40, 25, 15));
    p.drawEllipse(QPointF(center.x(), center.y() + 2 * scale), 5 * scale, 5 * scale);
  }
}

void bow(QPainter& p, QPointF a, QPointF b) {
  p.setPen(QPen(QColor(70, 45, 20), 2));
  p.drawLine(a, b);
  p.setPen(QPen(QColor(235, 235, 220), 1));
  p.drawLine(a + QPointF(0, 3), b + QPointF(0, 3));
  p.setPen(Qt::NoPen);
}

void person(QPainter& p, QColor shirt) {
  p.setPen(Qt::NoPen);
  p.setBrush(shirt);
  p.drawRoundedRect(QRectF(28, 40, 44, 70), 10, 10);      // torso
  p.setBrush(QColor(45, 45, 60));
  p.drawRect(QRectF(32, 108, 14, 48));                      // legs
  p.drawRect(QRectF(54, 108, 14, 48));
  p.setBrush(QColor(235, 190, 150));
  p.drawEllipse(QPointF(50, 24), 14, 16);                   // head
  p.setBrush(QColor(60, 40, 30));
  p.drawChord(QRectF(36, 6, 28, 22), 0, 180 * 16);          // hair
}

}  // namespace

void paintInstrumentSprite(QPainter& p, const std::string& name) {
  const QColor brass(220, 175, 55);
  const QColor wood(150, 85, 35);
  const QColor black(25, 25, 28);
  const uint hue = static_cast<uint>(std::hash<std::string>{}(name) % 360);
  person(p, QColor::fromHsv(static_cast<int>(hue), 120, 200));
  p.setPen(Qt::NoPen);
  if (name == "violin") {
    tube(p, {50, 90}, {78, 40}, 4, QColor(60, 35, 15));
    stringedBody(p, {44, 100}, 0.8, QColor(170, 80, 25), false);
    bow(p, {20, 70}, {85, 110});
  } else if (name == "cello") {
    tube(p, {50, 30}, {50, 150}, 5, QColor(60, 35, 15));
    stringedBody(p, {50, 110}, 1.9, QColor(140, 60, 20), false);
    bow(p, {8, 115}, {92, 100});
  } else if (name == "erhu") {
    tube(p, {52, 20}, {52, 135}, 3, QColor(70, 40, 20));
    p.setBrush(QColor(90, 45, 25));
    p.drawRect(QRectF(42, 128, 20, 16));
    p.setBrush(QColor(230, 220, 200));
    p.drawRect(QRectF(44, 130, 16, 12));
    bow(p, {15, 125}, {90, 118});
  } else if (name == "acoustic_guitar" || name == "ukulele") {
    const double s = name == "ukulele" ? 0.75 : 1.3;
    tube(p, {50, 100}, {92, 45}, 6 * s, QColor(90, 55, 25));
    stringedBody(p, {45, 100}, s, QColor(225, 170, 95), true);
  } else if (name == "banjo") {
    tube(p, {50, 100}, {95, 35}, 6, QColor(90, 55, 25));
    p.setBrush(QColor(120, 120, 125));
    p.drawEllipse(QPointF(45, 105), 24, 24);
    p.setBrush(QColor(245, 240, 225));
    p.drawEllipse(QPointF(45, 105), 20, 20);
  } else if (name == "pipa") {
    p.setBrush(QColor(190, 120, 50));
    QPainterPath pear;
    pear.moveTo(50, 55);
    pear.cubicTo(80, 70, 80, 140, 50, 140);
    pear.cubicTo(20, 140, 20, 70, 50, 55);
    p.drawPath(pear);
    tube(p, {50, 58}, {50, 30}, 6, QColor(90, 50, 20));
    tube(p, {50, 30}, {40, 22}, 6, QColor(90, 50, 20));
  } else if (name == "electric_bass") {
    tube(p, {50, 110}, {95, 25}, 6, QColor(60, 40, 25));
    p.setBrush(QColor(200, 30, 40));
    p.drawRoundedRect(QRectF(25, 90, 40, 40), 14, 14);
    p.setBrush(Qt::white);
    p.drawRect(QRectF(38, 100, 14, 4));
  } else if (name == "guzheng") {
    p.setBrush(QColor(160, 90, 40));
    p.drawRoundedRect(QRectF(2, 100, 96, 22), 8, 8);
    p.setPen(QPen(QColor(245, 235, 200), 1));
    for (int i = 0; i < 6; ++i) p.drawLine(QPointF(6, 104 + 3 * i), QPointF(94, 102 + 3 * i));
    p.setPen(Qt::NoPen);
  } else if (name == "piano") {
    p.setBrush(black);
    p.drawRect(QRectF(0, 92, 100, 40));
    p.setBrush(Qt::white);
    p.drawRect(QRectF(4, 96, 92, 16));
    p.setBrush(black);
    for (int i = 0; i < 10; ++i) p.drawRect(QRectF(8 + 9 * i, 96, 4, 9));
    p.drawRect(QRectF(6, 130, 6, 28));
    p.drawRect(QRectF(88, 130, 6, 28));
  } else if (name == "accordion") {
    p.setBrush(QColor(200, 30, 35));
    p.drawRect(QRectF(22, 70, 56, 55));
    p.setPen(QPen(black, 2));
    for (int i = 0; i < 6; ++i) p.drawLine(QPointF(32 + 7 * i, 72), QPointF(32 + 7 * i, 123));
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    p.drawRect(QRectF(14, 70, 10, 55));
  } else if (name == "xylophone") {
    p.setBrush(QColor(90, 60, 30));
    p.drawRect(QRectF(2, 118, 96, 6));
    for (int i = 0; i < 8; ++i) {
      p.setBrush(QColor::fromHsv(i * 40, 200, 230));
      p.drawRect(QRectF(4 + 12 * i, 96 + i, 10, 26 - i * 2));
    }
  } else if (name == "flute") {
    tube(p, {0, 62}, {100, 52}, 5, QColor(200, 205, 215));
    p.setBrush(black);
    for (int i = 0; i < 5; ++i) p.drawEllipse(QPointF(40 + 10 * i, 56.5 - i), 1.5, 1.5);
  } else if (name == "clarinet") {
    tube(p, {50, 40}, {54, 130}, 6, black);
    p.setBrush(black);
    p.drawEllipse(QPointF(54, 132), 7, 5);
    p.setBrush(QColor(200, 200, 210));
    for (int i = 0; i < 5; ++i) p.drawEllipse(QPointF(51 + 0.2 * i, 60 + 12 * i), 1.5, 1.5);
  } else if (name == "saxophone") {
    p.setPen(QPen(brass, 9, Qt::SolidLine, Qt::RoundCap));
    QPainterPath sax;
    sax.moveTo(46, 40);
    sax.lineTo(50, 120);
    sax.quadTo(52, 140, 68, 132);
    sax.lineTo(72, 112);
    p.setBrush(Qt::NoBrush);
    p.drawPath(sax);
    p.setPen(Qt::NoPen);
    p.setBrush(brass.darker(130));
    p.drawEllipse(QPointF(72, 110), 9, 5);
  } else if (name == "bassoon") {
    tube(p, {52, 10}, {56, 150}, 10, QColor(130, 60, 30));
    tube(p, {52, 60}, {36, 52}, 2, QColor(200, 200, 200));
  } else if (name == "suona") {
    tube(p, {50, 50}, {50, 110}, 6, wood);
    p.setBrush(brass);
    QPolygonF bell;
    bell << QPointF(46, 108) << QPointF(54, 108) << QPointF(68, 135) << QPointF(32, 135);
    p.drawPolygon(bell);
  } else if (name == "trumpet") {
    tube(p, {45, 52}, {92, 52}, 5, brass);
    p.setBrush(brass);
    QPolygonF bell;
    bell << QPointF(88, 52) << QPointF(100, 40) << QPointF(100, 64);
    p.drawPolygon(bell);
    p.drawRect(QRectF(60, 54, 14, 12));
  } else if (name == "tuba") {
    p.setBrush(brass);
    p.drawEllipse(QPointF(50, 105), 26, 26);
    p.setBrush(brass.darker(140));
    p.drawEllipse(QPointF(50, 105), 14, 14);
    p.setBrush(brass);
    QPolygonF bell;
    bell << QPointF(62, 85) << QPointF(72, 85) << QPointF(90, 40) << QPointF(56, 40);
    p.drawPolygon(bell);
  } else if (name == "bagpipe") {
    p.setBrush(QColor(30, 90, 50));
    p.drawEllipse(QPointF(40, 85), 22, 17);
    p.setPen(QPen(QColor(200, 40, 40), 2));
    p.drawLine(QPointF(24, 80), QPointF(56, 90));
    p.drawLine(QPointF(28, 95), QPointF(54, 76));
    p.setPen(Qt::NoPen);
    tube(p, {40, 75}, {30, 25}, 4, black);
    tube(p, {48, 74}, {45, 20}, 4, black);
    tube(p, {55, 78}, {62, 28}, 4, black);
    tube(p, {40, 100}, {44, 135}, 4, black);
  } else if (name == "drum") {
    p.setBrush(QColor(200, 40, 40));
    p.drawEllipse(QPointF(50, 120), 30, 30);
    p.setBrush(QColor(240, 240, 235));
    p.drawEllipse(QPointF(50, 120), 24, 24);
    p.setBrush(QColor(210, 200, 190));
    p.drawRect(QRectF(5, 95, 22, 14));
    p.setBrush(brass);
    p.drawEllipse(QPointF(84, 78), 16, 4);
    tube(p, {84, 80}, {84, 150}, 2, QColor(150, 150, 150));
  } else if (name == "congas") {
    for (int i = 0; i < 2; ++i) {
      p.setBrush(QColor(170, 95, 45).darker(100 + 20 * i));
      p.drawRoundedRect(QRectF(12 + 40 * i, 85, 34, 70), 12, 12);
      p.setBrush(QColor(235, 225, 200));
      p.drawEllipse(QPointF(29 + 40 * i, 87), 16, 5);
    }
  }
}

ScenePainter::ScenePainter(const Scene& scene)
    : scene_(scene), stage_(scene.width, scene.height, QImage::Format_RGB32) {
  QPainter painter(&stage_);
  painter.setRenderHint(QPainter::Antialiasing);
  paintStage(painter, scene_);
}

QImage ScenePainter::frameAt(double time_s) const {
  QImage frame = stage_.copy();
  QPainter painter(&frame);
  painter.setRenderHint(QPainter::Antialiasing);
  const int second = static_cast<int>(std::floor(time_s));
  for (const ScenePlayer& player : scene_.players) {
    if (!player.box) continue;
    const PixelBox& box = *player.box;
    // Movement inside the box: the sprite is drawn at 90 % so the bob never leaves it.
    double dy = 0.0;
    double angle_deg = 0.0;
    if (player.soundsAt(second)) {
      const double phase = 2.0 * kPi * time_s;
      dy = 3.5 * std::sin(phase * 2.5 + player.id);
      angle_deg = 5.0 * std::sin(phase * 1.7 + player.id * 2.0);
    }
    const double box_w = box.x1 - box.x0;
    const double box_h = box.y1 - box.y0;
    painter.save();
    painter.translate(box.x0 + box_w / 2.0, box.y0 + box_h * 0.95 + dy * 0.0);
    painter.rotate(angle_deg);
    painter.translate(0, dy);
    painter.scale(box_w * 0.9 / 100.0, box_h * 0.9 / 160.0);
    painter.translate(-50, -160);
    paintInstrumentSprite(painter, player.instrument);
    painter.restore();
  }
  return frame;
}

}  // namespace avqa::synth
