#!/usr/bin/env python3
"""Independent check of the KPIs over time (METHODS.md section 9, docs/methods.md "Dynamics") on the
sample sales.

    python3 test/independent/dynamics_check.py [sales.csv] [window months] > expected.json

Python 3 standard library only, written from METHODS.md and docs/methods.md, not from the engine:

- money is loaded as exact integers in units of 1/10000 (the sample's Sales and Profit have at most 4
  decimals; the loader refuses anything else), so sums, growth denominators and the ABC limits are exact;
- the windows are computed with the calendar (datetime.date), a month step keeping the day of month
  clamped to the month's end;
- ABC of a window: before(i) = the sum of the window values of the buyers strictly above i (equal
  values share the class of the first of them), compared with 0.75 and 0.95 as integer inequalities
  (4 before < 3 total, 20 before < 19 total); a window profit below zero is D, a value of 0 C, below 0 D;
- the statuses, KPIs, bridge and cohorts straight from their definitions, client by client.

It prints {"asOf", "previous", "current", "kpis", "clients", "abc", "bridge", "cohorts"}: money in
currency units, ratios as floats, null where a denominator is not above 0.
"""

import calendar
import csv
import json
import os
import re
import sys
from datetime import date, timedelta

UNIT = 10000
MONEY_RE = re.compile(r'^-?\d+(\.\d{1,4})?$')


def units(text, row_no, what):
    text = text.strip()
    if not MONEY_RE.match(text):
        raise SystemExit(f'row {row_no}: {what} {text!r} has more than 4 decimals or is not a number')
    neg = text.startswith('-')
    whole, _, frac = text.lstrip('-').partition('.')
    v = int(whole) * UNIT + int((frac + '0000')[:4])
    return -v if neg else v


def client_key(name):
    return ' '.join(name.split()).lower()


def add_months(d, n):
    """d moved by n calendar months, the day of month clamped to the month's end."""
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def quarter(d):
    return d.year * 4 + (d.month - 1) // 3


def quarter_label(q):
    return f'{q // 4}-Q{q % 4 + 1}'


def ratio(num, den):
    return num / den if den > 0 else None


def window_classes(values, profits, buyers):
    """ABC (share method, 0.75 / 0.95) of the buyers on their window values; group D on window profit."""
    positive = sorted((values[k] for k in buyers if values[k] > 0), reverse=True)
    total = sum(positive)
    out = {}
    for k in buyers:
        v = values[k]
        if profits[k] < 0 or v < 0:
            out[k] = 'D'
        elif v == 0:
            out[k] = 'C'
        else:
            before = sum(x for x in positive if x > v)
            out[k] = 'A' if 4 * before < 3 * total else 'B' if 20 * before < 19 * total else 'C'
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'assets', 'sample-sales.csv')
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    rows = []
    names = {}
    with open(path, encoding='utf-8', newline='') as f:
        reader = csv.reader(f)
        header = next(reader)
        idx = {h: i for i, h in enumerate(header)}
        for row_no, rec in enumerate(reader, start=2):
            key = client_key(rec[idx['Customer Name']])
            names.setdefault(key, rec[idx['Customer Name']].strip())
            d = date.fromisoformat(rec[idx['Order Date']].strip()[:10])
            rows.append((key, d, units(rec[idx['Sales']], row_no, 'Sales'), units(rec[idx['Profit']], row_no, 'Profit')))

    as_of = max(d for _, d, _, _ in rows)
    cut = add_months(as_of, -w)      # last day of the previous window
    start = add_months(as_of, -2 * w)  # the day before the previous window
    p_from, c_from = start + timedelta(days=1), cut + timedelta(days=1)

    keys = sorted(names)
    rev_p = dict.fromkeys(keys, 0)
    rev_c = dict.fromkeys(keys, 0)
    prof_p = dict.fromkeys(keys, 0)
    prof_c = dict.fromkeys(keys, 0)
    bought_p, bought_c = set(), set()
    first = {}
    for k, d, a, p in rows:
        if p_from <= d <= cut:
            rev_p[k] += a
            prof_p[k] += p
            if a > 0:
                bought_p.add(k)
        elif c_from <= d <= as_of:
            rev_c[k] += a
            prof_c[k] += p
            if a > 0:
                bought_c.add(k)
        if a > 0 and (k not in first or d < first[k]):
            first[k] = d

    status = {}
    for k in keys:
        if k in bought_p and k in bought_c:
            status[k] = 'retained'
        elif k in bought_p:
            status[k] = 'churned'
        elif k in first and first[k] >= c_from:
            status[k] = 'new'
        elif k in bought_c and first[k] < p_from:
            status[k] = 'returned'
        else:
            status[k] = 'inactive'

    abc_p = window_classes(rev_p, prof_p, bought_p)
    abc_c = window_classes(rev_c, prof_c, bought_c)
    cls_p = {k: abc_p.get(k, '-') for k in keys}
    cls_c = {k: abc_c.get(k, '-') for k in keys}

    base = [k for k in keys if k in bought_p]
    key_p = [k for k in base if cls_p[k] == 'A']
    base_rev = sum(rev_p[k] for k in base)
    key_rev = sum(rev_p[k] for k in key_p)
    count = lambda s: sum(1 for k in keys if status[k] == s)
    kpis = {
        'clientsPrevious': len(bought_p),
        'clientsCurrent': len(bought_c),
        'retained': count('retained'),
        'churned': count('churned'),
        'new': count('new'),
        'returned': count('returned'),
        'inactive': count('inactive'),
        'retentionRate': ratio(count('retained'), len(bought_p)),
        'churnRate': ratio(count('churned'), len(bought_p)),
        'keyClientsPrevious': len(key_p),
        'keyClientRetention': ratio(sum(1 for k in key_p if k in bought_c), len(key_p)),
        'keyClientGrowth': (sum(rev_c[k] for k in key_p) / key_rev - 1) if key_rev > 0 else None,
        'nrr': ratio(sum(rev_c[k] for k in base), base_rev),
        'grr': ratio(sum(max(0, min(rev_c[k], rev_p[k])) for k in base), base_rev),
        'lostKeyRevenue': sum(rev_p[k] for k in key_p if k not in bought_c) / UNIT,
        'revenuePrevious': sum(rev_p.values()) / UNIT,
        'revenueCurrent': sum(rev_c.values()) / UNIT,
    }

    order = ['A', 'B', 'C', 'D', '-']
    abc = []
    for a in order:
        for b in order:
            if a == '-' and b == '-':
                continue
            ks = [k for k in keys if cls_p[k] == a and cls_c[k] == b]
            abc.append({'from': a, 'to': b, 'clients': len(ks), 'revenuePrevious': sum(rev_p[k] for k in ks) / UNIT, 'revenueCurrent': sum(rev_c[k] for k in ks) / UNIT})

    # the bridge: churned, returned and new by their change; retained and inactive by its sign
    steps = {'churned': [0, 0], 'contraction': [0, 0], 'expansion': [0, 0], 'returned': [0, 0], 'new': [0, 0]}
    for k in keys:
        d = rev_c[k] - rev_p[k]
        s = status[k]
        line = s if s in ('churned', 'returned', 'new') else 'contraction' if d < 0 else 'expansion' if d > 0 else None
        if line:
            steps[line][0] += d
            steps[line][1] += 1
    bridge = [{'key': 'previous', 'amount': sum(rev_p.values()) / UNIT, 'clients': len(bought_p)}]
    bridge += [{'key': k, 'amount': v[0] / UNIT, 'clients': v[1]} for k, v in steps.items()]
    bridge.append({'key': 'current', 'amount': sum(rev_c.values()) / UNIT, 'clients': len(bought_c)})

    # cohorts by quarter of the first purchase, up to the quarter of asOf
    last = quarter(as_of)
    members = {}
    for k, d in first.items():
        members.setdefault(quarter(d), set()).add(k)
    revenue, buyers = {}, {}
    for k, d, a, _ in rows:
        if k not in first:
            continue
        c, q = quarter(first[k]), quarter(d)
        if q < c:
            continue
        revenue[(c, q)] = revenue.get((c, q), 0) + a
        if a > 0:
            buyers.setdefault((c, q), set()).add(k)
    cohorts = []
    for c in sorted(members):
        own = revenue.get((c, c), 0)
        for q in range(c, last + 1):
            r = revenue.get((c, q), 0)
            cohorts.append({
                'cohort': quarter_label(c), 'k': q - c, 'clients': len(buyers.get((c, q), ())), 'revenue': r / UNIT,
                'size': len(members[c]), 'revenueRatio': r / own if own > 0 else None, 'partial': q == last,
            })

    clients = [{
        'client': names[k], 'status': status[k], 'revenuePrevious': rev_p[k] / UNIT, 'revenueCurrent': rev_c[k] / UNIT,
        'growth': (rev_c[k] / rev_p[k] - 1) if rev_p[k] > 0 else None, 'abcPrevious': cls_p[k], 'abcCurrent': cls_c[k],
    } for k in keys]
    json.dump({
        'asOf': as_of.isoformat(), 'previous': {'from': p_from.isoformat(), 'to': cut.isoformat()},
        'current': {'from': c_from.isoformat(), 'to': as_of.isoformat()},
        'kpis': kpis, 'clients': clients, 'abc': abc, 'bridge': bridge, 'cohorts': cohorts,
    }, sys.stdout)


if __name__ == '__main__':
    main()
