#!/usr/bin/python3
"""Independent values for the LTV engine's tests (METHODS.md section 10).

    /usr/bin/python3 test/independent/ltv_check.py > test/data/ltv/expected.json

Needs Debian's python3-mpmath and python3-scipy (/usr/bin/python3 here). Nothing in it comes from the
engine: every value is computed from the published formulas by other means.

- lgamma, digamma, 2F1: mpmath at 40 significant digits (mp.loggamma, mp.digamma, mp.hyp2f1).
- BG/NBD (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): P(alive) and the
  paper's equation 10 written as printed, with mp.hyp2f1 on the original arguments (no Euler
  transformation, no series of our own), at 40 digits; at a = 1 the 0/0 is resolved by evaluating at
  a = 1 +- 1e-25 (mpmath keeps the digits).
- Gamma-Gamma expected value and the 12-month CLV of METHODS.md section 10, from the same formulas.
- The maximum-likelihood fits on the CDNOW summary (test/data/cdnow): both likelihoods written with
  scipy.special.gammaln over every client (no weighting, no gradient), minimised by
  scipy.optimize.minimize (Nelder-Mead on the log-parameters, then Powell from its end point).

Prints one JSON object.
"""

import csv
import json
import math
import os

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

mp.mp.dps = 40
HERE = os.path.dirname(os.path.abspath(__file__))
SUMMARY = os.path.join(HERE, '..', 'data', 'cdnow', 'cdnow_customers_summary_with_transactions.csv')

PUBLISHED_BG = {'r': 0.2426, 'alpha': 4.414, 'a': 0.7929, 'b': 2.426}
PUBLISHED_GG = {'p': 6.25, 'q': 3.74, 'gamma': 15.44}
WEEKS_PER_MONTH = mp.mpf('365.25') / 12 / 7


def f(v):
    return float(v)


def p_alive(P, x, tx, T):
    r, al, a, b = (mp.mpf(P[k]) for k in ('r', 'alpha', 'a', 'b'))
    x, tx, T = mp.mpf(x), mp.mpf(tx), mp.mpf(T)
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def expected(P, t, x, tx, T):
    """Equation 10 of the paper, as printed."""
    r, al, a, b = (mp.mpf(P[k]) for k in ('r', 'alpha', 'a', 'b'))
    x, tx, T, t = mp.mpf(x), mp.mpf(tx), mp.mpf(T), mp.mpf(t)
    if t == 0:
        return mp.mpf(0)

    def eq10(a):
        z = t / (al + T + t)
        hyp = mp.hyp2f1(r + x, b + x, a + b + x - 1, z)
        num = (a + b + x - 1) / (a - 1) * (1 - ((al + T) / (al + T + t)) ** (r + x) * hyp)
        den = 1 + (a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x) if x > 0 else 0)
        return num / den

    if a == 1:
        eps = mp.mpf('1e-25')
        return (eq10(a + eps) + eq10(a - eps)) / 2
    return eq10(a)


def expected_value(G, x, zbar):
    p, q, g = (mp.mpf(G[k]) for k in ('p', 'q', 'gamma'))
    x, zbar = mp.mpf(x), mp.mpf(zbar)
    return (g + x * zbar) * p / (p * x + q - 1) if x > 0 else p * g / (q - 1)


def clv(P, G, x, tx, T, zbar, margin, d, months):
    ev = expected_value(G, x, zbar)
    total = mp.mpf(0)
    prev = mp.mpf(0)
    for k in range(1, months + 1):
        e = expected(P, k * WEEKS_PER_MONTH, x, tx, T)
        total += (e - prev) * ev * mp.mpf(margin) / (1 + mp.mpf(d)) ** (mp.mpf(k) / 12)
        prev = e
    return total


def read_summary():
    with open(SUMMARY, newline='') as fh:
        rows = list(csv.DictReader(fh))
    x = np.array([float(r['x']) for r in rows])
    tx = np.array([float(r['t_x']) for r in rows])
    T = np.array([float(r['T']) for r in rows])
    z = np.array([float(r['zbar']) for r in rows])
    return x, tx, T, z


def bg_ll(theta, x, tx, T):
    r, al, a, b = np.exp(theta)
    ln_a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    ln_a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    ln_a3 = -(r + x) * np.log(al + T)
    ln_a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return float(np.sum(ln_a1 + ln_a2 + np.logaddexp(ln_a3, ln_a4)))


def gg_ll(theta, x, m):
    p, q, g = np.exp(theta)
    return float(np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(g)
                        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(g + m * x)))


def fit(ll, start, *args):
    res = minimize(lambda th: -ll(th, *args), np.log(start), method='Nelder-Mead',
                   options={'xatol': 1e-10, 'fatol': 1e-12, 'maxiter': 20000, 'maxfev': 40000})
    res = minimize(lambda th: -ll(th, *args), res.x, method='Powell', options={'xtol': 1e-12, 'ftol': 1e-14, 'maxiter': 20000})
    return np.exp(res.x), -res.fun


def main():
    out = {}
    out['lgamma'] = [[x, f(mp.log(abs(mp.gamma(mp.mpf(x)))))] for x in
                     [1e-8, 0.1, 0.5, 1, 1.5, 2, 2.5, 3.7, 9.99, 10, 10.5, 57.3, 1234.5, 1e6, -0.5, -2.5, -7.3]]
    out['digamma'] = [[x, f(mp.digamma(mp.mpf(x)))] for x in
                      [1e-6, 0.1, 0.5, 1, 2, 3.3, 9.9, 10, 25.5, 1e5, -0.5, -1.5, -7.3]]
    hyp = [
        (1, 1, 2, 0.5), (0.5, 0.5, 1.5, 0.25), (2.2426, 4.426, 5.2189, 0.47), (2.2426, 4.426, 5.2189, 0.9),
        (0.3, 1.7, 2.9, 0.99), (0.3, 1.7, 2.9, 0.999), (1.5, 2.5, 3.5, -0.5), (1.5, 2.5, 3.5, -3),
        (1.5, 2.5, 3.5, -50), (-3, 2.5, 1.5, 0.7), (0.25, -0.2, 0.8, 0.95), (5, 7, 0.5, 0.3), (2.5, 1.5, -0.5, 0.4),
    ]
    out['hyp2f1'] = [[a, b, c, z, f(mp.hyp2f1(a, b, c, z))] for a, b, c, z in hyp]

    cases = []
    cdnow_clients = [  # (x, t_x, T) of CDNOW customers 1, 2, 3 and others of the summary
        (2, 30.43, 38.86), (1, 1.71, 38.86), (0, 0.0, 38.86), (0, 0.0, 38.86), (7, 29.43, 35.43), (28, 34.71, 35.14),
        (1, 5.0, 32.0), (0, 0.0, 27.0), (3, 0.29, 27.0),
    ]
    for x, tx, T in cdnow_clients:
        for t in (39, 52.178571428571428, 1, 0):
            cases.append({'params': PUBLISHED_BG, 'x': x, 'tx': tx, 'T': T, 't': t})
    extra = [
        ({'r': 0.5, 'alpha': 2.0, 'a': 1.0, 'b': 3.0}, 3, 10.0, 20.0, 52.178571428571428),  # a = 1 exactly
        ({'r': 0.5, 'alpha': 2.0, 'a': 1.0 + 1e-9, 'b': 3.0}, 3, 10.0, 20.0, 52.178571428571428),
        ({'r': 0.5, 'alpha': 2.0, 'a': 2.5, 'b': 0.4}, 1, 1.0, 3.0, 52.178571428571428),  # a > 1, b + x - 1 < 1
        ({'r': 1.3, 'alpha': 0.1, 'a': 0.6, 'b': 1.5}, 0, 0.0, 0.0, 52.178571428571428),  # z = 0.998
        ({'r': 1.3, 'alpha': 0.1, 'a': 0.6, 'b': 1.5}, 40, 10.0, 10.0, 52.178571428571428),
        ({'r': 0.2426, 'alpha': 4.414, 'a': 0.7929, 'b': 2.426}, 200, 100.0, 104.0, 521.78571428571428),
        ({'r': 3.0, 'alpha': 50.0, 'a': 5.0, 'b': 0.5}, 2, 3.0, 80.0, 26.0),
    ]
    for P, x, tx, T, t in extra:
        cases.append({'params': P, 'x': x, 'tx': tx, 'T': T, 't': t})
    for c in cases:
        c['pAlive'] = f(p_alive(c['params'], c['x'], c['tx'], c['T']))
        c['expected'] = f(expected(c['params'], c['t'], c['x'], c['tx'], c['T']))
    out['bgnbd'] = cases

    out['expectedValue'] = [{'params': PUBLISHED_GG, 'x': x, 'zbar': z, 'value': f(expected_value(PUBLISHED_GG, x, z))}
                            for x, z in [(2, 22.35), (1, 11.77), (0, 0.0), (7, 38.3), (28, 15.1)]]
    clvs = []
    for (x, tx, T, z, margin, d, months) in [(2, 30.43, 38.86, 22.35, 1, 0.1, 12), (2, 30.43, 38.86, 22.35, 0.3, 0.1, 12),
                                             (0, 0, 38.86, 0, 1, 0.1, 12), (7, 29.43, 35.43, 38.3, 0.25, 0.05, 24),
                                             (1, 1.71, 38.86, 11.77, 1, 0, 12)]:
        clvs.append({'bg': PUBLISHED_BG, 'gg': PUBLISHED_GG, 'x': x, 'tx': tx, 'T': T, 'zbar': z, 'margin': margin,
                     'discount': d, 'months': months, 'clv': f(clv(PUBLISHED_BG, PUBLISHED_GG, x, tx, T, z, margin, d, months))})
    out['clv'] = clvs

    x, tx, T, z = read_summary()
    bg, bg_ll_value = fit(bg_ll, [1, 1, 1, 1], x, tx, T)
    keep = (x > 0) & (z > 0)
    gg, gg_ll_value = fit(gg_ll, [1, 1, 1], x[keep], z[keep])
    out['cdnowFit'] = {
        'bgnbd': {'r': bg[0], 'alpha': bg[1], 'a': bg[2], 'b': bg[3], 'logLikelihood': bg_ll_value},
        'gammaGamma': {'p': gg[0], 'q': gg[1], 'gamma': gg[2], 'logLikelihood': gg_ll_value, 'clients': int(keep.sum())},
        'publishedLogLikelihood': bg_ll(np.log([PUBLISHED_BG[k] for k in ('r', 'alpha', 'a', 'b')]), x, tx, T),
    }
    print(json.dumps(out, indent=1))


if __name__ == '__main__':
    main()
