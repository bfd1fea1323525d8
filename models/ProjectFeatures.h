#pragma once

#include <string>
#include <vector>

#include "ModelInfo.h"

namespace avqa {

class ProjectStore;

// The per-step feature kinds a model reads from .npy folders: audio, visual, and patches
// when they are of another kind (question features have folders of their own).
std::vector<std::string> npyFeatureKinds(const ModelInfo& info);

// Where a model finds a video's features in a project: the first of the project's feature
// folders holding {kind}/{video_id}.npy for every kind the model reads; empty when none does
// and the model has encoders of its own (features from the video). A model without encoders
// and no such folder is refused, naming the kind that is missing and the folders looked in.
std::string projectFeatureFolder(ProjectStore& project, const ModelInfo& info, const std::string& video_id);

}  // namespace avqa
