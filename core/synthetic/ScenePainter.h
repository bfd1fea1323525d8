#pragma once

#include <QImage>

#include "synthetic/Scene.h"

namespace avqa::synth {

// Draws frames of a scene: the stage, then each visible player with its instrument in its
// ground-truth box. A player moves (bobs and sways) only during the seconds it sounds, the
// visual cue of sound; silent players stand still. Pure function of (scene, time).
class ScenePainter {
 public:
  explicit ScenePainter(const Scene& scene);
  QImage frameAt(double time_s) const;

 private:
  const Scene& scene_;
  QImage stage_;  // the static background, drawn once
};

// Draws one instrument with its player into a 100 x 160 design box (the caller scales it).
void paintInstrumentSprite(class QPainter& painter, const std::string& instrument);

}  // namespace avqa::synth
