"""Dictionary place names (pymorphy3 Geox) as LOC: foreign cities, rivers, regions."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.geonames import GeoxRecognizer, geox_lemma
from tests.extractors.entities.entity_tables import check_table

pytestmark = pytest.mark.nlp

ROWS = [
    ("uk", "Син зараз у [Каїрі](LOC=каїр), а донька в [Бейруті](LOC=бейрут)."),
    ("uk", "Ми жили біля [Дунаю](LOC=дунай), а брат поїхав до [Англії](LOC=англія)."),
    ("ru", "Нас отправили в [Соликамск](LOC=соликамск), потом в [Амман](LOC=амман)."),
    ("en", "My son lives in [Toronto](LOC=toronto); we went via [Przemyśl](LOC)."),
    # negatives: sentence-initial capitals, names that are also words, languages, months, names,
    # a modifier of the next word
    ("en", "He spoke in Russian, in March, in Olena's house, near Maria, in Tigr vehicles."),
    ("uk", "Каїр далеко. Марія поїхала, Надія приходила."),
    ("ru", "Надежда пришла, Любовь Петровна звонила, Вера осталась."),
    # geox@2: a place reading that dominates a name reading; countries as lone words; GeoNames
    # cities after a preposition or (100,000+ people) mid-sentence; "край"; oblast lists
    ("ru", "Переговоры с [Россией](LOC=росія) сорвались, в [Риме](LOC=рим) была встреча."),
    ("ru", "Премьер-министр [Израиля](LOC) выступил вчера."),
    ("uk", "Її перевезли до [Хелма](LOC=chełm), там жили вихідці з [Бейрута](LOC=бейрут)."),
    ("uk", "Його тримають у СІЗО [Пермського краю](LOC=пермського краю)."),
    (
        "uk",
        (
            "Окупанти зайшли у [Херсонську](LOC=херсонська область), "
            "[Запорізьку](LOC=запорізька область) та Донецьку області."
        ),
    ),
    (
        "en",
        (
            "From there I went via [Moscow](LOC) to [Tallinn](LOC=tallinn) and to "
            "[Dublin](LOC=dublin); they took him to [Krasnodar Krai](LOC)."
        ),
    ),
    ("en", "We lived at 27 Lisburn Road, [Belfast](LOC=belfast), and in [Vladimir](LOC)."),
    ("en", "My house at Sadova Street 22, [Hostomel](LOC=гостомель) was burned."),
    ("en", "Then they took us to [Hostomel](LOC=гостомель)."),  # GeoNames city, codifier key
    (
        "uk",
        (
            "Нас тримали у [Стрийському парку](LOC=стрийському парку), потім біля "
            "[Азовського моря](LOC) і в [Чорному лісі](LOC)."
        ),
    ),
    ("ru", "Тела нашли в [Химкинском лесу](LOC), Иван видел Петра у парка."),
    # negatives: a first name that is a city, a brand that is a city, a month, a sentence start,
    # a city inside a longer capitalised name, a surname the dictionary tags as a place
    ("en", "Victoria came in a silver Toyota in March. Reading it, we went to Dublin Airport."),
    ("ru", "Зав. отделением: Горобец. Софии звонила мама."),
    # geox@3: a state's long form; a two-word country after any capitalised word
    ("ru", "Справка выдана в [Республике Молдова](LOC=молдова) на имя заявителя."),
    ("uk", "Він жив у [Королівстві Нідерландів](LOC=нідерланди) два роки."),
    ("en", "She moved to the [Federal Republic of Germany](LOC=німеччина) in May."),
    ("en", "We reached the [Republic of Moldova](LOC=молдова) on foot."),
    ("uk", "Громадянин [Російської Федерації](LOC=росія) допитував його."),
    ("ru", "Сотрудник [Российской Федерации](LOC=росія) был там."),
    # negatives: a long form of no country; "Republic" in a company name
    ("uk", "Він переїхав до Республіки Чанс, а потім до Федерації Футболу."),
    ("en", "He worked for Republic of Tea and the Kingdom of Heaven choir."),
    ("uk", "Він жив в [Автономній Республіці Крим](LOC=крим), а сестра у Львові."),
    # geox@3: "-щина" regions of towns, cardinal regions mid-sentence, named natural features
    ("uk", "Нас тримали на [Старобільщині](LOC=старобільщина), потім на [Калущині](LOC)."),
    ("uk", "Він любив свою Батьківщину. Газета «Житомирщина» вийшла."),
    ("uk", "Його вивезли на [Схід](LOC=схід), а брат поїхав на [Близький Схід](LOC)."),
    ("uk", "Схід мовчав. Південь теж."),  # sentence starts: no region
    ("ru", "Потом нас повезли на [Восток](LOC=восток)."),
    ("ru", "Охранник «Север» бил нас."),  # a call sign in quotes is no region
    ("uk", "Тіло знайшли біля річки [Полтви](LOC=полтва) і озера [Світязь](LOC=світязь)."),
    ("uk", "Ми жили під горою Високий Замок, біля гори Марія, у 2008 р. Водночас."),
    ("uk", "Його били біля острова Ковальчука."),  # a surname stays a person (fail closed)
    ("ru", "Их нашли у реки [Славянки](LOC=славянка)."),
    # uk → ru spellings "-'я / -жя" → "-ье", "під-" → "под-"; a region beats a village namesake
    ("uk", "Дітей вивезли до [Підмосков'я](LOC), потім на [Поволжя](LOC=поволжя)."),
    ("uk", "Ми бачили гори, там був [Кавказ](LOC=кавказ)."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_geox_table(lang: str, marked: str) -> None:
    check_table(GeoxRecognizer(), marked, lang, "LOC")


def test_a_word_that_can_be_a_name_is_never_a_place() -> None:
    assert geox_lemma("надежда", "ru") is None
    assert geox_lemma("каира", "ru") == "каир"


def test_a_dominant_place_reading_beats_a_name_reading() -> None:
    assert geox_lemma("израиля", "ru") == "израиль"  # Name "Израиль" is 3 % of the parses
    assert geox_lemma("архангельська", "uk") == "архангельськ"  # through "архангельск"
    assert geox_lemma("юґославії", "uk") == "юґославія"  # ґ → г


def test_a_dominant_place_after_a_preposition_beats_a_company_word_in_the_pipeline() -> None:
    from sestry.extractors.entities.pipeline import find_entities

    spans = find_entities("В марте я забрала его в Ростове, а брат остался в Риме.", "ru")
    assert [(s.text, s.label) for s in spans if s.text in ("Ростове", "Риме")] == [
        ("Ростове", "LOC"),
        ("Риме", "LOC"),
    ]
