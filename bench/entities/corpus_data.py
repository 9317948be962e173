"""Templates and word lists of the synthetic corpora (see make_corpus.py, corpus_slots.py)."""

from __future__ import annotations

TEMPLATES: dict[str, list[str]] = {
    "uk": [
        "Мене затримали {DATE_FULL} у {LOC_loct}.",
        "{DATE_FULL} до нас прийшли військові і забрали {PER_accs}.",
        "Я, {PER_nomn}, народилася {DOB_FULL} в {LOC_loct}.",
        "{DATE_REL} мене перевезли до {LOC_gent}.",
        "Допитував чоловік з позивним «{CALLSIGN}».",
        "Його позивний був {CALLSIGN}, він часто бив {PER_accs}.",
        "У камері я бачила {PER_accs} з {LOC_gent}.",
        "Моя сестра {FIRST_nomn} залишилась у {LOC_loct} {OBLAST_gent}.",
        "Ми жили в селі {LOC_nomn} {RAION_gent}.",
        "Зателефонуйте {PER_datv} за номером {PHONE}.",
        "Моя пошта {EMAIL}, пишіть туди.",
        "У мене забрали паспорт {PASSPORT} і телефон.",
        "Номер моєї ID-картки {IDCARD}, вона лишилась у них.",
        "Мій РНОКПП {TAX}, я можу надати копію.",
        "Вони їздили на бусі з номером {PLATE}.",
        "Нас тримали на території {UNIT}.",
        "До війни я мешкала за адресою {ADDRESS}.",
        "Приблизно о {TIME} приїхали люди з {ORG}.",
        "{DATE_RANGE} ми сиділи в підвалі без води.",
        "У {DATE_MY} у {LOC_loct} зникли сусіди.",
        "{DATE_SEASON} ситуація в {OBLAST_loct} погіршилась.",
        "Мене відпустили {DATE_DM}, після обміну.",
        "Документи підписали {DATE_NUM}, я їх не читала.",
        "Разом зі мною утримували {PER_accs} та {PER_accs}.",
        "Слідчий {PER_nomn} казав, що я більше не побачу {PER_accs}.",
        "Мене катували разом із {PER_ablt}.",
        "Про мене питали в {PER_gent}, сусідки з {LOC_gent}.",
        "Охоронці називали одного з них {CALLSIGN}.",
        "Було дуже холодно, і ми нічого не знали про рідних.",
        "Господи, я думала, що не виживу.",
        "Поруч стояла Школа номер два, там теж тримали людей.",
    ],
    "ru": [
        "Меня задержали {DATE_FULL} в {LOC_loct}.",
        "{DATE_FULL} к нам пришли военные и забрали {PER_accs}.",
        "Я, {PER_nomn}, родилась {DOB_FULL} в {LOC_loct}.",
        "{DATE_REL} меня перевезли в {LOC_accs}.",
        "Допрашивал мужчина с позывным «{CALLSIGN}».",
        "Его позывной был {CALLSIGN}, он часто бил {PER_accs}.",
        "В камере я видела {PER_accs} из {LOC_gent}.",
        "Моя сестра {FIRST_nomn} осталась в {LOC_loct} {OBLAST_gent}.",
        "Позвоните {PER_datv} по номеру {PHONE}.",
        "Моя почта {EMAIL}, пишите туда.",
        "У меня забрали паспорт {PASSPORT} и телефон.",
        "Мой ИНН {TAX}, могу дать копию.",
        "Они ездили на машине с номером {PLATE}.",
        "Нас держали на территории {UNIT}.",
        "До войны я жила по адресу {ADDRESS}.",
        "Около {TIME} приехали люди из {ORG}.",
        "{DATE_RANGE} мы сидели в подвале без воды.",
        "В {DATE_MY} в {LOC_loct} пропали соседи.",
        "{DATE_SEASON} ситуация в {OBLAST_loct} ухудшилась.",
        "Меня отпустили {DATE_DM}, после обмена.",
        "Документы подписали {DATE_NUM}, я их не читала.",
        "Вместе со мной держали {PER_accs} и {PER_accs}.",
        "Следователь {PER_nomn} говорил, что я больше не увижу {PER_accs}.",
        "Меня пытали вместе с {PER_ablt}.",
        "Было очень холодно, и мы ничего не знали о родных.",
        "Господи, я думала, что не выживу.",
    ],
    "en": [
        "I was detained on {DATE_FULL} in {LOC_nomn}.",
        "On {DATE_FULL} soldiers came and took {PER}.",
        "My name is {PER} and I was born on {DOB_FULL} in {LOC_nomn}.",
        "{DATE_REL} I was moved to {LOC_nomn}.",
        'The interrogator went by the call sign "{CALLSIGN}".',
        "In the cell I saw {PER} from {LOC_nomn}.",
        "My sister {FIRST} stayed in {LOC_nomn}, {OBLAST}.",
        "Please call {PER} on {PHONE}.",
        "My e-mail is {EMAIL}.",
        "They took my passport {PASSPORT} and my phone.",
        "My Ukrainian tax number is {TAX}.",
        "They drove a van with the plate {PLATE}.",
        "We were held on the grounds of {UNIT}.",
        "Before the war I lived at {ADDRESS}.",
        "At about {TIME} people from the {ORG} arrived.",
        "We stayed in the basement {DATE_RANGE}.",
        "In {DATE_MY} our neighbours disappeared in {LOC_nomn}.",
        "In the {DATE_SEASON} things got worse in {OBLAST}.",
        "I was released on {DATE_DM} after an exchange.",
        "The papers were signed on {DATE_NUM}.",
        "{PER} and {PER} were held with me.",
        "The investigator {PER} said I would never see {PER} again.",
        "It was very cold and we knew nothing about our families.",
        "God, I thought I would not survive.",
    ],
}

CALLSIGNS = {
    "uk": ["Граф", "Тихий", "Шаман", "Кузя", "Барс", "Лютий", "Сокіл", "Док", "Пилот", "Монах"],
    "ru": ["Граф", "Тихий", "Шаман", "Кузя", "Барс", "Лютый", "Сокол", "Док", "Пилот", "Монах"],
    "en": ["Graf", "Tykhyi", "Shaman", "Kuzia", "Bars", "Doc", "Pilot", "Monk", "Falcon", "Wolf"],
}
MONTHS = {
    "uk": ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"],
    "uk_loct": ["січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні",
                "вересні", "жовтні", "листопаді", "грудні"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    "ru_loct": ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                "сентябре", "октябре", "ноябре", "декабре"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}  # fmt: skip
SEASONS = {
    "uk": [("Навесні", "spring"), ("Влітку", "summer"), ("Восени", "autumn"), ("Взимку", "winter")],
    "ru": [("Весной", "spring"), ("Летом", "summer"), ("Осенью", "autumn"), ("Зимой", "winter")],
    "en": [("spring of", "spring"), ("summer of", "summer"), ("autumn of", "autumn"),
           ("winter of", "winter")],
}  # fmt: skip
RELATIVE = {
    "uk": [("Наступного дня", 1), ("Через тиждень", 7), ("Через два дні", 2), ("Того ж дня", 0)],
    "ru": [("На следующий день", 1), ("Через неделю", 7), ("Через два дня", 2),
           ("В тот же день", 0)],
    "en": [("The next day", 1), ("A week later", 7), ("Two days later", 2),
           ("The same day", 0)],
}  # fmt: skip
ORGS = {
    "uk": [("ФСБ", "фсб"), ("Росгвардії", "росгвардія"), ("Червоного Хреста", "мкчх"),
           ("СБУ", "сбу"), ("ООН", "оон"), ("Національної поліції", "національна поліція")],
    "ru": [("ФСБ", "фсб"), ("Росгвардии", "росгвардія"), ("Красного Креста", "мкчх"),
           ("СБУ", "сбу"), ("ООН", "оон")],
    "en": [("FSB", "фсб"), ("Red Cross", "мкчх"), ("SBU", "сбу"), ("OSCE", "обсє"),
           ("UN", "оон")],
}  # fmt: skip
MOBILE = ("50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99")
PLATE_LETTERS = "АВСЕНІКМОРТХ"
PLATE_REGIONS = ("АА", "АВ", "ВС", "ВТ", "АР", "ВН", "АН", "ВІ", "КА", "СА", "НО")
RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
EN_STREETS = ("Street", "Avenue", "Road", "Lane", "Drive", "Boulevard", "Court", "Place")

OBLAST_CENTRES = {
    "херсонська": "Kherson", "запорізька": "Zaporizhzhia", "харківська": "Kharkiv",
    "донецька": "Donetsk", "луганська": "Luhansk", "київська": "Kyiv",
    "миколаївська": "Mykolaiv", "чернігівська": "Chernihiv", "сумська": "Sumy",
}  # fmt: skip
