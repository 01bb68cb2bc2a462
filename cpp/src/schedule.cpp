// The learning-rate schedules' formulas (closed forms of torch.optim.lr_scheduler's, in
// double as Python computes them), their names and rules, and the stopping rules' ranges.
#include "mlp/schedule.h"

#include <algorithm>
#include <cmath>

#include "mlp/error.h"

namespace mlp {

const std::vector<std::string>& schedule_names() {
  static const std::vector<std::string> names = {"none", "step-lr", "cosine-annealing-lr", "linear-lr"};
  return names;
}
const char* schedule_name(ScheduleType t) { return schedule_names()[static_cast<int>(t)].c_str(); }

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::Patience: return "patience";
    case StopReason::TrainLoss: return "train-loss";
    case StopReason::None: break;
  }
  return "";
}

namespace {
constexpr double kPi = 3.14159265358979323846;  // Python's math.pi

void check(bool ok, const char* field, const std::string& rule, const std::string& got) {
  if (!ok) throw Error(field, "must be " + rule + ", got " + got);
}
}  // namespace

void validate(const ScheduleSpec& s) {
  const int t = static_cast<int>(s.type);
  if (t < 0 || t >= static_cast<int>(schedule_names().size()))
    throw Error("schedule.type", "allowed: " + join_quoted(schedule_names()));
  // The ranges torch.optim.lr_scheduler accepts (LinearLR's factors as it checks them),
  // without its degenerate cases (a zero step size or period).
  check(s.step_size >= 1, "schedule.stepSize", "an integer >= 1", describe(s.step_size));
  check(std::isfinite(s.gamma) && s.gamma > 0.0f, "schedule.gamma", "a finite number > 0",
        describe(s.gamma));
  check(s.t_max >= 1, "schedule.tMax", "an integer >= 1", describe(s.t_max));
  check(std::isfinite(s.eta_min) && s.eta_min >= 0.0f, "schedule.etaMin", "a finite number >= 0",
        describe(s.eta_min));
  check(std::isfinite(s.start_factor) && s.start_factor > 0.0f && s.start_factor <= 1.0f,
        "schedule.startFactor", "a number in (0, 1]", describe(s.start_factor));
  check(std::isfinite(s.end_factor) && s.end_factor >= 0.0f && s.end_factor <= 1.0f,
        "schedule.endFactor", "a number in [0, 1]", describe(s.end_factor));
  check(s.total_iters >= 1, "schedule.totalIters", "an integer >= 1", describe(s.total_iters));
}

void validate(const StoppingSpec& s) {
  check(s.patience >= 0, "stopping.patience", "an integer >= 0 (0 = off)", describe(s.patience));
  check(std::isfinite(s.train_loss) && s.train_loss >= 0.0f, "stopping.trainLoss",
        "a finite number >= 0 (0 = off)", describe(s.train_loss));
}

double scheduled_learning_rate(const ScheduleSpec& s, double lr, long long epoch) {
  const double e = static_cast<double>(std::max(0LL, epoch));
  switch (s.type) {
    case ScheduleType::None:
      return lr;
    case ScheduleType::StepLr:
      return lr * std::pow(static_cast<double>(s.gamma), std::floor(e / s.step_size));
    case ScheduleType::CosineAnnealingLr: {
      const double eta = s.eta_min;
      return eta + (lr - eta) * (1.0 + std::cos(kPi * e / s.t_max)) / 2.0;
    }
    case ScheduleType::LinearLr: {
      const double a = s.start_factor, b = s.end_factor;
      return lr * (a + (b - a) * std::min(e, static_cast<double>(s.total_iters)) / s.total_iters);
    }
  }
  return lr;
}

}  // namespace mlp
