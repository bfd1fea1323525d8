#include "annotation/EditScript.h"

#include "common/JsonIntegers.h"
#include "annotation/FlipAugmentation.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace avqa {

int flagBit(const std::string& name) {
  if (name == "ambiguous") return kFlagAmbiguous;
  if (name == "wrong-answer") return kFlagWrongAnswer;
  if (name == "needs-review") return kFlagNeedsReview;
  throw std::invalid_argument("unknown flag \"" + name + "\" (ambiguous, wrong-answer, needs-review)");
}

std::int64_t applyEditLine(ProjectStore& project, AnnotationSession& session, const std::string& line) {
  nlohmann::json edit;
  try {
    edit = nlohmann::json::parse(line);
    const std::string op = edit.at("op").get<std::string>();
    if (op == "undo") {
      if (!session.canUndo()) throw std::invalid_argument("nothing to undo");
      return session.undo();
    }
    if (op == "redo") {
      if (!session.canRedo()) throw std::invalid_argument("nothing to redo");
      return session.redo();
    }
    if (op == "add") {
      const std::optional<SplitInfo> split = project.findSplit(edit.at("split").get<std::string>());
      if (!split) throw std::invalid_argument("no split \"" + edit.at("split").get<std::string>() + "\"");
      NewQuestion question;
      question.video_id = edit.at("video_id").get<std::string>();
      question.template_text = edit.at("template").get<std::string>();
      question.modality = edit.at("modality").get<std::string>();
      question.question_type = edit.at("type").get<std::string>();
      question.values = edit.value("values", std::vector<std::string>{});
      question.answer = edit.at("answer").get<std::string>();
      question.free_text = edit.value("free_text", false);
      return session.addQuestion(split->id, question);
    }
    if (op == "flip") {
      const std::optional<SplitInfo> split = project.findSplit(edit.at("split").get<std::string>());
      if (!split) throw std::invalid_argument("no split \"" + edit.at("split").get<std::string>() + "\"");
      return addFlippedQuestions(project, session, split->id, edit.at("videos").get<std::vector<std::string>>());
    }
    const std::int64_t row = jsonInteger<std::int64_t>(edit.at("row"));
    if (op == "answer") {
      session.setAnswer(row, edit.at("answer").get<std::string>());
    } else if (op == "flag") {
      int flags = 0;
      for (const std::string& name : edit.at("flags").get<std::vector<std::string>>()) flags |= flagBit(name);
      session.setFlags(row, flags);
    } else if (op == "note") {
      session.setNote(row, edit.at("note").get<std::string>());
    } else if (op == "remove") {
      session.remove(row);
    } else if (op == "evidence") {
      // {"op": "evidence", "row": 12, "seconds": [3, 4], "boxes": [[x0, y0, x1, y1]]}; both empty: none
      Evidence evidence;
      if (edit.contains("seconds")) evidence.seconds = jsonIntegers<int>(edit.at("seconds"));
      for (const std::vector<double>& box : edit.value("boxes", std::vector<std::vector<double>>{})) {
        if (box.size() != 4 || !(box[2] > box[0]) || !(box[3] > box[1])) {
          throw std::invalid_argument("each box is [x0, y0, x1, y1] with x1 > x0 and y1 > y0");
        }
        evidence.boxes.emplace_back(QPointF(box[0], box[1]), QPointF(box[2], box[3]));
      }
      const bool none = evidence.seconds.empty() && evidence.boxes.empty();
      session.setEvidence(row, none ? std::nullopt : std::optional<Evidence>(evidence));
    } else {
      throw std::invalid_argument("unknown op \"" + op + "\" (answer, flag, note, remove, evidence, add, flip, undo, redo)");
    }
    return row;
  } catch (const nlohmann::json::exception& error) {
    throw std::invalid_argument(std::string("malformed edit: ") + error.what());
  }
}

}  // namespace avqa
