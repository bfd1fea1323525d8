#include "SoundCheck.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "InspectorSession.h"
#include "media/VideoFiles.h"

namespace avqa {

SoundCheck::SoundCheck(InspectorSession& session, Ask ask, QObject* parent)
    : QObject(parent), session_(session), ask_(std::move(ask)) {
  bar_ = new QWidget;
  auto* row = new QHBoxLayout(bar_);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Does the map listen?")));
  other_sound_ = new QPushButton(tr("Ask with another video's sound"));
  other_sound_->setToolTip(tr("The same question with the sound of the next video in this video's folder; A/B shows both"));
  silence_ = new QPushButton(tr("Ask in silence"));
  silence_->setToolTip(tr("The same question with silence through the model's own audio encoder; A/B shows both"));
  row->addWidget(other_sound_);
  row->addWidget(silence_);
  row->addStretch(1);
  connect(other_sound_, &QPushButton::clicked, this, &SoundCheck::askWithOtherSound);
  connect(silence_, &QPushButton::clicked, this, &SoundCheck::askInSilence);
  connect(&session_, &InspectorSession::answersChanged, this, &SoundCheck::refresh);
  connect(&session_, &InspectorSession::busyChanged, this, &SoundCheck::refresh);
  refresh();
}

void SoundCheck::askWithOtherSound() {
  const AskOutcome* shown = session_.shownOutcome();
  if (!shown) return;
  QString partner;
  try {
    partner = QString::fromStdString(partnerVideo(shown->video_path.toStdString()));
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
    return;
  }
  session_.setComparing(true);
  ask_(shown->question, partner, Hearing::Recorded);
}

void SoundCheck::askInSilence() {
  const AskOutcome* shown = session_.shownOutcome();
  if (!shown) return;
  session_.setComparing(true);
  ask_(shown->question, QString(), Hearing::Silence);
}

void SoundCheck::refresh() {
  const bool ready = session_.shownOutcome() != nullptr && !session_.busy();
  other_sound_->setEnabled(ready);
  silence_->setEnabled(ready);
}

}  // namespace avqa
