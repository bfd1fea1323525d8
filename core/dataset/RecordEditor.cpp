#include "dataset/RecordEditor.h"

#include <stdexcept>

#include "dataset/JsonText.h"

namespace avqa {

namespace {
constexpr int kRecordLevel = 1;  // records sit one level inside the top-level list
}

std::string RecordEditor::withMember(std::string_view raw_record, const std::string& key,
                                     const std::string& value_json) const {
  std::vector<JsonMember> members = splitJsonObject(raw_record);
  bool replaced = false;
  for (JsonMember& member : members) {
    if (member.key == key) {
      member.value_json = value_json;
      replaced = true;
    }
  }
  if (!replaced) members.push_back({key, value_json});
  return pyJsonObject(members, style_, kRecordLevel);
}

std::string RecordEditor::withAnswer(std::string_view raw_record, const std::string& answer) const {
  return withMember(raw_record, "anser", pyJsonQuote(answer));
}

std::string RecordEditor::withTemplValues(std::string_view raw_record,
                                          const std::vector<std::string>& values) const {
  bool is_real_list = false;
  for (const JsonMember& member : splitJsonObject(raw_record)) {
    if (member.key == "templ_values") is_real_list = !member.value_json.empty() && member.value_json[0] == '[';
  }
  const std::string value_json = is_real_list
                                     ? pyJsonStringList(values, style_, kRecordLevel + 1)
                                     : pyJsonQuote(pyJsonCompactStringList(values));
  return withMember(raw_record, "templ_values", value_json);
}

std::string RecordEditor::compose(const QaRecord& record) const {
  std::vector<JsonMember> members;
  members.push_back({"video_id", pyJsonQuote(record.video_id)});
  if (record.question_id) {
    const bool numeric = !record.question_id->empty() &&
                         record.question_id->find_first_not_of("0123456789") == std::string::npos;
    members.push_back(
        {"question_id", numeric ? *record.question_id : pyJsonQuote(*record.question_id)});
  }
  members.push_back(
      {"type", pyJsonQuote(pyJsonCompactStringList({record.modality, record.question_type}))});
  members.push_back({"question_content", pyJsonQuote(record.question_content)});
  members.push_back({"templ_values", pyJsonQuote(pyJsonCompactStringList(record.templ_values))});
  members.push_back({"question_deleted", record.deleted ? "1" : "0"});
  if (record.answer) members.push_back({"anser", pyJsonQuote(*record.answer)});
  return pyJsonObject(members, style_, kRecordLevel);
}

}  // namespace avqa
