"""Ukrainian in Latin letters for addresses: the national table (KMU 2010) and its examples."""

import json
import re
from pathlib import Path

import pytest

from website.transliteration import LETTERS, WORD_START, latin_slug, transliterate

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "admin-desk" / "transliterate.js"


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        # The resolution's own examples, letter by letter.
        ("Алушта", "alushta"),
        ("Згорани", "zghorany"),
        ("Розгон", "rozghon"),
        ("Ґалаґан", "galagan"),
        ("Єнакієве", "yenakiieve"),
        ("Гаєвич", "haievych"),
        ("Житомир", "zhytomyr"),
        ("Їжакевич", "yizhakevych"),
        ("Кадиївка", "kadyivka"),
        ("Йосипівка", "yosypivka"),
        ("Стрий", "stryi"),
        ("Олексій", "oleksii"),
        ("Харків", "kharkiv"),
        ("Біла Церква", "bila tserkva"),
        ("Щербухи", "shcherbukhy"),
        ("Юрій", "yurii"),
        ("Корюківка", "koriukivka"),
        ("Яготин", "yahotyn"),
        ("Костянтин", "kostiantyn"),
        ("Знам'янка", "znamianka"),
        ("Феодосія", "feodosiia"),
        ("Рибальське", "rybalske"),
        ("Київ", "kyiv"),
    ],
)
def test_the_national_table_and_its_examples(ukrainian, latin):
    assert transliterate(ukrainian) == latin


def test_latin_letters_and_figures_are_left_as_they_were():
    assert transliterate("NATO і ЄС: 2027") == "nato i yes: 2027"


def test_a_cyrillic_headline_gets_a_readable_latin_slug():
    assert (
        latin_slug("Київрада ухвалила бюджет на 2027 рік")
        == "kyivrada-ukhvalyla-biudzhet-na-2027-rik"
    )
    assert latin_slug("П’ять тисяч гривень — «за м’ясо»") == "piat-tysiach-hryven-za-miaso"


def test_a_long_slug_is_cut_between_words():
    slug = latin_slug("Верховна Рада ухвалила закон про державний бюджет", max_length=30)

    assert len(slug) <= 30 and not slug.endswith("-")
    assert slug == "verkhovna-rada-ukhvalyla-zakon"


def test_the_desk_script_uses_the_same_table():
    script = SCRIPT.read_text()
    tables = {
        name: json.loads(re.search(rf"const {name} = (\{{.*?\}});", script, re.S).group(1))
        for name in ("LETTERS", "WORD_START")
    }

    assert tables == {"LETTERS": LETTERS, "WORD_START": WORD_START}
