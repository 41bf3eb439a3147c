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
        'ABC-класс (A, B, C; D для отрицательного значения или, если задана прибыль, для убыточного клиента) каждого значения: по накопленной доле (A до 75 %, B до 95 % суммы) или по кратности среднего.',
      parameters: {
        values: 'Суммы по клиентам (столбец или диапазон); если population не задан, значения классифицируются относительно друг друга, а классы выводятся массивом.',
        population: 'Суммы всех клиентов, относительно которых классифицировать values, например $B$2:$B$800, чтобы протянуть формулу вниз.',
        limit_a: 'share: накопленная доля группы A (по умолчанию 0,75 или 75); average: A от этой кратности среднего (по умолчанию 6).',
        limit_b: 'share: накопленная доля группы B (по умолчанию 0,95 или 95); average: C до среднего, делённого на это число (по умолчанию 2).',
        method: '"share" (по умолчанию, накопленная доля) или "average" (кратность среднего).',
        profit: 'Прибыль по каждому значению (того же размера, что и values): при отрицательной прибыли класс D, как в панели и в таблице клиентов.',
      },
    },
    XYZ_CLASS: {
      description:
        'XYZ-класс (X стабильный, Y колеблющийся, Z нерегулярный) каждого клиента по суммам за периоды: по коэффициенту вариации или по доле периодов с покупками.',
      parameters: {
        period_values: 'Суммы по периодам: строка на клиента, столбец на период (пусто = нет покупок).',
        limit_x: 'cv: X, если коэффициент вариации не больше этого значения (по умолчанию 0,10); frequency: X, если покупки хотя бы в такой доле периодов (по умолчанию 0,75).',
        limit_y: 'cv: Y, если коэффициент вариации не больше этого значения (по умолчанию 0,25); frequency: Y, если покупки хотя бы в такой доле периодов (по умолчанию 0,25).',
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
      description: 'Индекс удовлетворённости клиентов: число ответов от 8 до 10, делённое на число ответов от 1 до 3 (норма — больше 1); #Н/Д, если нет ни одного ответа от 1 до 3.',
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
    RETENTION: {
      description: 'Коэффициент удержания: доля клиентов первого списка (без повторов), которые есть и во втором; имена сравниваются без учёта регистра и лишних пробелов.',
      parameters: {
        previous_clients: 'Клиенты предыдущего периода (столбец или диапазон, повторы допустимы; пустые ячейки не учитываются).',
        current_clients: 'Клиенты текущего периода.',
      },
    },
    CHURN_RATE: {
      description: 'Коэффициент оттока: доля клиентов первого списка (без повторов), которых нет во втором (1 минус RETENTION).',
      parameters: {
        previous_clients: 'Клиенты предыдущего периода (столбец или диапазон, повторы допустимы; пустые ячейки не учитываются).',
        current_clients: 'Клиенты текущего периода.',
      },
    },
    LTV_SUMMARY: {
      description:
        'История каждого клиента для моделей LTV по строкам продаж: клиент, x (повторные покупки), t_x и T (недели от первой покупки до последней и до даты анализа), zbar (средняя повторная покупка).',
      parameters: {
        clients: 'Клиент в каждой строке продаж.',
        dates: 'Дата каждой строки продаж.',
        amounts: 'Сумма каждой строки продаж (отрицательная для возврата).',
        as_of: 'Дата анализа: более поздние строки не учитываются (по умолчанию — последняя дата).',
        orders: 'Номер заказа в каждой строке: покупка — это заказ (по умолчанию покупка — день, в который клиент покупал).',
      },
    },
    BGNBD_FIT: {
      description:
        'Модель BG/NBD, оценённая методом максимального правдоподобия (Fader, Hardie, Lee, 2005): r, alpha, a, b, логарифм правдоподобия и число клиентов — строками «название — значение»; a = 0 и пустое b, если в данных нет ухода клиентов.',
      parameters: {
        x: 'Число повторных покупок каждого клиента (второй столбец LTV_SUMMARY).',
        t_x: 'Недели от первой до последней покупки каждого клиента.',
        T: 'Недели от первой покупки каждого клиента до даты анализа.',
      },
    },
    GG_FIT: {
      description:
        'Модель Gamma-Gamma для сумм покупок, оценённая методом максимального правдоподобия по клиентам с повторными покупками: p, q, gamma, логарифм правдоподобия, число клиентов и средняя сумма покупки — строками «название — значение»; q и gamma пустые, если средняя сумма покупки у всех клиентов одна.',
      parameters: {
        x: 'Число повторных покупок каждого клиента.',
        zbar: 'Средняя сумма повторных покупок каждого клиента.',
      },
    },
    P_ALIVE: {
      description: 'Вероятность того, что клиент всё ещё активен (P(alive) модели BG/NBD); 1 для клиента без повторных покупок.',
      parameters: {
        x: 'Число повторных покупок каждого клиента.',
        t_x: 'Недели от первой до последней покупки каждого клиента.',
        T: 'Недели от первой покупки каждого клиента до даты анализа.',
        bgnbd_params: 'Диапазон, выведенный BGNBD_FIT, или r, alpha, a, b.',
      },
    },
    EXPECTED_PURCHASES: {
      description: 'Ожидаемое число покупок каждого клиента в ближайшие месяцы (модель BG/NBD).',
      parameters: {
        x: 'Число повторных покупок каждого клиента.',
        t_x: 'Недели от первой до последней покупки каждого клиента.',
        T: 'Недели от первой покупки каждого клиента до даты анализа.',
        bgnbd_params: 'Диапазон, выведенный BGNBD_FIT, или r, alpha, a, b.',
        months: 'Горизонт в целых месяцах, от 1 до 120 (по умолчанию 12).',
      },
    },
    EXPECTED_VALUE: {
      description: 'Ожидаемая сумма будущей покупки каждого клиента (модель Gamma-Gamma).',
      parameters: {
        x: 'Число повторных покупок каждого клиента.',
        zbar: 'Средняя сумма повторных покупок каждого клиента.',
        gg_params: 'Диапазон, выведенный GG_FIT, или p, q, gamma.',
      },
    },
    CLV: {
      description:
        'Пожизненная ценность (CLV) каждого клиента на ближайшие месяцы: ожидаемые покупки, умноженные на их ожидаемую сумму и маржу, с помесячным дисконтированием (модели BG/NBD и Gamma-Gamma).',
      parameters: {
        x: 'Число повторных покупок каждого клиента.',
        t_x: 'Недели от первой до последней покупки каждого клиента.',
        T: 'Недели от первой покупки каждого клиента до даты анализа.',
        zbar: 'Средняя сумма повторных покупок каждого клиента.',
        bgnbd_params: 'Диапазон, выведенный BGNBD_FIT, или r, alpha, a, b.',
        gg_params: 'Диапазон, выведенный GG_FIT, или p, q, gamma.',
        margin: 'Доля прибыли в выручке: одно значение для всех (0,3 или 30%) или своё для каждого клиента (приводится к диапазону 0..1); по умолчанию 1 (CLV в выручке).',
        months: 'Горизонт в целых месяцах, от 1 до 120 (по умолчанию 12).',
        discount: 'Годовая ставка дисконтирования (по умолчанию 0,10; 10 или 10% означает 0,10).',
      },
    },
  },
  pl: {
    ABC_CLASS: {
      description:
        'Klasa ABC (A, B, C; D dla wartości ujemnej lub, gdy podano zysk, dla klienta przynoszącego stratę) każdej wartości: według skumulowanego udziału (A do 75 %, B do 95 % sumy) lub wielokrotności średniej.',
      parameters: {
        values: 'Kwoty klientów (kolumna lub zakres); bez argumentu population są klasyfikowane względem siebie nawzajem, a klasy rozlewają się jako tablica.',
        population: 'Kwoty wszystkich klientów, względem których klasyfikować values, np. $B$2:$B$800, aby przeciągnąć formułę w dół.',
        limit_a: 'share: skumulowany udział grupy A (domyślnie 0,75 lub 75); average: A od tej wielokrotności średniej (domyślnie 6).',
        limit_b: 'share: skumulowany udział grupy B (domyślnie 0,95 lub 95); average: C do średniej podzielonej przez tę liczbę (domyślnie 2).',
        method: '"share" (domyślnie, skumulowany udział) lub "average" (wielokrotność średniej).',
        profit: 'Zysk dla każdej wartości (ten sam rozmiar co values): przy ujemnym zysku klasa D, jak w panelu i w tabeli klientów.',
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
        'Kod RFM każdego klienta (ostatni zakup, częstotliwość, wartość, każda w punktach od 1 do bins; 555 to najlepszy kod) według rangi procentowej, w której równe wartości dostają równe punkty.',
      parameters: {
        last_purchase: 'Data ostatniego zakupu każdego klienta (lub liczba dni od niego, gdy recency_in_days = PRAWDA).',
        frequency: 'Liczba zakupów każdego klienta.',
        monetary: 'Przychód od każdego klienta.',
        bins: 'Liczba punktów, od 2 do 9 (domyślnie 5).',
        recency_in_days: 'PRAWDA, gdy last_purchase zawiera liczbę dni od ostatniego zakupu (mniej znaczy lepiej); domyślnie FAŁSZ (daty).',
      },
    },
    RENEW_INDEX: {
      description:
        'Indeks odnowienia każdego utraconego leada: suma ocen kryteriów (marka, zamówienie, status odmowy...), każda pomnożona przez swoją wagę.',
      parameters: {
        scores: 'Oceny kryteriów: wiersz na leada, kolumna na kryterium (od 0 do max_score lub PRAWDA/FAŁSZ).',
        weights: 'Waga każdego kryterium, wiersz tej samej szerokości co scores (domyślnie wszystkie 1).',
        max_score: 'Najwyższa dozwolona ocena (domyślnie 5).',
      },
    },
    CSI: {
      description: 'Wskaźnik satysfakcji klientów: liczba odpowiedzi od 8 do 10 podzielona przez liczbę odpowiedzi od 1 do 3 (norma: powyżej 1); #N/D!, gdy nie ma żadnej odpowiedzi od 1 do 3.',
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
    RETENTION: {
      description: 'Wskaźnik utrzymania klientów: udział klientów z pierwszej listy (bez powtórzeń), którzy są też na drugiej; nazwy porównywane bez względu na wielkość liter i nadmiarowe spacje.',
      parameters: {
        previous_clients: 'Klienci poprzedniego okresu (kolumna lub zakres, powtórzenia dozwolone; puste komórki są pomijane).',
        current_clients: 'Klienci bieżącego okresu.',
      },
    },
    CHURN_RATE: {
      description: 'Wskaźnik odpływu klientów (churn): udział klientów z pierwszej listy (bez powtórzeń), których nie ma na drugiej (1 minus RETENTION).',
      parameters: {
        previous_clients: 'Klienci poprzedniego okresu (kolumna lub zakres, powtórzenia dozwolone; puste komórki są pomijane).',
        current_clients: 'Klienci bieżącego okresu.',
      },
    },
    LTV_SUMMARY: {
      description:
        'Historia każdego klienta dla modeli LTV z wierszy sprzedaży: klient, x (zakupy powtórne), t_x i T (tygodnie od pierwszego zakupu do ostatniego i do daty analizy), zbar (średni zakup powtórny).',
      parameters: {
        clients: 'Klient w każdym wierszu sprzedaży.',
        dates: 'Data każdego wiersza sprzedaży.',
        amounts: 'Kwota każdego wiersza sprzedaży (ujemna dla zwrotu).',
        as_of: 'Data analizy: późniejsze wiersze są pomijane (domyślnie ostatnia data).',
        orders: 'Numer zamówienia w każdym wierszu: zakup to zamówienie (domyślnie zakup to dzień, w którym klient kupował).',
      },
    },
    BGNBD_FIT: {
      description:
        'Model BG/NBD dopasowany metodą największej wiarygodności (Fader, Hardie, Lee, 2005): r, alpha, a, b, logarytm wiarygodności i liczba klientów jako wiersze „nazwa – wartość”; a = 0 i puste b, gdy w danych nie ma odejść klientów.',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta (druga kolumna LTV_SUMMARY).',
        t_x: 'Tygodnie od pierwszego do ostatniego zakupu każdego klienta.',
        T: 'Tygodnie od pierwszego zakupu każdego klienta do daty analizy.',
      },
    },
    GG_FIT: {
      description:
        'Model Gamma-Gamma wartości zakupów dopasowany metodą największej wiarygodności na klientach z zakupami powtórnymi: p, q, gamma, logarytm wiarygodności, liczba klientów i średnia wartość zakupu jako wiersze „nazwa – wartość”; q i gamma puste, gdy średnia wartość zakupu jest u wszystkich klientów taka sama.',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta.',
        zbar: 'Średnia wartość zakupów powtórnych każdego klienta.',
      },
    },
    P_ALIVE: {
      description: 'Prawdopodobieństwo, że klient jest nadal aktywny (P(alive) modelu BG/NBD); 1 dla klienta bez zakupów powtórnych.',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta.',
        t_x: 'Tygodnie od pierwszego do ostatniego zakupu każdego klienta.',
        T: 'Tygodnie od pierwszego zakupu każdego klienta do daty analizy.',
        bgnbd_params: 'Zakres zwrócony przez BGNBD_FIT albo r, alpha, a, b.',
      },
    },
    EXPECTED_PURCHASES: {
      description: 'Oczekiwana liczba zakupów każdego klienta w najbliższych miesiącach (model BG/NBD).',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta.',
        t_x: 'Tygodnie od pierwszego do ostatniego zakupu każdego klienta.',
        T: 'Tygodnie od pierwszego zakupu każdego klienta do daty analizy.',
        bgnbd_params: 'Zakres zwrócony przez BGNBD_FIT albo r, alpha, a, b.',
        months: 'Horyzont w pełnych miesiącach, od 1 do 120 (domyślnie 12).',
      },
    },
    EXPECTED_VALUE: {
      description: 'Oczekiwana wartość przyszłego zakupu każdego klienta (model Gamma-Gamma).',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta.',
        zbar: 'Średnia wartość zakupów powtórnych każdego klienta.',
        gg_params: 'Zakres zwrócony przez GG_FIT albo p, q, gamma.',
      },
    },
    CLV: {
      description:
        'Wartość życiowa klienta (CLV) w najbliższych miesiącach: oczekiwane zakupy razy ich oczekiwana wartość i marża, dyskontowane co miesiąc (modele BG/NBD i Gamma-Gamma).',
      parameters: {
        x: 'Liczba zakupów powtórnych każdego klienta.',
        t_x: 'Tygodnie od pierwszego do ostatniego zakupu każdego klienta.',
        T: 'Tygodnie od pierwszego zakupu każdego klienta do daty analizy.',
        zbar: 'Średnia wartość zakupów powtórnych każdego klienta.',
        bgnbd_params: 'Zakres zwrócony przez BGNBD_FIT albo r, alpha, a, b.',
        gg_params: 'Zakres zwrócony przez GG_FIT albo p, q, gamma.',
        margin: 'Udział zysku w przychodzie: jedna wartość dla wszystkich (0,3 lub 30%) albo osobna dla każdego klienta (ograniczana do 0..1); domyślnie 1 (CLV w przychodzie).',
        months: 'Horyzont w pełnych miesiącach, od 1 do 120 (domyślnie 12).',
        discount: 'Roczna stopa dyskontowa (domyślnie 0,10; 10 lub 10% oznacza 0,10).',
      },
    },
  },
};
