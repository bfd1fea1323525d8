#pragma once

#include <QImage>
#include <QMetaType>
#include <QFileInfo>
#include <QString>
#include <vector>

#include "AskJob.h"

namespace avqa {

// What the GUI gets back from one ask: the result and the frame of every step, decoded in
// a worker so the GUI thread never decodes.
struct AskOutcome {
  AskResult result;
  std::vector<QImage> step_frames;
  QString question;
  QString model_name;
  QString video_path;
  qint64 stored_ask_id = 0;  // its row in the project's asks (0: not stored)
  bool restored = false;     // read back from the project, not computed now
  QString audio_path;        // another file's sound it was asked with (empty: the video's own)
  Hearing hearing = Hearing::Recorded;  // Silence: asked with silence through the model's audio encoder
};

// " · in silence", " · with the sound of X.mp4", or nothing for the video's own sound: what
// the answer view and the curves add to an answer's name.
inline QString soundLabel(const AskOutcome& outcome) {
  if (outcome.hearing == Hearing::Silence) return QStringLiteral(" · in silence");
  if (!outcome.audio_path.isEmpty()) return QStringLiteral(" · with the sound of %1").arg(QFileInfo(outcome.audio_path).fileName());
  return {};
}

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::AskOutcome)
Q_DECLARE_METATYPE(std::vector<float>)
