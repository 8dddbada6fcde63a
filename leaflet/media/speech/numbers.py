"""Numbers said as a person says them: phone and service numbers digit by digit, times, ranges, units.

A pure function of text, applied to the words of the script outside any
``say:`` lexicon entry (the lexicon always wins). Phone numbers are found
with ``phonenumbers`` and said in their usual groups; digits and counts are
put into words with ``num2words``; everything else (a plain '38', a year)
is left for the speech engine, which says ordinary numbers well.
"""

from __future__ import annotations

import re

# Service numbers people dial, said digit by digit: 'nine nine nine', not 'nine hundred and ninety-nine'.
SERVICE_NUMBERS = ("999", "111", "112", "119", "101", "105", "116 123", "116 117", "0800 1111")
_SERVICE = re.compile(r"(?<![\d.,:/])(" + "|".join(re.escape(n) for n in SERVICE_NUMBERS) + r")(?![\d:]|\.\d|,\d)")
# "5pm", "5 pm", "5.30pm", "5 p.m.": the last dot of "p.m." may also end the sentence, and is kept for that
_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])(\.?)m(\.?)(?!\w)", re.IGNORECASE)
_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_RANGE = re.compile(r"(?<![\d.\-])(\d+(?:\.\d+)?)\s?[-\u2013\u2014]\s?(\d+(?:\.\d+)?)(?![\d-])")
_AT_LEAST = re.compile(r"(?:\u2265|>=)\s?(\d+(?:\.\d+)?)")
_AT_MOST = re.compile(r"(?:\u2264|<=)\s?(\d+(?:\.\d+)?)")
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# unit as written -> (one, many); longest first so 'mmol/l' wins over 'mmol' and 'm'
_UNITS: dict[str, tuple[str, str]] = {
    "kg/m²": ("kilogram per square metre", "kilograms per square metre"),
    "kg/m2": ("kilogram per square metre", "kilograms per square metre"),
    "mmol/mol": ("millimole per mole", "millimoles per mole"),
    "mmol/l": ("millimole per litre", "millimoles per litre"),
    "mmol/L": ("millimole per litre", "millimoles per litre"),
    "mmHg": ("millimetre of mercury", "millimetres of mercury"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "mcg": ("microgram", "micrograms"),
    "µg": ("microgram", "micrograms"),
    "mg": ("milligram", "milligrams"),
    "kg": ("kilogram", "kilograms"),
    "ml": ("millilitre", "millilitres"),
    "mL": ("millilitre", "millilitres"),
    "cm": ("centimetre", "centimetres"),
    "mm": ("millimetre", "millimetres"),
    "km": ("kilometre", "kilometres"),
    "bpm": ("beat per minute", "beats per minute"),
    "g": ("gram", "grams"),
    "l": ("litre", "litres"),
    "m": ("metre", "metres"),
    "%": ("per cent", "per cent"),
}
_UNIT = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)(?:( or more| or less)?)\s?("
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![\w²])"
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def digit_words(number: str) -> str:
    """'0300 123 1234' -> 'zero three zero zero, one two three, one two three four' (groups kept)."""
    from num2words import num2words

    groups = [g for g in re.split(r"[\s\-.]+", number.strip()) if g]
    return ", ".join(" ".join(num2words(int(d), lang="en_GB") for d in g if d.isdigit()) for g in groups)


def phone_words(number: str) -> str:
    """A phone number digit by digit in the groups it is written in ('+44' said 'plus four four');
    one written without spaces in the groups it is usually written in."""
    from leaflet.core.phones import uk_groups

    written = number.strip()
    if not re.search(r"[\s\-.]", written):
        written = " ".join(uk_groups(written) or [written])
    return ("plus " if written.startswith("+") else "") + digit_words(written.replace("+", " "))


def spoken_numbers(text: str) -> str:
    """``text`` with its numbers, times, ranges, units and symbols in the words a person would say."""
    text = _phones(text)
    text = _SERVICE.sub(lambda m: digit_words(m.group(1)), text)
    text = _DATE.sub(_date, text)
    text = _TIME.sub(_time, text)
    text = _CLOCK.sub(lambda m: f"{int(m.group(1))} {m.group(2)}" if m.group(2) != "00" else m.group(1), text)
    text = _AT_LEAST.sub(r"\1 or more", text)
    text = _AT_MOST.sub(r"\1 or less", text)
    text = _RANGE.sub(r"\1 to \2", text)
    return _UNIT.sub(_unit, text)


def _phones(text: str) -> str:
    """Every UK (or +country) phone number in ``text`` said digit by digit in its groups: the valid ones, and
    those of a phone number's shape that start with 0 or + (a range libphonenumber does not know, such as
    Ofcom's drama numbers '01632 960 123'): nobody says those as a quantity ('one thousand six hundred and
    thirty-two'). Only valid numbers are linked and repeated at the end; this is how they are said."""
    import phonenumbers

    pieces, last = [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
        written = match.raw_string
        if not _dialled(match.number, written) or text[: match.start].rstrip().upper().endswith("ISBN"):
            continue
        pieces += [text[last : match.start], phone_words(written)]
        last = match.end
    return "".join(pieces) + text[last:] if pieces else text


def _dialled(number: object, written: str) -> bool:
    """A number libphonenumber knows, or one written as a phone number is: from 0 or +, or '(0...', with 10
    digits or more, and no decimal ('0.0001234567' is a quantity)."""
    import phonenumbers

    if phonenumbers.is_valid_number(number):  # type: ignore[arg-type]
        return True
    national = written.lstrip("(")[:1] in ("0", "+")
    return national and len(re.sub(r"\D", "", written)) >= 10 and not re.fullmatch(r"[\d.]*\.\d+", written)


def _date(match: re.Match[str]) -> str:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    return f"{day} {_MONTHS[month - 1]} {year}" if 1 <= month <= 12 and 1 <= day <= 31 else match.group(0)


def _time(match: re.Match[str]) -> str:
    hour, minutes, half = match.group(1), match.group(2), match.group(3).upper()
    last_dot = "." if match.group(5) and _ends_sentence(match) else ""
    return f"{int(hour)}{f' {minutes}' if minutes and minutes != '00' else ''} {half} M{last_dot}"


def _ends_sentence(match: re.Match[str]) -> bool:
    """A dot after 'pm' ends its sentence when nothing follows, or a capital does ("5pm. Then")."""
    rest = match.string[match.end() :].lstrip()
    return not rest or rest[0].isupper()


def _unit(match: re.Match[str]) -> str:
    value, qualifier, unit = match.group(1), match.group(2) or "", match.group(3)
    one, many = _UNITS[unit]
    return f"{value}{qualifier} {one if value == '1' else many}"
