// Learning-rate schedules and stopping rules, stepped per epoch. The schedules are
// PyTorch's (torch.optim.lr_scheduler), with the same parameters:
//   step-lr              StepLR(step_size, gamma)              lr_e = lr * gamma^floor(e / step_size)
//   cosine-annealing-lr  CosineAnnealingLR(T_max, eta_min)     lr_e = eta_min + (lr - eta_min)
//                                                                     * (1 + cos(pi e / T_max)) / 2
//   linear-lr            LinearLR(start_factor, end_factor,    lr_e = lr * (start + (end - start)
//                                 total_iters)                        * min(e, total_iters) / total_iters)
// where lr is the optimizer's learning rate and e the epochs completed (0 during the first
// epoch), as after e calls of scheduler.step(). Stopping: early stopping on the test loss
// with a patience, and a training-loss threshold.
#pragma once

#include <string>
#include <vector>

namespace mlp {

enum class ScheduleType { None, StepLr, CosineAnnealingLr, LinearLr };

struct ScheduleSpec {
  ScheduleType type = ScheduleType::None;
  int step_size = 100;                // step-lr: epochs per decay (>= 1)
  float gamma = 0.1f;                 // step-lr: factor per decay (> 0)
  int t_max = 500;                    // cosine-annealing-lr: epochs of the half period (>= 1)
  float eta_min = 0.0f;               // cosine-annealing-lr: the lowest rate (>= 0)
  float start_factor = 1.0f / 3.0f;   // linear-lr: in (0, 1]
  float end_factor = 1.0f;            // linear-lr: in [0, 1]
  int total_iters = 5;                // linear-lr: epochs of the ramp (>= 1)
};

struct StoppingSpec {
  int patience = 0;         // epochs without a lower test loss before stopping; 0 = off
  float train_loss = 0.0f;  // stop once an epoch's training loss is at or below this; 0 = off
};

// Why train_epoch stopped before the epochs asked for (besides divergence).
enum class StopReason { None, Patience, TrainLoss };

const char* schedule_name(ScheduleType t);
const std::vector<std::string>& schedule_names();
const char* stop_reason_name(StopReason r);  // "", "patience", "train-loss"

// Throw mlp::Error naming the field ("schedule.gamma: ...").
void validate(const ScheduleSpec& spec);
void validate(const StoppingSpec& spec);

// The learning rate of epoch `epoch` (epochs completed before it) for base rate `lr`.
double scheduled_learning_rate(const ScheduleSpec& spec, double lr, long long epoch);

}  // namespace mlp
