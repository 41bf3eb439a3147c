#!/usr/bin/env python3
"""Independent check of the XYZ advice and the revenue-per-period table on the sample sales.

    python3 test/independent/xyz_check.py [sales.csv] > expected.json

Python 3 standard library only, by another road than the engine's: the revenue of each client in
each period is a GROUP BY in sqlite3 over a period number computed by Python's datetime (months
y * 12 + m - 1, quarters y * 4 + (m - 1) // 3, ISO weeks as days since a Monday // 7); the window runs
from the period of the earliest date to the period of the latest (METHODS.md section 3).

It prints {"pairs": {"month/cv": {"T": 48, "X": 0, "Y": 0, "Z": 793}, ...},
           "months": ["2014-01", ...], "monthly": {"client key": [revenue per month], ...}}
for every pair of period (month, quarter, week) and method (cv with X <= 0.10 < Y <= 0.25 < Z;
frequency with X >= 0.75 > Y >= 0.25 > Z), and the monthly series of every client.
"""

import csv
import datetime
import json
import math
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, '..', '..', 'assets', 'sample-sales.csv')


def client_key(name):
    """Trimmed, inner white space folded to one space, lower case (METHODS.md section 0)."""
    return ' '.join(name.split()).lower()


def period(day, kind):
    d = datetime.date.fromisoformat(day)
    if kind == 'month':
        return d.year * 12 + d.month - 1
    if kind == 'quarter':
        return d.year * 4 + (d.month - 1) // 3
    # ISO weeks run Monday to Sunday; date.min (0001-01-01) is a Monday
    return (d - datetime.date.min).days // 7


def classify(series, method):
    t = len(series)
    if method == 'frequency':
        coverage = sum(1 for x in series if x > 0) / t
        return 'X' if coverage >= 0.75 else 'Y' if coverage >= 0.25 else 'Z'
    m = sum(series) / t
    if m <= 0:
        return 'Z'
    cv = math.sqrt(sum((x - m) ** 2 for x in series) / t) / m
    return 'X' if cv <= 0.10 else 'Y' if cv <= 0.25 else 'Z'


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else SAMPLE
    with open(path, encoding='utf-8', newline='') as f:
        rows = [(client_key(r['Customer Name']), r['Order Date'], float(r['Sales'])) for r in csv.DictReader(f)]
    db = sqlite3.connect(':memory:')
    db.execute('CREATE TABLE sales (client TEXT, day TEXT, amount REAL)')
    db.executemany('INSERT INTO sales VALUES (?, ?, ?)', rows)
    db.create_function('period', 2, period, deterministic=True)
    out = {'pairs': {}}
    for kind in ('month', 'quarter', 'week'):
        first, last = db.execute('SELECT period(MIN(day), ?), period(MAX(day), ?) FROM sales', (kind, kind)).fetchone()
        t = last - first + 1
        series = {}
        for client, p, amount in db.execute('SELECT client, period(day, ?) AS p, SUM(amount) FROM sales GROUP BY client, p', (kind,)):
            series.setdefault(client, [0.0] * t)[p - first] = amount
        for method in ('cv', 'frequency'):
            counts = {'T': t, 'X': 0, 'Y': 0, 'Z': 0}
            for s in series.values():
                counts[classify(s, method)] += 1
            out['pairs'][f'{kind}/{method}'] = counts
        if kind == 'month':
            out['months'] = [f'{(first + i) // 12}-{(first + i) % 12 + 1:02d}' for i in range(t)]
            out['monthly'] = series
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    main()
