// Decimal text of doubles exactly as C's printf writes it, and the check a strtod read-back
// makes of it, without the C library's printf and strtod. Those were ~16 KB of the wasm
// module (printf_core, fmt_fp, the scanner, the long-double helpers) for the numbers of a
// few error messages and of the network file; these are the same exact algorithm (the
// binary value expanded to all its decimal digits, rounded half to even) in 3.4 KB.
// tests/cpp/test_format.cpp compares each function with the C library, natively and in wasm.
#pragma once

#include <string>

namespace mlp {

// printf("%.*g", precision, value): "0.001", "1e+300", "-0", "inf", "-nan"; a negative
// precision is 6, precision 0 is 1.
std::string format_g(double value, int precision);

// printf("%.*f", precision, value) for a precision in [0, 40].
std::string format_f(double value, int precision);

// Whether format_g(value, precision) reads back as value (a finite value; precision in
// [1, 19]): strtod(text) == value, or, as_float, static_cast<float>(strtod(text)) == value
// for a value that is a float (the text rounded to double, then to float, as that cast does).
bool g_reads_back(double value, int precision, bool as_float);

}  // namespace mlp
