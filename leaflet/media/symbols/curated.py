"""The words health leaflets use most, and the symbol that shows each.

The keyword index (``catalogue``) knows only the symbols' own names, which
miss the words of a health leaflet (no emoji is called 'doctor' or 'tablets')
and sometimes mislead (a catheter is not a test tube). This small map comes
first. Each entry: the word forms (a phrase may have several words; plurals of
single words are found by the chooser), the symbol's name, and a weight: 3 for
a specific idea that should win (emergency, needle, question, family), 2 for a
thing (hospital, heart, blood), 1 for what nearly every point mentions
(doctor, help), 0.5 for a vague hint. ``None`` as the symbol means: never show
a picture for this word (and do not look it up in the index).

``ALT`` gives the alt text of the symbols used here, saying what the drawing
shows; any other symbol's alt text is its own name.
"""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    forms: tuple[str, ...]
    symbol: str | None
    weight: float


def _entry(forms: str, symbol: str | None, weight: float) -> Entry:
    return Entry(tuple(form.strip() for form in forms.split(",")), symbol, weight)


HEALTH_WORDS: tuple[Entry, ...] = (
    # people
    _entry("doctor, gp, specialist, surgeon, consultant, nurse, midwife, health worker", "health worker", 1),
    _entry("family, families, carer, relative, parent, partner", "family", 3),
    _entry("group, team, people, organisation, charity", "busts in silhouette", 1),
    _entry("baby", "baby", 2),
    _entry("child, children", "child", 2),
    # places
    _entry("hospital, ward, a&e, clinic, hospital stay, stay in hospital", "hospital", 2),
    _entry("home", "house", 2),
    _entry("bed, rest, sleep", "bed", 2),
    _entry("emergency, 999, ambulance, urgent", "ambulance", 3),
    # medicines and treatment
    _entry("medicine, tablet, pill, drug, capsule, prescription", "pill", 2),
    _entry("needle, injection, jab, vaccine, vaccination", "syringe", 3),
    _entry("treatment, care, procedure, operation, surgery", "stethoscope", 0.5),
    _entry("check up, check-up, checkup, examine, examination", "stethoscope", 3),
    _entry("test, tests, blood test, scan", "microscope", 2),
    _entry("plaster, dressing, wound, cut", "adhesive bandage", 2),
    # the body
    _entry("heart, heart attack, heart pump, pump, hearts", "anatomical heart", 2),
    _entry("blood, artery, vein, bleeding, bleed", "drop of blood", 2),
    _entry("leg, legs, groin", "leg", 2),
    _entry("body", "person standing", 1),
    _entry("arm, arms", "flexed biceps", 2),
    _entry("drink, drinks, water, fluids", "cup with straw", 2),
    _entry("brain", "brain", 2),
    _entry("lung, lungs, breathe, breathing, breath", "lungs", 2),
    _entry("pain, painful, hurt, hurts, sore, ache", "face with head-bandage", 3),
    _entry("ill, illness, sick, unwell, fever, temperature, infection", "face with thermometer", 2),
    _entry("catheter, tube, skin, hole", None, 0),
    # risk and safety
    _entry(
        "risk, danger, dangerous, problem, side effect, go wrong, goes wrong, bad things, safe, unsafe, die",
        "warning",
        2,
    ),
    _entry("not sure, do not know, don't know, find out", "thinking face", 3),
    # time and contact
    _entry("appointment, calendar, date, visit, regular", "spiral calendar", 3),
    _entry("wait, waiting, short time, time", "hourglass not done", 2),
    _entry("phone, telephone, call, ring, phone number", "telephone receiver", 3),
    _entry("text message, mobile", "mobile phone", 3),
    _entry("email, letter, write to", "envelope", 3),
    _entry("website, internet, online, web, computer", "desktop computer", 3),
    _entry("information, leaflet, booklet", "bookmark tabs", 2),
    _entry("read, reading", "open book", 2),
    _entry("wrote, write, writes", "writing hand", 2),
    # asking, deciding, saying yes or no
    _entry("question", "red question mark", 3),
    _entry("ask, asks, asked", "red question mark", 2),
    _entry("yes, agree, consent, say yes", "check mark button", 3),
    _entry("say no, saying no, do not want, don't want, change your mind", "cross mark", 3),
    _entry("choose, choice, choices, decide, decision, making choices", "balance scale", 3),
    _entry("talk, discuss, explain, tell, advice", "speaking head", 1),
    _entry("listen, listens, hear", "ear", 3),
    _entry("worry, worries, worried, scared, afraid, frightened", "worried face", 3),
    _entry("help, helps, support", "handshake", 1),
    _entry("good things, benefit, benefits, good", "thumbs up", 2),
    _entry("check, checks, checked, checking", "magnifying glass tilted left", 1),
)

ALT: dict[str, str] = {
    "health worker": "A doctor or nurse with a stethoscope",
    "family": "A family: two adults and a child",
    "busts in silhouette": "A group of people",
    "baby": "A baby",
    "child": "A child",
    "hospital": "A hospital building",
    "house": "A house",
    "bed": "A bed",
    "ambulance": "An ambulance",
    "pill": "A tablet",
    "syringe": "A needle",
    "stethoscope": "A stethoscope",
    "microscope": "A microscope",
    "adhesive bandage": "A plaster",
    "anatomical heart": "A heart",
    "drop of blood": "A drop of blood",
    "leg": "A leg",
    "person standing": "A person standing",
    "brain": "A brain",
    "flexed biceps": "An arm",
    "cup with straw": "A drink",
    "lungs": "Two lungs",
    "face with head-bandage": "A face with a bandage round the head, in pain",
    "face with thermometer": "A face with a thermometer, feeling ill",
    "warning": "A warning sign",
    "thinking face": "A face thinking",
    "spiral calendar": "A calendar",
    "hourglass not done": "An hourglass: time passing",
    "telephone receiver": "A telephone",
    "mobile phone": "A mobile phone",
    "envelope": "A letter",
    "desktop computer": "A computer",
    "bookmark tabs": "Pages of writing",
    "open book": "An open book",
    "writing hand": "A hand writing",
    "red question mark": "A question mark",
    "check mark button": "A tick: yes",
    "cross mark": "A cross: no",
    "balance scale": "Weighing scales: making a choice",
    "speaking head": "A person talking",
    "ear": "An ear: listening",
    "worried face": "A worried face",
    "handshake": "Two hands shaking: help and support",
    "thumbs up": "A thumbs up: something good",
    "magnifying glass tilted left": "A magnifying glass: checking",
}
