#pragma once

#include <string>

#include "AskJob.h"
#include "storage/AskStore.h"

namespace avqa {

// How an answered ask is kept in a project: the whole prediction with where it came from
// (model name and file hash, feature kinds). The window and any later command store asks
// through this one function.
StoredAsk storedAskOf(const std::string& video_name, const AskRequest& request, const ModelInfo& model, const AskResult& result);

}  // namespace avqa
