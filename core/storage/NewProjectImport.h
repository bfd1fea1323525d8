#pragma once

#include <string>

#include "storage/ProjectStore.h"

namespace avqa {

// A new project file holding one imported split. Written without a journal into a temporary
// file beside `path`, flushed, and renamed into place once complete: about half the writing of
// a journalled import (no WAL copy), and a failed or interrupted import leaves no project
// behind. AvqaError when `path` exists (import into it with ProjectStore::importSplit).
SplitImportResult importIntoNewProject(const std::string& path, const std::string& split, const MusicAvqaFile& file);

}  // namespace avqa
