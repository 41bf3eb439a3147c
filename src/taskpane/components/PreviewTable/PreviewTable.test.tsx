/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Cell } from '../../../core';
import { strings } from '../../strings';
import { PreviewTable, type PreviewTableProps } from './PreviewTable';

const HEADERS = ['Order ID', 'Order Date', 'Customer Name', 'Sales'];
const LONG = 'Hon Deluxe Fabric Upholstered Stacking Chairs, Rounded Back Ltd.';
const ROWS: Array<{ sheetRow: number; cells: Cell[] }> = [
  { sheetRow: 5, cells: ['CA-2016-152156', 42682, LONG, 261.96] },
  { sheetRow: 6, cells: ['CA-2016-152157', '2016-11-09', 'Claire Gute', 731.94] },
];

function renderTable(props: Partial<PreviewTableProps> = {}) {
  const s = strings('ru');
  render(
    <FluentProvider theme={webLightTheme}>
      <PreviewTable
        headers={HEADERS}
        rows={ROWS}
        label={s.previewLabel}
        rowHeader={s.row}
        dateColumn={1}
        fields={[[2, s.fields.client], [3, s.fields.amount], [1, s.fields.date]]}
        clientColumn={2}
        lang="ru"
        {...props}
      />
    </FluentProvider>,
  );
  return s;
}

const headerTexts = () => screen.getAllByRole('columnheader').map((h) => h.textContent);

describe('PreviewTable', () => {
  it('PreviewTable shows the mapped columns first, each headed by the field it is read as, the others after', () => {
    renderTable();
    expect(headerTexts()).toEqual(['Строка', 'КлиентCustomer Name', 'СуммаSales', 'ДатаOrder Date', 'Order ID']);
  });

  it('PreviewTable gives each row its sheet row number', () => {
    renderTable();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['5', '6']);
  });

  it('PreviewTable writes serial dates as yyyy-mm-dd and numbers with the language decimal mark', () => {
    renderTable();
    const first = within(screen.getAllByRole('row')[1]).getAllByRole('cell').map((c) => c.textContent);
    // serial 42682 = 2016-11-08 (Excel: =TEXT(42682, "yyyy-mm-dd"))
    expect(first).toEqual(['5', LONG, '261,96', '2016-11-08', 'CA-2016-152156']);
  });

  it('PreviewTable cuts nothing from the text itself: a long name is whole in its title for the tooltip', () => {
    renderTable();
    expect(screen.getByTitle(LONG).textContent).toBe(LONG);
  });

  it('PreviewTable scrolls sideways in its own box, which a keyboard can reach', () => {
    const s = renderTable();
    const region = screen.getByRole('region', { name: s.previewLabel });
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(within(region).getByRole('table')).toBeTruthy();
  });

  it('PreviewTable says where the header row is', () => {
    renderTable({ caption: 'Заголовки: строка листа 4' });
    expect(screen.getByText('Заголовки: строка листа 4')).toBeTruthy();
  });

  it('PreviewTable without mapped columns shows the columns in sheet order', () => {
    renderTable({ fields: [], clientColumn: undefined });
    expect(headerTexts()).toEqual(['Строка', ...HEADERS]);
  });
});
