// Internal: the dataset generators (generators.cpp), one function per set with the same
// signature, listed with their catalog entries in catalog.cpp. A generator appends n
// points (x, and y as class index or value) to d, drawing from rng.
#pragma once

#include "mlp/dataset.h"
#include "mlp/rng.h"

namespace mlp::generators {

constexpr double kPi = 3.14159265358979323846;

// classes: the class count of the multiclass sets (spiral-k, blobs-k); ignored otherwise.
using Generator = void (*)(int n, double noise, int classes, Rng& rng, Dataset& d);

void gen_circle(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_xor(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_gauss(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_spiral(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_spiral_k(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_moons(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_checkerboard(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_blobs_k(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_plane(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_multi_gauss(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_sin(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_abs(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_step(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_sawtooth(int n, double noise, int classes, Rng& rng, Dataset& d);
void gen_x_sin_x(int n, double noise, int classes, Rng& rng, Dataset& d);

}  // namespace mlp::generators
