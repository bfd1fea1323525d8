#pragma once

#include <QImage>
#include <QMetaType>
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
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::AskOutcome)
Q_DECLARE_METATYPE(std::vector<float>)
