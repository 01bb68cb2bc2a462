// Measures the error bounds stated in cpp/src/kernels/simd_math.h over ALL 2^32 float
// inputs (the ctest suite, test_simd_math.cpp, checks a dense subset of them), and prints a
// hash of the outputs so the native, wasm-simd and wasm-scalar builds can be compared bit
// for bit. Not part of the CMake build (minutes of run time); build by hand:
//   g++ -O2 -std=c++17 -msse4.2 -pthread -Icpp/src -I<simde parent> \
//       tests/cpp/tools/simd_math_exhaustive.cpp -o /tmp/exh && /tmp/exh [name] [--hash]
//   em++ -O3 -msimd128 -std=c++17 -Icpp/src ... -o /tmp/exh.js && node /tmp/exh.js --hash
// Output per function: max ulp error (vs std:: in double, ulp of the float binade of the
// true value, 2^-149 for subnormals), where, the max relative error over normal results,
// and the count of special-class mismatches (NaN / inf / float overflow of the reference).
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>
#if !defined(__EMSCRIPTEN__)
#include <thread>
#endif

#include "kernels/simd_math.h"

using namespace mlp::kernels::simd_math;

namespace {

float from_bits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
double ulp_of(double v) {
  v = std::fabs(v);
  if (v < 0x1p-126) return 0x1p-149;
  int e;
  std::frexp(v, &e);
  return std::ldexp(1.0, e - 24);
}

struct Stat {
  double max_ulp = 0, max_rel = 0;
  float at = 0, at_rel = 0;
  long special = 0;
  float special_at = 0;
  void merge(const Stat& o) {
    if (o.max_ulp > max_ulp) max_ulp = o.max_ulp, at = o.at;
    if (o.max_rel > max_rel) max_rel = o.max_rel, at_rel = o.at_rel;
    if (o.special && !special) special_at = o.special_at;
    special += o.special;
  }
};

template <class VF, class Ref, class Dom>
Stat range(VF vf, Ref ref, Dom dom, uint64_t lo, uint64_t hi) {
  Stat s;
  for (uint64_t u = lo; u < hi; u += 4) {
    alignas(16) float x[4], y[4];
    for (int i = 0; i < 4; ++i) x[i] = from_bits(static_cast<uint32_t>(u + i));
    wasm_v128_store(y, vf(wasm_v128_load(x)));
    for (int i = 0; i < 4; ++i) {
      if (!dom(x[i])) continue;
      const double r = ref(static_cast<double>(x[i]));
      const float rf = static_cast<float>(r);
      if (std::isnan(r) || std::isinf(rf) || std::isnan(y[i]) || std::isinf(y[i])) {
        const bool same = (std::isnan(r) && std::isnan(y[i])) || (!std::isnan(r) && rf == y[i]);
        if (!same && s.special++ == 0) s.special_at = x[i];
        continue;
      }
      const double e = std::fabs(y[i] - r) / ulp_of(r);
      if (e > s.max_ulp) s.max_ulp = e, s.at = x[i];
      if (std::fabs(r) >= 0x1p-126) {
        const double rel = std::fabs(y[i] - r) / std::fabs(r);
        if (rel > s.max_rel) s.max_rel = rel, s.at_rel = x[i];
      }
    }
  }
  return s;
}

template <class VF, class Ref, class Dom>
void measure(const char* name, VF vf, Ref ref, Dom dom) {
  Stat total;
#if defined(__EMSCRIPTEN__)
  total = range(vf, ref, dom, 0, uint64_t(1) << 32);
#else
  const int nt = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Stat> part(nt);
  std::vector<std::thread> th;
  for (int t = 0; t < nt; ++t)
    th.emplace_back([&, t] {
      part[t] =
          range(vf, ref, dom, (uint64_t(1) << 32) * t / nt, (uint64_t(1) << 32) * (t + 1) / nt);
    });
  for (auto& t : th) t.join();
  for (auto& p : part) total.merge(p);
#endif
  std::printf("%-30s max %.3f ulp at %.9g | max rel %.3g at %.9g | special mismatches %ld\n", name,
              total.max_ulp, total.at, total.max_rel, total.at_rel, total.special);
  std::fflush(stdout);
}

// FNV-1a over the output bits of every 97th input pattern.
template <class VF>
void hash(const char* name, VF vf) {
  uint64_t h = 1469598103934665603ull;
  for (uint64_t u = 0; u < (uint64_t(1) << 32); u += 4 * 97) {
    alignas(16) float x[4], y[4];
    for (int i = 0; i < 4; ++i) x[i] = from_bits(static_cast<uint32_t>(u + 97 * i));
    wasm_v128_store(y, vf(wasm_v128_load(x)));
    for (float v : y) {
      uint32_t b;
      std::memcpy(&b, &v, 4);
      if (v != v) b = 0x7FC00000u;  // NaN payloads may differ; the class may not
      h = (h ^ b) * 1099511628211ull;
    }
  }
  std::printf("%-18s hash %016llx\n", name, static_cast<unsigned long long>(h));
}

#define VEC(f) [](v128_t v) { return f(v); }

}  // namespace

int main(int argc, char** argv) {
  std::string which = "all";
  bool do_hash = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--hash")
      do_hash = true;
    else
      which = argv[i];
  }
  if (do_hash) {
    hash("exp_f32x4", VEC(exp_f32x4));
    hash("exp_nonpos_f32x4", [](v128_t v) {  // on -|x|
      return exp_nonpos_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(v)));
    });
    hash("exp_f32x4 on -|x|",
         [](v128_t v) { return exp_f32x4(wasm_f32x4_neg(wasm_f32x4_abs(v))); });
    hash("expm1_f32x4", VEC(expm1_f32x4));
    hash("tanh_f32x4", VEC(tanh_f32x4));
    hash("sigmoid_f32x4", VEC(sigmoid_f32x4));
    hash("log1p_unit_f32x4", VEC(log1p_unit_f32x4));
    hash("log_f32x4", VEC(log_f32x4));
    return 0;
  }
  auto all = [](float) { return true; };
  auto want = [&](const char* n) { return which == "all" || which == n; };
  if (want("exp")) {
    measure(
        "exp (normal results)", VEC(exp_f32x4), [](double x) { return std::exp(x); },
        [](float x) { return !(x < -87.3365479f); });
    measure(
        "exp (subnormal/zero results)", VEC(exp_f32x4), [](double x) { return std::exp(x); },
        [](float x) { return x < -87.3365479f; });
  }
  if (want("exp_nonpos"))  // domain x <= 0; bit-identical to exp_f32x4 there
    measure(
        "exp_nonpos (x <= 0)", VEC(exp_nonpos_f32x4), [](double x) { return std::exp(x); },
        [](float x) { return x <= 0.0f; });
  if (want("expm1"))
    measure(
        "expm1", VEC(expm1_f32x4), [](double x) { return std::expm1(x); }, all);
  if (want("tanh"))
    measure(
        "tanh", VEC(tanh_f32x4), [](double x) { return std::tanh(x); }, all);
  if (want("sigmoid")) {
    auto ref = [](double x) { return 1.0 / (1.0 + std::exp(-x)); };
    measure("sigmoid (normal results)", VEC(sigmoid_f32x4), ref,
            [](float x) { return !(x < -87.33f); });
    measure("sigmoid (x < -87.33)", VEC(sigmoid_f32x4), ref, [](float x) { return x < -87.33f; });
  }
  if (want("log1p"))
    measure(
        "log1p_unit on [0, 1]", VEC(log1p_unit_f32x4), [](double x) { return std::log1p(x); },
        [](float x) { return x >= 0.0f && x <= 1.0f; });
  if (want("log"))
    measure(
        "log (positive normal)", VEC(log_f32x4), [](double x) { return std::log(x); },
        [](float x) { return x >= 0x1p-126f && x <= 3.40282347e38f; });
  return 0;
}
