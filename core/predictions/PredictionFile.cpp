#include "predictions/PredictionFile.h"

#include <simdjson.h>

#include <algorithm>
#include <sstream>

#include "common/AvqaError.h"
#include "common/InputFile.h"
#include "dataset/JsonText.h"

namespace avqa {
namespace od = simdjson::ondemand;
namespace {

enum class Delimiter { Tab, Comma, Whitespace };

bool isAllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  std::string cell(text.substr(first, last - first + 1));
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
  return cell;
}

std::vector<std::string> splitLine(const std::string& line, Delimiter delimiter) {
  std::vector<std::string> cells;
  if (delimiter == Delimiter::Whitespace) {
    std::istringstream stream(line);
    std::string cell;
    while (stream >> cell) cells.push_back(cell);
    return cells;
  }
  const char separator = delimiter == Delimiter::Tab ? '\t' : ',';
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(separator, start);
    cells.push_back(trimmed(std::string_view(line).substr(start, end - start)));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return cells;
}

bool looksLikeHeaderWord(const std::string& cell) {
  std::string lower = cell;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* word : {"question_id", "qid", "id", "key", "position", "index", "idx"}) {
    if (lower == word) return true;
  }
  return false;
}

std::vector<PredictionEntry> readJsonPredictions(const std::string& path, const std::string& text) {
  simdjson::padded_string padded(text);
  od::parser parser;
  od::document doc;
  od::object object;
  if (auto error = parser.iterate(padded).get(doc)) {
    throw AvqaError(path, std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  if (doc.get_object().get(object)) {
    throw AvqaError(path, "JSON predictions must be an object {question_id: answer}");
  }
  std::vector<PredictionEntry> entries;
  for (auto field_result : object) {
    od::field field;
    std::string_view key;
    od::json_type type;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key) ||
        field.value().type().get(type)) {
      const char* location = nullptr;
      if (doc.current_location().get(location)) location = nullptr;
      const TextPosition at = textPositionAt(text, location ? static_cast<std::size_t>(location - padded.data()) : text.size());
      throw AvqaError(path, "malformed JSON at line " + std::to_string(at.line) + ", column " +
                                std::to_string(at.column));
    }
    PredictionEntry entry{std::string(key), {}, 0};
    std::string_view value;
    if (type == od::json_type::string) {
      if (field.value().get_string().get(value)) throw AvqaError(path, "malformed JSON string");
      entry.prediction = std::string(value);
    } else if (type == od::json_type::number) {
      od::value number = field.value();
      value = number.raw_json_token();
      entry.prediction = std::string(trimJsonWhitespace(value));
    } else {
      throw AvqaError(path, "prediction for \"" + entry.key + "\" is neither an answer nor an index");
    }
    entries.push_back(std::move(entry));
  }
  if (const char* rest = nullptr; doc.current_location().get(rest) == simdjson::SUCCESS) throw AvqaError(path, "unexpected text after the JSON object");
  return entries;
}

}  // namespace

std::vector<PredictionEntry> readPredictionFile(const std::string& path,
                                                const PredictionColumns& columns) {
  const std::string text = readInputFile(path, std::size_t(1) << 31);
  if (firstInvalidUtf8(text) != std::string::npos) throw AvqaError(path, "not valid UTF-8 text");
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw AvqaError(path, "holds no predictions");
  if (text[first] == '{') return readJsonPredictions(path, text);
  if (text[first] == '[') throw AvqaError(path, "JSON predictions must be an object {question_id: answer}, not a list");

  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  Delimiter delimiter = Delimiter::Whitespace;
  if (text.find('\t') != std::string::npos) {
    delimiter = Delimiter::Tab;
  } else if (lines.front().find(',') != std::string::npos) {
    delimiter = Delimiter::Comma;
  }

  std::vector<PredictionEntry> entries;
  bool first_row = true;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (trimmed(lines[i]).empty()) continue;
    std::vector<std::string> cells = splitLine(lines[i], delimiter);
    const std::string where = "line " + std::to_string(i + 1);
    if (cells.size() <= columns.key) {
      throw AvqaError(path, where + ": has no column " + std::to_string(columns.key));
    }
    std::string prediction;
    if (columns.prediction) {
      if (cells.size() <= *columns.prediction) {
        throw AvqaError(path, where + ": has no column " + std::to_string(*columns.prediction));
      }
      prediction = cells[*columns.prediction];
    } else if (delimiter == Delimiter::Whitespace && columns.key + 1 < cells.size()) {
      // Answers hold spaces ("more than ten"): the prediction is the rest of the line.
      for (std::size_t c = columns.key + 1; c < cells.size(); ++c) {
        prediction += (prediction.empty() ? "" : " ") + cells[c];
      }
    } else {
      prediction = cells.back();
    }
    const std::string& key = cells[columns.key];
    if (first_row) {
      first_row = false;
      std::size_t next = i + 1;
      while (next < lines.size() && trimmed(lines[next]).empty()) ++next;
      const bool next_is_numeric =
          next < lines.size() && [&] {
            std::vector<std::string> next_cells = splitLine(lines[next], delimiter);
            return next_cells.size() > columns.key && isAllDigits(next_cells[columns.key]);
          }();
      if (!isAllDigits(key) && (looksLikeHeaderWord(key) || next_is_numeric)) continue;  // header
    }
    if (key.empty() || prediction.empty()) throw AvqaError(path, where + ": empty key or prediction");
    entries.push_back({key, prediction, i + 1});
  }
  if (entries.empty()) throw AvqaError(path, "holds no predictions");
  return entries;
}

AnswerList AnswerList::read(const std::string& path) {
  const std::string text = readInputFile(path, std::size_t(1) << 26);
  simdjson::padded_string padded(text);
  od::parser parser;
  od::document doc;
  od::json_type type;
  if (auto error = parser.iterate(padded).get(doc); error || doc.type().get(type)) {
    throw AvqaError(path, "malformed JSON answer list");
  }
  std::vector<std::string> answers;
  if (type == od::json_type::array) {
    std::optional<std::vector<std::string>> items = parseJsonStringList(text);
    if (!items) throw AvqaError(path, "answer list must be a JSON list of strings");
    return AnswerList(std::move(*items));
  }
  od::object map;
  if (type != od::json_type::object || doc.find_field("ans2ix").get_object().get(map)) {
    throw AvqaError(path, "answer list must be a JSON list or {\"ans2ix\": {answer: index}}");
  }
  for (auto field_result : map) {
    od::field field;
    std::string_view answer;
    int64_t index = 0;
    if (std::move(field_result).get(field) || field.unescaped_key().get(answer) ||
        field.value().get_int64().get(index) || index < 0 || index > 1000000) {
      throw AvqaError(path, "\"ans2ix\" must map answers to non-negative integer indexes");
    }
    if (answers.size() <= static_cast<std::size_t>(index)) answers.resize(static_cast<std::size_t>(index) + 1);
    if (!answers[static_cast<std::size_t>(index)].empty()) {
      throw AvqaError(path, "index " + std::to_string(index) + " is given to two answers");
    }
    answers[static_cast<std::size_t>(index)] = std::string(answer);
  }
  return AnswerList(std::move(answers));
}

std::optional<std::string> AnswerList::at(std::size_t index) const {
  if (index >= answers_.size() || answers_[index].empty()) return std::nullopt;
  return answers_[index];
}

}  // namespace avqa
