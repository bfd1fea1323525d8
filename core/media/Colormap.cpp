#include "media/Colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace avqa {
namespace {

using Coefficients = std::array<std::array<double, 3>, 7>;

// Polynomial fits of matplotlib's perceptual colormaps (degree 6 in t, per channel).
const Coefficients kViridis = {{{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                {-5.435455855934631, 4.645852612178535, 26.3124352495832}}};
const Coefficients kInferno = {{{0.0002189403691192265, 0.001651004631001012, -0.01948089843709184},
                                {0.1065134194856116, 0.5639564367884091, 3.932712388889277},
                                {11.60249308247187, -3.972853965665698, -15.9423941062914},
                                {-41.70399613139459, 17.43639888205313, 44.35414519872813},
                                {77.162935699427, -33.40235894210092, -81.80730925738993},
                                {-71.31942824499214, 32.62606426397723, 73.20951985803202},
                                {25.13112622477341, -12.24266895238567, -23.07032500287172}}};

int channel(double value) { return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * 255.0)); }

}  // namespace

QImage colormapLut(Colormap colormap) {
  QImage lut(256, 1, QImage::Format_RGB32);
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0;
    double rgb[3];
    if (colormap == Colormap::Jet) {
      rgb[0] = 1.5 - std::abs(4.0 * t - 3.0);
      rgb[1] = 1.5 - std::abs(4.0 * t - 2.0);
      rgb[2] = 1.5 - std::abs(4.0 * t - 1.0);
    } else {
      const Coefficients& c = colormap == Colormap::Viridis ? kViridis : kInferno;
      for (int k = 0; k < 3; ++k) {
        double value = c[6][static_cast<std::size_t>(k)];
        for (int degree = 5; degree >= 0; --degree) value = value * t + c[static_cast<std::size_t>(degree)][static_cast<std::size_t>(k)];
        rgb[k] = value;
      }
    }
    lut.setPixel(i, 0, qRgb(channel(rgb[0]), channel(rgb[1]), channel(rgb[2])));
  }
  return lut;
}

QString colormapName(Colormap colormap) {
  switch (colormap) {
    case Colormap::Viridis: return QStringLiteral("viridis");
    case Colormap::Inferno: return QStringLiteral("inferno");
    case Colormap::Jet: return QStringLiteral("jet");
  }
  return QStringLiteral("viridis");
}

}  // namespace avqa
