#include "dataset/MusicAvqaFile.h"

#include <simdjson.h>

#include "common/AvqaError.h"
#include "common/InputFile.h"
#include "dataset/JsonText.h"

namespace avqa {
namespace od = simdjson::ondemand;
namespace {

// Reads the fields analysis needs from one record; everything else stays in its bytes.
class RecordFieldReader {
 public:
  // `base` is the padded copy of `text` that `doc` iterates; offsets are the same in both.
  RecordFieldReader(const std::string& text, const char* base, od::document& doc,
                    const std::string& source_path)
      : text_(text), base_(base), doc_(doc), source_path_(source_path) {}

  // Reads one record's members in the single pass over the file (no second parse).
  void read(QaRecord& record, std::size_t index, od::object& object, std::size_t offset) {
    index_ = index;
    record_offset_ = offset;
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
      } else if (key == "unmatch_audio") {
        std::string_view source;  // a video id; other kinds of value say nothing we can play
        if (value.get_string().get(source) == simdjson::SUCCESS && !source.empty()) record.unmatch_audio = std::string(source);
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
    if (!doc_.current_location().get(location) && location >= base_) {
      offset = static_cast<std::size_t>(location - base_);
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
      items = list_parser_.parse(text);
    } else if (type == od::json_type::array) {
      od::array array;
      std::string_view raw;
      check(value.get_array().get(array));
      check(array.raw_json().get(raw));
      items = list_parser_.parse(raw);
    }
    if (!items) fail("\"" + std::string(key) + "\" does not hold a JSON list of strings");
    return *items;
  }

  const std::string& text_;
  const char* base_;
  od::document& doc_;
  const std::string& source_path_;
  JsonStringListParser list_parser_;
  std::size_t index_ = 0;
  std::size_t record_offset_ = 0;
};

}  // namespace

MusicAvqaFile parseMusicAvqaText(std::string source_text, const std::string& source_path) {
  // simdjson's SIMD check first; the scalar scan only runs to say where the bad byte is.
  if (!simdjson::validate_utf8(source_text)) {
    const std::size_t bad_utf8 = firstInvalidUtf8(source_text);
    const TextPosition at = textPositionAt(source_text, bad_utf8);
    throw AvqaError(source_path, "not valid UTF-8 text (line " + std::to_string(at.line) +
                                     ", column " + std::to_string(at.column) + ")");
  }
  MusicAvqaFile file;
  file.source_path = source_path;
  file.text = std::move(source_text);
  const std::string& text = file.text;
  // simdjson reads up to SIMDJSON_PADDING bytes past the end: pad in place, no copy.
  const std::size_t size = text.size();
  file.text.reserve(size + simdjson::SIMDJSON_PADDING);
  const char* base = file.text.data();
  const auto fail_at = [&](const char* where, const std::string& problem) -> AvqaError {
    const std::size_t offset = where ? static_cast<std::size_t>(where - base) : text.size();
    const TextPosition at = textPositionAt(text, offset);
    return AvqaError(source_path, problem + " at line " + std::to_string(at.line) +
                                      ", column " + std::to_string(at.column));
  };

  od::parser parser;
  od::document doc;
  if (auto error = parser.iterate(base, size, file.text.capacity()).get(doc)) {
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

  file.records.reserve(size / 256);
  RecordFieldReader field_reader(text, base, doc, source_path);
  for (auto element_result : records) {
    const std::size_t index = file.records.size();
    const char* location = nullptr;  // the record's '{'
    if (doc.current_location().get(location)) location = nullptr;
    od::value element;
    od::object object;
    if (auto error = std::move(element_result).get(element)) {
      throw fail_at(location, std::string("malformed JSON (") + simdjson::error_message(error) + ")");
    }
    od::json_type type;
    if (!location || element.type().get(type) || type != od::json_type::object ||
        element.get_object().get(object)) {
      throw fail_at(location, "record " + std::to_string(index + 1) + " is not a JSON object");
    }
    const std::size_t start = static_cast<std::size_t>(location - base);
    QaRecord record;
    field_reader.read(record, index, object, start);
    // Having read every member, the iterator stands on the ',' or ']' after the record.
    const char* next = nullptr;
    if (doc.current_location().get(next)) {
      throw fail_at(nullptr, "malformed JSON: the list of records is not closed");
    }
    std::size_t end = static_cast<std::size_t>(next - base);
    while (end > start && text[end - 1] != '}') --end;
    if (end == start) throw fail_at(location, "malformed JSON in record " + std::to_string(index + 1));
    record.source = QaRecord::SourceSpan{index, start, end - start};
    file.records.push_back(std::move(record));
  }
  if (const char* location = nullptr; doc.current_location().get(location) == simdjson::SUCCESS) {
    throw fail_at(location, "unexpected text after the list of records");
  }
  if (!file.records.empty()) {
    const QaRecord::SourceSpan& first = *file.records[0].source;
    std::string_view second_lead;
    if (file.records.size() > 1) {
      const std::size_t first_end = first.offset + first.length;
      second_lead = std::string_view(text).substr(first_end, file.records[1].source->offset - first_end);
    }
    file.style = detectPyJsonStyle(std::string_view(text).substr(0, first.offset),
                                   file.rawOf(file.records[0]), second_lead);
  }
  return file;
}

MusicAvqaFile readMusicAvqaFile(const std::string& path) {
  return parseMusicAvqaText(readInputFile(path), path);
}

std::string_view MusicAvqaFile::rawOf(const QaRecord& record) const {
  if (!record.raw.empty() || !record.source) return record.raw;
  return std::string_view(text).substr(record.source->offset, record.source->length);
}

std::string MusicAvqaFile::toText() const {
  std::vector<const QaRecord*> all;
  all.reserve(records.size());
  for (const QaRecord& record : records) all.push_back(&record);
  return writeMusicAvqaText(text, records.size(), style, all);
}

std::string writeMusicAvqaText(std::string_view source_text, std::size_t source_records,
                               const PyJsonStyle& style,
                               const std::vector<const QaRecord*>& records) {
  if (records.empty()) {
    return source_records == 0 && !source_text.empty() ? std::string(source_text) : "[]";
  }
  const auto span_end = [](const QaRecord& record) {
    return record.source->offset + record.source->length;
  };
  std::string out;
  out.reserve(source_text.size() + 1024);
  const QaRecord* previous = nullptr;
  for (const QaRecord* record : records) {
    const bool from_source = record->source.has_value();
    if (!previous) {
      if (from_source && record->source->index == 0) {
        out.append(source_text.substr(0, record->source->offset));
      } else {
        out += style.listOpening();
      }
    } else if (from_source && previous->source && previous->source->index + 1 == record->source->index) {
      const std::size_t previous_end = span_end(*previous);
      out.append(source_text.substr(previous_end, record->source->offset - previous_end));
    } else {
      out += style.listSeparator();
    }
    if (!record->raw.empty() || !from_source) {
      out += record->raw;
    } else {
      out.append(source_text.substr(record->source->offset, record->source->length));
    }
    previous = record;
  }
  const QaRecord& last = *records.back();
  if (last.source && last.source->index + 1 == source_records) {
    out.append(source_text.substr(span_end(last)));
  } else {
    out += style.listClosing();
  }
  return out;
}

}  // namespace avqa
