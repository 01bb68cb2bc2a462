#!/usr/bin/env python3
"""Re-derives the polynomial coefficients of cpp/src/kernels/simd_math.h (Remez exchange,
mpmath only; about a minute). Not run by the build; kept so the constants can be checked.

  P(r), degree 4:  expm1(r) ~ r + r^2 P(r) on |r| <= 0.3467 (ln2/2 plus the rounding slack
                   of n = round(x log2e)), minimising the RELATIVE error of expm1(r); the
                   same P gives exp(r) = 1 + expm1(r).
  R(z), degree 3:  log1p(u) = 2 atanh(s) ~ 2s + 2s z R(z), s = u/(2+u), z = s^2 in [0, 1/9],
                   minimising the relative error of the result.
"""
import mpmath as mp

mp.mp.dps = 50


def remez(f, w, a, b, deg, iters=25, grid_n=3001):
    """Minimax p (degree deg) of max |w(x) (f(x) - p(x))| on [a, b]; returns (coeffs, err)."""
    n = deg + 2
    xs = [(a + b) / 2 - (b - a) / 2 * mp.cos(mp.pi * (i + mp.mpf(0.5)) / n) for i in range(n)]
    xs[0], xs[-1] = a, b
    grid = [a + (b - a) * i / grid_n for i in range(grid_n + 1)]
    fg = [f(x) for x in grid]
    wg = [w(x) for x in grid]
    c, mx = None, None
    for _ in range(iters):
        A = mp.matrix(n, n)
        rhs = mp.matrix(n, 1)
        for i, x in enumerate(xs):
            for k in range(deg + 1):
                A[i, k] = x**k
            A[i, deg + 1] = (-1) ** i / w(x)
            rhs[i] = f(x)
        sol = mp.lu_solve(A, rhs)
        c = [sol[k] for k in range(deg + 1)]
        ev = [wg[i] * (fg[i] - mp.polyval(c[::-1], grid[i])) for i in range(grid_n + 1)]
        cand = [0] + [i for i in range(1, grid_n)
                      if (ev[i] - ev[i - 1]) * (ev[i + 1] - ev[i]) <= 0] + [grid_n]
        alt = []
        for i in cand:
            p = (grid[i], ev[i])
            if alt and mp.sign(alt[-1][1]) == mp.sign(p[1]):
                if abs(p[1]) > abs(alt[-1][1]):
                    alt[-1] = p
            else:
                alt.append(p)
        while len(alt) > n:
            alt.pop(0 if abs(alt[0][1]) < abs(alt[-1][1]) else -1)
        mx = max(abs(e) for e in ev)
        if len(alt) < n:
            break
        xs = [p[0] for p in alt]
    return c, mx


def expm1_fit():
    f = lambda r: mp.mpf(1) / 2 if r == 0 else (mp.expm1(r) - r) / r**2
    w = lambda r: max(r**2 / abs(mp.expm1(r)), mp.mpf("1e-3")) if r != 0 else mp.mpf("1e-3")
    h = mp.mpf("0.3467")
    return remez(f, w, -h, h, 4)


def atanh_fit():
    def f(z):
        if z == 0:
            return mp.mpf(1) / 3
        s = mp.sqrt(z)
        return (mp.atanh(s) / s - 1) / z

    w = lambda z: max(z / (1 + z * f(z)), mp.mpf("1e-12"))
    return remez(f, w, mp.mpf(0), mp.mpf(1) / 9 * mp.mpf("1.0001"), 3, grid_n=4000)


if __name__ == "__main__":
    for name, fit in (("P (expm1/exp)", expm1_fit), ("R (log1p/log)", atanh_fit)):
        c, e = fit()
        print(f"{name}: max weighted error {mp.nstr(e, 5)}")
        print("  coefficients, low to high:", ", ".join(mp.nstr(x, 12) for x in c))
