#!/usr/bin/env python3
"""The per-client work of `key-clients segment` in pandas, for the bench (bench/cli.bench.js).

  python3 bench/pandas_segment.py sales.csv result.json

Reads a CSV of Order ID, Order Date, Customer Name, Sales, Profit (the bench's synthetic sales) and
writes, per client, what the command line's JSON holds, by the rules of METHODS.md: revenue, profit,
orders (distinct order ids), first/last purchase, recency, revenue share, average check, margin, ABC by
cumulative share (0.75 / 0.95, ties share the first one's class, D for negative profit), ABC by profit,
XYZ by the CV of the monthly series (0.10 / 0.25), ABC-XYZ, R/F/M scores (ties-aware percent rank,
5 bins) and the RFM code, lifecycle (365 / 180 / 90 days), quadrant and key client; JSON indented by 2.
It is the yardstick the issue names ("the same rules as a pandas script"), not a second implementation
to trust: the bench compares times, and the client count and total revenue for sanity.
"""
import json
import sys

import numpy as np
import pandas as pd


def abc_share(values: pd.Series, limit_a=0.75, limit_b=0.95) -> pd.Series:
    """A/B/C by cumulative share of the positive values, D below zero, C at zero; ties take the first one's class."""
    out = pd.Series('C', index=values.index, dtype=object)
    out[values < 0] = 'D'
    pos = values[values > 0].sort_values(ascending=False, kind='mergesort')
    if len(pos):
        before = (pos.cumsum() - pos) / pos.sum()
        cls = np.where(before < limit_a, 'A', np.where(before < limit_b, 'B', 'C'))
        cls = pd.Series(cls, index=pos.index)
        # equal values: the class of the first of them
        first = cls.groupby(pos.values).transform('first')
        out[pos.index] = first
    return out


def rfm_score(values: pd.Series, bins=5) -> pd.Series:
    """score = min(bins, 1 + floor(bins * L / (n - 1))), L = clients with a strictly smaller value."""
    n = len(values)
    if n == 1:
        return pd.Series(bins, index=values.index)
    worse = values.rank(method='min').astype(np.int64) - 1
    return np.minimum(bins, 1 + (bins * worse) // (n - 1)).astype(np.int64)


def main(src: str, dst: str) -> None:
    df = pd.read_csv(src, dtype={'Order ID': str, 'Customer Name': str}, parse_dates=['Order Date'])
    df['month'] = df['Order Date'].dt.year * 12 + df['Order Date'].dt.month
    g = df.groupby('Customer Name', sort=False)
    c = pd.DataFrame({
        'revenue': g['Sales'].sum(),
        'profit': g['Profit'].sum(),
        'orders': g['Order ID'].nunique(),
        'firstPurchase': g['Order Date'].min(),
        'lastPurchase': g['Order Date'].max(),
    })
    as_of = df['Order Date'].max()
    c['recencyDays'] = (as_of - c['lastPurchase']).dt.days
    positive = c['revenue'].clip(lower=0).sum()
    c['revenueShare'] = np.where(c['revenue'] > 0, c['revenue'] / positive, 0.0)
    c['averageCheck'] = c['revenue'] / c['orders']
    c['margin'] = np.where(c['revenue'] > 0, c['profit'] / c['revenue'], np.nan)
    c['abc'] = abc_share(c['revenue'])
    c.loc[c['profit'] < 0, 'abc'] = 'D'
    c['abcProfit'] = abc_share(c['profit'])

    # XYZ: revenue per month over the whole window, 0 where a client bought nothing
    months = np.arange(df['month'].min(), df['month'].max() + 1)
    series = df.pivot_table(index='Customer Name', columns='month', values='Sales', aggfunc='sum', fill_value=0.0)
    series = series.reindex(index=c.index, columns=months, fill_value=0.0)
    mean = series.mean(axis=1)
    cv = series.std(axis=1, ddof=0) / mean.where(mean > 0)
    c['cv'] = cv
    c['xyz'] = np.where(cv <= 0.10, 'X', np.where(cv <= 0.25, 'Y', 'Z'))
    c.loc[cv.isna(), 'xyz'] = 'Z'
    c['abcXyz'] = c['abc'] + c['xyz']

    c['r'] = rfm_score(c['lastPurchase'])
    c['f'] = rfm_score(c['orders'])
    c['m'] = rfm_score(c['revenue'])
    c['rfm'] = c['r'] * 100 + c['f'] * 10 + c['m']

    tenure = (as_of - c['firstPurchase']).dt.days
    c['lifecycle'] = np.where(c['recencyDays'] > 365, 'lost', np.where(c['recencyDays'] > 180, 'at_risk', np.where(tenure <= 90, 'new', 'active')))
    loyal = (c['r'] >= 3) & (c['f'] >= 3)
    profitable = c['profit'] >= c['profit'].median()
    c['quadrant'] = np.where(loyal, np.where(profitable, 'III', 'II'), np.where(profitable, 'IV', 'I'))
    c['keyClient'] = (c['abc'] == 'A') & (c['lifecycle'] != 'lost')

    c = c.sort_values(['revenue'], ascending=False, kind='mergesort')
    c['firstPurchase'] = c['firstPurchase'].dt.strftime('%Y-%m-%d')
    c['lastPurchase'] = c['lastPurchase'].dt.strftime('%Y-%m-%d')
    c = c.reset_index().rename(columns={'Customer Name': 'client'})
    with open(dst, 'w', encoding='utf-8') as f:
        f.write('{\n  "asOf": ' + json.dumps(as_of.strftime('%Y-%m-%d')) + ',\n  "clients": ')
        f.write(c.to_json(orient='records', indent=2, double_precision=15))
        f.write('\n}\n')
    print(json.dumps({'clients': int(len(c)), 'revenue': float(c['revenue'].sum())}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
