#!/usr/bin/env python3
"""Independent check of the Key Clients engine on the sample sales (METHODS.md sections 1-5).

    python3 test/independent/superstore_check.py [sales.csv] > expected.json

Python 3 standard library only. The rules of /work/shared/METHODS.md are applied by a different
algorithm from the engine's, so that a shared misreading is less likely to hide:

- money is loaded as exact integers in units of 1/10000 (every Sales and Profit of the sample has at
  most 4 decimals; the loader refuses anything else), so sums, ties and the ABC limits are exact;
- the aggregation is plain SQL in sqlite3;
- ABC: before(i) = SUM over the peer groups strictly above (a GROUPS window frame), compared with the
  limits as exact integer inequalities (4*before < 3*total for 0.75, 20*before < 19*total for 0.95);
- XYZ: CV = sqrt(T*S2 - S1^2) / S1 from the integer sums S1 = sum x, S2 = sum x^2 of the monthly
  series (population stdev / mean), months missing from the data counted as 0 through T;
- RFM: L = RANK() - 1 (rank counts the clients strictly worse), score in integer arithmetic;
- segments: a table of ranges joined to the scores, the lowest matching row number wins;
- median of profit from the ordered list (average of the two middle values when n is even).

It prints {"asOf": "yyyy-mm-dd", "clients": [{...}]} with the keys the engine's JSON has:
client, revenue, profit, orders, firstPurchase, lastPurchase, recencyDays, revenueShare, abc,
abcProfit, xyz, cv, abcXyz, r, f, m, rfm, rfmSegment, lifecycle, quadrant, keyClient.
Clients are sorted by revenue descending, then by client key.
"""

import csv
import json
import math
import os
import re
import sqlite3
import sys
from decimal import Decimal

UNIT = 10000  # money is stored in 1/10000 units
LIMIT_A = (3, 4)  # 0.75 = 3/4
LIMIT_B = (19, 20)  # 0.95 = 19/20
XYZ_X = 0.10
XYZ_Y = 0.25
BINS = 5
LOST_DAYS, AT_RISK_DAYS, NEW_DAYS = 365, 180, 90

COLUMNS = {
    'client': 'Customer Name',
    'amount': 'Sales',
    'date': 'Order Date',
    'order': 'Order ID',
    'profit': 'Profit',
}

# METHODS.md section 4, in its order: key, R range, F range, M range. The first match wins.
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

MONEY_RE = re.compile(r'^-?\d+(\.\d{1,4})?$')
DATE_RE = re.compile(r'^\d{4}-\d{2}-\d{2}$')


def client_key(name):
    """Trimmed, inner white space folded to one space, lower case."""
    return ' '.join(name.split()).lower()


def money_units(text, row_no, what):
    if not MONEY_RE.match(text):
        raise SystemExit(f'row {row_no}: {what} {text!r} is not a number with at most 4 decimals')
    return int(Decimal(text) * UNIT)


def load(conn, path):
    conn.execute(
        'CREATE TABLE sales (row_no INTEGER PRIMARY KEY, ckey TEXT NOT NULL, cname TEXT NOT NULL, '
        'order_id TEXT NOT NULL, d TEXT NOT NULL, amount INTEGER NOT NULL, profit INTEGER NOT NULL)'
    )
    with open(path, newline='', encoding='utf-8-sig') as f:
        reader = csv.reader(f)
        header = next(reader)
        idx = {field: header.index(col) for field, col in COLUMNS.items()}
        rows = []
        for row_no, rec in enumerate(reader, start=2):
            if not any(v.strip() for v in rec):
                continue
            name = ' '.join(rec[idx['client']].split())
            date = rec[idx['date']].strip()[:10]
            if not name:
                raise SystemExit(f'row {row_no}: empty client')
            if not DATE_RE.match(date):
                raise SystemExit(f'row {row_no}: date {date!r} is not yyyy-mm-dd')
            rows.append((
                row_no, client_key(name), name, rec[idx['order']].strip(), date,
                money_units(rec[idx['amount']].strip(), row_no, 'amount'),
                money_units(rec[idx['profit']].strip(), row_no, 'profit'),
            ))
    conn.executemany('INSERT INTO sales VALUES (?,?,?,?,?,?,?)', rows)
    return len(rows)


def abc_sql(value_col):
    """Class of each client on `value_col` (an integer column of `facts`) by the 'share' method."""
    (na, da), (nb, db) = LIMIT_A, LIMIT_B
    return f'''
    WITH pos AS (
      SELECT ckey, {value_col} AS v,
             COALESCE(SUM({value_col}) OVER (ORDER BY {value_col} DESC
                      GROUPS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
             SUM({value_col}) OVER () AS total
      FROM facts WHERE {value_col} > 0
    )
    SELECT f.ckey,
           CASE WHEN f.{value_col} < 0 THEN 'D'
                WHEN f.{value_col} = 0 THEN 'C'
                WHEN {da} * p.before < {na} * p.total THEN 'A'
                WHEN {db} * p.before < {nb} * p.total THEN 'B'
                ELSE 'C' END AS cls
    FROM facts f LEFT JOIN pos p ON p.ckey = f.ckey
    '''


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'assets', 'sample-sales.csv')
    if sqlite3.sqlite_version_info < (3, 28, 0):
        raise SystemExit(f'sqlite {sqlite3.sqlite_version} is too old: GROUPS window frames need 3.28+')
    conn = sqlite3.connect(':memory:')
    n_rows = load(conn, path)

    # Section 1: per-client facts.
    conn.executescript('''
    CREATE TABLE facts AS
    SELECT s.ckey,
           (SELECT cname FROM sales s2 WHERE s2.ckey = s.ckey ORDER BY row_no LIMIT 1) AS client,
           SUM(amount) AS revenue, SUM(profit) AS profit,
           COUNT(DISTINCT order_id) AS orders,
           MIN(d) AS first_purchase, MAX(d) AS last_purchase
    FROM sales s GROUP BY s.ckey;
    CREATE TABLE params AS
    SELECT MAX(d) AS as_of, MIN(d) AS first_date,
           (SELECT SUM(revenue) FROM facts WHERE revenue > 0) AS total_pos_revenue,
           (SELECT COUNT(*) FROM facts) AS n
    FROM sales;
    ''')
    as_of, first_date, total_pos, n = conn.execute('SELECT as_of, first_date, total_pos_revenue, n FROM params').fetchone()

    # Section 2: ABC on revenue and on profit.
    abc_rev = dict(conn.execute(abc_sql('revenue')).fetchall())
    abc_profit = dict(conn.execute(abc_sql('profit')).fetchall())

    # Section 3: XYZ by CV over calendar months, first month of the data .. month of asOf.
    months = conn.execute('''
    WITH RECURSIVE m(month) AS (
      SELECT substr(first_date, 1, 7) || '-01' FROM params
      UNION ALL
      SELECT date(month, '+1 month') FROM m, params WHERE date(month, '+1 month') <= as_of
    ) SELECT COUNT(*) FROM m''').fetchone()[0]
    t_periods = months
    series = {
        ckey: (s1, s2)
        for ckey, s1, s2 in conn.execute('''
        WITH monthly AS (
          SELECT ckey, substr(d, 1, 7) AS month, SUM(amount) AS x FROM sales GROUP BY ckey, month
        )
        SELECT f.ckey, COALESCE(SUM(x), 0), COALESCE(SUM(x * x), 0)
        FROM facts f LEFT JOIN monthly mo ON mo.ckey = f.ckey GROUP BY f.ckey''')
    }

    # Section 4: RFM scores (ties-aware percent rank, integer arithmetic).
    scores = {
        ckey: (r, f, m)
        for ckey, r, f, m in conn.execute(f'''
        WITH ranked AS (
          SELECT ckey,
                 RANK() OVER (ORDER BY last_purchase) - 1 AS lr,
                 RANK() OVER (ORDER BY orders) - 1 AS lf,
                 RANK() OVER (ORDER BY revenue) - 1 AS lm,
                 COUNT(*) OVER () AS n
          FROM facts
        )
        SELECT ckey,
               CASE WHEN n = 1 THEN {BINS} ELSE MIN({BINS}, 1 + ({BINS} * lr) / (n - 1)) END,
               CASE WHEN n = 1 THEN {BINS} ELSE MIN({BINS}, 1 + ({BINS} * lf) / (n - 1)) END,
               CASE WHEN n = 1 THEN {BINS} ELSE MIN({BINS}, 1 + ({BINS} * lm) / (n - 1)) END
        FROM ranked''')
    }
    conn.execute('CREATE TABLE segs (ord INTEGER, key TEXT, rlo, rhi, flo, fhi, mlo, mhi)')
    conn.executemany('INSERT INTO segs VALUES (?,?,?,?,?,?,?,?)',
                     [(i, k, *r, *f, *m) for i, (k, r, f, m) in enumerate(SEGMENTS)])
    conn.execute('CREATE TABLE scores (ckey TEXT, r INTEGER, f INTEGER, m INTEGER)')
    conn.executemany('INSERT INTO scores VALUES (?,?,?,?)', [(k, *v) for k, v in scores.items()])
    segment = dict(conn.execute('''
        SELECT s.ckey,
               COALESCE((SELECT key FROM segs g
                         WHERE s.r BETWEEN g.rlo AND g.rhi AND s.f BETWEEN g.flo AND g.fhi
                           AND s.m BETWEEN g.mlo AND g.mhi
                         ORDER BY g.ord LIMIT 1), 'others')
        FROM scores s'''))

    # Section 5: median of profit (twice the median, to stay in integers).
    profits = [p for (p,) in conn.execute('SELECT profit FROM facts ORDER BY profit')]
    twice_median = profits[(n - 1) // 2] + profits[n // 2]
    mid = math.ceil((BINS + 1) / 2)

    clients = []
    for (ckey, client, revenue, profit, orders, first_p, last_p, recency, since_first) in conn.execute('''
        SELECT f.ckey, f.client, f.revenue, f.profit, f.orders, f.first_purchase, f.last_purchase,
               CAST(julianday(p.as_of) - julianday(f.last_purchase) AS INTEGER),
               CAST(julianday(p.as_of) - julianday(f.first_purchase) AS INTEGER)
        FROM facts f, params p ORDER BY f.revenue DESC, f.ckey'''):
        abc = 'D' if profit < 0 else abc_rev[ckey]
        s1, s2 = series[ckey]
        assert s1 == revenue
        if s1 <= 0:
            xyz, cv = 'Z', None
        else:
            cv = math.sqrt(t_periods * s2 - s1 * s1) / s1  # exact integers up to the sqrt
            xyz = 'X' if cv <= XYZ_X else 'Y' if cv <= XYZ_Y else 'Z'
        r, f, m = scores[ckey]
        if recency > LOST_DAYS:
            lifecycle = 'lost'
        elif recency > AT_RISK_DAYS:
            lifecycle = 'at_risk'
        elif since_first <= NEW_DAYS:
            lifecycle = 'new'
        else:
            lifecycle = 'active'
        loyal = r >= mid and f >= mid
        profitable = 2 * profit >= twice_median
        quadrant = {(False, False): 'I', (True, False): 'II', (True, True): 'III', (False, True): 'IV'}[(loyal, profitable)]
        clients.append({
            'client': client,
            'revenue': revenue / UNIT,
            'profit': profit / UNIT,
            'orders': orders,
            'firstPurchase': first_p,
            'lastPurchase': last_p,
            'recencyDays': recency,
            'revenueShare': revenue / total_pos if revenue > 0 else 0,
            'abc': abc,
            'abcProfit': abc_profit[ckey],
            'xyz': xyz,
            'cv': cv,
            'abcXyz': abc + xyz,
            'r': r,
            'f': f,
            'm': m,
            'rfm': r * 100 + f * 10 + m,
            'rfmSegment': segment[ckey],
            'lifecycle': lifecycle,
            'quadrant': quadrant,
            'keyClient': abc == 'A' and lifecycle != 'lost',
        })

    json.dump({'asOf': as_of, 'rows': n_rows, 'periods': t_periods, 'clients': clients},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
