// The exact decimal formatting of mlp/format.h: a double m·2^e is expanded to every decimal
// digit of its value (at most 767 of them, for the smallest subnormals) in a base-10^9
// bignum, then rounded half to even at the digit the format asks for — what musl's and
// glibc's printf do in the default rounding mode. The read-back check compares the rounded
// decimal with the bounds of the double's (or float's) rounding interval in a binary bignum,
// so no decimal-to-binary conversion is needed.
#include "mlp/format.h"

#include <cstdint>
#include <cstring>

namespace mlp {

namespace {

constexpr uint32_t kBillion = 1000000000;

// value = m · 2^e, m < 2^53 (subnormals included); value > 0 and finite.
void decompose(double value, uint64_t* m, int* e, bool* boundary) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  const uint64_t fraction = bits & ((uint64_t(1) << 52) - 1);
  if (biased == 0) {
    *m = fraction;
    *e = -1074;
  } else {
    *m = fraction | (uint64_t(1) << 52);
    *e = biased - 1075;
  }
  // A power of two above the smallest normal: the double below is half as far away.
  *boundary = fraction == 0 && biased > 1;
}

bool negative(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits >> 63;
}

// Every decimal digit of a positive finite double: value = digits[0..n) × 10^exp10, with
// digits[0] != '0'. lead() is the decimal exponent of the first digit.
struct Exact {
  char digits[800];
  int n = 0;
  int exp10 = 0;
  int lead() const { return n - 1 + exp10; }
};

void expand(double value, Exact* x) {
  uint64_t m;
  int e;
  bool boundary;
  decompose(value, &m, &e, &boundary);
  while (!(m & 1)) {
    m >>= 1;
    ++e;
  }
  uint32_t limb[100];  // base 10^9, least significant first: 2^1024 and m·5^1074 fit
  int n = 0;
  do {
    limb[n++] = static_cast<uint32_t>(m % kBillion);
    m /= kBillion;
  } while (m);
  const auto mul = [&](uint32_t factor) {
    uint64_t carry = 0;
    for (int i = 0; i < n; ++i) {
      const uint64_t v = uint64_t(limb[i]) * factor + carry;
      limb[i] = static_cast<uint32_t>(v % kBillion);
      carry = v / kBillion;
    }
    while (carry) {
      limb[n++] = static_cast<uint32_t>(carry % kBillion);
      carry /= kBillion;
    }
  };
  x->exp10 = 0;
  if (e > 0) {
    for (; e >= 29; e -= 29) mul(uint32_t(1) << 29);
    if (e) mul(uint32_t(1) << e);
  } else if (e < 0) {
    // m / 2^k = m · 5^k / 10^k
    x->exp10 = e;
    int k = -e;
    for (; k >= 13; k -= 13) mul(1220703125u);  // 5^13
    uint32_t p = 1;
    while (k--) p *= 5;
    if (p != 1) mul(p);
  }
  char* out = x->digits;
  char top[10];
  int t = 0;
  for (uint32_t v = limb[n - 1]; v; v /= 10) top[t++] = static_cast<char>('0' + v % 10);
  while (t) *out++ = top[--t];
  for (int i = n - 2; i >= 0; --i) {
    uint32_t v = limb[i];
    for (int j = 8; j >= 0; --j) {
      out[j] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out += 9;
  }
  x->n = static_cast<int>(out - x->digits);
}

// The first `keep` (>= 1) digits of x rounded half to even into r[0..keep); *lead is the
// decimal exponent of r[0] (one more than x's on a carry out: 9.99 → 10.0).
void round_to(const Exact& x, int keep, char* r, int* lead) {
  *lead = x.lead();
  for (int i = 0; i < keep; ++i) r[i] = i < x.n ? x.digits[i] : '0';
  if (keep >= x.n) return;
  const char next = x.digits[keep];
  bool rest = false;
  for (int i = keep + 1; i < x.n && !rest; ++i) rest = x.digits[i] != '0';
  const bool up = next > '5' || (next == '5' && (rest || ((r[keep - 1] - '0') & 1)));
  if (!up) return;
  int i = keep - 1;
  while (i >= 0 && r[i] == '9') r[i--] = '0';
  if (i >= 0) {
    ++r[i];
  } else {
    r[0] = '1';
    ++*lead;
  }
}

const char* special(double value) {
  if (value != value) return negative(value) ? "-nan" : "nan";
  if (value - value != 0) return value < 0 ? "-inf" : "inf";
  return nullptr;
}

// ---- exact comparison of a decimal with a binary value, for the read-back check --------

// A non-negative integer in base 2^32, least significant limb first.
struct Big {
  uint32_t limb[100];
  int n = 0;
  explicit Big(uint64_t v) {
    while (v) {
      limb[n++] = static_cast<uint32_t>(v);
      v >>= 32;
    }
  }
  void mul(uint32_t factor) {
    uint64_t carry = 0;
    for (int i = 0; i < n; ++i) {
      const uint64_t v = uint64_t(limb[i]) * factor + carry;
      limb[i] = static_cast<uint32_t>(v);
      carry = v >> 32;
    }
    if (carry) limb[n++] = static_cast<uint32_t>(carry);
  }
  void pow5(int k) {
    for (; k >= 13; k -= 13) mul(1220703125u);
    uint32_t p = 1;
    while (k--) p *= 5;
    if (p != 1) mul(p);
  }
  void shl(int bits) {
    const int words = bits / 32, rem = bits % 32;
    if (!n) return;
    limb[n] = 0;
    for (int i = n; i >= 0; --i) {
      const uint32_t hi = limb[i] << rem;
      const uint32_t lo = rem && i ? limb[i - 1] >> (32 - rem) : 0;
      limb[i + words] = hi | lo;
    }
    for (int i = 0; i < words; ++i) limb[i] = 0;
    n += words + 1;
    while (n && !limb[n - 1]) --n;
  }
};

int compare(const Big& a, const Big& b) {
  if (a.n != b.n) return a.n < b.n ? -1 : 1;
  for (int i = a.n - 1; i >= 0; --i)
    if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i] ? -1 : 1;
  return 0;
}

// The sign of i·10^p − k·2^q (i, k > 0).
int compare(uint64_t i, int p, uint64_t k, int q) {
  Big a(i), b(k);
  if (p >= 0) a.pow5(p);
  else b.pow5(-p);
  if (p >= q) a.shl(p - q);
  else b.shl(q - p);
  return compare(a, b);
}

// The sign of round_to_double(i·10^p) − y for a positive finite double y: where the decimal
// lies against the bounds of y's rounding interval (ties to the even mantissa).
int rounded_against(uint64_t i, int p, double y) {
  uint64_t m;
  int e;
  bool boundary;
  decompose(y, &m, &e, &boundary);
  const bool odd = m & 1;
  const int hi = compare(i, p, 2 * m + 1, e - 1);
  if (hi > 0 || (hi == 0 && odd)) return 1;
  const int lo = boundary ? compare(i, p, 4 * m - 1, e - 2) : compare(i, p, 2 * m - 1, e - 1);
  if (lo < 0 || (lo == 0 && odd)) return -1;
  return 0;
}

}  // namespace

std::string format_g(double value, int precision) {
  if (const char* s = special(value)) return s;
  const int P = precision < 0 ? 6 : precision == 0 ? 1 : precision > 780 ? 780 : precision;
  std::string out = negative(value) ? "-" : "";
  if (value == 0) return out + "0";
  Exact x;
  expand(value < 0 ? -value : value, &x);
  char r[800];
  int X;
  round_to(x, P, r, &X);
  int last = P;  // r[0..last) with the fraction's trailing zeros dropped
  if (P > X && X >= -4) {
    const int integer = X >= 0 ? X + 1 : 0;
    while (last > integer && r[last - 1] == '0') --last;
    if (X >= 0) {
      out.append(r, integer);
      if (last > integer) out.append(".").append(r + integer, last - integer);
    } else {
      out.append("0.").append(-X - 1, '0').append(r, last);
    }
    return out;
  }
  while (last > 1 && r[last - 1] == '0') --last;
  out += r[0];
  if (last > 1) out.append(".").append(r + 1, last - 1);
  out += X < 0 ? "e-" : "e+";
  const int a = X < 0 ? -X : X;
  if (a < 10) out += '0';
  if (a >= 100) out += static_cast<char>('0' + a / 100);
  if (a >= 10) out += static_cast<char>('0' + a / 10 % 10);
  out += static_cast<char>('0' + a % 10);
  return out;
}

std::string format_f(double value, int precision) {
  if (const char* s = special(value)) return s;
  const int F = precision < 0 ? 6 : precision > 40 ? 40 : precision;
  std::string out = negative(value) ? "-" : "";
  // The value in units of 10^-F, rounded half to even: its digits.
  std::string units;
  if (value == 0) {
    units = "0";
  } else {
    Exact x;
    expand(value < 0 ? -value : value, &x);
    const int keep = x.lead() + 1 + F;
    if (keep <= 0) {
      // Below one unit: 1 if above half of it (a tie rounds to the even 0).
      bool above = false;
      if (keep == 0) {
        bool rest = false;
        for (int i = 1; i < x.n && !rest; ++i) rest = x.digits[i] != '0';
        above = x.digits[0] > '5' || (x.digits[0] == '5' && rest);
      }
      units = above ? "1" : "0";
    } else {
      char r[800 + 41];
      int lead;
      round_to(x, keep, r, &lead);
      units.assign(r, keep);
      if (lead > x.lead()) units += '0';
    }
  }
  if (units.size() < static_cast<std::size_t>(F) + 1) units.insert(0, F + 1 - units.size(), '0');
  const std::size_t integer = units.size() - F;
  out.append(units, 0, integer);
  if (F > 0) out.append(".").append(units, integer, F);
  return out;
}

bool g_reads_back(double value, int precision, bool as_float) {
  if (special(value)) return false;
  if (value == 0) return true;
  const int P = precision < 1 ? 1 : precision > 19 ? 19 : precision;
  const double a = value < 0 ? -value : value;
  Exact x;
  expand(a, &x);
  char r[20];
  int X;
  round_to(x, P, r, &X);
  uint64_t i = 0;
  for (int k = 0; k < P; ++k) i = i * 10 + static_cast<uint64_t>(r[k] - '0');
  const int p = X - (P - 1);
  if (!as_float) return rounded_against(i, p, a) == 0;
  // The float f = a, its neighbours' midpoints (doubles: 25 significant bits), and the
  // decimal's double against them: (float)d == f inside (low, high), and at a bound when f's
  // mantissa is even (the float tie goes to it).
  const float f = static_cast<float>(a);
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  const uint32_t below_bits = bits - 1, above_bits = bits + 1;
  float below, above;
  std::memcpy(&below, &below_bits, sizeof below);
  std::memcpy(&above, &above_bits, sizeof above);
  // Above FLT_MAX the next float would be 2^128, whose bits are infinity's.
  const double next = above_bits == 0x7f800000u ? 340282366920938463463374607431768211456.0 : double(above);
  const double low = (double(below) + a) / 2, high = (a + next) / 2;
  const bool even = !(bits & 1);
  const int lo = rounded_against(i, p, low), hi = rounded_against(i, p, high);
  return (lo > 0 || (lo == 0 && even)) && (hi < 0 || (hi == 0 && even));
}

}  // namespace mlp
