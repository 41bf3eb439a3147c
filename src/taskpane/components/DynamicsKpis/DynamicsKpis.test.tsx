/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { segmentClients, type Cell, type DynamicsResult } from '../../../core';
import { strings } from '../../strings';
import { DynamicsKpis } from './DynamicsKpis';

/**
 * The hand-computed table of test/core/segment-dynamics.test.ts, asOf 2024-12-31, W = 6: retention 3 / 4,
 * churn 1 / 4, key-client retention 1 / 2, key-client growth 1500 / 1600 - 1 = -6.25 %, NRR 1800 / 2000,
 * GRR 1300 / 2000, revenue lost with churned key clients 600.
 */
const T: Cell[][] = [
  ['Order', 'Date', 'Client', 'Amount'],
  ['O1', '2024-02-10', 'Ret', 1000], ['O2', '2024-08-05', 'Ret', 1500], ['O3', '2024-03-01', 'Churn', 600],
  ['O4', '2024-04-01', 'Ret2', 200], ['O5', '2024-05-01', 'Ret2', 100], ['O6', '2024-11-11', 'Ret2', 250],
  ['O7', '2024-06-30', 'Small', 100], ['O8', '2024-07-01', 'Small', 50], ['O9', '2024-09-15', 'Newc', 300],
  ['O10', '2023-12-31', 'Back', 400], ['O11', '2024-10-01', 'Back', 200], ['O12', '2023-03-01', 'Sleep', 100],
  ['O13', '2024-08-01', 'Refund', -50],
];
const dynamicsOf = (cells: Cell[][]) => segmentClients(cells, { settings: { asOf: '2024-12-31', dynamics: { windowMonths: 6 } } }).dynamics;

function renderKpis(dynamics: DynamicsResult | null, lang: 'en' | 'ru' | 'pl') {
  const s = strings(lang);
  render(
    <FluentProvider theme={webLightTheme}>
      <DynamicsKpis dynamics={dynamics} s={s} />
    </FluentProvider>,
  );
  return { s, panel: screen.getByRole('region', { name: s.kpiTitle }) };
}

/** The value shown under a KPI's name (the dd of its dt), spaces normalised. */
function valueOf(panel: HTMLElement, name: string): string {
  const dt = within(panel).getByText(name, { selector: 'dt' });
  return (dt.nextElementSibling?.textContent ?? '').replace(/\s/g, ' ');
}

describe('DynamicsKpis', () => {
  it('DynamicsKpis({ s: en }) shows the seven KPIs of the run with the names of the Summary', () => {
    const { panel } = renderKpis(dynamicsOf(T), 'en');
    expect(valueOf(panel, 'Retention rate')).toBe('75%');
    expect(valueOf(panel, 'Churn rate')).toBe('25%');
    expect(valueOf(panel, 'Key-client retention')).toBe('50%');
    expect(valueOf(panel, 'Key-client growth')).toBe('-6.3%');
    expect(valueOf(panel, 'Net revenue retention (NRR)')).toBe('90%');
    expect(valueOf(panel, 'Gross revenue retention (GRR)')).toBe('65%');
    expect(valueOf(panel, 'Revenue lost with churned key clients')).toBe('600');
  });

  it('DynamicsKpis({ s: en }) names both periods and their length', () => {
    const { panel } = renderKpis(dynamicsOf(T), 'en');
    expect(panel.textContent).toContain('Current period (6 months): 2024-07-01 – 2024-12-31; previous: 2024-01-01 – 2024-06-30');
  });

  it.each([
    // dates in the sentence as the language writes them
    ['ru', 'Коэффициент удержания клиентов', '75 %', 'Текущий период (6 месяцев): 01.07.2024 – 31.12.2024'],
    ['pl', 'Wskaźnik utrzymania klientów', '75%', 'Bieżący okres (6 miesięcy): 01.07.2024 – 31.12.2024'],
  ] as const)('DynamicsKpis({ s: %s }) writes names, numbers and the period in that language', (lang, name, value, period) => {
    const { panel } = renderKpis(dynamicsOf(T), lang);
    expect(valueOf(panel, name)).toBe(value);
    expect(panel.textContent).toContain(period);
  });

  it('DynamicsKpis shows a blank KPI as a dash that says why', () => {
    // nobody bought in the previous period: retention has nothing to divide by
    const { s, panel } = renderKpis(dynamicsOf([['Date', 'Client', 'Amount'], ['2024-08-01', 'A1', 100]]), 'en');
    const dd = within(panel).getByText('Retention rate', { selector: 'dt' }).nextElementSibling as HTMLElement;
    expect([dd.textContent, dd.getAttribute('aria-label'), dd.getAttribute('title')]).toEqual(['—', s.kpiBlank, s.kpiBlank]);
  });

  it('DynamicsKpis({ dynamics: null }) says the KPIs need a date column', () => {
    const { s, panel } = renderKpis(null, 'pl');
    expect(panel.textContent).toContain(s.kpiNone);
    expect(within(panel).queryAllByRole('definition')).toHaveLength(0);
  });
});
