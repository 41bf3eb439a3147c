#!/usr/bin/env python3
"""The work of `key-clients segment --json` in pandas: the yardstick of the bench (bench/cli.bench.js).

  /usr/bin/python3 bench/pandas_segment.py sales.csv result.json            everything the JSON holds
  /usr/bin/python3 bench/pandas_segment.py --sections-0-5 sales.csv out.json  the per-client work of
                                                                            METHODS.md sections 0-5 only
  /usr/bin/python3 bench/pandas_segment.py --xlsx clients.xlsx sales.csv out.json   everything, and the
                                                  Clients table as a workbook (DataFrame.to_excel, openpyxl)

Reads a CSV of Order ID, Order Date, Customer Name, Sales, Profit (the bench's synthetic sales) and writes
what the command line's --json holds, by the rules of METHODS.md (the run's default settings):

- sections 0-5, per client: the key (trimmed, inner spaces folded, lower case; shown as its first row
  spells it), revenue, profit, orders (distinct order ids), first / last purchase, recency, revenue
  share, ABC by cumulative share (0.75 / 0.95, ties share the first one's class, D for a loss), ABC by
  profit, XYZ by the CV of the monthly series (0.10 / 0.25), ABC-XYZ, R / F / M scores (ties-aware
  percent rank, 5 bins), the RFM code and segment, lifecycle (365 / 180 / 90 days), quadrant, key client;
- section 9 (two windows of 12 months): each client's status, window revenues, growth and window ABC;
  the KPIs, the ABC migration (24 cells), the RFM segment migration (segments at asOf - 12 months
  against now), the revenue bridge and the cohorts by quarter;
- section 10: the LTV summary (a purchase is a distinct order, worth the sum of its rows), the BG/NBD
  and Gamma-Gamma fits (maximum likelihood over the log-parameters, the same log-likelihoods, BFGS of
  scipy.optimize with the analytic gradients, the engine's starting values and convergence test), the
  per-client P(alive), expected purchases over 12 months (the paper's equation 10 with
  scipy.special.hyp2f1, in Euler's transformed form as docs/methods.md gives it), expected value,
  12-month CLV and the simple LTV; the ltvModel summary.

It is written as a pandas user would write it for speed (vectorised, categorical keys, grouped
histories, hyp2f1 once per distinct (x, T)), not as a second implementation to trust: the bench times it,
and test/independent/pandas-yardstick.test.ts checks on small files that it agrees with the JSON of the
command line on every field it computes. Without scipy (Debian's python3-scipy) it still runs sections
0-9 and says on stderr that the LTV was left out (the bench then prints so).
"""
import json
import sys

import numpy as np
import pandas as pd

try:
    from scipy.optimize import brentq, minimize
    from scipy.special import digamma, gammaln, hyp2f1
    HAS_SCIPY = True
except ImportError:  # pragma: no cover - the bench says so
    HAS_SCIPY = False

EPS = 1e-9
LIMIT_A, LIMIT_B = 0.75, 0.95
LIMIT_X, LIMIT_Y = 0.10, 0.25
BINS = 5
LOST, AT_RISK, NEW = 365, 180, 90
WINDOW = 12
DISCOUNT = 0.1
MONTHS = 12
WEEKS_PER_MONTH = 365.25 / 12 / 7
MIN_REPEAT = 20

# METHODS.md section 4: the segment table, the first row that matches wins
SEGMENTS = [
    ('low_value_regulars', (1, 5), (4, 5), (1, 2)),
    ('champions', (4, 5), (4, 5), (4, 5)),
    ('cant_lose', (1, 1), (4, 5), (4, 5)),
    ('at_risk', (1, 2), (3, 5), (3, 5)),
    ('loyal', (3, 5), (3, 5), (3, 5)),
    ('new', (4, 5), (1, 1), (1, 5)),
    ('promising', (3, 3), (1, 1), (1, 5)),
    ('potential_loyalists', (3, 5), (2, 3), (1, 5)),
    ('need_attention', (2, 3), (2, 3), (2, 5)),
    ('about_to_sleep', (2, 2), (1, 2), (1, 5)),
    ('hibernating', (1, 2), (1, 3), (1, 5)),
]
SEGMENT_KEYS = [s[0] for s in SEGMENTS] + ['others']


def segment_table():
    """The segment index of every code r*100 + f*10 + m (bins 5)."""
    table = np.full(1000, len(SEGMENTS), dtype=np.int64)
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                for i, (_, rr, fr, mr) in enumerate(SEGMENTS):
                    if rr[0] <= r <= rr[1] and fr[0] <= f <= fr[1] and mr[0] <= m <= mr[1]:
                        table[r * 100 + f * 10 + m] = i
                        break
    return table


SEGMENT_OF_CODE = segment_table()


def abc_classes(values, negative_d=None):
    """ABC by cumulative share of the positive values: A while before < 0.75, B while before < 0.95,
    else C, before = the share of the values strictly above (equal values share a class); D below
    zero (and where `negative_d`), C at zero."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), 'C', dtype=object)
    pos = np.sort(values[values > 0])
    total = pos.sum()
    if len(pos):
        prefix_desc = np.concatenate(([0.0], np.cumsum(pos[::-1])))
        above = len(pos) - np.searchsorted(pos, values, side='right')
        before = prefix_desc[above] / total if total > 0 else np.zeros(len(values))
        cls = np.where(before < LIMIT_A - EPS, 'A', np.where(before < LIMIT_B - EPS, 'B', 'C'))
        out = np.where(values > 0, cls, out)
    out = np.where(values < 0, 'D', out)
    if negative_d is not None:
        out = np.where(negative_d, 'D', out)
    return out


def rfm_score(values):
    """score = min(bins, 1 + floor(bins * L / (n - 1))), L = the values strictly below."""
    n = len(values)
    if n == 1:
        return np.full(1, BINS, dtype=np.int64)
    lower = pd.Series(values).rank(method='min').to_numpy().astype(np.int64) - 1
    return np.minimum(BINS, 1 + (BINS * lower) // (n - 1))


def none_if_nan(a):
    """An object array with None where `a` is NaN (JSON null)."""
    out = np.asarray(a, dtype=object)
    out[pd.isna(a)] = None
    return out


def ratio(num, den):
    return float(num) / float(den) if den > 0 else None


def iso(day):
    """A day number (days since 1970-01-01) as yyyy-mm-dd."""
    return str(np.datetime64(int(day), 'D'))


def read(src):
    df = pd.read_csv(src, dtype={'Order ID': str, 'Customer Name': str})
    df['Order Date'] = pd.to_datetime(df['Order Date'], format='%Y-%m-%d')
    # client keys: trimmed, inner spaces folded, lower case (on the distinct names only)
    names = df['Customer Name'].astype('category')
    keys = names.cat.categories.str.strip().str.replace(r'\s+', ' ', regex=True).str.lower()
    key_codes, key_names = pd.factorize(keys)
    client = key_codes[names.cat.codes.to_numpy()]
    day = (df['Order Date'].to_numpy().astype('datetime64[D]').astype(np.int64))
    order = pd.factorize(df['Order ID'])[0]
    return df, client.astype(np.int64), len(key_names), key_names, day, order


def spreadsheet_sum(a):
    """Sums rounded to 15 significant digits (the engine's spreadsheetSum): 0.1 + 0.2 is 0.3."""
    return np.array([float('%.15g' % v) for v in a.tolist()], dtype=float)


def sections_0_5(df, client, k, key_names, day, order):
    """Per-client facts and classes of METHODS.md sections 0-5; a DataFrame by client code."""
    amount = df['Sales'].to_numpy(dtype=float)
    profit = df['Profit'].to_numpy(dtype=float)
    as_of = day.max()
    first_row = np.full(k, len(day), dtype=np.int64)
    np.minimum.at(first_row, client, np.arange(len(day)))
    g = pd.DataFrame({'client': client, 'order': order, 'day': day})
    c = pd.DataFrame({
        'client': df['Customer Name'].to_numpy()[first_row],
        'key': np.asarray(key_names),
        'firstRow': first_row,
        # sums held to 15 significant digits, as a spreadsheet holds them (docs/methods.md section 1)
        'revenue': spreadsheet_sum(np.bincount(client, amount, k)),
        'profit': spreadsheet_sum(np.bincount(client, profit, k)),
        'orders': g.drop_duplicates(['client', 'order']).groupby('client').size().reindex(range(k), fill_value=0).to_numpy(),
        'firstDay': g.groupby('client')['day'].min().to_numpy(),
        'lastDay': g.groupby('client')['day'].max().to_numpy(),
    })
    c['recencyDays'] = as_of - c['lastDay']
    positive = c['revenue'].clip(lower=0).sum()
    c['revenueShare'] = np.where(c['revenue'] > 0, c['revenue'] / positive, 0.0)
    c['abc'] = abc_classes(c['revenue'], c['profit'] < 0)
    c['abcProfit'] = abc_classes(c['profit'])

    # XYZ: revenue per month from the first date's month to asOf's, 0 where a client bought nothing
    month = df['Order Date'].dt.year.to_numpy() * 12 + df['Order Date'].dt.month.to_numpy() - 1
    m0 = month.min()
    periods = month.max() - m0 + 1
    series = np.bincount(client * periods + (month - m0), amount, k * periods).reshape(k, periods)
    mean = series.mean(axis=1)
    with np.errstate(invalid='ignore', divide='ignore'):
        cv = np.where(mean > 0, series.std(axis=1) / mean, np.nan)
    c['cv'] = cv
    c['xyz'] = np.where(np.isnan(cv), 'Z', np.where(cv <= LIMIT_X + EPS, 'X', np.where(cv <= LIMIT_Y + EPS, 'Y', 'Z')))
    c['abcXyz'] = c['abc'] + c['xyz']

    c['r'] = rfm_score(c['lastDay'].to_numpy())
    c['f'] = rfm_score(c['orders'].to_numpy())
    c['m'] = rfm_score(c['revenue'].to_numpy())
    c['rfm'] = c['r'] * 100 + c['f'] * 10 + c['m']
    c['segment'] = SEGMENT_OF_CODE[c['rfm'].to_numpy()]
    c['rfmSegment'] = np.asarray(SEGMENT_KEYS, dtype=object)[c['segment'].to_numpy()]
    tenure = as_of - c['firstDay']
    c['lifecycle'] = np.where(c['recencyDays'] > LOST, 'lost', np.where(c['recencyDays'] > AT_RISK, 'at_risk', np.where(tenure <= NEW, 'new', 'active')))
    loyal = (c['r'] >= 3) & (c['f'] >= 3)
    profitable = c['profit'] >= c['profit'].median()
    c['quadrant'] = np.where(loyal, np.where(profitable, 'III', 'II'), np.where(profitable, 'IV', 'I'))
    c['keyClient'] = (c['abc'] == 'A') & (c['lifecycle'] != 'lost')
    return c, as_of


def add_months(day, months):
    """A day number moved by whole calendar months, the day of month clamped to the month's end."""
    return int((pd.Timestamp(int(day), unit='D') + pd.DateOffset(months=months)).to_datetime64().astype('datetime64[D]').astype(np.int64))


def dynamics(df, client, k, day, order, c, as_of):
    """METHODS.md section 9 with W = 12 months and cohorts by quarter: the per-client columns (into
    `c`) and the kpis, migration, bridge and cohorts of the JSON."""
    amount = df['Sales'].to_numpy(dtype=float)
    profit = df['Profit'].to_numpy(dtype=float)
    cut = add_months(as_of, -WINDOW)
    p_from = add_months(as_of, -2 * WINDOW) + 1
    c_from = cut + 1
    in_p = (day >= p_from) & (day <= cut)
    in_c = (day >= c_from) & (day <= as_of)
    buy = amount > 0
    rev_p = np.bincount(client, np.where(in_p, amount, 0.0), k)
    rev_c = np.bincount(client, np.where(in_c, amount, 0.0), k)
    prof_p = np.bincount(client, np.where(in_p, profit, 0.0), k)
    prof_c = np.bincount(client, np.where(in_c, profit, 0.0), k)
    bought_p = np.bincount(client, in_p & buy, k) > 0
    bought_c = np.bincount(client, in_c & buy, k) > 0
    first = np.full(k, np.iinfo(np.int64).max)
    np.minimum.at(first, client[buy], day[buy])
    has_first = first != np.iinfo(np.int64).max
    status = np.where(bought_p & bought_c, 'retained', np.where(bought_p, 'churned', np.where(has_first & (first >= c_from), 'new', np.where(bought_c, 'returned', 'inactive'))))

    def window_abc(bought, value, prof):
        cls = np.full(k, '-', dtype=object)
        cls[bought] = abc_classes(value[bought], prof[bought] < 0)
        return cls

    abc_p = window_abc(bought_p, rev_p, prof_p)
    abc_c = window_abc(bought_c, rev_c, prof_c)
    c['status'] = status
    c['revenuePrevious'] = rev_p
    c['revenueCurrent'] = rev_c
    with np.errstate(invalid='ignore', divide='ignore'):
        c['growth'] = np.where(rev_p > 0, rev_c / rev_p - 1, np.nan)
    c['abcPrevious'] = abc_p
    c['abcCurrent'] = abc_c
    c['profitCurrent'] = prof_c

    counts = pd.Series(status).value_counts()
    n = lambda s: int(counts.get(s, 0))
    clients_p = int(bought_p.sum())
    key_p = bought_p & (abc_p == 'A')
    kpis = {
        'windowMonths': WINDOW,
        'previous': {'from': iso(p_from), 'to': iso(cut)},
        'current': {'from': iso(c_from), 'to': iso(as_of)},
        'clientsPrevious': clients_p,
        'clientsCurrent': int(bought_c.sum()),
        'retained': n('retained'), 'churned': n('churned'), 'new': n('new'), 'returned': n('returned'),
        'retentionRate': ratio(n('retained'), clients_p),
        'churnRate': ratio(n('churned'), clients_p),
        'keyClientsPrevious': int(key_p.sum()),
        'keyClientRetention': ratio((key_p & bought_c).sum(), key_p.sum()),
        'keyClientGrowth': float(rev_c[key_p].sum() / rev_p[key_p].sum() - 1) if rev_p[key_p].sum() > 0 else None,
        'nrr': ratio(rev_c[bought_p].sum(), rev_p[bought_p].sum()),
        'grr': ratio(np.maximum(0, np.minimum(rev_c, rev_p))[bought_p].sum(), rev_p[bought_p].sum()),
        'lostKeyRevenue': float(rev_p[key_p & ~bought_c].sum()),
        'inactive': n('inactive'),
        'revenuePrevious': float(rev_p.sum()),
        'revenueCurrent': float(rev_c.sum()),
    }

    # ABC migration: the 24 cells without (-, -)
    active = status != 'inactive'
    m = pd.DataFrame({'from': abc_p[active], 'to': abc_c[active], 'p': rev_p[active], 'c': rev_c[active]}).groupby(['from', 'to']).agg(clients=('p', 'size'), rp=('p', 'sum'), rc=('c', 'sum'))
    classes = ['A', 'B', 'C', 'D', '-']
    abc_migration = []
    for a in classes:
        for b in classes:
            if a == '-' and b == '-':
                continue
            row = m.loc[(a, b)] if (a, b) in m.index else None
            abc_migration.append({'from': a, 'to': b, 'clients': int(row['clients']) if row is not None else 0,
                                  'revenuePrevious': float(row['rp']) if row is not None else 0.0,
                                  'revenueCurrent': float(row['rc']) if row is not None else 0.0})

    # RFM migration: section 4 on the rows up to asOf - W over the clients that had bought by then
    upto = day <= cut
    g = pd.DataFrame({'client': client[upto], 'order': order[upto], 'day': day[upto], 'amount': amount[upto]})
    last_cut = g.groupby('client')['day'].max().reindex(range(k)).to_numpy()
    ord_cut = g.drop_duplicates(['client', 'order']).groupby('client').size().reindex(range(k), fill_value=0).to_numpy()
    rev_cut = np.bincount(g['client'].to_numpy(), g['amount'].to_numpy(), k)
    scored = has_first & (first <= cut)
    before = np.full(k, -1)
    if scored.any():
        code = rfm_score(last_cut[scored]) * 100 + rfm_score(ord_cut[scored]) * 10 + rfm_score(rev_cut[scored])
        before[scored] = SEGMENT_OF_CODE[code]
    mig = pd.DataFrame({'from': np.where(before < 0, len(SEGMENT_KEYS), before), 'to': c['segment'].to_numpy()}).value_counts().sort_index()
    labels = SEGMENT_KEYS + ['-']
    rfm_migration = [{'from': labels[a], 'to': SEGMENT_KEYS[b], 'clients': int(v)} for (a, b), v in mig.items()]

    # the revenue bridge
    d = rev_c - rev_p
    steps = {'churned': status == 'churned', 'contraction': ((status == 'retained') | (status == 'inactive')) & (d < 0),
             'expansion': ((status == 'retained') | (status == 'inactive')) & (d > 0), 'returned': status == 'returned', 'new': status == 'new'}
    bridge = [{'key': 'previous', 'amount': float(rev_p.sum()), 'clients': clients_p}]
    bridge += [{'key': s, 'amount': float(d[mask].sum()), 'clients': int(mask.sum())} for s, mask in steps.items()]
    bridge.append({'key': 'current', 'amount': float(rev_c.sum()), 'clients': int((bought_c).sum())})

    # cohorts by quarter of the first purchase (a row with amount > 0)
    quarter = (day.astype('datetime64[D]').astype('datetime64[M]').astype(np.int64)) // 3  # months since 1970 / 3
    q_as_of = int(np.datetime64(int(as_of), 'D').astype('datetime64[M]').astype(np.int64)) // 3
    cohort_of = np.full(k, -1)
    cohort_of[has_first] = first[has_first].astype('datetime64[D]').astype('datetime64[M]').astype(np.int64) // 3
    co = cohort_of[client]
    keep = (co >= 0) & (quarter >= co)
    rows = pd.DataFrame({'cohort': co[keep], 'q': quarter[keep], 'amount': amount[keep], 'client': client[keep], 'buy': buy[keep]})
    revenue = rows.groupby(['cohort', 'q'])['amount'].sum()
    buyers = rows[rows['buy']].drop_duplicates(['client', 'q']).groupby(['cohort', 'q']).size()
    sizes = pd.Series(cohort_of[has_first]).value_counts().sort_index()
    cohorts = []
    label = lambda q: f'{(q + 1970 * 4) // 4}-Q{(q + 1970 * 4) % 4 + 1}'
    for a, size in sizes.items():
        own = revenue.get((a, a), 0.0)
        for q in range(a, q_as_of + 1):
            rv = float(revenue.get((a, q), 0.0))
            cl = int(buyers.get((a, q), 0))
            cohorts.append({'cohort': label(a), 'k': int(q - a), 'clients': cl, 'revenue': rv, 'size': int(size), 'share': cl / int(size),
                            'revenueRatio': rv / own if own > 0 else None, 'partial': bool(q == q_as_of)})
    return {'kpis': kpis, 'migration': {'abc': abc_migration, 'rfm': rfm_migration}, 'cohorts': cohorts, 'bridge': bridge}


def bgnbd_ll(theta, x, tx, T, w, grad=True):
    """-LL / n of the BG/NBD model (Fader, Hardie and Lee 2005) over weighted histories, and its
    gradient in the log-parameters."""
    r, alpha, a, b = np.exp(theta)
    n = w.sum()
    l1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    l3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide='ignore', invalid='ignore'):
        l4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    mx = np.maximum(l3, l4)
    e3 = np.exp(l3 - mx)
    e4 = np.exp(l4 - mx)
    s = e3 + e4
    ll = (w * (l1 + mx + np.log(s))).sum()
    w3 = w * e3 / s
    w4 = w * e4 / s
    gr = (w * (digamma(r + x) - digamma(r) + np.log(alpha))).sum() - (w3 * np.log(alpha + T) + np.where(x > 0, w4 * np.log(alpha + tx), 0)).sum()
    galpha = (w * r / alpha).sum() - ((r + x) * (w3 / (alpha + T) + np.where(x > 0, w4 / (alpha + tx), 0))).sum()
    ga = (w * (digamma(a + b) - digamma(a + b + x))).sum() + (w4 / a).sum()
    gb = (w * (digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x))).sum() - np.where(x > 0, w4 / np.maximum(b + x - 1, 1e-300), 0).sum()
    g = -np.array([gr * r, galpha * alpha, ga * a, gb * b]) / n
    return -ll / n, g


def gg_ll(theta, x, m):
    """-LL / n of the Gamma-Gamma model over the clients with x > 0 and zbar > 0, and its gradient."""
    p, q, gam = np.exp(theta)
    n = len(x)
    px = p * x
    s = gam + x * m
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(gam) + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(s)).sum()
    gp = (x * (digamma(px + q) - digamma(px)) + x * np.log(x) + x * np.log(m) - x * np.log(s)).sum()
    gq = (digamma(px + q) - digamma(q) + np.log(gam) - np.log(s)).sum()
    gg = (q / gam - (px + q) / s).sum()
    return -ll / n, -np.array([gp * p, gq * q, gg * gam]) / n


def nbd_ll(theta, x, T, w):
    """-LL / n of the NBD model, the BG/NBD's limit a -> 0 (no drop-out), and its gradient."""
    r, alpha = np.exp(theta)
    n = w.sum()
    ll = (w * (gammaln(r + x) - gammaln(r) + r * np.log(alpha) - (r + x) * np.log(alpha + T))).sum()
    gr = (w * (digamma(r + x) - digamma(r) + np.log(alpha) - np.log(alpha + T))).sum()
    galpha = (w * (r / alpha - (r + x) / (alpha + T))).sum()
    return -ll / n, -np.array([gr * r, galpha * alpha]) / n


def same_mean_value(x, m):
    """The Gamma-Gamma's limit q -> infinity (one mean purchase value nu for everyone): p, the mean
    value and the log-likelihood (docs/methods.md, "Edges of the parameter space"); p and the
    likelihood infinite where every zbar is the same to about 6 digits."""
    mean = float((x * m).sum() / x.sum())
    D = float((x * np.log(mean / m)).sum())
    slope = lambda p: float((x * (np.log(p * x) - digamma(p * x))).sum()) - D
    if not D > 1e-12 * x.sum() or slope(1e10) > 0:
        return np.inf, mean, np.inf
    p = brentq(slope, 1e-10, 1e10, xtol=1e-300, rtol=1e-15, maxiter=500)
    nu = p * x.sum() / (x * m).sum()
    ll = float((p * x * np.log(nu * x) - gammaln(p * x) + (p * x - 1) * np.log(m) - nu * x * m).sum())
    return p, mean, ll


LIMIT_MARGIN = 1e-3


def fit(f, start, args):
    """BFGS of scipy on the log-parameters; converged as the engine counts it (docs/methods.md, "LTV"):
    every |gradient of LL / n| <= 1e-9, or <= 1e-6 when the precision ran out, each parameter within
    a factor 1e6 of its scale (the default start)."""
    res = minimize(f, np.log(start), args=args, jac=True, method='BFGS', options={'gtol': 1e-9, 'maxiter': 500})
    params = np.exp(res.x)
    gnorm = np.abs(res.jac).max()
    ratio = params / np.asarray(start, dtype=float)
    converged = (gnorm <= 1e-9 or (res.status == 2 and gnorm <= 1e-6)) and bool(np.all((ratio >= 1e-6) & (ratio <= 1e6)))
    return params, -res.fun, converged


def ltv(df, client, k, day, order, c, as_of, retention):
    """METHODS.md section 10: the summary, both fits, the per-client predictions (into `c`) and ltvModel."""
    amount = df['Sales'].to_numpy(dtype=float)
    # purchases: distinct (client, order), dated by their earliest row, worth the sum of their rows
    p = pd.DataFrame({'client': client, 'order': order, 'day': day, 'amount': amount, 'row': np.arange(len(day))})
    p = p.groupby(['client', 'order'], sort=False).agg(day=('day', 'min'), value=('amount', 'sum'), row=('row', 'min')).reset_index()
    p = p.sort_values(['client', 'day', 'row'], kind='mergesort')
    firsts = p.drop_duplicates('client')
    per = p.groupby('client').agg(n=('day', 'size'), last=('day', 'max'), total=('value', 'sum'))
    x = (per['n'].to_numpy() - 1).astype(float)
    first_day = firsts.set_index('client')['day'].reindex(per.index).to_numpy()
    first_value = firsts.set_index('client')['value'].reindex(per.index).to_numpy()
    tx = (per['last'].to_numpy() - first_day) / 7
    T = (as_of - first_day) / 7
    zbar = np.where(x > 0, (per['total'].to_numpy() - first_value) / np.maximum(x, 1), 0.0)
    idx = per.index.to_numpy()
    repeat = int((x > 0).sum())
    value_buyers = int(((x > 0) & (zbar > 0)).sum())
    warnings = []
    model = {'bgnbd': None, 'gammaGamma': None, 'clients': 0, 'months': MONTHS, 'discount': DISCOUNT, 'repeatBuyers': repeat,
             'retentionRate': retention, 'keyClientsLowPAlive': 0, 'warnings': warnings}
    blank = np.full(k, np.nan)
    c['pAlive'], c['expectedPurchases12m'], c['expectedValue'], c['clv12m'] = blank.copy(), blank.copy(), blank.copy(), blank.copy()
    bg = gg = None
    if repeat < MIN_REPEAT:
        warnings.append({'code': 'ltvTooFewRepeatBuyers', 'params': {'buyers': repeat, 'needed': MIN_REPEAT}})
    else:
        h = pd.DataFrame({'x': x, 'tx': tx, 'T': T}).value_counts().reset_index(name='w')
        hx, htx, hT, hw = (h[col].to_numpy(dtype=float) for col in ('x', 'tx', 'T', 'w'))
        start = [1.0, (hw * hT).sum() / (hw * hx).sum() if (hw * hx).sum() > 0 else 1.0, 1.0, 1.0]
        params, ll, ok = fit(bgnbd_ll, start, (hx, htx, hT, hw))
        # the limit a = 0 (no drop-out) is the answer where the full fit is not above it by more than LIMIT_MARGIN
        lim, lim_ll, lim_ok = fit(nbd_ll, start[:2], (hx, hT, hw))
        if lim_ok and not ll * hw.sum() > lim_ll * hw.sum() + LIMIT_MARGIN:
            bg = np.array([lim[0], lim[1], 0.0, np.inf])
            model['bgnbd'] = {'r': lim[0], 'alpha': lim[1], 'a': 0.0, 'b': None, 'logLikelihood': lim_ll * hw.sum(), 'boundary': 'noDropout'}
            model['clients'] = int(hw.sum())
            warnings.append({'code': 'ltvNoDropout', 'params': {}})
        elif ok:
            bg = params
            model['bgnbd'] = {'r': params[0], 'alpha': params[1], 'a': params[2], 'b': params[3], 'logLikelihood': ll * hw.sum(), 'boundary': None}
            model['clients'] = int(hw.sum())
        else:
            warnings.append({'code': 'ltvBgNbdNotConverged', 'params': {}})
        if value_buyers < MIN_REPEAT:
            warnings.append({'code': 'ltvTooFewValueBuyers', 'params': {'buyers': value_buyers, 'needed': MIN_REPEAT}})
        else:
            sel = (x > 0) & (zbar > 0)
            params, ll, ok = fit(gg_ll, [1.0, 2.0, zbar[sel].mean()], (x[sel], zbar[sel]))
            lp, lmean, lll = same_mean_value(x[sel], zbar[sel])
            if not ll * sel.sum() > lll + LIMIT_MARGIN:
                # the limit q -> infinity: every client's expected value is the one mean value
                gg = np.array([lp, np.inf, np.inf, lmean])
                finite = lambda v: float(v) if np.isfinite(v) else None
                model['gammaGamma'] = {'p': finite(lp), 'q': None, 'gamma': None, 'logLikelihood': finite(lll), 'meanValue': lmean, 'boundary': 'sameMeanValue'}
                warnings.append({'code': 'ltvSameMeanValue', 'params': {'value': np.floor(lmean * 100 + 0.5) / 100}})  # Math.round
            elif not ok:
                warnings.append({'code': 'ltvGammaGammaNotConverged', 'params': {}})
            elif not params[1] > 1:
                warnings.append({'code': 'ltvInfiniteMeanValue', 'params': {'q': round(params[1] * 1000) / 1000}})
            else:
                gg = np.append(params, params[0] * params[2] / (params[1] - 1))
                model['gammaGamma'] = {'p': params[0], 'q': params[1], 'gamma': params[2], 'logLikelihood': ll * sel.sum(), 'meanValue': gg[3], 'boundary': None}
    if gg is not None:
        p_, q_, g_, mean_ = gg
        if np.isinf(q_):
            value = np.full(len(x), mean_)
        else:
            value = np.where(x > 0, (g_ + x * zbar) * p_ / (p_ * x + q_ - 1), p_ * g_ / (q_ - 1))
        value = np.where((x > 0) & ~(zbar > 0), np.nan, value)
        c.loc[idx, 'expectedValue'] = value
        if ((x > 0) & ~(zbar > 0)).any():
            warnings.append({'code': 'ltvNonPositiveValue', 'params': {'clients': int(((x > 0) & ~(zbar > 0)).sum())}})
    if bg is not None:
        r, alpha, a, b = bg
        if a == 0:
            alive = np.ones(len(x))  # no drop-out: everyone is alive
        else:
            with np.errstate(over='ignore'):
                odds = np.exp(np.log(a / np.maximum(b + x - 1, 1e-300)) + (r + x) * np.log((alpha + T) / (alpha + tx)))
            alive = np.where(x > 0, 1 / (1 + odds), 1.0)
        c.loc[idx, 'pAlive'] = alive
        # E[Y(t)] / P(alive) of equation 10 through Euler's transformation, once per distinct (x, T)
        pos, uniq = pd.factorize(pd.MultiIndex.from_arrays([x, T]))
        ux, uT = uniq.get_level_values(0).to_numpy(), uniq.get_level_values(1).to_numpy()
        horizons = np.arange(1, MONTHS + 1) * WEEKS_PER_MONTH if gg is not None else np.array([MONTHS * WEEKS_PER_MONTH])
        curves = np.empty((len(ux), len(horizons)))
        for j, t in enumerate(horizons):
            if a == 0:
                curves[:, j] = (r + ux) * t / (alpha + uT)  # E[Y(t) | x, T] at a = 0
                continue
            z = t / (alpha + uT + t)
            f = hyp2f1(a + b - 1 - r, a - 1, a + b + ux - 1, z)
            # (a + b + x - 1) / (a - 1) * [1 - (1 - z)^(a - 1) 2F1(...)]
            curves[:, j] = (a + b + ux - 1) / (a - 1) * -np.expm1((a - 1) * np.log1p(-z) + np.log(f))
        curve = curves[pos]
        c.loc[idx, 'expectedPurchases12m'] = curve[:, -1] * alive
        if gg is not None:
            factors = (1 + DISCOUNT) ** (-np.arange(1, MONTHS + 1) / 12)
            step = np.diff(np.concatenate([np.zeros((len(curve), 1)), curve], axis=1), axis=1)
            margin = np.clip(np.where(c['revenue'].to_numpy()[idx] > 0, c['profit'].to_numpy()[idx] / c['revenue'].to_numpy()[idx], 0), 0, 1)
            c.loc[idx, 'clv12m'] = (step * factors).sum(axis=1) * alive * c['expectedValue'].to_numpy()[idx] * margin
    rr = retention
    c['ltvSimple'] = np.where(rr is not None and 1 + DISCOUNT - (rr or 0) > 0, c['profitCurrent'] * (rr or 0) / (1 + DISCOUNT - (rr or 0)) + 0, np.nan)
    model['keyClientsLowPAlive'] = int((c['keyClient'] & (c['pAlive'] < 0.5)).sum())
    return model


def main(args):
    # --xlsx FILE: also the Clients table as a workbook, the way a pandas user writes one (DataFrame.to_excel
    # with openpyxl, Debian's python3-openpyxl): a part of what the command line's workbook holds
    xlsx = None
    if '--xlsx' in args:
        at = args.index('--xlsx')
        xlsx = args[at + 1]
        args = args[:at] + args[at + 2:]
    full = args[0] != '--sections-0-5'
    src, dst = args[-2], args[-1]
    df, client, k, key_names, day, order = read(src)
    c, as_of = sections_0_5(df, client, k, key_names, day, order)
    doc = {'asOf': iso(as_of)}
    cols = ['client', 'revenue', 'profit', 'orders', 'firstPurchase', 'lastPurchase', 'recencyDays', 'revenueShare',
            'abc', 'abcProfit', 'xyz', 'cv', 'abcXyz', 'r', 'f', 'm', 'rfm', 'rfmSegment', 'lifecycle', 'quadrant', 'keyClient']
    if full:
        dyn = dynamics(df, client, k, day, order, c, as_of)
        doc.update(dyn)
        cols += ['status', 'revenuePrevious', 'revenueCurrent', 'growth', 'abcPrevious', 'abcCurrent']
        if HAS_SCIPY:
            doc['ltvModel'] = ltv(df, client, k, day, order, c, as_of, dyn['kpis']['retentionRate'])
            cols += ['pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple']
        else:
            sys.stderr.write('pandas_segment.py: no scipy (Debian python3-scipy): the LTV fits and predictions were left out\n')
    # the report order: revenue descending, ties by key, then first row
    c = c.sort_values(['revenue', 'key', 'firstRow'], ascending=[False, True, True], kind='mergesort')
    c['firstPurchase'] = c['firstDay'].to_numpy().astype('datetime64[D]').astype(str)
    c['lastPurchase'] = c['lastDay'].to_numpy().astype('datetime64[D]').astype(str)
    out = c[cols].copy()
    for col in ('cv', 'growth', 'pAlive', 'expectedPurchases12m', 'expectedValue', 'clv12m', 'ltvSimple'):
        if col in out:
            out[col] = none_if_nan(out[col].to_numpy())
    with open(dst, 'w', encoding='utf-8') as f:
        head = json.dumps(doc, indent=2)
        f.write(head[:-2] + ',\n  "clients": ')
        f.write(out.to_json(orient='records', indent=2, double_precision=15))
        f.write('\n}\n')
    if xlsx:
        out.to_excel(xlsx, sheet_name='Clients', index=False, engine='openpyxl')
    print(json.dumps({'clients': int(len(c)), 'revenue': float(c['revenue'].sum()), 'ltv': bool(full and HAS_SCIPY)}))


if __name__ == '__main__':
    main(sys.argv[1:])
