#include "storage/RunClaims.h"

#include <chrono>

namespace avqa {
namespace {

double nowSeconds() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

}  // namespace

RunClaims::RunClaims(ProjectStore& project, std::int64_t run_id, std::string worker, double lease_s)
    : project_(project), connection_(project.connection()), run_id_(run_id), worker_(std::move(worker)), lease_s_(lease_s) {}

std::string RunClaims::videoKey(const std::string& video_id, const std::string& sound_video_id) {
  return sound_video_id.empty() || sound_video_id == video_id ? video_id : video_id + '\x1f' + sound_video_id;
}

void RunClaims::addVideos(const std::vector<std::string>& video_keys) {
  DbTransaction transaction(connection_);
  DbStatement insert = connection_.prepare("INSERT INTO run_claims(run_id, video_key) VALUES(?, ?) ON CONFLICT DO NOTHING");
  for (const std::string& key : video_keys) insert.bind(1, run_id_).bind(2, key).run();
  transaction.commit();
}

std::optional<std::string> RunClaims::claimNext() {
  DbTransaction transaction(connection_);
  const double now = nowSeconds();
  DbStatement free = connection_.prepare(
      std::string("SELECT video_key FROM run_claims WHERE run_id = ? AND done = 0 AND (worker IS NULL OR expires_at < ?) "
                  "ORDER BY video_key LIMIT 1") + connection_.skipLockedRows());
  free.bind(1, run_id_).bind(2, now);
  if (!free.step()) return std::nullopt;
  std::string key = free.columnText(0);
  connection_.prepare("UPDATE run_claims SET worker = ?, expires_at = ? WHERE run_id = ? AND video_key = ?")
      .bind(1, worker_)
      .bind(2, now + lease_s_)
      .bind(3, run_id_)
      .bind(4, key)
      .run();
  transaction.commit();
  return key;
}

bool RunClaims::allDone() {
  DbStatement left = connection_.prepare("SELECT count(*) FROM run_claims WHERE run_id = ? AND done = 0");
  left.bind(1, run_id_);
  left.step();
  return left.columnInt(0) == 0;
}

bool RunClaims::complete(const std::string& video_key, const std::vector<StoredPrediction>& predictions) {
  DbTransaction transaction(connection_);
  // Still ours? A lease that ran out may have gone to another worker, which stores it then.
  // The update locks the claim until the predictions are stored with it.
  connection_.prepare("UPDATE run_claims SET done = 1 WHERE run_id = ? AND video_key = ? AND worker = ? AND done = 0")
      .bind(1, run_id_)
      .bind(2, video_key)
      .bind(3, worker_)
      .run();
  if (connection_.changes() != 1) return false;  // rolled back: nothing stored
  project_.insertPredictions(run_id_, predictions);
  transaction.commit();
  return true;
}

std::vector<std::pair<std::string, std::int64_t>> RunClaims::workers() {
  DbStatement query = connection_.prepare(
      "SELECT worker, count(*) FROM run_claims WHERE run_id = ? AND done = 1 GROUP BY worker ORDER BY worker");
  query.bind(1, run_id_);
  std::vector<std::pair<std::string, std::int64_t>> result;
  while (query.step()) result.emplace_back(query.columnText(0), query.columnInt(1));
  return result;
}

}  // namespace avqa
