#pragma once

#include <QMetaType>

#include "storage/QuestionRows.h"

// Question rows travel in signals between the tables, the docks and the windows; every
// header whose signals carry one includes this before moc sees them.
Q_DECLARE_METATYPE(avqa::QuestionRow)
