#include "storage/PerturbationStore.h"

namespace avqa {

void PerturbationStore::add(std::int64_t run_id, const std::vector<StoredPerturbation>& checks) {
  DbTransaction transaction(connection_);
  DbStatement insert = connection_.prepare(
      "INSERT INTO perturbation_checks(run_id, question_row, sound_map_shift, answer_changed_by_swap, drop_top_patches, "
      "drop_bottom_patches, drop_top_steps, drop_bottom_steps, silence_map_shift, answer_changed_by_silence) "
      "VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(run_id, question_row) DO UPDATE SET sound_map_shift = excluded.sound_map_shift, "
      "answer_changed_by_swap = excluded.answer_changed_by_swap, drop_top_patches = excluded.drop_top_patches, "
      "drop_bottom_patches = excluded.drop_bottom_patches, drop_top_steps = excluded.drop_top_steps, "
      "drop_bottom_steps = excluded.drop_bottom_steps, silence_map_shift = excluded.silence_map_shift, "
      "answer_changed_by_silence = excluded.answer_changed_by_silence");
  const auto bind_optional = [&insert](int index, const std::optional<double>& value) {
    if (value) insert.bind(index, *value);
    else insert.bindNull(index);
  };
  for (const StoredPerturbation& check : checks) {
    insert.bind(1, run_id).bind(2, check.question_row);
    bind_optional(3, check.sound_map_shift);
    insert.bind(4, std::int64_t{check.answer_changed_by_swap ? 1 : 0});
    bind_optional(5, check.drop_top_patches);
    bind_optional(6, check.drop_bottom_patches);
    bind_optional(7, check.drop_top_steps);
    bind_optional(8, check.drop_bottom_steps);
    bind_optional(9, check.silence_map_shift);
    if (check.answer_changed_by_silence) insert.bind(10, std::int64_t{*check.answer_changed_by_silence ? 1 : 0});
    else insert.bindNull(10);
    insert.run();
  }
  transaction.commit();
}

std::unordered_map<std::int64_t, StoredPerturbation> PerturbationStore::forRun(std::int64_t run_id) {
  DbStatement query = connection_.prepare(
      "SELECT question_row, sound_map_shift, answer_changed_by_swap, drop_top_patches, drop_bottom_patches, drop_top_steps, "
      "drop_bottom_steps, silence_map_shift, answer_changed_by_silence FROM perturbation_checks WHERE run_id = ?");
  query.bind(1, run_id);
  const auto optional_at = [&query](int column) {
    return query.columnIsNull(column) ? std::nullopt : std::optional<double>(query.columnDouble(column));
  };
  std::unordered_map<std::int64_t, StoredPerturbation> result;
  while (query.step()) {
    StoredPerturbation check;
    check.question_row = query.columnInt(0);
    check.sound_map_shift = optional_at(1);
    check.answer_changed_by_swap = query.columnInt(2) != 0;
    check.drop_top_patches = optional_at(3);
    check.drop_bottom_patches = optional_at(4);
    check.drop_top_steps = optional_at(5);
    check.drop_bottom_steps = optional_at(6);
    check.silence_map_shift = optional_at(7);
    if (!query.columnIsNull(8)) check.answer_changed_by_silence = query.columnInt(8) != 0;
    result.emplace(check.question_row, check);
  }
  return result;
}

}  // namespace avqa
