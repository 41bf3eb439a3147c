import type { Lang } from '../types';

/**
 * The texts of the live formulas (docs/methods.md "Live formulas"): the Summary's block of named
 * settings, the notes on what recomputes, and the pane writer's notes. A module of its own rather than a
 * section of en.ts, ru.ts and pl.ts: the bundle of the =KC.* functions holds those texts and must stay
 * under its size budget (test/build.test.ts), and it never writes a report, so these stay out of it.
 */
export const liveEn = {
  title: "Live formulas: the settings the formulas of the sheet '{clients}' read (edit a value and the classes recompute)",
  col: { setting: 'Setting', name: 'Name in formulas', takes: 'What it takes' },
  setting: {
    asOf: 'Analysis date', abcMethod: 'ABC method', limitA: 'ABC limit A', limitB: 'ABC limit B', xyzMethod: 'XYZ method',
    limitX: 'XYZ limit X', limitY: 'XYZ limit Y', bins: 'RFM scores', lostDays: 'Lost after (days)', atRiskDays: 'At risk after (days)',
    newDays: 'New for (days)', clientCount: 'Clients (counted by the formula)', revenueTotal: 'Revenue of the clients with revenue above 0',
    abcTotal: 'ABC: {basis} of the clients with {basis} above 0', abcAverage: 'ABC: average {basis} per client (P)',
    profitTotal: 'Profit of the clients with profit above 0', profitAverage: 'Average profit per client', median: 'Median {value} over clients (quadrants)',
  },
  takes: {
    asOf: 'a date: the days since the last purchase and the lifecycle count from it',
    abcMethod: 'share or average',
    limitShare: 'share of the total held by the clients above: A below limit A, B below limit B (75 % = 0.75)',
    limitAverage: 'A from limit A x P, C up to P / limit B',
    xyzMethod: 'cv or frequency',
    limitCv: 'CV: X up to limit X, Y up to limit Y, else Z',
    limitFrequency: 'share of periods with purchases: X from limit X, Y from limit Y, else Z',
    bins: 'a whole number from 2 to 9',
    days: 'a whole number of days',
    formula: 'computed by its formula',
  },
  note: "Edit a value above, or a revenue, profit, order count or date on the sheet '{clients}', and the live columns of that sheet recompute (Excel 2016 or later, LibreOffice); the rows with a formula compute themselves. The other tables of this sheet, the Key clients sheet and the segment sheets are a snapshot of the run.",
  clients: "Live formulas: {columns} recompute from this table's revenue, profit, orders and dates{periods} and the settings on the sheet '{summary}'; the other columns are the run's values.",
  periodsRef: ", the revenue per period on the sheet '{sheet}'",
  periodsValues: 'XYZ, CV and the share of periods with purchases stay values: the table of revenue per period was left out for its size (see the Summary).',
  periods: 'XYZ, CV and the share of periods with purchases are formulas over the row: edit a revenue and they recompute. First row links a row to the Clients table.',
  snapshot: "A snapshot of the run: only the sheet '{clients}' recomputes when a revenue or a setting changes.",
  cut: 'live formulas were not written: the Clients table lists {shown} of {total} clients (an Excel sheet holds at most 1,048,576 rows), and formulas over part of the clients would give other classes than the run',
  writer: {
    manual: 'calculation is manual in this workbook (Formulas > Calculation Options): the live formulas of the Clients sheet recompute when you press F9',
    failed: 'the live formulas could not be written: {message}. The sheets hold the values of the run',
  },
};

/** The shape of the live formulas' texts in every language (the English ones'). */
export type LiveTexts = typeof liveEn;

const liveRu: LiveTexts = {
  title: 'Живые формулы: настройки, которые читают формулы листа «{clients}» (измените значение — группы пересчитаются)',
  col: { setting: 'Настройка', name: 'Имя в формулах', takes: 'Что вводить' },
  setting: {
    asOf: 'Дата анализа', abcMethod: 'Метод ABC', limitA: 'Граница A (ABC)', limitB: 'Граница B (ABC)', xyzMethod: 'Метод XYZ',
    limitX: 'Граница X (XYZ)', limitY: 'Граница Y (XYZ)', bins: 'Шкала RFM (баллов)', lostDays: 'Потерян через (дней)', atRiskDays: 'Под угрозой через (дней)',
    newDays: 'Новый в течение (дней)', clientCount: 'Клиентов (считает формула)', revenueTotal: 'Выручка клиентов с выручкой больше 0',
    abcTotal: 'ABC: сумма показателя «{basis}» у клиентов, у которых он больше 0', abcAverage: 'ABC: средний показатель «{basis}» на клиента (P)',
    profitTotal: 'Прибыль клиентов с прибылью больше 0', profitAverage: 'Средняя прибыль на клиента', median: 'Медиана показателя «{value}» по клиентам (квадранты)',
  },
  takes: {
    asOf: 'дата: от неё считаются дни с последней покупки и стадия жизненного цикла',
    abcMethod: 'share (доля) или average (среднее)',
    limitShare: 'доля итога у клиентов выше: A — меньше границы A, B — меньше границы B (75 % = 0,75)',
    limitAverage: 'A от (граница A) x P, C до P / (граница B)',
    xyzMethod: 'cv (коэффициент вариации) или frequency (частота)',
    limitCv: 'коэффициент вариации: X до границы X, Y до границы Y, иначе Z',
    limitFrequency: 'доля периодов с покупками: X от границы X, Y от границы Y, иначе Z',
    bins: 'целое число от 2 до 9',
    days: 'целое число дней',
    formula: 'считается формулой',
  },
  note: 'Измените значение выше или выручку, прибыль, число заказов или дату на листе «{clients}» — живые столбцы того листа пересчитаются (Excel 2016 и новее, LibreOffice); строки с формулой считаются сами. Остальные таблицы этого листа, лист ключевых клиентов и листы сегментов — снимок расчёта.',
  clients: 'Живые формулы: столбцы {columns} пересчитываются из выручки, прибыли, заказов и дат этой таблицы{periods} и настроек на листе «{summary}»; остальные столбцы — значения расчёта.',
  periodsRef: ', выручки по периодам на листе «{sheet}»',
  periodsValues: 'XYZ, коэффициент вариации и доля периодов с покупками остаются значениями: таблица выручки по периодам не записана из-за размера (см. сводку).',
  periods: 'XYZ, коэффициент вариации и доля периодов с покупками — формулы по строке: измените выручку, и они пересчитаются. «Первая строка» связывает строку с таблицей клиентов.',
  snapshot: 'Снимок расчёта: при изменении выручки или настройки пересчитывается только лист «{clients}».',
  cut: 'живые формулы не записаны: в таблице клиентов {shown} из {total} клиентов (на листе Excel не больше 1 048 576 строк), а формулы по части клиентов дали бы другие группы, чем расчёт',
  writer: {
    manual: 'в этой книге ручной пересчёт (Формулы > Параметры вычислений): живые формулы листа клиентов пересчитываются по клавише F9',
    failed: 'живые формулы не записаны: {message}. На листах — значения расчёта',
  },
};

const livePl: LiveTexts = {
  title: 'Formuły na żywo: ustawienia, z których korzystają formuły arkusza „{clients}” (zmień wartość, a grupy się przeliczą)',
  col: { setting: 'Ustawienie', name: 'Nazwa w formułach', takes: 'Co wpisać' },
  setting: {
    asOf: 'Data analizy', abcMethod: 'Metoda ABC', limitA: 'Próg A (ABC)', limitB: 'Próg B (ABC)', xyzMethod: 'Metoda XYZ',
    limitX: 'Próg X (XYZ)', limitY: 'Próg Y (XYZ)', bins: 'Skala RFM (punkty)', lostDays: 'Utracony po (dniach)', atRiskDays: 'Zagrożony po (dniach)',
    newDays: 'Nowy przez (dni)', clientCount: 'Klienci (liczy formuła)', revenueTotal: 'Przychód klientów z przychodem powyżej 0',
    abcTotal: 'ABC: suma miary „{basis}” klientów, u których jest powyżej 0', abcAverage: 'ABC: średnia miary „{basis}” na klienta (P)',
    profitTotal: 'Zysk klientów z zyskiem powyżej 0', profitAverage: 'Średni zysk na klienta', median: 'Mediana miary „{value}” wśród klientów (ćwiartki)',
  },
  takes: {
    asOf: 'data: od niej liczą się dni od ostatniego zakupu i etap cyklu życia',
    abcMethod: 'share (udział) lub average (średnia)',
    limitShare: 'udział w sumie klientów powyżej: A poniżej progu A, B poniżej progu B (75 % = 0,75)',
    limitAverage: 'A od (próg A) x P, C do P / (próg B)',
    xyzMethod: 'cv (współczynnik zmienności) lub frequency (częstotliwość)',
    limitCv: 'współczynnik zmienności: X do progu X, Y do progu Y, inaczej Z',
    limitFrequency: 'udział okresów z zakupami: X od progu X, Y od progu Y, inaczej Z',
    bins: 'liczba całkowita od 2 do 9',
    days: 'liczba całkowita dni',
    formula: 'liczone formułą',
  },
  note: 'Zmień wartość powyżej albo przychód, zysk, liczbę zamówień lub datę w arkuszu „{clients}”, a kolumny na żywo tego arkusza się przeliczą (Excel 2016 lub nowszy, LibreOffice); wiersze z formułą liczą się same. Pozostałe tabele tego arkusza, arkusz klientów kluczowych i arkusze segmentów to migawka obliczenia.',
  clients: 'Formuły na żywo: kolumny {columns} przeliczają się z przychodu, zysku, zamówień i dat tej tabeli{periods} oraz z ustawień w arkuszu „{summary}”; pozostałe kolumny to wartości obliczenia.',
  periodsRef: ', z przychodu wg okresów w arkuszu „{sheet}”',
  periodsValues: 'XYZ, współczynnik zmienności i udział okresów z zakupami pozostają wartościami: tabela przychodu wg okresów nie została zapisana z powodu rozmiaru (zob. podsumowanie).',
  periods: 'XYZ, współczynnik zmienności i udział okresów z zakupami to formuły na wierszu: zmień przychód, a przeliczą się. „Pierwszy wiersz” łączy wiersz z tabelą klientów.',
  snapshot: 'Migawka obliczenia: po zmianie przychodu lub ustawienia przelicza się tylko arkusz „{clients}”.',
  cut: 'formuły na żywo nie zostały zapisane: tabela klientów zawiera {shown} z {total} klientów (arkusz Excela mieści najwyżej 1 048 576 wierszy), a formuły na części klientów dałyby inne grupy niż obliczenie',
  writer: {
    manual: 'ten skoroszyt jest przeliczany ręcznie (Formuły > Opcje obliczania): formuły na żywo arkusza klientów przeliczą się po naciśnięciu F9',
    failed: 'formuły na żywo nie zostały zapisane: {message}. Arkusze zawierają wartości obliczenia',
  },
};

const LIVE: Readonly<Record<Lang, LiveTexts>> = { en: liveEn, ru: liveRu, pl: livePl };

/** The live formulas' texts of a language. */
export function liveTexts(lang: Lang): LiveTexts {
  return LIVE[lang];
}
