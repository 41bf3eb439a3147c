/**
 * Russian and Polish descriptions and parameter help of the custom functions. English comes from the
 * JSDoc of ./functions.ts (the metadata plugin); scripts/functions-locales.js copies dist/functions.json
 * into functions-ru.json and functions-pl.json with these texts, and manifest.xml points Excel to them
 * by `<bt:Override Locale="ru-RU" | "pl-PL">` of Functions.Metadata.Url.
 *
 * Function and parameter names stay the same in every language (=KC.ABC_CLASS(values, ...)), so a
 * workbook and the examples in docs/functions.md work whatever the Excel language. The build fails
 * when a function or parameter of functions.json has no text here (or one here has no function).
 *
 * Data only: no imports, so the build step can load this file on its own.
 */
export interface FunctionText {
  description: string;
  parameters: Record<string, string>;
}

export type FunctionStrings = Record<string, FunctionText>;

export const FUNCTION_STRINGS: { ru: FunctionStrings; pl: FunctionStrings } = {
  ru: {
    ABC_CLASS: {
      description:
        'ABC-класс (A, B, C; D для отрицательного значения) каждого значения: по накопленной доле (A до 75 %, B до 95 % суммы) или по кратности среднего.',
      parameters: {
        values: 'Суммы по клиентам (столбец или диапазон); без совокупности классифицируются относительно самих себя, классы выводятся массивом.',
        population: 'Суммы всех клиентов, относительно которых классифицировать values, например $B$2:$B$800, чтобы протянуть формулу вниз.',
        limit_a: 'share: накопленная доля группы A (по умолчанию 0,75 или 75); average: A от этой кратности среднего (по умолчанию 6).',
        limit_b: 'share: накопленная доля группы B (по умолчанию 0,95 или 95); average: C до среднего, делённого на это число (по умолчанию 2).',
        method: '"share" (по умолчанию, накопленная доля) или "average" (кратность среднего).',
      },
    },
    XYZ_CLASS: {
      description:
        'XYZ-класс (X стабильный, Y колеблющийся, Z нерегулярный) каждого клиента по суммам за периоды: по коэффициенту вариации или по доле периодов с покупками.',
      parameters: {
        period_values: 'Суммы по периодам: строка на клиента, столбец на период (пусто = нет покупок).',
        limit_x: 'cv: X, если коэффициент вариации не больше этого (по умолчанию 0,10); frequency: X, если покупки хотя бы в такой доле периодов (по умолчанию 0,75).',
        limit_y: 'cv: Y, если коэффициент вариации не больше этого (по умолчанию 0,25); frequency: Y, если покупки хотя бы в такой доле периодов (по умолчанию 0,25).',
        method: '"cv" (по умолчанию, коэффициент вариации) или "frequency" (регулярность покупок).',
      },
    },
    RFM_SCORE: {
      description:
        'RFM-код каждого клиента (давность, частота, деньги, каждая оценка от 1 до bins; 555 — лучший) по процентному рангу с учётом равных значений.',
      parameters: {
        last_purchase: 'Дата последней покупки каждого клиента (или число дней с неё, если recency_in_days = ИСТИНА).',
        frequency: 'Число покупок каждого клиента.',
        monetary: 'Выручка от каждого клиента.',
        bins: 'Число баллов, от 2 до 9 (по умолчанию 5).',
        recency_in_days: 'ИСТИНА, если last_purchase содержит число дней с последней покупки (меньше — лучше); по умолчанию ЛОЖЬ (даты).',
      },
    },
    RENEW_INDEX: {
      description:
        'Индекс возобновления для каждого отказавшегося клиента (лида): сумма оценок по критериям (бренд, заказ, статус отказа...), каждая умножена на свой вес.',
      parameters: {
        scores: 'Оценки по критериям: строка на лида, столбец на критерий (от 0 до max_score, или ИСТИНА/ЛОЖЬ).',
        weights: 'Вес каждого критерия, строка той же ширины, что и scores (по умолчанию все 1).',
        max_score: 'Наибольшая допустимая оценка (по умолчанию 5).',
      },
    },
    CSI: {
      description: 'Индекс удовлетворённости клиентов: число ответов от 8 до 10, делённое на число ответов от 1 до 3 (норма — больше 1).',
      parameters: {
        scores: 'Ответы на вопрос «насколько вероятно, что вы порекомендуете нас», от 1 до 10; пустые ячейки не учитываются.',
        attract_min: 'Наименьший ответ довольного клиента (по умолчанию 8).',
        detract_max: 'Наибольший ответ недовольного клиента (по умолчанию 3).',
      },
    },
    NPS: {
      description: 'Индекс потребительской лояльности (NPS): 100 x (ответы 9-10 минус ответы 0-6) / все ответы.',
      parameters: {
        scores: 'Ответы на вопрос «насколько вероятно, что вы порекомендуете нас», от 0 до 10; пустые ячейки не учитываются.',
      },
    },
  },
  pl: {
    ABC_CLASS: {
      description:
        'Klasa ABC (A, B, C; D dla wartości ujemnej) każdej wartości: według skumulowanego udziału (A do 75 %, B do 95 % sumy) lub wielokrotności średniej.',
      parameters: {
        values: 'Kwoty klientów (kolumna lub zakres); bez populacji są klasyfikowane względem siebie, a klasy rozlewają się jako tablica.',
        population: 'Kwoty wszystkich klientów, względem których klasyfikować values, np. $B$2:$B$800, aby przeciągnąć formułę w dół.',
        limit_a: 'share: skumulowany udział grupy A (domyślnie 0,75 lub 75); average: A od tej wielokrotności średniej (domyślnie 6).',
        limit_b: 'share: skumulowany udział grupy B (domyślnie 0,95 lub 95); average: C do średniej podzielonej przez tę liczbę (domyślnie 2).',
        method: '"share" (domyślnie, skumulowany udział) lub "average" (wielokrotność średniej).',
      },
    },
    XYZ_CLASS: {
      description:
        'Klasa XYZ (X stabilny, Y zmienny, Z nieregularny) każdego klienta z kwot w okresach: według współczynnika zmienności lub udziału okresów z zakupami.',
      parameters: {
        period_values: 'Kwoty w okresach: wiersz na klienta, kolumna na okres (puste = brak zakupu).',
        limit_x: 'cv: X, gdy współczynnik zmienności nie przekracza tej wartości (domyślnie 0,10); frequency: X, gdy zakupy są w co najmniej takim udziale okresów (domyślnie 0,75).',
        limit_y: 'cv: Y, gdy współczynnik zmienności nie przekracza tej wartości (domyślnie 0,25); frequency: Y, gdy zakupy są w co najmniej takim udziale okresów (domyślnie 0,25).',
        method: '"cv" (domyślnie, współczynnik zmienności) lub "frequency" (regularność zakupów).',
      },
    },
    RFM_SCORE: {
      description:
        'Kod RFM każdego klienta (ostatni zakup, częstotliwość, wartość, każda ocena od 1 do bins; 555 to najlepszy) według rangi procentowej, w której równe wartości dostają równe oceny.',
      parameters: {
        last_purchase: 'Data ostatniego zakupu każdego klienta (lub liczba dni od niego, gdy recency_in_days = PRAWDA).',
        frequency: 'Liczba zakupów każdego klienta.',
        monetary: 'Przychód od każdego klienta.',
        bins: 'Liczba ocen, od 2 do 9 (domyślnie 5).',
        recency_in_days: 'PRAWDA, gdy last_purchase zawiera liczbę dni od ostatniego zakupu (mniej znaczy lepiej); domyślnie FAŁSZ (daty).',
      },
    },
    RENEW_INDEX: {
      description:
        'Wskaźnik odnowienia każdego utraconego leada: suma ocen kryteriów (marka, zamówienie, status odmowy...), każda pomnożona przez swoją wagę.',
      parameters: {
        scores: 'Oceny kryteriów: wiersz na leada, kolumna na kryterium (od 0 do max_score lub PRAWDA/FAŁSZ).',
        weights: 'Waga każdego kryterium, wiersz tej samej szerokości co scores (domyślnie wszystkie 1).',
        max_score: 'Najwyższa dozwolona ocena (domyślnie 5).',
      },
    },
    CSI: {
      description: 'Wskaźnik satysfakcji klientów: liczba odpowiedzi od 8 do 10 podzielona przez liczbę odpowiedzi od 1 do 3 (norma: powyżej 1).',
      parameters: {
        scores: 'Odpowiedzi na pytanie „jak bardzo prawdopodobne jest, że nas polecisz”, od 1 do 10; puste komórki są pomijane.',
        attract_min: 'Najniższa odpowiedź zadowolonego klienta (domyślnie 8).',
        detract_max: 'Najwyższa odpowiedź niezadowolonego klienta (domyślnie 3).',
      },
    },
    NPS: {
      description: 'Net Promoter Score: 100 x (odpowiedzi 9-10 minus odpowiedzi 0-6) / wszystkie odpowiedzi.',
      parameters: {
        scores: 'Odpowiedzi na pytanie „jak bardzo prawdopodobne jest, że nas polecisz”, od 0 do 10; puste komórki są pomijane.',
      },
    },
  },
};
