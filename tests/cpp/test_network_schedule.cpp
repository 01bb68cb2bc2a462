// Learning-rate schedules (the closed forms of PyTorch's StepLR, CosineAnnealingLR,
// LinearLR; tests/web/schedule.test.ts checks them against real PyTorch), the epoch count
// that drives them through training and the network file, the stopping rules, and the
// training state bytes a history restores from (continuing from them is bit-exact).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "mlp/error.h"
#include "mlp/network.h"
#include "test_support.h"

using namespace mlp;

namespace {

struct Data {
  std::vector<float> x, t;
  int n;
};

Data make_data(int n, uint64_t seed) {
  Rng rng(seed);
  Data d;
  d.n = n;
  for (int i = 0; i < 2 * n; ++i) d.x.push_back(rng.uniform(-2, 2));
  for (int i = 0; i < n; ++i) d.t.push_back(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1.0f : -1.0f);
  return d;
}

NetworkConfig small(OptimizerType opt = OptimizerType::Sgd) {
  NetworkConfig c;
  c.inputs = 2;
  c.layers = {{4, Activation::Tanh}, {1, Activation::Tanh}};
  c.optimizer.type = opt;
  c.optimizer.learning_rate = 0.1f;
  c.seed = 2;
  return c;
}

using test_support::error_field;

}  // namespace

TEST(Schedule, ClosedForms) {
  ScheduleSpec s;
  EXPECT_EQ(scheduled_learning_rate(s, 0.5, 1000), 0.5);
  s.type = ScheduleType::StepLr;
  s.step_size = 3;
  s.gamma = 0.5f;
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 1.0, 0), 1.0);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 1.0, 2), 1.0);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 1.0, 3), 0.5);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 1.0, 7), 0.25);
  s = {};
  s.type = ScheduleType::CosineAnnealingLr;
  s.t_max = 10;
  s.eta_min = 0.1f;
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 1.0, 0), 1.0);
  const double eta = 0.1f;  // the config's float, in double
  EXPECT_NEAR(scheduled_learning_rate(s, 1.0, 5), eta + (1 - eta) / 2, 1e-15);
  EXPECT_NEAR(scheduled_learning_rate(s, 1.0, 10), eta, 1e-15);
  EXPECT_NEAR(scheduled_learning_rate(s, 1.0, 20), 1.0, 1e-12);  // periodic, as PyTorch's
  s = {};
  s.type = ScheduleType::LinearLr;
  s.start_factor = 0.25f;
  s.end_factor = 1.0f;
  s.total_iters = 4;
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 2.0, 0), 0.5);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 2.0, 2), 1.25);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 2.0, 4), 2.0);
  EXPECT_DOUBLE_EQ(scheduled_learning_rate(s, 2.0, 9), 2.0);
}

TEST(Schedule, TrainingUsesTheRateOfEachEpochAndTheFileKeepsItsPlace) {
  NetworkConfig c = small();
  c.schedule.type = ScheduleType::StepLr;
  c.schedule.step_size = 2;
  c.schedule.gamma = 0.1f;
  Network net(c);
  const Data d = make_data(20, 1);
  for (int e = 0; e < 5; ++e) {
    EXPECT_EQ(net.epoch_count(), e);
    EXPECT_FLOAT_EQ(net.learning_rate(), 0.1f * std::pow(0.1f, e / 2));
    // A step at this epoch is SGD with that rate.
    const StepPreview p = net.preview_step(d.x.data(), d.t.data(), 5);
    EXPECT_NEAR(p.delta[0], -net.learning_rate() * p.gradient[0], 2.4e-7 * std::fabs(p.before[0]));
    net.train_epoch(d.x.data(), d.t.data(), d.n, 5);
  }
  const Network back = Network::from_json(net.to_json());
  EXPECT_EQ(back.epoch_count(), 5);
  EXPECT_EQ(back.learning_rate(), net.learning_rate());
  EXPECT_EQ(back.config().schedule.step_size, 2);
  net.set_learning_rate(1.0f);  // the base rate: the schedule applies to it
  EXPECT_FLOAT_EQ(net.learning_rate(), 0.01f);
  ScheduleSpec none;
  net.set_schedule(none);
  EXPECT_EQ(net.learning_rate(), 1.0f);
  net.reset(3);
  EXPECT_EQ(net.epoch_count(), 0);
}

TEST(Schedule, BadValuesNameTheirField) {
  auto bad = [](auto edit) {
    NetworkConfig c = small();
    edit(c);
    return error_field([&] { Network net(c); });
  };
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.step_size = 0; }), "schedule.stepSize");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.gamma = 0; }), "schedule.gamma");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.t_max = 0; }), "schedule.tMax");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.eta_min = -1; }), "schedule.etaMin");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.start_factor = 0; }), "schedule.startFactor");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.end_factor = 1.5f; }), "schedule.endFactor");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.schedule.total_iters = 0; }), "schedule.totalIters");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.stopping.patience = -1; }), "stopping.patience");
  EXPECT_EQ(bad([](NetworkConfig& c) { c.stopping.train_loss = NAN; }), "stopping.trainLoss");
}

TEST(Stopping, TrainLossThresholdAndPatience) {
  const Data d = make_data(40, 2), test = make_data(20, 3);
  NetworkConfig c = small();
  c.stopping.train_loss = 10.0f;  // any loss is below: stops after the first epoch
  Network net(c);
  EpochResult r = net.train_epoch(d.x.data(), d.t.data(), d.n, 10, 50);
  EXPECT_EQ(r.epochs, 1);
  EXPECT_EQ(r.stop, StopReason::TrainLoss);

  // A rate of 0: the test loss never improves on the first epoch's, so patience 3 stops
  // after epoch 4 (best at 1, then 3 epochs without a lower one).
  c = small();
  c.optimizer.learning_rate = 0.0f;
  c.stopping.patience = 3;
  net = Network(c);
  const TrainingData td = make_training_data(test.x.data(), test.t.data(), test.n, 2, 1);
  r = net.train_epoch(d.x.data(), d.t.data(), d.n, 10, 50, &td);
  EXPECT_EQ(r.stop, StopReason::Patience);
  EXPECT_EQ(r.epochs, 4);
  EXPECT_FLOAT_EQ(r.test_loss, net.evaluate(td).loss);
  // The best so far travels in the file: a copy stops where the original would.
  Network copy = Network::from_json(net.to_json());
  EXPECT_EQ(copy.train_epoch(d.x.data(), d.t.data(), d.n, 10, 50, &td).epochs, 1);
  // Without test data early stopping does not apply.
  r = net.train_epoch(d.x.data(), d.t.data(), d.n, 10, 6);
  EXPECT_EQ(r.epochs, 6);
  EXPECT_EQ(r.stop, StopReason::None);
  EXPECT_TRUE(std::isnan(r.test_loss));
}

// An epoch trained in parts (train_part, then end_epoch): the playground's digits, 8,000 in
// slices of 1,000. The parts move neither the epoch count nor the schedule nor the stopping
// rules; end_epoch does, once per epoch.
TEST(EpochInParts, OnePartIsTrainEpochBitForBit) {
  NetworkConfig c = small(OptimizerType::Adam);
  c.schedule.type = ScheduleType::StepLr;
  c.schedule.step_size = 1;
  c.schedule.gamma = 0.5f;
  Network whole(c), parts(c);
  const Data d = make_data(30, 4);
  const TrainingData td = make_training_data(d.x.data(), d.t.data(), d.n, 2, 1);
  for (int e = 0; e < 3; ++e) {
    const EpochResult a = whole.train_epoch(td, 7);
    const EpochResult p = parts.train_part(td, 7);
    EXPECT_EQ(p.epochs, 0);
    EXPECT_EQ(parts.epoch_count(), e);
    EXPECT_EQ(parts.learning_rate(), whole.learning_rate() * 2.0f);  // still the epoch's rate
    const EpochResult end = parts.end_epoch(p.loss);
    EXPECT_EQ(end.epochs, 1);
    EXPECT_EQ(end.loss, a.loss);
    EXPECT_EQ(p.steps, a.steps);
    EXPECT_EQ(parts.epoch_count(), whole.epoch_count());
    EXPECT_EQ(parts.learning_rate(), whole.learning_rate());
  }
  EXPECT_EQ(parts.parameters(), whole.parameters());
}

TEST(EpochInParts, TheScheduleAndStoppingCountEpochsNotParts) {
  NetworkConfig c = small();
  c.schedule.type = ScheduleType::StepLr;
  c.schedule.step_size = 2;
  c.schedule.gamma = 0.1f;
  Network net(c);
  const Data d = make_data(40, 5);
  std::vector<TrainingData> slices;
  for (int i = 0; i < 4; ++i)
    slices.push_back(make_training_data(d.x.data() + 20 * i, d.t.data() + 10 * i, 10, 2, 1));
  for (int e = 0; e < 5; ++e) {
    for (const TrainingData& s : slices) {
      EXPECT_EQ(net.epoch_count(), e);
      EXPECT_FLOAT_EQ(net.learning_rate(), 0.1f * std::pow(0.1f, e / 2));
      EXPECT_EQ(net.train_part(s, 5).epochs, 0);
    }
    net.end_epoch(0.5);
  }
  EXPECT_EQ(net.epoch_count(), 5);

  // A rate of 0: the test loss never improves on the first epoch's, so patience 3 stops at
  // the end of epoch 4 — after 16 parts, not 4.
  c = small();
  c.optimizer.learning_rate = 0.0f;
  c.stopping.patience = 3;
  net = Network(c);
  const Data t = make_data(20, 6);
  const TrainingData test = make_training_data(t.x.data(), t.t.data(), t.n, 2, 1);
  int parts = 0;
  EpochResult end;
  for (int e = 0; e < 10 && end.stop == StopReason::None; ++e) {
    for (const TrainingData& s : slices) net.train_part(s, 5), ++parts;
    end = net.end_epoch(0.5, &test);
  }
  EXPECT_EQ(end.stop, StopReason::Patience);
  EXPECT_EQ(parts, 16);
  EXPECT_EQ(net.epoch_count(), 4);
  EXPECT_FLOAT_EQ(end.test_loss, net.evaluate(test).loss);
  // The train-loss rule reads the epoch's loss given to end_epoch.
  c = small();
  c.stopping.train_loss = 0.25f;
  net = Network(c);
  EXPECT_EQ(net.end_epoch(0.3).stop, StopReason::None);
  EXPECT_EQ(net.end_epoch(0.25).stop, StopReason::TrainLoss);
}

TEST(EpochInParts, BadArgumentsNameTheirFieldAndChangeNothing) {
  Network net(small());
  const Data d = make_data(10, 7);
  const TrainingData td = make_training_data(d.x.data(), d.t.data(), d.n, 2, 1);
  const TrainingData wide = make_training_data(d.x.data(), d.x.data(), 5, 2, 2);
  const std::vector<float> before = net.parameters();
  EXPECT_EQ(error_field([&] { net.end_epoch(NAN); }), "loss");
  EXPECT_EQ(error_field([&] { net.end_epoch(-1.0); }), "loss");
  EXPECT_EQ(error_field([&] { net.end_epoch(0.1, &wide); }), "test");
  EXPECT_EQ(error_field([&] { net.train_part(td, 0); }), "batchSize");
  EXPECT_EQ(error_field([&] { net.train_part(wide, 5); }), "data");
  EXPECT_EQ(net.epoch_count(), 0);
  EXPECT_EQ(net.step_count(), 0);
  EXPECT_EQ(net.parameters(), before);
}

TEST(TrainingState, RestoringContinuesBitForBit) {
  for (OptimizerType opt : {OptimizerType::Sgd, OptimizerType::Momentum, OptimizerType::Adam}) {
    SCOPED_TRACE(optimizer_name(opt));
    NetworkConfig c = small(opt);
    c.schedule.type = ScheduleType::CosineAnnealingLr;
    c.schedule.t_max = 7;
    Network net(c);
    const Data d = make_data(30, 4);
    net.train_epoch(d.x.data(), d.t.data(), d.n, 7, 3);
    const std::vector<unsigned char> state = net.save_state();
    EXPECT_EQ(state.size(), net.state_size());
    net.train_epoch(d.x.data(), d.t.data(), d.n, 7, 4);
    const std::string later = net.to_json();
    net.train_epoch(d.x.data(), d.t.data(), d.n, 7, 2);  // further on, then back
    net.restore_state(state.data(), state.size());
    EXPECT_EQ(net.epoch_count(), 3);
    net.train_epoch(d.x.data(), d.t.data(), d.n, 7, 4);
    EXPECT_EQ(net.to_json(), later);
    // Into another network of the same config too.
    Network other(c);
    other.restore_state(state.data(), state.size());
    other.train_epoch(d.x.data(), d.t.data(), d.n, 7, 4);
    EXPECT_EQ(other.to_json(), later);
  }
}

TEST(TrainingState, WrongBytesAreRefusedAndChangeNothing) {
  Network net(small(OptimizerType::Adam));
  const std::vector<unsigned char> state = net.save_state();
  NetworkConfig wider = small();
  wider.layers[0].units = 5;
  Network other(wider);
  const std::string before = other.to_json();
  EXPECT_EQ(error_field([&] { other.restore_state(state.data(), state.size()); }), "state");
  EXPECT_EQ(error_field([&] { net.restore_state(state.data(), state.size() - 4); }), "state");
  std::vector<unsigned char> junk = state;
  junk[0] = 'X';
  EXPECT_EQ(error_field([&] { net.restore_state(junk.data(), junk.size()); }), "state");
  EXPECT_EQ(other.to_json(), before);
  // Saved under Adam, restored under SGD: the parameters come back, the slots do not fit.
  Network sgd(small(OptimizerType::Sgd));
  sgd.restore_state(state.data(), state.size());
  EXPECT_EQ(sgd.parameters(), net.parameters());
}

// The handover state (the site's worker moving a live network from the lite module to the
// full one): also the last epoch's gradient flow, the clip factor and divergence's rollback
// point, so that the copy's readouts and its next divergence are the original's.
TEST(TrainingState, HandoverCarriesTheFlowAndTheRollbackPoint) {
  NetworkConfig c = small(OptimizerType::Momentum);
  c.layers = {{4, Activation::Linear}, {1, Activation::Linear}};
  Network net(c);
  const Data d = make_data(20, 6);
  net.train_epoch(d.x.data(), d.t.data(), d.n, 5, 3);
  // One step per epoch from here at the largest rate allowed: the parameters explode until
  // an epoch's first (only) step diverges and rolls back to where the epoch before started.
  net.set_learning_rate(1e6f);
  std::vector<unsigned char> handover, plain;
  std::vector<float> grad_norms, update_ratios;
  bool diverged = false;
  for (int i = 0; i < 40 && !diverged; ++i) {
    handover = net.save_state(true);
    EXPECT_EQ(handover.size(), net.state_size(true));
    plain = net.save_state();
    grad_norms = net.flow_grad_norms();
    update_ratios = net.flow_update_ratios();
    diverged = net.train_epoch(d.x.data(), d.t.data(), d.n, d.n, 1).diverged();
  }
  ASSERT_TRUE(diverged);
  EXPECT_GT(handover.size(), plain.size());
  // The copies are made at that rate (a setter would drop the rollback point, as edits do).
  NetworkConfig hot = c;
  hot.optimizer.learning_rate = 1e6f;
  Network copy(hot), partial(hot);
  copy.train_epoch(d.x.data(), d.t.data(), d.n, 5, 2);  // a flow of its own, overwritten
  copy.restore_state(handover.data(), handover.size());
  partial.restore_state(plain.data(), plain.size());
  EXPECT_EQ(copy.save_state(true), handover);
  // Bit for bit (the ratios of the exploding step are NaN).
  auto bits = [](const std::vector<float>& v) {
    std::vector<uint32_t> b(v.size());
    if (!v.empty()) std::memcpy(b.data(), v.data(), v.size() * sizeof(float));
    return b;
  };
  EXPECT_EQ(bits(copy.flow_grad_norms()), bits(grad_norms));
  EXPECT_EQ(bits(copy.flow_update_ratios()), bits(update_ratios));
  EXPECT_GT(grad_norms[0], 0.0f);
  for (Network* n : {&copy, &partial}) EXPECT_TRUE(n->train_epoch(d.x.data(), d.t.data(), d.n, d.n, 1).diverged());
  // The copy diverges and rolls back exactly as the original did.
  EXPECT_EQ(copy.parameters(), net.parameters());
  EXPECT_EQ(copy.save_state(), net.save_state());
  // Without the handover block there is no rollback point: the exploded parameters stay.
  EXPECT_NE(partial.parameters(), net.parameters());
  // A damaged handover block is refused and changes nothing.
  Network other(c);
  const std::vector<float> before = other.parameters();
  std::vector<unsigned char> cut(handover.begin(), handover.end() - 4);
  EXPECT_EQ(error_field([&] { other.restore_state(cut.data(), cut.size()); }), "state");
  std::vector<unsigned char> flagged = plain;
  flagged[sizeof(uint64_t) * 9 + 8 + 4] = 2;  // the header's handover word: 0 or 1 only
  EXPECT_EQ(error_field([&] { other.restore_state(flagged.data(), flagged.size()); }), "state");
  EXPECT_EQ(other.parameters(), before);
}
