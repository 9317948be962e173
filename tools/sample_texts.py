"""Synthetic testimony texts for the sample corpus and the OCR benchmarks.

Every person, village, number and call sign here is invented. The canaries (CANARIES) are unique
strings that must never appear in logs, errors or released files: leak tests grep for them.
"""

from __future__ import annotations

CANARIES: tuple[str, ...] = (
    "Одарка Сивоконенко",
    "Сивоконенко",
    "+380 67 431 0927",
    "КВ 482913",
    "Евдокия Тарабукина",
    "Тарабукина",
    "+7 978 514 2263",
    "4519 738204",
    "Marta Velychkivska",
    "Velychkivska",
    "+380 93 772 1846",
    "FX905317",
)

# (speaker, utterance) turns; the first speaker is the interviewer.
TURNS: dict[str, tuple[tuple[str, str], ...]] = {
    "uk": (
        ("Інтерв'юер", "Добрий день. Назвіть, будь ласка, своє ім'я."),
        ("Свідок", "Мене звати Одарка Сивоконенко, я з села Малі Журавлинці."),
        ("Інтерв'юер", "Що сталося навесні 2022 року?"),
        (
            "Свідок",
            (
                "Дванадцятого березня 2022 року військові з позивним Шершень забрали мене з дому. "
                "Мене тримали в підвалі сільської школи двадцять три дні."
            ),
        ),
        ("Інтерв'юер", "Чи забрали у вас документи?"),
        (
            "Свідок",
            "Так, вони забрали паспорт КВ 482913 і телефон. Мій номер був +380 67 431 0927.",
        ),
        ("Інтерв'юер", "Хто ще був з вами в підвалі?"),
        ("Свідок", "Ще шестеро жінок із нашого села. Нас відпустили четвертого квітня."),
    ),
    "ru": (
        ("Интервьюер", "Здравствуйте. Назовите, пожалуйста, ваше имя."),
        ("Свидетель", "Меня зовут Евдокия Тарабукина, я жила в посёлке Верхняя Ольшанка."),
        ("Интервьюер", "Что произошло в апреле 2022 года?"),
        (
            "Свидетель",
            (
                "Девятого апреля 2022 года солдаты с позывным Кедр задержали меня на блокпосту. "
                "Меня держали в гараже на окраине посёлка семнадцать дней."
            ),
        ),
        ("Интервьюер", "У вас забрали документы?"),
        (
            "Свидетель",
            "Да, забрали паспорт 4519 738204 и телефон с номером +7 978 514 2263.",
        ),
        ("Интервьюер", "Вас допрашивали?"),
        ("Свидетель", "Каждую ночь. Потом меня отпустили двадцать шестого апреля."),
    ),
    "en": (
        ("Q", "Good afternoon. Please state your name for the record."),
        ("A", "My name is Marta Velychkivska. I lived in the village of Nova Hrebinka."),
        ("Q", "What happened in March 2022?"),
        (
            "A",
            (
                "On 18 March 2022 soldiers using the call sign Badger detained me at my home. "
                "They kept me in the basement of the grain store for nineteen days."
            ),
        ),
        ("Q", "Did they take your documents?"),
        (
            "A",
            "Yes. They took my passport FX905317 and my phone, number +380 93 772 1846.",
        ),
        ("Q", "Were there other people with you?"),
        ("A", "Four other women from the village. We were released on 6 April 2022."),
    ),
}

# Prose for scans: the witness statement written out, one paragraph per entry.
STATEMENTS: dict[str, tuple[str, ...]] = {
    "uk": (
        "ЗАЯВА СВІДКА",
        "Я, Одарка Сивоконенко, мешканка села Малі Журавлинці, повідомляю таке.",
        "Дванадцятого березня 2022 року військові з позивним Шершень забрали мене з дому.",
        "Мене тримали в підвалі сільської школи двадцять три дні разом із шістьма жінками.",
        "У мене забрали паспорт КВ 482913 і телефон з номером +380 67 431 0927.",
        "Нас відпустили четвертого квітня 2022 року.",
    ),
    "ru": (
        "ПОКАЗАНИЯ СВИДЕТЕЛЯ",
        "Я, Евдокия Тарабукина, жительница посёлка Верхняя Ольшанка, сообщаю следующее.",
        "Девятого апреля 2022 года солдаты с позывным Кедр задержали меня на блокпосту.",
        "Меня держали в гараже на окраине посёлка семнадцать дней.",
        "У меня забрали паспорт 4519 738204 и телефон с номером +7 978 514 2263.",
        "Меня отпустили двадцать шестого апреля 2022 года.",
    ),
    "en": (
        "WITNESS STATEMENT",
        "I, Marta Velychkivska, resident of the village of Nova Hrebinka, state the following.",
        "On 18 March 2022 soldiers using the call sign Badger detained me at my home.",
        "They kept me in the basement of the grain store for nineteen days.",
        "They took my passport FX905317 and my phone with the number +380 93 772 1846.",
        "We were released on 6 April 2022.",
    ),
}


def plain_transcript(lang: str) -> str:
    """The transcript as a .txt: "Speaker: utterance" lines, a blank line between turns."""
    return "\n\n".join(f"{who}: {what}" for who, what in TURNS[lang]) + "\n"
