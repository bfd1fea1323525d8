#include "dataset/MusicAvqaFile.h"

#include <simdjson.h>

#include "common/AvqaError.h"
#include "common/InputFile.h"
#include "dataset/JsonText.h"

namespace avqa {
namespace od = simdjson::ondemand;
namespace {

// Reads the fields analysis needs from one record; everything else stays in record.raw.
class RecordFieldReader {
 public:
  RecordFieldReader(const std::string& text, const std::string& source_path)
      : text_(text), source_path_(source_path) {}

  // `raw` points into the padded copy of the text at `offset`; `capacity` is what is left of it.
  void read(QaRecord& record, std::size_t index, std::string_view raw, std::size_t offset,
            std::size_t capacity) {
    index_ = index;
    record_offset_ = offset;
    raw_start_ = raw.data();
    od::object object;
    check(parser_.iterate(raw.data(), raw.size(), capacity).get(doc_));
    check(doc_.get_object().get(object));
    bool has_video = false;
    bool has_content = false;
    for (auto field_result : object) {
      od::field field;
      std::string_view key;
      check(std::move(field_result).get(field));
      check(field.unescaped_key().get(key));
      od::value value = field.value();
      if (key == "video_id") {
        record.video_id = scalarText(value, key);
        has_video = true;
      } else if (key == "question_id") {
        if (!isNull(value)) record.question_id = scalarText(value, key);
      } else if (key == "question_content") {
        record.question_content = stringValue(value, key);
        has_content = true;
      } else if (key == "type") {
        const auto type = stringList(value, key);
        if (type.size() >= 1) record.modality = type[0];
        if (type.size() >= 2) record.question_type = type[1];
      } else if (key == "templ_values") {
        record.templ_values = stringList(value, key);
      } else if (key == "anser") {
        if (!isNull(value)) record.answer = scalarText(value, key);
      } else if (key == "question_deleted") {
        int64_t deleted = 0;
        if (!isNull(value)) {
          if (value.get_int64().get(deleted)) fail("\"question_deleted\" is not an integer");
          record.deleted = deleted != 0;
        }
      }
    }
    if (!has_content) fail("record has no \"question_content\"");
    if (!has_video) fail("record has no \"video_id\"");
  }

 private:
  [[noreturn]] void fail(const std::string& problem) {
    const TextPosition at = textPositionAt(text_, record_offset_);
    throw AvqaError(source_path_, "record " + std::to_string(index_ + 1) + " (line " +
                                      std::to_string(at.line) + "): " + problem);
  }

  void check(simdjson::error_code error) {
    if (!error) return;
    std::size_t offset = record_offset_;
    const char* location = nullptr;
    if (!doc_.current_location().get(location) && location >= raw_start_) {
      offset += static_cast<std::size_t>(location - raw_start_);
    }
    const TextPosition at = textPositionAt(text_, offset);
    throw AvqaError(source_path_, "malformed JSON in record " + std::to_string(index_ + 1) +
                                      " at line " + std::to_string(at.line) + ", column " +
                                      std::to_string(at.column) + ": " +
                                      simdjson::error_message(error));
  }

  static bool isNull(od::value& value) {
    bool null = false;
    return !value.is_null().get(null) && null;
  }

  std::string scalarText(od::value& value, std::string_view key) {
    od::json_type type = od::json_type::null;
    check(value.type().get(type));
    if (type == od::json_type::string) return stringValue(value, key);
    if (type == od::json_type::number) {
      return std::string(trimJsonWhitespace(value.raw_json_token()));
    }
    fail("\"" + std::string(key) + "\" is neither a string nor a number");
  }

  std::string stringValue(od::value& value, std::string_view key) {
    std::string_view text;
    if (value.get_string().get(text)) fail("\"" + std::string(key) + "\" is not a string");
    return std::string(text);
  }

  // `type` and `templ_values` are strings holding JSON lists in most files, real lists in v2.0.
  std::vector<std::string> stringList(od::value& value, std::string_view key) {
    od::json_type type = od::json_type::null;
    check(value.type().get(type));
    std::optional<std::vector<std::string>> items;
    if (type == od::json_type::string) {
      std::string_view text;
      check(value.get_string().get(text));
      items = parseJsonStringList(text);
    } else if (type == od::json_type::array) {
      od::array array;
      std::string_view raw;
      check(value.get_array().get(array));
      check(array.raw_json().get(raw));
      items = parseJsonStringList(raw);
    }
    if (!items) fail("\"" + std::string(key) + "\" does not hold a JSON list of strings");
    return *items;
  }

  const std::string& text_;
  const std::string& source_path_;
  od::parser parser_;
  od::document doc_;
  const char* raw_start_ = nullptr;
  std::size_t index_ = 0;
  std::size_t record_offset_ = 0;
};

}  // namespace

MusicAvqaFile parseMusicAvqaText(const std::string& text, const std::string& source_path) {
  const std::size_t bad_utf8 = firstInvalidUtf8(text);
  if (bad_utf8 != std::string::npos) {
    const TextPosition at = textPositionAt(text, bad_utf8);
    throw AvqaError(source_path, "not valid UTF-8 text (line " + std::to_string(at.line) +
                                     ", column " + std::to_string(at.column) + ")");
  }
  simdjson::padded_string padded(text);
  const char* base = padded.data();
  const auto fail_at = [&](const char* where, const std::string& problem) -> AvqaError {
    const std::size_t offset = where ? static_cast<std::size_t>(where - base) : text.size();
    const TextPosition at = textPositionAt(text, offset);
    return AvqaError(source_path, problem + " at line " + std::to_string(at.line) +
                                      ", column " + std::to_string(at.column));
  };

  od::parser parser;
  od::document doc;
  if (auto error = parser.iterate(padded).get(doc)) {
    throw AvqaError(source_path, std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  od::array records;
  od::json_type top_type;
  if (auto error = doc.type().get(top_type)) {
    throw AvqaError(source_path, std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  if (top_type != od::json_type::array) {
    throw AvqaError(source_path,
                    "top level is not a JSON list of question records (MUSIC-AVQA format)");
  }
  if (auto error = doc.get_array().get(records)) {
    throw AvqaError(source_path, std::string("malformed JSON: ") + simdjson::error_message(error));
  }

  MusicAvqaFile file;
  file.source_path = source_path;
  RecordFieldReader field_reader(text, source_path);
  std::size_t previous_end = 0;
  for (auto element_result : records) {
    const std::size_t index = file.records.size();
    const char* location = nullptr;
    if (doc.current_location().get(location)) location = nullptr;
    od::value element;
    od::object object;
    std::string_view raw;
    if (auto error = std::move(element_result).get(element)) {
      throw fail_at(location, std::string("malformed JSON (") + simdjson::error_message(error) + ")");
    }
    od::json_type type;
    if (element.type().get(type) || type != od::json_type::object) {
      throw fail_at(location, "record " + std::to_string(index + 1) + " is not a JSON object");
    }
    if (auto error = element.get_object().get(object); error || object.raw_json().get(raw)) {
      throw fail_at(location, "malformed JSON in record " + std::to_string(index + 1));
    }
    raw = trimJsonWhitespace(raw);
    const std::size_t start = static_cast<std::size_t>(raw.data() - base);
    QaRecord record;
    record.raw.assign(text, start, raw.size());
    if (index > 0) record.lead.assign(text, previous_end, start - previous_end);
    else file.first_lead.assign(text, 0, start);
    field_reader.read(record, index, raw, start, padded.size() + simdjson::SIMDJSON_PADDING - start);
    previous_end = start + raw.size();
    file.records.push_back(std::move(record));
  }
  if (const char* location = nullptr; doc.current_location().get(location) == simdjson::SUCCESS) {
    throw fail_at(location, "unexpected text after the list of records");
  }
  file.tail.assign(text, previous_end, std::string::npos);
  if (file.records.empty()) file.first_lead.clear();
  if (!file.records.empty()) {
    file.style = detectPyJsonStyle(file.first_lead, file.records[0].raw,
                                   file.records.size() > 1 ? file.records[1].lead : "");
  }
  return file;
}

MusicAvqaFile readMusicAvqaFile(const std::string& path) {
  return parseMusicAvqaText(readInputFile(path), path);
}

std::string writeMusicAvqaText(const std::vector<const QaRecord*>& records,
                               const std::string& first_lead, const std::string& tail,
                               const PyJsonStyle& style) {
  // An empty original file has no first lead; its text is all tail.
  const bool original_had_records = !first_lead.empty();
  if (records.empty()) return original_had_records || tail.empty() ? "[]" : tail;
  const std::string opening = original_had_records ? first_lead : style.listOpening();
  const std::string closing = original_had_records ? tail : style.listClosing();
  std::size_t size = opening.size() + closing.size();
  for (const QaRecord* record : records) size += record->lead.size() + record->raw.size() + 8;
  std::string out;
  out.reserve(size);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const QaRecord& record = *records[i];
    if (i == 0) {
      out += opening;
    } else {
      out += record.lead.empty() ? style.listSeparator() : record.lead;
    }
    out += record.raw;
  }
  out += closing;
  return out;
}

}  // namespace avqa
