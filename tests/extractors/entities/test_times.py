"""TIME recognizer: clock times, am/pm, "о 5 ранку"; norm is 24-hour HH:MM."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.times import TimeRecognizer
from tests.extractors.entities.entity_tables import check_table

ROWS = [
    ("en", "At [6.30 in the morning](TIME=06:30) and at [11 at night](TIME=23:00) they came."),
    ("en", "At [7 in the evening](TIME=19:00) we hid."),
    ("uk", "Близько [восьмої ранку](TIME=08:00) пішли; о [23 годині](TIME=23:00) повернулися."),
    ("ru", "Это было в [23 часа](TIME=23:00), потом около [половины шестого утра](TIME=05:30)."),
    ("ru", "[с 10 до 12 часов](TIME=10:00/12:00) нас держали на улице."),
    ("uk", "Допит тривав до 12 годин, після 5 годин я знепритомніла, близько 5 годин чекали."),
    ("ru", "Нас держали около 5 часов, через 3 часа отпустили."),
    ("uk", "Приблизно о [14:30](TIME=14:30) приїхали військові."),
    ("uk", "Допит почався о [22.15](TIME=22:15) і тривав до ранку."),
    ("uk", "Мене розбудили о [5 ранку](TIME=05:00)."),
    ("ru", "Около [7 утра](TIME=07:00) пришли люди."),
    ("ru", "Это было в [9 вечера](TIME=21:00)."),
    ("en", "At about [3 pm](TIME=15:00) officers arrived."),
    ("en", "They came at [12 a.m.](TIME=00:00) and left at [9:45](TIME=09:45)."),
    # a colon after a time ends it ("at 14:45: body exhumed"); seconds still do not split it
    ("en", "Examined at [14:45](TIME=14:45): no injuries. The log says 12:30:45."),
    # spelled-out times (issue 10): the grammar's hour words in each construction
    ("uk", "Прийшли [пів на сьому ранку](TIME=06:30), а о [дев'ятій вечора](TIME=21:00) пішли."),
    ("uk", "Близько [пів на першу](TIME=12:30) стало тихо; о [третій годині](TIME=03:00) ні."),
    ("ru", "Пришли в [шесть вечера](TIME=18:00), увели в [половине седьмого](TIME=06:30)."),
    ("ru", "Около [двух часов](TIME=02:00) было тихо."),
    ("en", "They came at [half past six](TIME=06:30) and at [seven o'clock](TIME=07:00)."),
    ("en", "It ended at [quarter to nine in the evening](TIME=20:45)."),
    # entities-0.14.0 (time@5): am/pm and a full stop after "4.15", a part of day after
    # "5:30", genitive hour words after "с / до", an approximate hour right after a date
    ("en", "At about [4.15 a.m.](TIME=04:15) it began; at [6.30 p.m.](TIME=18:30) it ended."),
    ("en", "He died at about [10.40](TIME=10:40). Then we left."),
    ("ru", "Стоять с [5:30 утра](TIME=05:30) до отбоя, в [9:15 вечера](TIME=21:15) — нет."),
    ("ru", "Копали окопы с [семи утра](TIME=07:00) до [девяти вечера](TIME=21:00)."),
    ("ru", "22 августа 2022 года около [16 часов](TIME=16:00) ко мне подошли."),
    ("uk", "3 березня, близько [14 години](TIME=14:00), нас вивели."),
    ("ru", "Допрашивали около 16 часов подряд, с семи человек сняли показания."),
    ("uk", "Прийшли близько [8-ї ранку](TIME=08:00)."),
    ("en", "At [midnight](TIME=00:00) they came, at [midday](TIME=12:00) left; noon passed."),
    ("uk", "Прийшли [опівночі](TIME=00:00), пішли [опівдні](TIME=12:00); на північ від села."),
    ("ru", "Пришли в [полночь](TIME=00:00), ушли около [полудня](TIME=12:00)."),
    ("ru", "Пришли к [полудню](TIME=12:00), ушли после [полуночи](TIME=00:00)."),
    # time@6 (set 10): hours and minutes as units in protocols, "HH:MM hours", a bare hour word
    # with a part of day in its clause (its evening or night turns it into 24-hour)
    ("uk", "Допит розпочато о [9 год 40 хв](TIME=09:40), закінчено о [12 год. 20 хв](TIME=12:20)."),
    ("ru", "Допрос начат в [16 ч 25 мин](TIME=16:25), окончен в [17 ч. 50 мин](TIME=17:50)."),
    ("en", "The interview began at [9 h 05 min](TIME=09:05) and lasted 2 h."),
    ("en", "On 2 June 2023 at [22:40 hours](TIME=22:40) the officer arrived."),
    ("uk", "Охоронець будив нас щоранку о [сьомій](TIME=07:00). О третій ми не думали."),
    ("uk", "Щовечора о [дев'ятій](TIME=21:00) нас виводили на перевірку."),
    ("ru", "Каждое утро в [шесть](TIME=06:00) нас поднимали, а в семь рядов строили."),
    ("en", "Every evening at [nine](TIME=21:00) they came; at one of the posts we hid."),
    ("ru", "Их было в шесть раз больше, утром мы ушли."),
    ("uk", "Обстріл тривав з [22.00](TIME=22:00) до [02.30](TIME=02:30), з 10.03 до 15.03 — ні."),
    ("en", "At [0600 hours](TIME=06:00) we moved, until [2130 hrs](TIME=21:30) hid; 1200 hours."),
    # negatives: a date with dots, a score, a ratio; number words that are not times
    ("en", "Six men came at six and one of them stayed for two days."),
    ("uk", "О третій ми не думали; шість людей сиділи у підвалі."),
    ("ru", "В шесть рядов стояли пять человек."),
    ("uk", "Це сталося 14.03.2022, рахунок 3 на 2."),
    ("en", "Chapter 3.2 says 24.02.2022."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_time_table(lang: str, marked: str) -> None:
    check_table(TimeRecognizer(), marked, lang, "TIME")
