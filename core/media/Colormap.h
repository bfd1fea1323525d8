#pragma once

#include <QImage>
#include <QString>

namespace avqa {

enum class Colormap { Viridis, Inferno, Jet };

// A 256 x 1 RGB lookup image of the colormap, for the heatmap shader.
QImage colormapLut(Colormap colormap);
QString colormapName(Colormap colormap);

}  // namespace avqa
