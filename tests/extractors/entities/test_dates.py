"""DATE recognizer and document-level norm resolution: ISO norms at the precision given."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.base import Span
from sestry.extractors.entities.dates import DateRecognizer, resolve_norms, season_interval
from tests.extractors.entities.entity_tables import found, unmark

ROWS = [
    ("uk", "А в ніч на [24 лютого 2022 року](DATE=2022-02-24) почався обстріл."),
    ("en", "[From the 2nd to the 5th of April 2022](DATE=2022-04-02/2022-04-05) we hid."),
    ("uk", "Мене затримали [24 лютого 2022 року](DATE=2022-02-24) на блокпості."),
    ("uk", "Протокол підписали [25.02.2022](DATE=2022-02-25)."),
    ("uk", "Я бачила його у [березні 2022](DATE=2022-03) востаннє."),
    ("uk", "[Навесні 2022 року](DATE=2022-03/2022-05) було страшно."),
    ("uk", "[З 3 по 10 березня 2022](DATE=2022-03-03/2022-03-10) ми сиділи в підвалі."),
    ("uk", "Було [24 лютого 2022](DATE=2022-02-24), а [наступного дня](DATE=2022-02-25) — ні."),
    ("uk", "[3 березня 2022](DATE=2022-03-03) взяли, [через тиждень](DATE=2022-03-10) — мене."),
    ("uk", "У [2014 році](DATE=2014) ми переїхали."),
    ("uk", "[Взимку 2023](DATE=2022-12/2023-02) нас обміняли."),
    ("ru", "Меня задержали [5 марта 2022 года](DATE=2022-03-05) в Херсоне."),
    ("ru", "[5 марта 2022](DATE=2022-03-05) взяли, [на следующий день](DATE=2022-03-06) увезли."),
    ("ru", "В [марте 2022 года](DATE=2022-03) пропали многие."),
    ("ru", "[Весной 2022](DATE=2022-03/2022-05) [с 10 по 25 марта](DATE=2022-03-10/2022-03-25)."),
    ("en", "I was detained on [March 3rd, 2022](DATE=2022-03-03)."),
    ("en", "It was signed on [3/3/22](DATE=2022-03-03) and on [2022-04-01](DATE=2022-04-01)."),
    ("en", "In the [spring of 2022](DATE=2022-03/2022-05) many disappeared."),
    ("en", "We stayed there [from 3 to 10 March 2022](DATE=2022-03-03/2022-03-10)."),
    ("en", "On [3 March 2022](DATE=2022-03-03) they came; [a week later](DATE=2022-03-10) no."),
    # ordinal-word days (issue 9/10): one span, the right day in the norm
    ("uk", "[Дванадцятого березня 2022 року](DATE=2022-03-12) нас вивезли."),
    ("uk", "У [2022 році](DATE=2022) [першого травня](DATE=2022-05-01) було тихо."),
    ("uk", "Це було [двадцять третього квітня 2023](DATE=2023-04-23)."),
    ("ru", "[Второго апреля 2022 года](DATE=2022-04-02) нас забрали."),
    ("ru", "[Тридцать первого марта 2022](DATE=2022-03-31) всё кончилось."),
    ("en", "On [the third of May 2022](DATE=2022-05-03) we left."),
    # a range whose end has no year: both ends take the start's year
    ("en", "We were held [from 3 April 2022 to 9 April](DATE=2022-04-03/2022-04-09)."),
    # entities-0.13.0: nominative ordinals, ranges of months, years, "між … і …", a night
    ("uk", "Заголовок: [двадцять сьоме серпня 2022 року](DATE=2022-08-27)."),
    ("ru", "Запись от [третье октября 2023 года](DATE=2023-10-03)."),
    ("ru", "[Двадцать четвёртого июля 2022 года](DATE=2022-07-24) шёл дождь."),
    ("uk", "Ми жили там [з вересня по листопад 2022 року](DATE=2022-09/2022-11)."),
    ("ru", "Он сидел [с октября 2022 года до января 2023 года](DATE=2022-10/2023-01)."),
    ("en", "They occupied it [from October to December 2022](DATE=2022-10/2022-12)."),
    ("ru", "Работал там [с 2011 по 2013 год](DATE=2011/2013)."),
    ("en", "I lived there [from 2011 to 2013](DATE=2011/2013), then until [2016](DATE=2016)."),
    ("uk", "Обстріли були [між 7 і 9 жовтня 2022 року](DATE=2022-10-07/2022-10-09)."),
    ("ru", "В ночь [с 11 на 12 августа 2022 года](DATE=2022-08-11/2022-08-12) нас вывезли."),
    ("uk", "Уночі [з 2 на 3 квітня 2023](DATE=2023-04-02/2023-04-03) був вибух."),
    ("ru", "Нас держали [6 июля – 9 июля 2022 г.](DATE=2022-07-06/2022-07-09) в подвале."),
    ("uk", "У [2016-му році](DATE=2016) і в [2019-му](DATE=2019) вони приїздили."),
    ("ru", "В [2017-м году](DATE=2017) всё было тихо."),
    ("uk", "[Восени 2023-го](DATE=2023-09/2023-11) школу відкрили."),
    # entities-0.14.0 (date@7): two numeric dates as one range, "the" of "the 9th of May", a
    # day alone after "on the", spelled-out counts and weeks, a month after "весь / late"
    ("uk", "Лікувалась [з 05.06.2023 по 19.06.2023](DATE=2023-06-05/2023-06-19) у лікарні."),
    ("ru", "Содержался [с 01.02 по 15.03.2023 года](DATE=2023-02-01/2023-03-15) в СИЗО."),
    ("ru", "Находилась на лечении [11.04.2023 – 20.04.2023](DATE=2023-04-11/2023-04-20)."),
    ("uk", "Сиділи [з 20.12 до 05.01.2023](DATE=2022-12-20/2023-01-05) у підвалі."),
    ("en", "Treated [from 05.06.2023 to 19.06.2023](DATE=2023-06-05/2023-06-19) in hospital."),
    ("uk", "Акт від [19.06.2023](DATE=2023-06-19) по 4 пункту."),
    ("en", "On [the 4th of March 2022](DATE=2022-03-04), on [the 7th of May](DATE=2022-05-07)."),
    ("en", "On [5 March 2022](DATE=2022-03-05) we hid. On [the 8th](DATE=2022-03-08) they came."),
    ("en", "On [28 March 2022](DATE=2022-03-28) we hid. On [the 2nd](DATE=2022-04-02), we left."),
    ("en", "He lived on the 20th floor, by the 3rd line; in [2019](DATE=2019) we were 20."),
    ("en", "On [3 May 2022](DATE=2022-05-03) he left; [eleven days later](DATE=2022-05-14) back."),
    ("uk", "[24 лютого 2022](DATE=2022-02-24) взяли, [через дев’ять днів](DATE=2022-03-05) — ні."),
    ("uk", "[1 квітня 2022](DATE=2022-04-01); [через двадцять один день](DATE=2022-04-22)."),
    ("ru", "[1 апреля 2022](DATE=2022-04-01) увезли, [спустя три дня](DATE=2022-04-04) вернули."),
    ("en", "[1 June 2022](DATE=2022-06-01) he left; [twenty-three days later](DATE=2022-06-24)."),
    ("uk", "[1 червня 2022](DATE=2022-06-01) взяли, [наступного тижня](DATE=2022-06-08) вивезли."),
    ("ru", "Юрист свяжется с вами [на следующей неделе](DATE)."),
    ("ru", "Мы просидели в подвале почти весь [декабрь](DATE=--12)."),
    ("en", "They came in early [March 2022](DATE=2022-03) and left in late [April](DATE=2022-04)."),
    ("en", "I was freed [after three days](DATE) but spent eleven months in a colony."),
    ("en", "Released on [11 June 2023](DATE=2023-06-11) after thirteen months in a colony."),
    ("uk", "Сиділи [з 28 грудня по 4 січня 2023 року](DATE=2022-12-28/2023-01-04) там."),
    ("ru", "В ночь [с 28 на 1 марта 2022 года](DATE=2022-02-28/2022-03-01) был обстрел."),
    ("ru", "В ночь [с 31 на 1 января 2023 года](DATE=2022-12-31/2023-01-01) был обстрел."),
    # a weekday right before a day's date is part of it; the preposition stays outside
    ("en", "They detained me on [Monday, 7 March 2022](DATE=2022-03-07) at a checkpoint."),
    ("uk", "Її забрали в [п’ятницю, 11 березня 2022 року](DATE=2022-03-11)."),
    ("ru", "Нас задержали в [среду 9 марта 2022 года](DATE=2022-03-09)."),
    ("en", "On Monday we waited; on [2 May 2022](DATE=2022-05-02) they came."),
    # a relative date counts from the date right after "після / после / after"
    ("uk", "[Через два тижні](DATE=2022-04-19) після [5 квітня 2022](DATE=2022-04-05) вивезли."),
    ("ru", "[На следующий день](DATE=2022-04-04) после [3 апреля 2022](DATE=2022-04-03) всё."),
    ("uk", "[1 травня 2022](DATE=2022-05-01) взяли, [через тиждень](DATE=2022-05-08) після суду."),
    ("en", "It began on [the 24th February 2022](DATE=2022-02-24), in the 1st week."),
    ("uk", "В ніч на [24-те лютого 2022 року](DATE=2022-02-24) і [1-ше березня](DATE=2022-03-01)."),
    # English "a/b/yyyy": the text's other slashed dates decide, else zero-padded is day first
    ("en", "Admitted: [02/11/2022](DATE=2022-11-02); discharged: [24/11/2022](DATE=2022-11-24)."),
    ("en", "He died on [5/14/22](DATE=2022-05-14), buried on [5/06/22](DATE=2022-05-06)."),
    ("en", "Form dated [05/12/2023](DATE=2023-12-05); signed [3/4/22](DATE=2022-03-04)."),
    # "mid-" stays outside like "early"; two days of one month; "earlier" counts back
    ("en", "In mid-[March 2022](DATE=2022-03) and again in mid-[April](DATE=2022-04) they came."),
    ("en", "They came on [2 and 3 March 2022](DATE=2022-03-02/2022-03-03)."),
    ("uk", "Обстріли були [5 і 6 травня 2022 року](DATE=2022-05-05/2022-05-06)."),
    ("en", "On [9 May 2022](DATE=2022-05-09) I left; [three days earlier](DATE=2022-05-06) no."),
    ("en", "Rooms 2 and 3 were full; 5 and [4 May 2022](DATE=2022-05-04) is no pair."),
    # date@8 (set 10): calendar months and half a year, the tens from forty, days before an
    # event (no date) or before a date (counted back from it), a day or a season said alone
    ("uk", "[7 лютого 2023 року](DATE=2023-02-07) забрали, [через місяць](DATE=2023-03-07) — ні."),
    ("ru", "[31 января 2023](DATE=2023-01-31) взяли, [через месяц](DATE=2023-02-28) отпустили."),
    ("uk", "[2 березня 2022](DATE=2022-03-02) взяли, [через півроку](DATE=2022-09-02) відпустили."),
    ("ru", "[1 мая 2022 года](DATE=2022-05-01) увезли, [спустя полгода](DATE=2022-11-01) вернули."),
    ("en", "On [1 May 2022](DATE=2022-05-01) he left; [forty-two days later](DATE=2022-06-12) no."),
    ("uk", "[1 квітня 2022](DATE=2022-04-01) взяли, [через п'ятдесят днів](DATE=2022-05-21) — ні."),
    ("ru", "[3 октября 2022 года](DATE=2022-10-03), за пять дней до обмена, его вывели."),
    ("uk", "[За два дні](DATE=2022-04-07) до [9 квітня 2022](DATE=2022-04-09) прийшли."),
    ("ru", "[4 апреля 2022 года](DATE=2022-04-04) взяли, а [19-го](DATE=2022-04-19) увезли."),
    ("ru", "[2 июня 2022](DATE=2022-06-02) взяли, [пятнадцатого числа](DATE=2022-06-15) — нет."),
    ("uk", "[З 3 по 9 травня](DATE=--05-03/--05-09), а [двадцять першого](DATE=--05-21) — ні."),
    ("ru", "[5 мая 2022](DATE=2022-05-05): солдаты 16-го батальона и двадцатого века."),
    ("ru", "Взяли [5 июля 2022 года](DATE=2022-07-05). [Осенью](DATE=2022-09/2022-11) увезли."),
    ("uk", "У [2022 році](DATE=2022) ми жили вдома, а [взимку](DATE=2022-12/2023-02) виїхали."),
    ("en", "We left in [May 2023](DATE=2023-05); in [the winter](DATE=2023-12/2024-02), we came."),
    ("en", "He hit me in the summer kitchen; in the spring of my life."),
    ("uk", "У [березні-квітні 2022 року](DATE=2022-03/2022-04) село окупували."),
    ("ru", "Это было в [марте–апреле 2023 года](DATE=2023-03/2023-04), потом тихо."),
    ("en", "On [May 3-5, 2022](DATE=2022-05-03/2022-05-05); [June-July](DATE=2022-06/2022-07)."),
    # negatives: numbers that are not dates, a month word used otherwise
    ("uk", "У камері було 24 людини, а лютий мороз не відпускав."),
    ("en", "Room 12 held 30 people, may God help them."),
    ("uk", "Сума 31.13.2022 не є датою."),
    ("uk", "Першого разу і другого дня ми мовчали."),
]


def _resolved(text: str, lang: str) -> list[Span]:
    return resolve_norms(found(DateRecognizer(), text, lang, "DATE"))


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_date_table(lang: str, marked: str) -> None:
    text, gold = unmark(marked)
    got = _resolved(text, lang)
    assert [(s.start, s.end) for s in got] == [(a, b) for a, b, _, _ in gold], [s.text for s in got]
    assert [s.norm for s in got] == [n for _, _, _, n in gold]


def test_year_is_taken_from_the_nearest_earlier_date() -> None:
    got = _resolved("Мене затримали 24 лютого 2022 року. Відпустили 16 квітня.", "uk")
    assert [s.norm for s in got] == ["2022-02-24", "2022-04-16"]


def test_year_is_taken_from_a_later_date_when_none_comes_before() -> None:
    got = _resolved("16 квітня мене відпустили. Затримали 24 лютого 2023 року.", "uk")
    assert [s.norm for s in got] == ["2023-04-16", "2023-02-24"]


def test_missing_year_without_context_stays_visible() -> None:
    assert [s.norm for s in _resolved("Мене відпустили 16 квітня.", "uk")] == ["--04-16"]


def test_relative_date_without_anchor_has_no_norm() -> None:
    got = _resolved("Наступного дня нас перевезли.", "uk")
    assert len(got) == 1
    assert got[0].norm is None


def test_relative_dates_chain_from_the_last_resolved_date() -> None:
    text = "24 лютого 2022 нас взяли. Наступного дня вивезли, через два дні допитали."
    got = _resolved(text, "uk")
    assert [s.norm for s in got] == ["2022-02-24", "2022-02-25", "2022-02-27"]


@pytest.mark.parametrize(
    ("season", "year", "interval"),
    [
        ("spring", 2022, "2022-03/2022-05"),
        ("summer", 2022, "2022-06/2022-08"),
        ("autumn", 2023, "2023-09/2023-11"),
        ("winter", 2023, "2022-12/2023-02"),
    ],
)
def test_season_interval(season: str, year: int, interval: str) -> None:
    assert season_interval(season, year) == interval


def test_impossible_day_is_rejected() -> None:
    assert _resolved("31 лютого 2022 року", "uk") == [] or all(
        s.norm != "2022-02-31" for s in _resolved("31 лютого 2022 року", "uk")
    )


DOB_ROWS = [
    ("uk", "Вона народилась [12 травня 1984 року](DOB=1984-05-12); дата нар. [04.11.1975](DOB)."),
    ("ru", "Иванова А., д.р. [04.11.1975](DOB=1975-11-04), дата рожд.: [01.02.1970](DOB)."),
    ("en", "Ivan (b. [3 May 1990](DOB=1990-05-03)) was born on [the 3rd of May, 1961](DOB)."),
    ("uk", "Петренко О., [12.05.1984](DOB=1984-05-12) р.н., затримана."),
    ("uk", "Вона народилася [5 травня 1980 року](DOB=1980-05-05) у Херсоні."),
    ("uk", "Дата народження — [12.03.1977](DOB=1977-03-12). Вона [1961 року](DOB) народження."),
    ("ru", "Иванов И.И., [12.05.1984](DOB=1984-05-12) г.р., и [1979](DOB=1979) г.р."),
    ("ru", "Родилась в [1979 году](DOB=1979), дата рождения: [01.02.1965](DOB=1965-02-01)."),
    ("en", "Born on [3 May 1990](DOB=1990-05-03); date of birth: [4.11.1975](DOB=1975-11-04)."),
    # entities-0.13.0: masculine "народився", a birthplace between cue and date, year-of-birth
    # fields, a nominative ordinal day
    ("uk", "Я народився в місті Суми [7 червня 1991 року](DOB=1991-06-07)."),
    ("uk", "Він народився у Бахмуті, [14.08.1968](DOB=1968-08-14)."),
    ("uk", "Рік народження: [1973](DOB=1973). Дата народження: [дев'яте липня 1973 р.](DOB)"),
    ("ru", "Год рождения — [1958](DOB=1958); родились в Ижевске [2 мая 1958 года](DOB)."),
    ("en", "Year of birth: [1966](DOB=1966). She was born in Odesa on [9 June 1966](DOB)."),
    ("en", "Birth date: [17.10.1987](DOB=1987-10-17)."),
    ("uk", "Петрук В. О., дата нар. [21.01.1959](DOB=1959-01-21), пенсіонер."),
    ("en", "Iryna (b. [1974](DOB=1974)) said her birthday is [8 July 1974](DOB=1974-07-08)."),
    # entities-0.13.1: the English calque of "1979 року народження" in translated certificates
    ("en", "Petro Kuzmych, [1988](DOB=1988) year of birth, was admitted."),
    # entities-0.14.0: the subject after the verb, "born there on", Russian participles, the
    # date first and the birth verb later in the same clause
    ("uk", "Народилася я [9 серпня 1977 року](DOB=1977-08-09) в Херсоні."),
    ("en", "I was born there on [2 May 1985](DOB=1985-05-02), in a village."),
    ("ru", "Петров И. С., родившийся [03.09.1975](DOB=1975-09-03), проживающий в Херсоне."),
    ("ru", "Иванова М., родившаяся [12.12.1980](DOB=1980-12-12) в г. Мелитополь."),
    ("en", "In [1975](DOB=1975) my father was born in Kherson."),
    ("uk", "У [1975 році](DOB=1975) в Херсоні народився мій батько."),
    ("ru", "В [1968 году](DOB=1968) в селе родилась моя мать."),
    ("uk", "Іванов, [1984 року](DOB=1984) нар., затриманий 24-те лютого 2022 року."),
    ("ru", "Петров, [1970 г.](DOB=1970) рожд., задержан."),
    # negatives: event dates near a birth date stay DATE
    ("en", "In 2014 we moved to Kyiv, where my son was born later."),
    ("uk", "У 2014 році ми переїхали, і в нас народився син."),
    ("uk", "Мене затримали 24 лютого 2022 року, а 3 березня відпустили."),
]


@pytest.mark.parametrize(("lang", "marked"), DOB_ROWS)
def test_birth_dates_are_dob(lang: str, marked: str) -> None:
    text, gold = unmark(marked)
    got = [s for s in found(DateRecognizer(), text, lang) if s.label == "DOB"]
    assert [(s.start, s.end) for s in got] == [(a, b) for a, b, _, _ in gold], [s.text for s in got]
    assert [s.norm for s, g in zip(got, gold, strict=True) if g[3]] == [g[3] for g in gold if g[3]]


def test_a_birth_date_lends_its_year_to_no_event_date() -> None:
    text = "Родилась в 1979 году. Задержали 3 апреля, а 24 февраля 2022 года началось."
    got = resolve_norms(found(DateRecognizer(), text, "ru"))
    assert [(s.label, s.norm) for s in got] == [
        ("DOB", "1979"),
        ("DATE", "2022-04-03"),
        ("DATE", "2022-02-24"),
    ]
