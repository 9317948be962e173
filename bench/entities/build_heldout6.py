"""Build held-out set 6 (18 synthetic testimony passages) with offsets computed by code.

Written by an engineer who had not read the recognizers' code, so the set measures recall on
text the pipeline's authors never saw. Every name, number and account here is fictional.
Marks are ``[[LABEL:text]]``; span conventions follow docs/entities.md "Labels".

Rerun: ``.venv/bin/python -m bench.entities.build_heldout6``
"""

# ruff: noqa: E501  (passage text is data; lines are wrapped by hand)
from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "tests/extractors/entities/data/heldout6.jsonl"
LABELS = {
    "PERSON", "LOC", "ORG", "DATE", "TIME", "PHONE", "EMAIL", "ID_DOC", "TAX_ID",
    "VEHICLE_PLATE", "MILITARY_UNIT", "ADDRESS",
}  # fmt: skip
MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]")

PASSAGES: list[tuple[str, str]] = [
    # --- Ukrainian ---
    (
        "uk",
        (
            "Я, [[PERSON:Ганна Петрівна Сидоренко]], [[DATE:1961 року]] народження, проживаю в "
            "[[LOC:Балаклії]] за адресою [[ADDRESS:вул. Жовтнева, 14]]. [[DATE:9 березня 2022 року]] "
            "до нас прийшли військові й забрали мого чоловіка [[PERSON:Миколу]]. Старшим у них був "
            "чоловік з позивним «[[PERSON:Тунгус]]». [[PERSON:Миколі]] тоді було 64 роки, і про "
            "нього я досі нічого не знаю."
        ),
    ),
    (
        "uk",
        (
            "Мого сина, [[PERSON:Дмитра Коваля]], затримали на блокпосту біля [[LOC:Василівки]] "
            "[[DATE:12.04.2022]]. Його телефон [[PHONE:+380 67 482 19 53]] відтоді вимкнений. "
            "Сусідка бачила, як його везли в бік [[LOC:Мелітополя]] разом з [[PERSON:Андрієм "
            "Гнатюком]]. Пізніше я отримала лист від [[ORG:МКЧХ]], де сказано, що [[PERSON:Дмитро]] "
            "утримується в [[LOC:Таганрозі]]."
        ),
    ),
    (
        "uk",
        (
            "Фільтрацію ми проходили в [[LOC:Безіменному]] [[DATE:з 20 по 23 квітня 2022 року]]. "
            "Допитував мене офіцер [[ORG:ФСБ]], який назвався [[PERSON:Олегом Вікторовичем]]. Він "
            "переписав мій паспорт [[ID_DOC:ЕК 418273]] і забрав телефон. Мою доньку "
            "[[PERSON:Катрусю]] допитували окремо, близько [[TIME:23:00]]."
        ),
    ),
    (
        "uk",
        (
            "Про те, що сталося з [[PERSON:Оксаною Мельничук]], мені розповіла її сестра "
            "[[PERSON:Тетяна]]. Наприкінці [[DATE:березня]] в [[LOC:Бородянці]] двоє солдатів з "
            "[[MILITARY_UNIT:в/ч 51460]] увірвалися до їхнього будинку на [[ADDRESS:вул. Центральній, "
            "7]]. Одного з них інші кликали «[[PERSON:Малой]]», другого — [[PERSON:Сєрьогою]]. "
            "[[DATE:Через два дні]] частина пішла з села."
        ),
    ),
    (
        "uk",
        (
            "[[DATE:Влітку 2022 року]] мою маму, [[PERSON:Л. М. Кравець]], примусово вивезли з "
            "[[LOC:Олешок]] до [[LOC:Криму]], а потім до [[LOC:Пензи]]. Зв'язатися з нею можна лише "
            "через волонтерку [[PERSON:Ірину Шевчишин]], її пошта [[EMAIL:iryna.shevch@ukr.net]]. "
            "Мамин РНОКПП [[TAX_ID:2245183073]] я передала слідчій [[PERSON:Гордієнко]]."
        ),
    ),
    (
        "uk",
        (
            "Свідок [[PERSON:Бондар В.]] показав, що його утримували в підвалі школи в "
            "[[LOC:Козачій Лопані]] разом з [[PERSON:Юрієм Ткачем]] та [[PERSON:Стасиком]]. "
            "Катували їх військовослужбовці [[ORG:Росгвардії]], серед них — чоловік на прізвисько "
            "[[PERSON:Чечен]]. Полонених вивозили на сірому УАЗі з номером [[VEHICLE_PLATE:АХ 4821 "
            "ВК]]. Звільнили його лише [[DATE:11 вересня]], коли [[ORG:ЗСУ]] увійшли в село."
        ),
    ),
    # --- Russian ---
    (
        "ru",
        (
            "Меня зовут [[PERSON:Светлана Игоревна Лысенко]], я жила в [[LOC:Изюме]] на "
            "[[ADDRESS:улице Пушкина, д. 21, кв. 8]]. В начале [[DATE:апреля 2022 года]] мужа "
            "[[PERSON:Виктора]] увели солдаты, командира которых называли «[[PERSON:Кедр]]». "
            "[[DATE:На следующий день]] я искала его в комендатуре, но мне сказали, что "
            "[[PERSON:Лысенко Виктора Павловича]] у них нет."
        ),
    ),
    (
        "ru",
        (
            "Моего брата [[PERSON:Алексея Гончаренко]] задержали [[DATE:17 марта 2022 г.]] в "
            "[[LOC:Херсоне]] сотрудники [[ORG:ФСБ]]. Больше месяца он провёл в ИВС на "
            "[[ADDRESS:ул. Теплоэнергетиков, 3]]. Допрашивал его следователь [[PERSON:Зайцев]], а "
            "били бойцы с позывными «[[PERSON:Гром]]» и «[[PERSON:Шаман]]». Его паспорт "
            "[[ID_DOC:МЕ 502817]] так и не вернули."
        ),
    ),
    (
        "ru",
        (
            "В [[DATE:мае 2022]] нас с дочерью [[PERSON:Настей]] вывезли из [[LOC:Мариуполя]] через "
            "фильтрационный лагерь в [[LOC:Докучаевске]]. Там у меня забрали телефон и переписали "
            "номер [[PHONE:+380 95 318 46 20]]. Женщина в форме, [[PERSON:Ирина Владимировна]], "
            "сказала, что нас отправят во [[LOC:Владимирскую область]]. [[DATE:С 5 по 19 июня]] мы "
            "жили в пункте временного размещения, а документы передали [[PERSON:Ольге Сергеевне]] "
            "из администрации."
        ),
    ),
    (
        "ru",
        (
            "Мой отец, [[PERSON:Ковальчук Пётр Семёнович]], пропал [[DATE:24.02.2022]] возле "
            "[[LOC:Чернобаевки]]. Последним его видел сосед [[PERSON:Гриша Мельник]]. По словам "
            "[[PERSON:Мельника]], отца посадили в машину с номером [[VEHICLE_PLATE:К417ОР 93]]. Мы "
            "звонили на горячую линию [[ORG:Красного Креста]], но ответа нет до сих пор."
        ),
    ),
    (
        "ru",
        (
            "[[DATE:Весной 2022 года]] в [[LOC:Волчанске]] стояли солдаты из [[MILITARY_UNIT:войсковой "
            "части 71718]]. Они заняли дом [[PERSON:Нины Антоновны]] на [[ADDRESS:улице Победы, 40]] "
            "и держали её в погребе почти неделю. Их командира, майора [[PERSON:Рябова]], она узнала "
            "по фотографии, которую ей показала следователь [[ORG:Национальной полиции]]."
        ),
    ),
    (
        "ru",
        (
            "Я, [[PERSON:Олейник Андрей]], был задержан в [[LOC:Энергодаре]] [[DATE:3 августа 2022 "
            "года]] около [[TIME:4 утра]]. Меня держали в гараже вместе с [[PERSON:Сашей]] и "
            "[[PERSON:Вовкой Бурлакой]]. Допрашивал человек с позывным «[[PERSON:Док]]», он звонил "
            "кому-то по номеру [[PHONE:+7 978 214 55 01]]. [[DATE:Через две недели]] меня обменяли."
        ),
    ),
    # --- English ---
    (
        "en",
        (
            "My name is [[PERSON:Oksana Tkachenko]] and I lived in [[LOC:Bucha]] at [[ADDRESS:12 "
            "Vokzalna Street]]. On [[DATE:March 5th, 2022]] soldiers took my husband "
            "[[PERSON:Serhiy]] from our basement. [[DATE:A week later]] I found his body near the "
            'railway station. Their commander went by the call sign "[[PERSON:Veter]]".'
        ),
    ),
    (
        "en",
        (
            "Mr [[PERSON:Kovalenko]]'s daughter, [[PERSON:Yulia]], was detained at a checkpoint "
            "outside [[LOC:Melitopol]] on [[DATE:14 May 2022]]. She was held in [[LOC:Vasylivka]] "
            "for filtration and questioned by an [[ORG:FSB]] officer who introduced himself as "
            "[[PERSON:Dmitry Sergeyevich]]. Her phone number was [[PHONE:+380 50 771 23 84]]; it "
            "has been unreachable since."
        ),
    ),
    (
        "en",
        (
            "[[DATE:From 2 to 16 September 2022]] at least forty children from [[LOC:Kherson "
            "Oblast]] were taken to camps in [[LOC:Crimea]] and [[LOC:Anapa]]. Among them was "
            "[[PERSON:Maksym]], the son of [[PERSON:Natalia Hrytsenko]] from [[LOC:Oleshky]]. His "
            "passport [[ID_DOC:FA 203947]] was kept by the camp staff."
        ),
    ),
    (
        "en",
        (
            "According to the witness, [[PERSON:O. Lysak]], the troops that occupied "
            "[[LOC:Hostomel]] belonged to [[MILITARY_UNIT:military unit 74268]]. They detained "
            "[[PERSON:Petro]] and [[PERSON:Halyna Romaniuk]] on [[DATE:27/02/2022]] at about "
            "[[TIME:6 pm]]. The interrogator, a man nicknamed '[[PERSON:Yakut]]', beat Mr "
            "[[PERSON:Romaniuk]] with a rifle butt."
        ),
    ),
    (
        "en",
        (
            "I am writing about my grandmother, [[PERSON:Vira Stepanivna Bondarenko]], born in "
            "[[DATE:1943]], who disappeared from [[LOC:Nova Kakhovka]] in late [[DATE:October "
            "2022]]. Her neighbour, [[PERSON:Mykola Shevchuk]], last saw her being led away by "
            "men from the [[ORG:Rosgvardia]]. Her tax number is [[TAX_ID:3180047629]] and you can "
            "reach me at [[EMAIL:bondarenko.family@gmail.com]]."
        ),
    ),
    (
        "en",
        (
            "[[PERSON:Roman Zhuk]] was held in a police station in [[LOC:Kupiansk]] [[DATE:from 10 "
            "to 25 July 2022]]. His cellmate, a farmer called [[PERSON:Ivan]] from "
            "[[LOC:Petropavlivka]], died after a beating by Lieutenant [[PERSON:Karpov]]. "
            "[[PERSON:Roman]]'s car, plate [[VEHICLE_PLATE:XA 2710 EK]], was never returned."
        ),
    ),
]


def parse(marked: str) -> tuple[str, list[dict[str, object]]]:
    """Strip marks and return the plain text with the spans' offsets."""
    text, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos : m.start()]
        text.append(before)
        length += len(before)
        label, value = m.group(1), m.group(2)
        if label not in LABELS:
            raise ValueError(f"unknown label {label}")
        spans.append({"start": length, "end": length + len(value), "label": label})
        text.append(value)
        length += len(value)
        pos = m.end()
    text.append(marked[pos:])
    plain = "".join(text)
    if "[[" in plain or "]]" in plain:
        raise ValueError("unbalanced mark")
    return plain, spans


def main() -> None:
    """Write the jsonl and check every span against its mark."""
    counts = {"uk": 0, "ru": 0, "en": 0}
    lines = []
    for lang, marked in PASSAGES:
        counts[lang] += 1
        plain, spans = parse(marked)
        values = [m.group(2) for m in MARK.finditer(marked)]
        assert [plain[s["start"] : s["end"]] for s in spans] == values
        doc = {"id": f"h6-{lang}-{counts[lang]:02d}", "lang": lang, "text": plain}
        doc["spans"] = spans
        lines.append(json.dumps(doc, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents, {sum(len(parse(p)[1]) for _, p in PASSAGES)} spans -> {OUT}")


if __name__ == "__main__":
    main()
