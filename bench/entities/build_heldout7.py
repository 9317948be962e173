"""Build held-out set 7 (69 synthetic passages in uk, ru, en) with offsets computed by code.

Written by a helper session that had not read the recognizers' code (extractors/) nor their
tests, so the set measures recall on text the pipeline's authors never saw. The passages were
written by hand, in the voices of different witnesses, officials, doctors and police officers;
every person, number, plate, e-mail and account here is fictional (settlements are real).
Marks are ``[[LABEL:text]]``; span conventions follow docs/entities.md "Labels", plus two
labels not yet in that table: DOB (the date part of a date of birth, never DATE) and CALLSIGN
(a combatant's call sign or nickname, never PERSON). Each passage has a kind: testimony,
letter, medical, police, or scan (rendered as a skewed, noisy page by
bench/entities/render_heldout7_scans.py). Description: tests/extractors/entities/data/heldout7.md.

Rerun: ``.venv/bin/python -m bench.entities.build_heldout7``
"""

# ruff: noqa: E501  (passage text is data; lines are wrapped by hand)
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "tests/extractors/entities/data/heldout7.jsonl"
LABELS = {
    "PERSON", "LOC", "ORG", "DATE", "TIME", "PHONE", "EMAIL", "ID_DOC", "TAX_ID",
    "VEHICLE_PLATE", "MILITARY_UNIT", "ADDRESS", "DOB", "CALLSIGN",
}  # fmt: skip
KINDS = {"testimony", "letter", "medical", "police", "scan"}
MARK = re.compile(r"\[\[([A-Z_]+):(.+?)\]\]")
RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)

PASSAGES: list[tuple[str, str, str]] = [
    # --- Ukrainian ---
    (
        "uk",
        "testimony",
        (
            "Мене звати [[PERSON:Орися Богданівна Гнатишин]], я [[DOB:1978 року]] народження, мешкала в "
            "[[LOC:Посад-Покровському]] на [[ADDRESS:вул. Лісовій, 12]]. [[DATE:Дванадцятого березня]] "
            "до двору заїхали два БТРи, і мого чоловіка, [[PERSON:Зеновія]], поклали обличчям у сніг. "
            "Старшого вони кликали за позивним «[[CALLSIGN:Тунгус]]». Тому я одразу зрозуміла, що це не "
            "звичайна перевірка документів. Відтоді я бачила [[PERSON:Зеновія]] лише раз — на відео, яке "
            "мені переслала кума [[PERSON:Явдоха]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Фільтрацію ми з донькою [[PERSON:Соломією]] проходили в [[LOC:Безіменному]] "
            "[[DATE:з 2 по 5 квітня 2022 року]]. У наметі сидів чоловік у балаклаві з нашивкою "
            "[[ORG:ФСБ]], він переписав мій паспорт громадянина України у формі картки "
            "[[ID_DOC:004417288]] і РНОКПП [[TAX_ID:2533314780]]. Далі нас повели до іншого намету, де "
            "фотографували татуювання й руки. Люди стояли в черзі з [[TIME:пів на сьому ранку]] до "
            "темряви, без води."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "[[DATE:Першого травня]] близько [[TIME:05:40]] снаряд влучив у будинок моїх сусідів "
            "[[PERSON:Пилипчуків]] на [[ADDRESS:вулиці Садовій, 3]] у [[LOC:Великій Олександрівці]]. "
            "Загинули [[PERSON:Степан Пилипчук]] і його онука [[PERSON:Злата]], їй було сім років. "
            "Немає жодних військових об'єктів ближче ніж за два кілометри від нашої вулиці. "
            "[[DATE:Наступного дня]] обстріл повторився о [[TIME:дев'ятій вечора]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Нас із мамою, [[PERSON:Євдокією Штепою]], вивезли з [[LOC:Нової Каховки]] автобусом через "
            "[[LOC:Крим]] до [[LOC:Ростова-на-Дону]], а звідти потягом аж до [[LOC:Сибіру]]. Під "
            "[[LOC:Омськом]] ми прожили [[DATE:з серпня по грудень 2022 року]] в гуртожитку, де жодного "
            "разу не бачили вчителя для дітей. Виїхати вдалося тільки через [[LOC:Грузію]] з допомогою "
            "волонтера [[PERSON:Гіоргі Кацитадзе]], його номер [[PHONE:+995 599 41 27 83]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Я, [[PERSON:Ярослава Дзюба]], [[DOB:04.09.1991]] р.н., хочу заявити про те, що сталося зі "
            "мною в [[LOC:Мотижині]] наприкінці [[DATE:березня 2022 року]]. Двоє військових, один із "
            "яких мав позивний «[[CALLSIGN:Сапсан]]», увійшли до будинку на [[ADDRESS:вул. Шкільній, 41]] "
            "і вчинили щодо мене сексуальне насильство. Другого він називав на ім'я — [[PERSON:Артем]]. "
            "Про все це я розповіла лікарці [[PERSON:Лукії Семенко]], яка оглянула мене [[DATE:2 квітня]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Мого брата [[PERSON:Остапа Ґудзя]] затримали [[DATE:18.08.2022]] на блокпосту біля "
            "[[LOC:Каланчака]]. Кілька місяців він провів у [[ORG:СІЗО-2]] в [[LOC:Сімферополі]], потім "
            "його етапували до [[LOC:Таганрога]]. Останнім, хто бачив його живим, був співкамерник "
            "[[PERSON:Марко Цимбалюк]], якого обміняли в [[DATE:січні 2023 року]]. [[PERSON:Марко]] "
            "розповів, що допити вів слідчий [[PERSON:Ігнатов]], а били конвоїри."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "У [[LOC:Пісках-Радьківських]] катівня була в приміщенні колишньої пошти. Мене, "
            "[[PERSON:Любомира Кривошию]], тримали там [[DATE:з 14 квітня по 2 травня]] разом із "
            "[[PERSON:Гордієм]] і [[PERSON:Устимом Недоступом]]. Допитував чоловік із позивним "
            "«[[CALLSIGN:Граф]]», а возив нас білий «Патріот» з номером [[VEHICLE_PLATE:АХ 7310 ЕМ]]. "
            "Потім мене передали військовим із [[MILITARY_UNIT:в/ч 73612]]."
        ),
    ),
    (
        "uk",
        "letter",
        (
            "Керівнику [[ORG:Харківської обласної прокуратури]]\n"
            "від [[PERSON:Перебийніс Лідії Іванівни]], [[DOB:1957]] р.н., яка проживає за адресою: "
            "м. [[LOC:Ізюм]], [[ADDRESS:вул. Соборна, 7, кв. 12]]\n"
            "ЗАЯВА\n"
            "Прошу встановити місцеперебування мого сина, [[PERSON:Перебийноса Тараса Олеговича]], "
            "[[DOB:14.11.1986]] р.н., якого [[DATE:24.03.2022]] російські військові вивезли з "
            "[[LOC:Ізюма]] в невідомому напрямку. Контактний телефон: [[PHONE:050 318 44 26]].\n"
            "Дата: [[DATE:03.05.2023]]\n"
            "Підпис: [[PERSON:Л. Перебийніс]]"
        ),
    ),
    (
        "uk",
        "letter",
        (
            "Добрий день! Звертаюся до [[ORG:Координаційного штабу з питань поводження з "
            "військовополоненими]] щодо мого чоловіка, солдата [[PERSON:Бабія Северина Петровича]], "
            "[[DOB:1989 року]] народження, військовослужбовця [[MILITARY_UNIT:військової частини А4215]]. "
            "Зв'язок із ним зник [[DATE:17 травня 2022 року]] на території заводу «[[ORG:Азовсталь]]». "
            "За даними [[ORG:МКЧХ]], він перебуває в [[LOC:Оленівці]], проте листів від нього немає. "
            "Прошу повідомляти мене на пошту [[EMAIL:o.babii.mariupol@ukr.net]] або за номером "
            "[[PHONE:+380 96 402 77 15]].\n"
            "З повагою, [[PERSON:Ольга Бабій]]"
        ),
    ),
    (
        "uk",
        "letter",
        (
            "До [[ORG:Офісу Омбудсмана України]]\n"
            "Шановні пані та панове! Я, [[PERSON:Веніамін Шкурупій]], мешканець "
            "[[LOC:Кам’янки-Дніпровської]], повідомляю, що мою дружину [[PERSON:Горпину]] затримали "
            "[[DATE:6 лютого 2023 року]] просто на роботі, на [[ORG:Запорізькій АЕС]], співробітники "
            "[[ORG:Росгвардії]]. Відтоді вона утримується невідомо де. Ідентифікаційний номер дружини "
            "[[TAX_ID:3880407231]], ID-картка [[ID_DOC:001938462]]. Прошу включити її до списків на обмін.\n"
            "Підпис: [[PERSON:В. Шкурупій]]"
        ),
    ),
    (
        "uk",
        "medical",
        (
            "ВИПИСКА ІЗ МЕДИЧНОЇ КАРТИ СТАЦІОНАРНОГО ХВОРОГО № 2417\n"
            "[[ORG:Херсонська обласна клінічна лікарня]]\n"
            "Пацієнт: [[PERSON:Загорулько Мирослав Андрійович]], дата народження [[DOB:22.07.1969]].\n"
            "Надійшов [[DATE:09.11.2022]] о [[TIME:14:20]] з мінно-вибуховою травмою після обстрілу "
            "[[LOC:Херсона]]. Осколкове поранення лівого стегна, контузія. Виписаний [[DATE:28.11.2022]] "
            "у задовільному стані під нагляд сімейного лікаря.\n"
            "Лікар-хірург [[PERSON:Т. В. Хоменко]]"
        ),
    ),
    (
        "uk",
        "medical",
        (
            "ВИСНОВОК ЕКСПЕРТА № 118/23\n"
            "Судово-медичну експертизу проведено в [[ORG:Київському обласному бюро судово-медичної "
            "експертизи]] [[DATE:з 6 по 11 квітня 2022 року]]. Об'єкт дослідження: труп чоловіка, "
            "ідентифікований дружиною як [[PERSON:Мельничук Фотій Семенович]], [[DOB:1948]] р.н., "
            "виявлений у [[LOC:Бучі]] на [[ADDRESS:вул. Островського, 20]]. Вогнепальне кульове "
            "поранення голови, руки зв'язані за спиною. Давність смерті — 10–14 діб.\n"
            "Експерт [[PERSON:О. Ю. Лисенко]]"
        ),
    ),
    (
        "uk",
        "police",
        (
            "ПРОТОКОЛ ДОПИТУ ПОТЕРПІЛОГО\n"
            "м. [[LOC:Чернігів]], [[DATE:14 червня 2022 року]]\n"
            "Слідчий [[ORG:Чернігівського районного управління поліції]] [[PERSON:Шульга А. О.]] допитав "
            "як потерпілу:\n"
            "Прізвище, ім'я, по батькові: [[PERSON:Їжак Марія Степанівна]]\n"
            "Дата народження: [[DOB:03.02.1975]]\n"
            "Місце проживання: с. [[LOC:Ягідне]], [[ADDRESS:вул. Перемоги, 5]]\n"
            "Документ: паспорт [[ID_DOC:НК 204815]]\n"
            "Потерпіла показала, що [[DATE:з 3 по 30 березня 2022 року]] її разом з іншими жителями "
            "села утримували в підвалі школи. Люди помирали від задухи, а тіла кілька днів лежали поруч."
        ),
    ),
    (
        "uk",
        "police",
        (
            "Начальнику [[ORG:Бериславського районного відділу поліції]]\n"
            "ЗАЯВА\n"
            "Я, [[PERSON:Ананій Вусатий]], повідомляю, що [[DATE:3 листопада 2022 року]] о "
            "[[TIME:сьомій ранку]] російські військові вивезли з мого подвір'я трактор і автомобіль "
            "ВАЗ-2107, номерний знак [[VEHICLE_PLATE:ВТ 0942 СН]]. Автомобіль пізніше бачили в "
            "[[LOC:Новій Каховці]] біля приміщення [[ORG:Новокаховської міської ради]].\n"
            "Додаток: копія техпаспорта.\n"
            "[[DATE:12.11.2022]] Підпис: [[PERSON:Вусатий А.]]"
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Я, старший солдат [[PERSON:Тимофій Ковтун]], служив у [[MILITARY_UNIT:військовій частині "
            "А2917]] і [[DATE:з травня 2022 по вересень 2023 року]] перебував у полоні. Спочатку нас "
            "тримали в колонії в [[LOC:Оленівці]], потім — у [[ORG:СІЗО-3]] в [[LOC:Новозибкові]]. "
            "Наглядачі мали позивні, я запам'ятав «[[CALLSIGN:Кабан]]» і «[[CALLSIGN:Мороз]]». Мене "
            "обміняли [[DATE:21 вересня 2023 року]]. Прошу також допитати [[PERSON:Андрія Лозинського]] "
            "з нашої роти, він уже був у полоні ще в [[DATE:2015 році]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Моя онука [[PERSON:Мілана]] навчалася в [[ORG:ліцеї №3]] у [[LOC:Генічеську]]. "
            "[[DATE:Восени 2022 року]] її разом з класом вивезли нібито на оздоровлення до "
            "[[LOC:Євпаторії]], і назад вона не повернулася. Я писала родичам із [[LOC:Галичини]] та "
            "знайомим у [[LOC:Польщі]], бо думала, що дитину могли вивезти ще далі. Повернути "
            "[[PERSON:Мілану]] вдалося лише [[DATE:22 квітня 2023 року]] через [[ORG:Національне "
            "інформаційне бюро]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Пані [[PERSON:Агнєшка Врублевська]] з [[LOC:Любліна]] вивезла нас з [[LOC:Ірпеня]] своєю "
            "машиною з польськими номерами [[VEHICLE_PLATE:LU 7731C]]. До кордону з [[LOC:Польщею]] ми "
            "їхали майже добу, через [[LOC:Житомир]] і [[LOC:Луцьк]]. Вона й досі пише мені на "
            "[[EMAIL:a.wroblewska.pomoc@wp.pl]]. В [[LOC:Ірпені]] лишився мій батько "
            "[[PERSON:Григорій Їжакевич]], про якого я нічого не знаю від [[DATE:9 березня]]."
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "Я працюю інженером на [[ORG:Запорізькій АЕС]]. [[DATE:Дев’ятнадцятого вересня]] мене "
            "затримали на прохідній люди з [[ORG:Росгвардії]] і відвезли в підвал на "
            "[[ADDRESS:вул. Курчатова]] в [[LOC:Енергодарі]]. Там мене допитував чоловік, якого всі "
            "називали «[[CALLSIGN:Доцент]]». Він вимагав пароль від мого телефону "
            "[[PHONE:097 241 58 03]] і переписку з колегами. Немає сенсу перелічувати все, що вони "
            "робили; скажу лише, що відпустили мене [[DATE:через дев’ять днів]]."
        ),
    ),
    (
        "uk",
        "scan",
        (
            "ПОЯСНЕННЯ\n"
            "[[DATE:27.07.2022]], м. [[LOC:Запоріжжя]]\n"
            "Я, [[PERSON:Соломія Кравчишин]], [[DOB:1994]] р.н., паспорт громадянина України у формі "
            "картки [[ID_DOC:002381957]], УНЗР [[ID_DOC:19940611-03186]], ІПН [[TAX_ID:2781580696]], "
            "пояснюю, що [[DATE:20 липня]] при виїзді з [[LOC:Мелітополя]] на блокпосту у "
            "[[LOC:Василівці]] мене затримали на добу. Мій ноутбук і телефон забрав військовий на "
            "прізвисько [[CALLSIGN:Шайтан]].\n"
            "Записано з моїх слів вірно, мною прочитано.\n"
            "Підпис: [[PERSON:С. Кравчишин]]"
        ),
    ),
    (
        "uk",
        "scan",
        (
            "[[ORG:Великоолександрівська селищна військова адміністрація]]\n"
            "ДОВІДКА № 314 від [[DATE:15.03.2023]]\n"
            "Видана [[PERSON:Гончарук Богдані Ігорівні]], [[DOB:1982 року]] народження, про те, що вона "
            "дійсно проживала за адресою: с. [[LOC:Давидів Брід]], [[ADDRESS:вул. Дніпровська, 18]], і "
            "її житловий будинок зруйновано внаслідок обстрілу [[DATE:8 серпня 2022 року]]. Довідку "
            "видано для подання до [[ORG:Міністерства соціальної політики України]].\n"
            "Начальник адміністрації [[PERSON:М. Р. Гордієнко]]"
        ),
    ),
    (
        "uk",
        "scan",
        (
            "Я, [[PERSON:Ткачишин Северин Дмитрович]], [[DOB:11.01.1963]] р.н., житель с. "
            "[[LOC:Руська Лозова]] [[LOC:Харківського району]], пояснюю таке. На початку "
            "[[DATE:травня 2022 року]] військові з [[MILITARY_UNIT:в/ч 31907]] вигнали нас із хати й "
            "зробили в ній вогневу точку. Моя сусідка [[PERSON:Ніна Охрименко]] померла в погребі, бо "
            "не було ліків від тиску. Телефон для зв'язку: [[PHONE:068 517 30 94]]."
        ),
    ),
    (
        "uk",
        "scan",
        (
            "[[ORG:Ізюмська центральна міська лікарня]]\n"
            "Дата: [[DATE:19.10.2022]]\n"
            "Прізвище: [[PERSON:Ничипорук]]\n"
            "Ім'я: [[PERSON:Ліана]]\n"
            "Дата народження: [[DOB:07.06.2001]]\n"
            "Діагноз: закрита черепно-мозкова травма, множинні забої тулуба. Зі слів пацієнтки, травми "
            "отримано під час утримання в [[LOC:Балаклії]] [[DATE:з 10 по 14 вересня]].\n"
            "Лікар [[PERSON:Р. Савчук]]"
        ),
    ),
    (
        "uk",
        "testimony",
        (
            "[[DATE:Двадцять шостого березня]] у [[LOC:Тростянці]] на території [[ORG:школи №5]] стояли "
            "російські танки. Мій чоловік [[PERSON:Тарас]] пішов туди по воду й не повернувся. Його "
            "тіло ми знайшли [[DATE:через тиждень]] біля залізниці. Очевидці кажуть, що стріляв "
            "військовий, якого інші кликали «[[CALLSIGN:Кєпа]]». Потім до нас приходив пан "
            "[[PERSON:Зенон Пасічник]] зі [[ORG:СБУ]] і все записав."
        ),
    ),
    # --- Russian ---
    (
        "ru",
        "testimony",
        (
            "Меня зовут [[PERSON:Лариса Викторовна Кудря]], я из [[LOC:Мариуполя]]. "
            "[[DATE:Второго апреля]] мы с мужем [[PERSON:Геной]] вышли из подвала на "
            "[[ADDRESS:ул. Садовой, д. 7]] и пошли пешком в сторону [[LOC:Мангуша]]. На фильтрации в "
            "[[LOC:Безыменном]] у мужа нашли татуировку с трезубцем, и его увели двое в форме "
            "[[ORG:Росгвардии]]. Потом мне сказали, что его отвезли в [[LOC:Еленовку]]. Больше я его "
            "не видела."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Мой сын, [[PERSON:Кравцов Денис Александрович]], [[DOB:1996]] г.р., был задержан "
            "[[DATE:11 августа 2022 года]] в [[LOC:Голой Пристани]]. Сначала его держали в ИВС, а "
            "затем перевели в [[ORG:СИЗО-1]] [[LOC:Симферополя]]. Следователя, который вёл дело, звали "
            "[[PERSON:Курбатов]]. Адвокат [[PERSON:Эльвира Нуриева]] смогла увидеться с ним только в "
            "[[DATE:декабре]]. Его паспорт [[ID_DOC:МА 381046]] так и остался у них."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "[[DATE:Девятого марта]] в [[TIME:шесть вечера]] начался обстрел [[LOC:Харькова]]. Снаряд "
            "попал в соседний подъезд нашего дома на [[ADDRESS:проспекте Гагарина, 71]]. Погибли "
            "[[PERSON:Тамара Ильинична]] с пятого этажа и её внук [[PERSON:Матвей]]. Люди выносили "
            "раненых на руках, скорая не могла проехать. Сосед, [[PERSON:Аркадий Лещенко]], потом "
            "сфотографировал воронку и передал снимки в [[ORG:Национальную полицию]]."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Я, [[PERSON:Оксана Бережная]], [[DOB:1987 года]] рождения, жила в [[LOC:Снигирёвке]]. В "
            "[[DATE:октябре 2022 года]] в наш дом заселились военные. Их командир с позывным "
            "«[[CALLSIGN:Шаман]]» ночью заставил меня пойти с ним в соседний дом, где применил ко мне "
            "сексуальное насилие. Второй, по кличке [[CALLSIGN:Малыш]], стоял у двери. Об этом я "
            "рассказала следователю [[PERSON:Марине Ивановне Гайдай]] и врачу "
            "[[ORG:Херсонской областной больницы]]."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "В [[LOC:Токмаке]] комендатура находилась в здании [[ORG:Токмакской районной "
            "администрации]]. Туда меня привезли [[DATE:5 июня 2022 года]] около [[TIME:десяти утра]]. "
            "Допрашивал офицер [[ORG:ФСБ]] по фамилии [[PERSON:Савельев]], он представился "
            "[[PERSON:Игорем Николаевичем]]. Спрашивали про моего брата [[PERSON:Эдика]], который "
            "служит в [[ORG:ВСУ]]. Отпустили меня [[DATE:через три дня]], забрав ноутбук."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Мой муж [[PERSON:Виктор Горбатюк]] воевал ещё в [[DATE:2014 году]], поэтому на фильтрации в "
            "[[LOC:Таганроге]] его сразу забрали. Меня с детьми, [[PERSON:Алиной]] и [[PERSON:Ромой]], "
            "посадили в поезд, и почти год мы прожили в [[LOC:Сибири]], под [[LOC:Тюменью]]. Вернуться "
            "нам помог волонтёр [[PERSON:Тимур]], он вывез нас через [[LOC:Грузию]]. Его телефон: "
            "[[PHONE:+7 912 438-17-02]]."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Моя соседка [[PERSON:Нино Беридзе]] держала кафе в [[LOC:Купянске]] на "
            "[[ADDRESS:улице Соборной, д. 15]]. В ночь на [[DATE:28 апреля]] туда приехали военные на "
            "двух машинах, у одной был номер [[VEHICLE_PLATE:Х512КМ 31]]. Её мужа, [[PERSON:Давида]], "
            "увезли в [[LOC:Валуйки]]. Семья [[PERSON:Беридзе]] до сих пор ищет его через "
            "[[ORG:Международный Комитет Красного Креста]]."
        ),
    ),
    (
        "ru",
        "letter",
        (
            "Прокурору [[ORG:Запорожской областной прокуратуры]]\n"
            "от [[PERSON:Шевчука Игната Павловича]], проживающего: г. [[LOC:Запорожье]], "
            "[[ADDRESS:ул. Независимой Украины, д. 52, кв. 9]]\n"
            "ЗАЯВЛЕНИЕ\n"
            "Прошу принять меры к розыску моей дочери [[PERSON:Шевчук Виктории Игнатьевны]], "
            "[[DOB:13.02.1999]] г.р., которая [[DATE:19.09.2022]] была задержана на блокпосту у "
            "[[LOC:Васильевки]] и с тех пор на связь не выходила. Загранпаспорт дочери "
            "[[ID_DOC:FT 381204]], ИНН [[TAX_ID:2551184876]]. [[DATE:Второго октября]] мне позвонил "
            "неизвестный с номера [[PHONE:+7 990 115 62 48]] и потребовал деньги за её освобождение.\n"
            "Подпись: [[PERSON:Шевчук И.П.]]"
        ),
    ),
    (
        "ru",
        "letter",
        (
            "В [[ORG:Координационный штаб по вопросам обращения с военнопленными]]\n"
            "Добрый день. Пишу вам по поводу моего мужа, [[PERSON:Лысака Олега Григорьевича]], "
            "[[DOB:1984 года]] рождения, военнослужащего [[MILITARY_UNIT:в/ч А7021]]. Его взяли в плен "
            "под [[LOC:Северодонецком]] в [[DATE:июне 2022 года]]. Вернувшийся из плена "
            "[[PERSON:Руслан Гайдамака]] видел его в [[ORG:СИЗО № 2]] [[LOC:Таганрога]] в "
            "[[DATE:феврале]]. Мой e-mail: [[EMAIL:n.lysak1986@gmail.com]], телефон "
            "[[PHONE:+380 63 744 20 81]].\n"
            "С уважением, [[PERSON:Наталья Лысак]]"
        ),
    ),
    (
        "ru",
        "medical",
        (
            "ВЫПИСНОЙ ЭПИКРИЗ\n"
            "[[ORG:Днепропетровская областная клиническая больница]]\n"
            "Больной: [[PERSON:Гурьев Станислав Юрьевич]], [[DOB:1971]] г.р.\n"
            "Находился на лечении [[DATE:с 14.03.2023 по 02.04.2023]]. Поступил после освобождения из "
            "плена с диагнозом: алиментарная дистрофия, консолидированные переломы рёбер. Со слов "
            "больного, удерживался в колонии в [[LOC:Еленовке]], затем в [[LOC:Брянской области]].\n"
            "Лечащий врач [[PERSON:Гриценко О.В.]]"
        ),
    ),
    (
        "ru",
        "medical",
        (
            "АКТ СУДЕБНО-МЕДИЦИНСКОГО ОСВИДЕТЕЛЬСТВОВАНИЯ № 77\n"
            "Освидетельствуемая: [[PERSON:Павленко Ульяна Сергеевна]], [[DOB:1990 года]] рождения. "
            "Освидетельствование начато [[DATE:4 апреля 2022 года]] в [[TIME:11:35]]. На коже спины и "
            "бёдер — множественные кровоподтёки давностью 7–10 суток. Со слов освидетельствуемой, "
            "повреждения причинены [[DATE:с 24 по 27 марта]] в [[LOC:Андреевке]] военнослужащими, "
            "один из которых называл себя «[[CALLSIGN:Маугли]]».\n"
            "Эксперт [[PERSON:Д.С. Лаптева]]"
        ),
    ),
    (
        "ru",
        "police",
        (
            "ОБЪЯСНЕНИЕ\n"
            "г. [[LOC:Краматорск]], [[DATE:15 мая 2022 г.]]\n"
            "Я, [[PERSON:Рыбак Евгения Олеговна]], [[DOB:1968]] г.р., проживающая по адресу: "
            "[[ADDRESS:ул. Парковая, д. 40, кв. 3]], по существу заданных вопросов поясняю: "
            "[[DATE:14 мая]] около [[TIME:половины восьмого вечера]] ракета попала в дом напротив. "
            "Из-под завалов достали тело [[PERSON:Фёдора Кузьмича Ломакина]]. Больше пояснить "
            "ничего не могу. С моих слов записано верно.\n"
            "Подпись: [[PERSON:Рыбак Е.О.]]"
        ),
    ),
    (
        "ru",
        "police",
        (
            "ПРОТОКОЛ ДОПРОСА СВИДЕТЕЛЯ\n"
            "Фамилия, имя, отчество: [[PERSON:Зинченко Роман Ильич]]\n"
            "Дата рождения: [[DOB:30.08.1958]]\n"
            "Место жительства: с. [[LOC:Новопетровка]], [[ADDRESS:ул. Центральная, 2]]\n"
            "Паспорт: [[ID_DOC:ВК 772031]]\n"
            "По существу дела свидетель показал: в конце [[DATE:марта]] военные из "
            "[[MILITARY_UNIT:войсковой части 51862]] расстреляли легковой автомобиль "
            "[[PERSON:Степаненко]], который ехал в [[LOC:Макаров]]. Номер машины был "
            "[[VEHICLE_PLATE:АІ 4417 КН]]."
        ),
    ),
    (
        "ru",
        "police",
        (
            "Начальнику [[ORG:Изюмского районного отдела полиции]]\n"
            "ЗАЯВЛЕНИЕ\n"
            "Прошу привлечь к ответственности лиц, которые [[DATE:с 1 апреля по 10 сентября 2022 года]] "
            "удерживали моего отца [[PERSON:Бондаренко Матвея Ефимовича]] в подвале на территории "
            "[[ORG:Изюмского приборостроительного завода]]. Среди охранников был человек с позывным "
            "«[[CALLSIGN:Дед]]», а также, по словам отца, некто [[PERSON:Сергей Колесников]] из "
            "[[LOC:Белгорода]]. Мой номер: [[PHONE:095 610 24 37]].\n"
            "[[DATE:20.09.2022]] [[PERSON:Бондаренко А.М.]]"
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Я, [[PERSON:Виолетта Ковальская]], гражданка [[LOC:Польши]], жила в [[LOC:Ворзеле]] с "
            "мужем [[PERSON:Анатолием]]. [[DATE:Третьего марта]] нас задержали военные и через "
            "[[LOC:Белоруссию]] увезли в [[ORG:СИЗО-1]] [[LOC:Курска]]. Меня отпустили "
            "[[DATE:через две недели]] после вмешательства консула, а мужа держат до сих пор. Его "
            "паспорт — [[ID_DOC:FE 629184]]."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "В [[DATE:феврале 2022 года]] моего мужа [[PERSON:Семёна]] насильно мобилизовали в "
            "[[LOC:Донецке]] и записали в [[MILITARY_UNIT:в/ч 45871]]. Командир роты с позывным "
            "«[[CALLSIGN:Батя]]» отобрал у всех телефоны. Последний раз [[PERSON:Семён]] звонил мне "
            "[[DATE:8 марта]] с чужого номера [[PHONE:+380 50 264 91 07]]. Тогда он сказал, что их "
            "держат в школе в [[LOC:Волновахе]]."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Я восемь лет проработал на [[ORG:Запорожской АЭС]]. [[DATE:20 июля 2022 года]] меня забрали "
            "прямо со смены сотрудники [[ORG:ФСБ]] и отвезли в здание городского отдела полиции на "
            "[[ADDRESS:ул. Строителей]] в [[LOC:Энергодаре]]. Там меня держали одиннадцать суток. "
            "Следователь [[PERSON:Пантелеев]] требовал, чтобы я подписал контракт с "
            "«[[ORG:Росатомом]]»."
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "В [[LOC:Херсоне]] меня задержали [[DATE:пятнадцатого сентября]] на "
            "[[ADDRESS:улице Перекопской]] люди в масках. Они приехали на «Газели» с крымскими "
            "номерами [[VEHICLE_PLATE:А 731 ОМ 82]]. В изоляторе меня допрашивал человек по кличке "
            "[[CALLSIGN:Кощей]], а протокол писал молодой лейтенант [[PERSON:Захаров]]. Всё это время "
            "моя жена [[PERSON:Алла]] звонила в [[ORG:Херсонскую военно-гражданскую администрацию]], но "
            "ей отвечали, что меня там нет."
        ),
    ),
    (
        "ru",
        "letter",
        (
            "В [[ORG:Офис Уполномоченного Верховной Рады Украины по правам человека]]\n"
            "Добрый день! Меня зовут [[PERSON:Тамара Чхеидзе]], я жительница [[LOC:Бердянска]]. "
            "Моего брата, [[PERSON:Левана Чхеидзе]], [[DOB:1979]] г.р., увезли [[DATE:17.06.2022]] в "
            "неизвестном направлении. Раньше он служил в [[ORG:Государственной пограничной службе]]. "
            "Прошу сообщить о нём по адресу [[EMAIL:t.chkheidze.berdyansk@ukr.net]].\n"
            "[[PERSON:Т. Чхеидзе]]"
        ),
    ),
    (
        "ru",
        "scan",
        (
            "ОБЪЯСНЕНИЕ\n"
            "[[DATE:3 октября 2022 г.]], г. [[LOC:Изюм]]\n"
            "Я, [[PERSON:Мирошниченко Любовь Петровна]], [[DOB:1949]] г.р., поясняю: "
            "[[DATE:с марта по сентябрь]] в нашем доме на [[ADDRESS:ул. Шевченко, д. 7]] жили военные "
            "из [[MILITARY_UNIT:в/ч 12563]]. Моего сына [[PERSON:Игоря]] они забрали "
            "[[DATE:14 апреля]], больше я его не видела. Старшего у них называли «[[CALLSIGN:Рыжий]]».\n"
            "С моих слов записано верно, мною прочитано.\n"
            "Подпись: [[PERSON:Мирошниченко Л.П.]]"
        ),
    ),
    (
        "ru",
        "scan",
        (
            "В [[ORG:Офис Генерального прокурора]]\n"
            "от [[PERSON:Пономаренко Василисы Андреевны]]\n"
            "ИНН [[TAX_ID:2311387987]], паспорт [[ID_DOC:СО 418902]], тел. [[PHONE:+380 67 915 04 62]]\n"
            "ЗАЯВЛЕНИЕ\n"
            "[[DATE:С 7 по 9 ноября 2022 года]] в [[LOC:Бериславе]] российские военные обстреливали "
            "машины, на которых люди пытались выехать. В нашей машине погиб мой отец "
            "[[PERSON:Андрей Пономаренко]]. Прошу внести сведения в ЕРДР и сообщить мне номер "
            "производства."
        ),
    ),
    (
        "ru",
        "scan",
        (
            "[[ORG:Николаевская областная детская больница]]\n"
            "СПРАВКА\n"
            "Выдана [[PERSON:Кравец Софии]], [[DOB:2012]] г.р., в том, что она находилась на "
            "стационарном лечении [[DATE:с 2 по 19 декабря 2022 года]] по поводу осколочного ранения "
            "правого плеча, полученного при обстреле [[LOC:Николаева]] [[DATE:1 декабря]] около "
            "[[TIME:16:40]].\n"
            "Зав. отделением [[PERSON:Гуменюк Л.А.]]"
        ),
    ),
    (
        "ru",
        "testimony",
        (
            "Меня, [[PERSON:Артёма Бойко]], и ещё троих мужчин из [[LOC:Каланчака]] держали в подвале "
            "почти весь [[DATE:ноябрь]]. Охранники, которых звали «[[CALLSIGN:Тайсон]]» и "
            "«[[CALLSIGN:Леший]]», применяли к нам электрошок и сексуальное насилие. Потом нас "
            "вывезли на обмен через [[LOC:Крым]]. Моего сокамерника [[PERSON:Вячеслава]] так и не "
            "отпустили; его мать, [[PERSON:Зоя Тимофеевна]], до сих пор ждёт."
        ),
    ),
    # --- English ---
    (
        "en",
        "testimony",
        (
            "My name is [[PERSON:Yaroslava Hnatyshyn]] and I was born on [[DOB:3 May 1990]] in "
            "[[LOC:Kamianets-Podilskyi]]. In [[DATE:March 2022]] I was visiting my parents in "
            "[[LOC:Nova Kakhovka]] when the town was occupied. On [[DATE:April 12th]] soldiers searched "
            "our flat on [[ADDRESS:Shevchenka Street]] and took my father, [[PERSON:Bohdan]]. The "
            "officer in charge used the call sign [[CALLSIGN:Lynx]]. However, they let my mother stay."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "Good afternoon. My name is [[PERSON:Halyna Kowalczyk]]. We left [[LOC:Mariupol]] on "
            "[[DATE:17 March 2022]] and spent two days at the filtration point in "
            "[[LOC:Bezimenne]]. My husband, [[PERSON:Tomasz Kowalczyk]], is a Polish citizen; they "
            "copied his passport [[ID_DOC:EK 4410927]] and my ID card No. [[ID_DOC:003182746]]. "
            "We were let go at [[TIME:half past six]] that evening, without our phones."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "At about [[TIME:4.15 a.m.]] on [[DATE:February 28, 2022]], cluster munitions hit the "
            "courtyard of our block on [[ADDRESS:Myru Avenue 5]] in [[LOC:Kharkiv]]. Our neighbours, "
            "the [[PERSON:Hrytsenkos]], were queuing for water; [[PERSON:Liudmyla Hrytsenko]] died on "
            "the spot and her son [[PERSON:Vitalii]] lost a leg. People carried the wounded to the "
            "[[ORG:Kharkiv regional hospital]] in their own cars."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "I am giving this statement with the help of an interpreter, Ms [[PERSON:Tamar Lomidze]]. "
            "In late [[DATE:March 2022]] two soldiers came to the house in [[LOC:Andriivka]] where I "
            "was sheltering with my aunt [[PERSON:Orysia]]. One of them, nicknamed "
            "[[CALLSIGN:Akula]], assaulted me sexually while the other kept watch outside. I reported "
            "it to the [[ORG:National Police]] on [[DATE:4 April]] and was examined by Dr "
            "[[PERSON:Iryna Lisovska]]."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "[[DATE:From 3 April 2022 to 9 April]] our family was held at the filtration camp in "
            "[[LOC:Dokuchaievsk]]. Our son [[PERSON:Danylo]], born in [[DOB:2009]], was then taken from "
            "us and sent with forty other children from [[LOC:Donetsk Oblast]] to a camp near "
            "[[LOC:Yevpatoria]]. We could only call him through the camp office, "
            "[[PHONE:+7 978 406 21 55]]. He came home through [[LOC:Belarus]] and [[LOC:Poland]] only "
            "in [[DATE:May 2023]], with the help of a charity worker, [[PERSON:Olha Yatsenko]]."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "I served in [[MILITARY_UNIT:military unit 18452]] of the [[ORG:National Guard]] and was "
            "captured near [[LOC:Rubizhne]] on [[DATE:May 9th, 2022]]. For the first month I was held "
            "in [[ORG:SIZO No. 2]] in [[LOC:Taganrog]], then in a penal colony in [[LOC:Mordovia]]. "
            "The guards called one another by call signs; I remember [[CALLSIGN:Tikhiy]] and "
            "[[CALLSIGN:Zenit]]. I was exchanged on [[DATE:6 January 2024]]."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "Mr [[PERSON:Kuzmenko]], our neighbour, tried to drive his family out of "
            "[[LOC:Hostomel]] on [[DATE:2 March]] in his grey Skoda, registration "
            "[[VEHICLE_PLATE:AI 3382 KM]]. The car was shot at near the airfield. Mrs "
            "[[PERSON:Valentyna Kuzmenko]] survived with burns; her husband and their daughter "
            "[[PERSON:Inna]] did not. Afterwards a soldier with the call sign [[CALLSIGN:Boxer]] drove "
            "the burnt car away."
        ),
    ),
    (
        "en",
        "letter",
        (
            "To: [[ORG:Office of the Prosecutor General of Ukraine]]\n"
            "From: [[PERSON:Marta Savchuk]], [[ORG:Dnipro Legal Aid Foundation]]\n"
            "Dear Sir or Madam,\n"
            "We write on behalf of our client, Mr [[PERSON:Ivan Oliinyk]] (born "
            "[[DOB:11 November 1958]], RNOKPP [[TAX_ID:2351197184]]), a resident of "
            "[[LOC:Vovchansk]], who was detained by [[ORG:Rosgvardia]] officers "
            "[[DATE:from 14 May to 2 June 2022]]. Please direct correspondence to "
            "[[EMAIL:m.savchuk@dnipro-legal.org.ua]] or [[PHONE:+380 44 290 17 63]].\n"
            "Yours faithfully,\n"
            "[[PERSON:M. Savchuk]]"
        ),
    ),
    (
        "en",
        "letter",
        (
            "Dear colleagues at the [[ORG:Coordination Headquarters for the Treatment of Prisoners of War]],\n"
            "I am the fiancée of [[PERSON:Oleksandr Tymoshchuk]], a marine of "
            "[[MILITARY_UNIT:military unit A2802]], who has been missing since [[DATE:12 April 2022]] in "
            "[[LOC:Mariupol]]. I am a Polish citizen, [[PERSON:Zofia Nowicka]], and live in "
            "[[LOC:Kraków]]. On [[DATE:20 March 2024]] the [[ORG:ICRC]] told me by phone that "
            "[[PERSON:Oleksandr]] is registered as a prisoner. Could you please confirm this? My e-mail "
            "is [[EMAIL:z.nowicka.krk@onet.pl]] and my phone is [[PHONE:+48 512 334 781]].\n"
            "Kind regards, [[PERSON:Zofia Nowicka]]"
        ),
    ),
    (
        "en",
        "letter",
        (
            "To the [[ORG:Office of the Ombudsman of Ukraine]]\n"
            "Good afternoon,\n"
            "I write about my grandparents, [[PERSON:Mykhailo]] and [[PERSON:Lidiia Hordiichuk]], both "
            "over eighty, who were moved by the occupation authorities from [[LOC:Oleshky]] to a care "
            "home in [[LOC:Voronezh Oblast]] in [[DATE:autumn 2023]]. Their Ukrainian passports are "
            "[[ID_DOC:ME 730215]] and [[ID_DOC:MO 118462]]. Neither of them has a phone. I can be "
            "reached at [[EMAIL:d.hordiichuk@outlook.com]].\n"
            "Signed: [[PERSON:D. Hordiichuk]], [[LOC:Toronto]]"
        ),
    ),
    (
        "en",
        "medical",
        (
            "DISCHARGE SUMMARY — [[ORG:Kherson regional hospital]], surgical department\n"
            "Patient: [[PERSON:Serhii Vovk]]; DOB: [[DOB:02/11/1987]]\n"
            "Admitted: [[DATE:24/11/2022]], [[TIME:21:05]]; discharged: [[DATE:09/12/2022]]\n"
            "Mechanism of injury: shell fragments during artillery fire on [[LOC:Antonivka]]. "
            "Primary surgical treatment of wounds of the right forearm and abdomen; laparotomy on "
            "the day of admission. Discharged in a satisfactory condition.\n"
            "Attending surgeon: [[PERSON:K. Demchuk]]"
        ),
    ),
    (
        "en",
        "medical",
        (
            "FORENSIC MEDICAL EXAMINATION REPORT No. 56\n"
            "Expert: Dr [[PERSON:Anastasiia Vdovychenko]], [[ORG:Chernihiv Regional Bureau of "
            "Forensic Medical Examination]]\n"
            "The body of an unidentified man was exhumed on [[DATE:April 20, 2022]] from a grave near "
            "[[LOC:Lukashivka]], [[LOC:Chernihiv Oblast]]. He was later identified by his sister, "
            "[[PERSON:Vira Lytvyn]], as [[PERSON:Pavlo Lytvyn]], born [[DOB:1976]]. Cause of death: "
            "gunshot wound to the chest. The hands were bound with adhesive tape."
        ),
    ),
    (
        "en",
        "police",
        (
            "PROTOCOL OF INTERVIEW OF A WITNESS (translation)\n"
            "Lang: uk\n"
            "Date: [[DATE:5 October 2022]]\n"
            "Investigator: Captain [[PERSON:R. Mazur]], [[ORG:National Police of Ukraine]]\n"
            "Witness: [[PERSON:Andrii Levchenko]], born on [[DOB:7 July 1972]], ID card No. "
            "[[ID_DOC:000734215]]\n"
            "The witness stated that on the morning of [[DATE:9 September]] a soldier from "
            "[[MILITARY_UNIT:military unit 29760]] took him from his home at "
            "[[ADDRESS:14 Lesi Ukrainky Street]] in [[LOC:Balakliia]] to the police building, where he "
            "was held for six days together with [[PERSON:Viktor]] and [[PERSON:Yurii Pashchenko]]."
        ),
    ),
    (
        "en",
        "police",
        (
            "STATEMENT OF WITNESS\n"
            "I, [[PERSON:Orysia Pylypenko]], make this statement on [[DATE:1 June 2023]] at the "
            "[[ORG:Chernihiv District Police Department]]. On the night of [[DATE:3 March 2022]] a "
            "Russian armoured vehicle stopped outside our house at [[ADDRESS:Kyivska Street 47]] in "
            "[[LOC:Yahidne]]. Soldiers ordered me, my mother and our neighbour Mrs "
            "[[PERSON:Shkurat]] into the school basement. The soldiers called their commander "
            "[[CALLSIGN:Chizh]].\n"
            "Signed: [[PERSON:O. Pylypenko]]"
        ),
    ),
    (
        "en",
        "testimony",
        (
            "My name is [[PERSON:Krzysztof Dąbrowski]]. I drove humanitarian aid from "
            "[[LOC:Rzeszów]] to [[LOC:Kharkiv]] every fortnight in a white van with Polish plates, "
            "[[VEHICLE_PLATE:RZ 48213]]. On [[DATE:16 September 2022]], soon after [[LOC:Izium]] was "
            "liberated, local people took me to the forest where the graves were. Mr "
            "[[PERSON:Paweł Zieliński]], my co-driver, photographed the crosses. One of them bore the "
            "name [[PERSON:Kateryna Moroz]]."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "I am [[PERSON:Levan Gogoladze]], a Georgian citizen who has lived in [[LOC:Melitopol]] "
            "since [[DATE:2015]]. On [[DATE:14 July 2022]] men from the [[ORG:FSB]] took me from my "
            "shop on [[ADDRESS:Hetmanska Street]] and held me in the basement of the district police "
            "station. They accused me of helping the [[ORG:Armed Forces of Ukraine]]. The interrogator "
            "called himself [[CALLSIGN:Sedoy]]. I was released only after the "
            "[[ORG:Embassy of Georgia]] intervened."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "The shelling of [[LOC:Velyka Novosilka]] began at [[TIME:nine in the evening]] on "
            "[[DATE:11 June]] and went on until dawn. Our house on [[ADDRESS:Tsentralna Street]] "
            "burned down. My brother [[PERSON:Ostap]] and his wife [[PERSON:Solomiia]] were hiding in "
            "the cellar with the [[PERSON:Boikos]] from next door. However, nobody in our cellar was "
            "hurt."
        ),
    ),
    (
        "en",
        "testimony",
        (
            "My daughter, [[PERSON:Bohdana Shtepa]], 19, was taken off the evacuation bus at the "
            "[[LOC:Vasylivka]] checkpoint on [[DATE:August 5th]]. She was held for three days in a "
            "shipping container with other young women, guarded by men in [[ORG:Rosgvardiya]] "
            "uniform. Her phone, [[PHONE:+380 93 117 46 28]], was taken, and later someone wrote to me "
            "from it. She was released only after I paid a man named [[PERSON:Artur]], whose number "
            "was [[PHONE:+7 990 218 70 33]]."
        ),
    ),
    (
        "en",
        "letter",
        (
            "To the [[ORG:International Committee of the Red Cross]]\n"
            "Dear Sir or Madam, my brother [[PERSON:Taras Pryimak]] (born [[DOB:29.01.1993]]; "
            "Ukrainian passport [[ID_DOC:FU 418275]]) was an officer of the "
            "[[ORG:State Border Guard Service]] in [[LOC:Mariupol]]. We last heard from him on "
            "[[DATE:7 April 2022]]. A released prisoner, [[PERSON:Y. Kostiuk]], says he saw "
            "[[PERSON:Taras]] at the penal colony in [[LOC:Olenivka]] in [[DATE:July]].\n"
            "Respectfully, [[PERSON:Nadiia Pryimak]]"
        ),
    ),
    (
        "en",
        "scan",
        (
            "[[ORG:Izium City Military Administration]]\n"
            "CERTIFICATE No. 1127\n"
            "Issued on [[DATE:2 February 2023]] to [[PERSON:Halyna Osadcha]], born [[DOB:1966]], "
            "resident at [[ADDRESS:Pershotravneva Street 9]], [[LOC:Izium]], confirming that her son "
            "[[PERSON:Denys Osadchyi]] was detained by Russian forces on [[DATE:April 3, 2022]] and "
            "has not returned.\n"
            "Head of Administration: [[PERSON:V. Marchenko]]"
        ),
    ),
    (
        "en",
        "scan",
        (
            "WITNESS STATEMENT\n"
            "Name: [[PERSON:Ruslana Kryvenko]]\n"
            "Date of birth: [[DOB:19/04/1985]]\n"
            "Address: [[ADDRESS:Sadova Street 22, apt. 4]], [[LOC:Irpin]]\n"
            "Tel.: [[PHONE:066 205 13 79]]\n"
            "On [[DATE:7 March 2022]] at about [[TIME:2 p.m.]] soldiers of "
            "[[MILITARY_UNIT:military unit 40382]] stopped my neighbour [[PERSON:Serhii Dub]] at a "
            "checkpoint and shot him. His car, plate [[VEHICLE_PLATE:KA 0217 AX]], is still standing "
            "there."
        ),
    ),
    (
        "en",
        "scan",
        (
            "[[ORG:Mykolaiv City Hospital No. 1]]\n"
            "MEDICAL CERTIFICATE\n"
            "Patient: [[PERSON:Ivanna Mazurenko]], born [[DOB:14 August 1958]]\n"
            "The patient was treated in the trauma unit [[DATE:from 30 July to 12 August 2022]] for "
            "blast injuries after a missile strike on [[LOC:Mykolaiv]] at [[TIME:05:20]] on "
            "[[DATE:29 July]].\n"
            "Attending physician: Dr [[PERSON:O. Hrytsai]]"
        ),
    ),
    (
        "en",
        "testimony",
        (
            "Before the war I taught at [[ORG:School No. 5]] in [[LOC:Berdiansk]]. In "
            "[[DATE:spring 2022]] the occupation administration ordered us to teach the Russian "
            "curriculum. Mrs [[PERSON:Orlova]], our headteacher, refused and was taken away by men "
            "from the [[ORG:FSB]] on [[DATE:1 September]]. Later an official of the "
            "[[ORG:Ministry of Education of the Russian Federation]] came to inspect the school. I left "
            "for [[LOC:Zaporizhzhia]] through [[LOC:Vasylivka]] in [[DATE:December]] and reported "
            "everything to the [[ORG:Ministry of Reintegration]]."
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


def rnokpp_ok(digits: str) -> bool:
    """True when a 10-digit RNOKPP has a valid check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, RNOKPP_WEIGHTS, strict=False))
    return total % 11 % 10 == int(digits[9])


def check(doc_id: str, plain: str, spans: list[dict[str, object]]) -> None:
    """Raise on a span with outer blanks or quotes, an overlap, or a bad tax number."""
    end = 0
    for span in spans:
        start, stop = int(str(span["start"])), int(str(span["end"]))
        value = plain[start:stop]
        if start < end:
            raise ValueError(f"{doc_id}: overlapping span {value!r}")
        if value != value.strip() or value[0] in "«»\"',;:" or value[-1] in "«»\"',;:":
            raise ValueError(f"{doc_id}: span with outer blank or quote {value!r}")
        if span["label"] == "TAX_ID" and not rnokpp_ok(value):
            raise ValueError(f"{doc_id}: bad RNOKPP check digit {value!r}")
        end = stop


def main() -> None:
    """Write the jsonl, check every span against its mark, and print the counts."""
    per_lang: Counter[str] = Counter()
    per_kind: Counter[tuple[str, str]] = Counter()
    per_label: Counter[str] = Counter()
    per_lang_label: Counter[tuple[str, str]] = Counter()
    lines = []
    for lang, kind, marked in PASSAGES:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind}")
        per_lang[lang] += 1
        per_kind[(lang, kind)] += 1
        plain, spans = parse(marked)
        values = [m.group(2) for m in MARK.finditer(marked)]
        assert [plain[int(str(s["start"])) : int(str(s["end"]))] for s in spans] == values
        doc_id = f"h7-{lang}-{per_lang[lang]:02d}"
        check(doc_id, plain, spans)
        for span in spans:
            per_label[str(span["label"])] += 1
            per_lang_label[(lang, str(span["label"]))] += 1
        doc = {"id": doc_id, "lang": lang, "kind": kind, "text": plain, "spans": spans}
        lines.append(json.dumps(doc, ensure_ascii=False))
    assert all(per_lang[lang] >= 22 for lang in ("uk", "ru", "en")), per_lang
    assert sum(n for (_, kind), n in per_kind.items() if kind == "scan") == 10
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents, {sum(per_label.values())} spans -> {OUT}")
    langs = ("uk", "ru", "en")
    print("kind        " + "  ".join(f"{lang:>4}" for lang in langs))
    for kind in sorted(KINDS):
        row = "  ".join(f"{per_kind[(lang, kind)]:>4}" for lang in langs)
        print(f"{kind:<12}{row}")
    print("label          " + "  ".join(f"{lang:>4}" for lang in langs) + "   all")
    for label in sorted(LABELS):
        row = "  ".join(f"{per_lang_label[(lang, label)]:>4}" for lang in langs)
        print(f"{label:<15}{row}  {per_label[label]:>4}")


if __name__ == "__main__":
    main()
