#include "EvidenceEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <algorithm>
#include <set>

#include "EvidenceOverlay.h"
#include "InspectorSession.h"
#include "TimelineView.h"
#include "VideoView.h"
#include "annotation/AnnotationSession.h"
#include "common/Timestamp.h"

namespace avqa {

EvidenceEditor::EvidenceEditor(InspectorSession& session, EvidenceOverlay& overlay, VideoView& view, TimelineView& timeline,
                               QObject* parent)
    : QObject(parent), session_(session), overlay_(overlay), view_(view), timeline_(timeline) {
  bar_ = new QWidget;
  auto* row = new QHBoxLayout(bar_);
  row->setContentsMargins(0, 0, 0, 0);
  draw_ = new QPushButton(tr("Draw evidence"));
  draw_->setCheckable(true);
  draw_->setToolTip(tr("Drag on the paused frame to box the instrument; drag on the timeline to mark the seconds"));
  store_ = new QPushButton(tr("Store evidence"));
  clear_ = new QPushButton(tr("Clear"));
  undo_ = new QPushButton(tr("Undo evidence"));
  status_ = new QLabel;
  for (QWidget* widget : std::initializer_list<QWidget*>{draw_, store_, clear_, undo_}) row->addWidget(widget);
  row->addWidget(status_, 1);
  connect(draw_, &QPushButton::toggled, this, &EvidenceEditor::setDrawing);
  connect(store_, &QPushButton::clicked, this, &EvidenceEditor::store);
  connect(clear_, &QPushButton::clicked, this, [this] {
    pending_ = Evidence();
    refresh();
  });
  connect(undo_, &QPushButton::clicked, this, &EvidenceEditor::undo);
  connect(&view_, &VideoView::boxDrawn, this, &EvidenceEditor::addBox);
  connect(&timeline_, &TimelineView::secondsMarked, this, &EvidenceEditor::markSeconds);
  // Another question or video: what was drawn belongs to the old one.
  connect(&session_, &InspectorSession::truthChanged, this, [this] {
    if (drawing_ && questionRow() == 0) setDrawing(false);
    refresh();
  });
  refresh();
}

EvidenceEditor::~EvidenceEditor() = default;

void EvidenceEditor::setProject(const QString& path) {
  setDrawing(false);
  edits_.reset();
  project_.reset();
  if (!path.isEmpty()) {
    try {
      project_ = std::make_unique<ProjectStore>(path.toStdString(), DbConnection::OpenMode::MustExist);
      edits_ = std::make_unique<AnnotationSession>(*project_, currentUserName());
    } catch (const std::exception& error) {
      emit failed(QString::fromUtf8(error.what()));
    }
  }
  refresh();
}

std::int64_t EvidenceEditor::questionRow() const {
  const std::optional<DatasetTruth>& truth = session_.truth();
  return truth ? truth->row : 0;
}

void EvidenceEditor::setDrawing(bool on) {
  on = on && edits_ && questionRow() != 0;
  if (on && !drawing_) {  // start from what the question has
    pending_ = Evidence{session_.truth()->evidence_seconds, session_.truth()->evidence_boxes};
  }
  drawing_ = on;
  view_.setBoxDrawing(on ? BoxDrawing::On : BoxDrawing::Off);
  timeline_.setSecondsMarking(on ? TimelineView::SecondsMarking::On : TimelineView::SecondsMarking::Off);
  overlay_.setOverride(on ? std::optional<Evidence>(pending_) : std::nullopt);
  if (draw_->isChecked() != on) draw_->setChecked(on);
  refresh();
}

void EvidenceEditor::addBox(const QRectF& frame_pixels) {
  if (!drawing_) return;
  pending_.boxes.push_back(frame_pixels);
  refresh();
}

void EvidenceEditor::markSeconds(int first_s, int last_s) {
  if (!drawing_) return;
  std::set<int> seconds(pending_.seconds.begin(), pending_.seconds.end());
  bool all_marked = true;
  for (int s = first_s; s <= last_s; ++s) all_marked = all_marked && seconds.count(s) > 0;
  for (int s = first_s; s <= last_s; ++s) {
    if (all_marked) {
      seconds.erase(s);
    } else {
      seconds.insert(s);
    }
  }
  pending_.seconds.assign(seconds.begin(), seconds.end());
  refresh();
}

bool EvidenceEditor::store() {
  const std::int64_t row = questionRow();
  if (!edits_ || row == 0) {
    emit failed(tr("Pick one of the project's questions for this video first (the dataset dock or the question box)."));
    return false;
  }
  try {
    const bool none = pending_.seconds.empty() && pending_.boxes.empty();
    edits_->setEvidence(row, none ? std::nullopt : std::optional<Evidence>(pending_));
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
    return false;
  }
  setDrawing(false);
  emit stored();  // the questions are read again: the status then shows the stored evidence
  return true;
}

bool EvidenceEditor::undo() {
  if (!edits_ || !edits_->canUndo()) return false;
  try {
    edits_->undo();
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
    return false;
  }
  emit stored();
  refresh();
  return true;
}

void EvidenceEditor::refresh() {
  const bool question = edits_ && questionRow() != 0;
  draw_->setEnabled(question);
  store_->setEnabled(drawing_);
  clear_->setEnabled(drawing_);
  undo_->setEnabled(edits_ && edits_->canUndo());
  if (drawing_) {
    overlay_.setOverride(pending_);
    status_->setText(tr("%1 boxes, seconds %2 — not stored yet")
                         .arg(pending_.boxes.size())
                         .arg(pending_.seconds.empty() ? tr("none")
                                                       : QStringLiteral("%1–%2").arg(pending_.seconds.front()).arg(pending_.seconds.back())));
  } else if (question) {
    const DatasetTruth& truth = *session_.truth();
    status_->setText(truth.evidence_seconds.empty() && truth.evidence_boxes.empty()
                         ? tr("This question has no evidence yet")
                         : tr("This question's evidence: %1 boxes, %2 seconds")
                               .arg(truth.evidence_boxes.size())
                               .arg(truth.evidence_seconds.size()));
  } else {
    status_->setText(tr("Evidence: ask one of the project's questions to draw where its answer lies"));
  }
}

}  // namespace avqa
