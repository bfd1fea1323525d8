#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "StepMedia.h"

class QPushButton;
class QWidget;

namespace avqa {

class InspectorSession;

// Does the sound-guided map listen? Two buttons ask the question on screen again — with the
// sound of the next video in the video's folder, or in silence through the model's own audio
// encoder — and turn A/B comparison on, so the earlier answer and the new one are shown side
// by side and the map can be seen to move (or not).
class SoundCheck : public QObject {
  Q_OBJECT
 public:
  using Ask = std::function<void(const QString& question, const QString& audio_path, Hearing hearing)>;
  SoundCheck(InspectorSession& session, Ask ask, QObject* parent = nullptr);

  QWidget* bar() const { return bar_; }
  void askWithOtherSound();
  void askInSilence();
  QPushButton* otherSoundButton() const { return other_sound_; }
  QPushButton* silenceButton() const { return silence_; }

 signals:
  void failed(const QString& message);

 private:
  void refresh();

  InspectorSession& session_;
  Ask ask_;
  QWidget* bar_ = nullptr;
  QPushButton* other_sound_ = nullptr;
  QPushButton* silence_ = nullptr;
};

}  // namespace avqa
