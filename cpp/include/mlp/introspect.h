// What the teaching views read from a network, computed by the core (Network::trace,
// gradients, preview_step, layer_stats, loss_surface): the numbers of a forward and a
// backward pass, of one optimizer step, of the gradient flow per layer and of the loss over
// a plane of parameter space. None of these calls changes the network: parameters,
// optimizer state, generator and the gradients of the last step stay bit for bit.
// Arrays are sample-major (n x units) like every public input and output; parameter-shaped
// arrays use the flat layout of Network::parameters() (layer 0's weight [units, inputs]
// row-major, its bias, then layer 1, ...: PyTorch's layout per layer).
#pragma once

#include <cstdint>
#include <vector>

namespace mlp {

// One layer over n samples, each array n x units: the pre-activation z = W a_prev + b and
// the output a = act(z); with gradients(..., per_layer), dL/dz and dL/da too. For bce and
// softmax-ce, losses of the logits, the output layer's dL/da is that of the same loss
// written on a: (a - t) / (a (1 - a)) / (n m) and -t / (a n) (infinite where a is 0 or 1).
struct LayerValues {
  std::vector<float> z, a;
  std::vector<float> dz, da;
};

struct Trace {
  int samples = 0;
  std::vector<LayerValues> layers;  // z and a
};

struct Gradients {
  double loss = 0;                  // the mean data loss (no regularisation term)
  std::vector<float> params;        // dL/dθ, flat layout
  std::vector<float> inputs;        // dL/dx, n x inputs (the mean's 1/n included)
  std::vector<LayerValues> layers;  // with per_layer: z, a, dz, da
};

// The step train_batch would take on the same samples, parameter-shaped arrays flat.
struct StepPreview {
  double loss = 0;                  // data loss before the step
  bool diverged = false;            // the step would be refused (non-finite loss or gradient)
  float learning_rate = 0;          // the rate it uses (the schedule's, this epoch)
  long long step = 0;               // the optimizer's step count t after it (Adam's t)
  float clip_scale = 1;             // factor gradient clipping applies (1: none)
  std::vector<float> gradient;      // g the optimizer uses: data gradient, clipped, + regularisation
  std::vector<float> before, after, delta;  // parameters, and after - before
  // Optimizer slots before and after: momentum's velocity v (slot1); Adam's m (slot1) and v
  // (slot2), and the bias-corrected m̂ = m / (1 - β1^t) and v̂ = v / (1 - β2^t) it steps with
  // (w -= lr m̂ / (sqrt(v̂) + eps)). Empty when the optimizer has no such slot.
  std::vector<float> slot1_before, slot1_after, slot2_before, slot2_after;
  std::vector<float> m_hat, v_hat;
};

// Units whose |z| exceeds this on at least kSaturatedShare of the samples count as saturated.
constexpr float kSaturationZ = 3.0f;
constexpr double kSaturatedShare = 0.95;

struct LayerStats {
  int units = 0;
  double weight_norm = 0;   // ||W|| (Frobenius)
  double grad_norm = 0;     // ||dL/dW|| of the mean data loss over the samples given
  // From training (the last epoch, or the last train_batch): the mean over its steps of
  // the minibatch ||dL/dW||, and ||ΔW|| / ||W|| of its last update. 0 before any step.
  double epoch_grad_norm = 0;
  double update_ratio = 0;
  int dead = 0;             // relu layers: units whose output is 0 on every sample
  int saturated = 0;        // tanh / sigmoid layers: |z| > 3 on >= 95 % of the samples
};

// The loss over θ + α d1 + β d2 for α, β in steps values evenly spaced over [-range, range].
enum class SurfaceDirections {
  Random,  // seeded Gaussian, filter-normalised (Li et al. 2018): each unit's row of d
           // scaled to the norm of that unit's weights; bias directions 0
  Pca,     // the first two principal directions of a trajectory (unit vectors)
  Given,   // the caller's two directions, as they are
};

constexpr int kMinSurfaceSteps = 2;
constexpr int kMaxSurfaceSteps = 201;

struct SurfaceSpec {
  SurfaceDirections directions = SurfaceDirections::Random;
  float range = 1.0f;  // finite, > 0
  int steps = 41;      // kMinSurfaceSteps .. kMaxSurfaceSteps
  uint64_t seed = 1;   // random directions
};

// What the directions are made of, beside the spec: two flat directions (Given) and a
// trajectory of k flat parameter vectors, oldest first (required for Pca; with the others
// it is projected onto the plane).
struct SurfaceInputs {
  const float* d1 = nullptr;
  const float* d2 = nullptr;
  const float* trajectory = nullptr;
  int trajectory_length = 0;
};

struct Surface {
  std::vector<float> alphas, betas;  // steps each
  std::vector<float> loss;           // steps x steps, row-major over beta then alpha
  std::vector<float> d1, d2;         // the directions used (flat layout)
  // With a trajectory: each point's (α, β), k x 2, by least squares onto the plane of d1, d2
  // through θ (for Pca the projection onto the principal plane).
  std::vector<float> path;
  // Pca: the share of the trajectory's variance along d1 and d2.
  float explained[2] = {0, 0};
};

}  // namespace mlp
