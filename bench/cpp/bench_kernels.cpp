// Kernel throughput: GFLOP/s of the dense kernels (forward, input gradient, weight
// gradient; scalar reference and SIMD variant) at the layer shapes of workloads A-D of
// DESIGN.md, plus the ceiling: the fastest stand-alone register-blocked GEMM micro-kernels
// this file holds for the workload-C/D shape (Z[64 x N] = W[64 x 64] . A[64 x N]).
// Runs natively and in wasm (under Node). Prints one JSON object per line:
//   {"kernel":..., "variant":..., "shape":"MxKxN", "gflops_median":..., "min":..., "max":...}
// Usage: bench_kernels [--quick]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "kernels/kernels.h"
#include "kernels/simd.h"
#include "mlp/rng.h"

using namespace mlp::kernels;

namespace {

double now_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

struct Stats {
  double median, min, max;
};

// Runs fn repeatedly for ~`seconds`, `reps` times; returns calls per second statistics.
Stats measure(const std::function<void()>& fn, int reps, double seconds) {
  // Warm up for a while first: V8 starts wasm in its baseline compiler and swaps in the
  // optimised code only once a function is hot, in the background.
  for (const double t0 = now_seconds(); now_seconds() - t0 < 0.3;) fn();
  // Calibrate the number of calls per repetition.
  long calls = 1;
  for (;;) {
    const double t0 = now_seconds();
    for (long i = 0; i < calls; ++i) fn();
    const double dt = now_seconds() - t0;
    if (dt > seconds / 4 || calls > (1L << 30)) {
      calls = std::max(1L, static_cast<long>(calls * seconds / std::max(dt, 1e-9)));
      break;
    }
    calls *= 4;
  }
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r) {
    const double t0 = now_seconds();
    for (long i = 0; i < calls; ++i) fn();
    rates.push_back(calls / (now_seconds() - t0));
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], rates.front(), rates.back()};
}

std::vector<float> random_vector(std::size_t n, uint64_t seed) {
  mlp::Rng rng(seed);
  std::vector<float> v(n);
  for (float& x : v) x = rng.uniform(-1, 1);
  return v;
}

volatile float g_sink;

// ---- ceiling candidates: stand-alone GEMM micro-kernels Z = W . A (feature-major) ---------
// MR rows of W (splatted) x NV vectors of 4 columns of A; K fully unrolled by the loop.
template <int MR, int NV>
void gemm_tile(const float* W, int K, const float* A, int lda, float* Z, int ldz) {
  v128_t acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
  for (int k = 0; k < K; ++k) {
    v128_t a[NV];
    for (int v = 0; v < NV; ++v) a[v] = wasm_v128_load(A + static_cast<long>(k) * lda + 4 * v);
    for (int r = 0; r < MR; ++r) {
      const v128_t w = wasm_v128_load32_splat(W + static_cast<long>(r) * K + k);
      for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(w, a[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) wasm_v128_store(Z + static_cast<long>(r) * ldz + 4 * v, acc[r][v]);
}

// M must be a multiple of MR and N of 4; columns left over from 4*NV blocks use 4-wide tiles.
template <int MR, int NV>
void gemm_blocked(const float* W, const float* A, float* Z, int M, int K, int N) {
  int n = 0;
  for (; n + 4 * NV <= N; n += 4 * NV)
    for (int m = 0; m < M; m += MR)
      gemm_tile<MR, NV>(W + static_cast<long>(m) * K, K, A + n, N, Z + static_cast<long>(m) * N + n, N);
  for (; n < N; n += 4)
    for (int m = 0; m < M; m += MR)
      gemm_tile<MR, 1>(W + static_cast<long>(m) * K, K, A + n, N, Z + static_cast<long>(m) * N + n, N);
}

// Packed-W variant: W re-laid out as [m-block][k][MR] so each k step reads MR consecutive
// floats (one cache line for MR 8..16) instead of MR strided ones.
template <int MR, int NV>
void gemm_packed(const float* Wp, const float* A, float* Z, int M, int K, int N) {
  for (int n = 0; n < N; n += 4 * NV)
    for (int m = 0; m < M; m += MR) {
      const float* w = Wp + static_cast<long>(m) * K;
      v128_t acc[MR][NV];
      for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_splat(0.0f);
      for (int k = 0; k < K; ++k) {
        v128_t a[NV];
        for (int v = 0; v < NV; ++v) a[v] = wasm_v128_load(A + static_cast<long>(k) * N + n + 4 * v);
        for (int r = 0; r < MR; ++r) {
          const v128_t wr = wasm_v128_load32_splat(w + k * MR + r);
          for (int v = 0; v < NV; ++v) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(wr, a[v]));
        }
      }
      for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
          wasm_v128_store(Z + static_cast<long>(m + r) * N + n + 4 * v, acc[r][v]);
    }
}

std::vector<float> pack_w(const std::vector<float>& W, int M, int K, int MR) {
  std::vector<float> p(W.size());
  for (int m0 = 0; m0 < M; m0 += MR)
    for (int k = 0; k < K; ++k)
      for (int r = 0; r < MR; ++r) p[static_cast<long>(m0) * K + k * MR + r] = W[static_cast<long>(m0 + r) * K + k];
  return p;
}

void emit(const char* kernel, const char* variant, int M, int K, int N, double flops_per_call,
          const Stats& s) {
  std::printf(
      "{\"kernel\":\"%s\",\"variant\":\"%s\",\"shape\":\"%dx%dx%d\",\"gflops_median\":%.3f,"
      "\"gflops_min\":%.3f,\"gflops_max\":%.3f}\n",
      kernel, variant, M, K, N, s.median * flops_per_call / 1e9, s.min * flops_per_call / 1e9,
      s.max * flops_per_call / 1e9);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const int reps = quick ? 3 : 5;
  const double seconds = quick ? 0.05 : 0.2;

  struct Shape {
    const char* workload;
    int M, K, N;
  };
  // (units out, units in, batch padded to 4) of each layer kind in workloads A-D.
  const Shape shapes[] = {{"A", 4, 2, 12},  {"A", 2, 4, 12},   {"B", 8, 6, 12},
                          {"B", 8, 8, 12},  {"C", 64, 2, 32},  {"C", 64, 64, 32},
                          {"C", 3, 64, 32}, {"D", 64, 64, 256}};
  for (const Shape& s : shapes) {
    const auto W = random_vector(static_cast<std::size_t>(s.M) * s.K, 1);
    const auto A = random_vector(static_cast<std::size_t>(s.K) * s.N, 2);
    const auto dZ = random_vector(static_cast<std::size_t>(s.M) * s.N, 3);
    std::vector<float> Z(static_cast<std::size_t>(s.M) * s.N), dA(A.size()), dW(W.size()), db(s.M);
    const double flops = 2.0 * s.M * s.K * s.N;
    emit("dense_forward", "scalar", s.M, s.K, s.N, flops, measure([&] {
           dense_forward_scalar(W.data(), A.data(), s.N, Z.data(), s.N, s.M, s.K, s.N);
           g_sink = Z[0];
         }, reps, seconds));
    emit("dense_forward", "wasmsimd", s.M, s.K, s.N, flops, measure([&] {
           dense_forward_wasmsimd(W.data(), A.data(), s.N, Z.data(), s.N, s.M, s.K, s.N);
           g_sink = Z[0];
         }, reps, seconds));
    emit("dense_backward_input", "scalar", s.M, s.K, s.N, flops, measure([&] {
           dense_backward_input_scalar(W.data(), dZ.data(), s.N, dA.data(), s.N, s.M, s.K, s.N);
           g_sink = dA[0];
         }, reps, seconds));
    emit("dense_backward_input", "wasmsimd", s.M, s.K, s.N, flops, measure([&] {
           dense_backward_input_wasmsimd(W.data(), dZ.data(), s.N, dA.data(), s.N, s.M, s.K, s.N);
           g_sink = dA[0];
         }, reps, seconds));
    emit("dense_backward_weights", "scalar", s.M, s.K, s.N, flops, measure([&] {
           dense_backward_weights_scalar(dZ.data(), s.N, A.data(), s.N, dW.data(), db.data(), s.M, s.K, s.N);
           g_sink = dW[0];
         }, reps, seconds));
    emit("dense_backward_weights", "wasmsimd", s.M, s.K, s.N, flops, measure([&] {
           dense_backward_weights_wasmsimd(dZ.data(), s.N, A.data(), s.N, dW.data(), db.data(), s.M, s.K, s.N);
           g_sink = dW[0];
         }, reps, seconds));
  }

  // The ceiling at the C/D shape: the best of several tilings.
  const int M = 64, K = 64, N = 256;
  const auto W = random_vector(M * K, 4);
  const auto A = random_vector(K * N, 5);
  std::vector<float> Z(M * N);
  const double flops = 2.0 * M * K * N;
  struct Candidate {
    const char* name;
    std::function<void()> fn;
  };
  const auto W8 = pack_w(W, M, K, 8), W4 = pack_w(W, M, K, 4);
  const std::vector<Candidate> candidates = {
      {"gemm_4x8", [&] { gemm_blocked<4, 2>(W.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_4x16", [&] { gemm_blocked<4, 4>(W.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_8x8", [&] { gemm_blocked<8, 2>(W.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_2x16", [&] { gemm_blocked<2, 4>(W.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_4x12", [&] { gemm_blocked<4, 3>(W.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_packed_4x16", [&] { gemm_packed<4, 4>(W4.data(), A.data(), Z.data(), M, K, N); }},
      {"gemm_packed_8x8", [&] { gemm_packed<8, 2>(W8.data(), A.data(), Z.data(), M, K, N); }},
  };
  for (const Candidate& c : candidates)
    emit("ceiling", c.name, M, K, N, flops, measure([&] { c.fn(); g_sink = Z[0]; }, reps, seconds));
  return 0;
}
