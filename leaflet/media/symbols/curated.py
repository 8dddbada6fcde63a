"""The health vocabulary: the ideas easy-read leaflets picture, the words that say each, and the symbol that shows it.

The symbols' own names miss the words of a health leaflet (no emoji is called
'doctor' or 'tablets') and mislead when a word is taken in another sense (a
'test' is not a microscope, a 'bag' in the tummy is not a handbag, 'stop it
hurting' is not a bus stop). So the chooser reads the point through this map
first, and only this map can give a point a picture by itself.

Each ``Concept``:

- ``meaning``: the idea in a few words ('a blood test'), used in reasons.
- ``symbol``: the symbol's emoji name; ``None`` means these words say something
  no symbol shows (a catheter, the bladder, 'find out more'): they are read, so
  no other entry or symbol name takes them, and give no picture.
- ``forms``: the words and phrases that say it; a phrase of several words is
  matched before any of its words. Plurals of single words are found by the
  chooser ('tablets' -> 'tablet'); other forms are written out.
- ``strength``: how much the idea should win over the others in the same
  point: 10 an emergency, 4 a specific procedure, 3 a specific thing or act,
  2.5 a body part or a place, 1.5 the people nearly every point mentions.
- ``sure``: how surely these words mean this idea in a health leaflet (0-1).
  The chooser's confidence starts here; below ``choose.THRESHOLD`` an idea is
  considered but never shown without a person choosing it.
- ``state``: an experience or act a point can deny ('it does not hurt', 'do not
  eat'): under a negation its picture would say the opposite.
- ``general``: a general sign that nearly any point can mention in passing and
  that shows little by itself: how long (a clock), where (a hospital
  building), that something hurts (a bandaged head), and who says what
  (talking, telling, asking, a question, help, saying no). Beside anything
  more specific the point names it is a side detail (``choose.read``).

``ALT`` says what each drawing shows, for alt text (looked at, symbol by
symbol, at the size the easy read prints them).
"""

from __future__ import annotations

from typing import NamedTuple


class Concept(NamedTuple):
    meaning: str
    symbol: str | None
    forms: tuple[str, ...]
    strength: float
    sure: float
    state: bool = False
    general: bool = False


def _c(
    meaning: str,
    symbol: str | None,
    forms: str,
    strength: float = 2.5,
    sure: float = 0.9,
    state: bool = False,
    general: bool = False,
) -> Concept:
    return Concept(meaning, symbol, tuple(form.strip() for form in forms.split(",")), strength, sure, state, general)


EMERGENCY = 10.0

HEALTH_WORDS: tuple[Concept, ...] = (
    # emergencies: a picture that says emergency, never a plain telephone
    _c(
        "an emergency: call 999 or go to A&E",
        "ambulance",
        "999, call 999, phone 999, ring 999, dial 999, a&e, a and e, accident and emergency, emergency, emergencies, "
        "ambulance, call an ambulance, call now, go to hospital now, go to hospital straight away",
        EMERGENCY,
        0.95,
    ),
    _c("NHS 111 on the phone", "telephone receiver", "111, nhs 111, call 111, ring 111, phone 111", 4, 0.9),
    # people
    _c(
        "a doctor or nurse",
        "health worker",
        "doctor, gp, specialist, surgeon, consultant, nurse, midwife, health worker, radiographer, anaesthetist, "
        "physiotherapist, pharmacist, health visitor, doctors surgery, gp surgery, your surgery, audiologist, "
        "mammographer, sonographer, therapist, counsellor, psychologist, optician, optometrist, dietitian, "
        "hospital staff, ward staff",
        1.5,
    ),
    _c("a dentist", "tooth", "dentist, dentists, tooth, teeth", 2.5),
    _c("family or carers", "family", "family, families, carer, carers, relative, parent, partner", 2),
    _c(
        "someone with you",
        "people holding hands",
        "bring someone, someone with you, someone you trust, a friend, friend, friends, someone to take you",
        3,
        0.8,
    ),
    _c("a baby", "baby", "baby, babies", 2.5),
    _c("a child", "child", "child, children", 2),
    _c("being pregnant", "pregnant woman", "pregnant, pregnancy, expecting a baby", 3, 0.95),
    _c("a group of people", "busts in silhouette", "group, team, people, organisation, charity", 1, 0.6),
    # places
    _c(
        "a hospital",
        "hospital",
        "hospital, ward, clinic, hospital stay, stay in hospital, in hospital",
        general=True,
    ),
    _c("home", "house", "home, at home, go home, take you home, going home, leave hospital, leaving hospital", 2.5),
    _c("a laboratory", "microscope", "lab, laboratory", 3),
    # the body
    _c("the heart", "anatomical heart", "heart, hearts, heart attack, heartbeat", 2.5),
    # a drop of blood is any blood: a part of the body named beside it ('blood cannot get to the brain') says more
    _c("blood", "drop of blood", "blood, bleeding, bleed, bleeds, bleeding a lot", 2.3),
    _c("arteries and veins", "drop of blood", "artery, vein, arteries, veins", 2.5, 0.75),
    _c("the leg", "leg", "leg, legs, groin, thigh, top of the leg", 2.5),
    _c("the foot", "foot", "foot, feet", 2.5),
    _c("the eyes", "eye", "eye, eyes, eye test, sight", 2.5),
    _c("the ears", "ear", "ear, ears, hearing", 2.5),
    _c("a hearing aid", "ear with hearing aid", "hearing aid, hearing aids", 3),
    _c("the nose", "nose", "nose, nostril, up the nose, in the nose", 3),
    _c("a spray up the nose", "nose", "nasal spray, nose spray, spray up the nose, spray in the nose", 4),
    _c("the mouth", "mouth", "mouth, lips", 2.5),
    _c("the brain", "brain", "brain", 2.5),
    _c("the lungs and breathing", "lungs", "lung, lungs, breathe, breathing, breath, short of breath", 2.5),
    _c("a bone", "bone", "bone, bones, broken bone, fracture", 3),
    _c("the toilet", "toilet", "toilet, loo, pee, wee, urine, poo, poos, stool sample, go to the toilet", 2, 0.8),
    _c(
        "a part of the body no symbol shows",
        None,
        "bladder, bowel, bowels, kidney, kidneys, liver, tummy, stomach, belly, womb, skin, muscle, tissue sample, "
        "arm, arms, breast, breasts",
    ),
    _c("the whole body", "person standing", "body, whole body", 1, 0.55),
    # tests, treatments and things used in them
    _c(
        "a blood test",
        "syringe",
        "blood test, blood tests, blood sample, take blood, takes blood, takes some blood, takes a little blood",
        4,
        0.95,
    ),
    _c(
        "a needle or injection",
        "syringe",
        "needle, needles, injection, jab, vaccine, vaccination, vaccinated, immunisation, sharp scratch",
        3,
    ),
    _c(
        "medicine",
        "pill",
        "medicine, medicines, tablet, pill, capsule, prescription, paracetamol, painkiller, painkillers, ibuprofen",
        3,
    ),
    _c("a plaster", "adhesive bandage", "plaster, dressing, bandage, wound, cut, cuts", 2.5),
    _c("stitches", "adhesive bandage", "stitch, stitches", 2, 0.6),
    _c("an X-ray", "x-ray", "x ray, x rays, xray, xrays", 3, 0.95),
    _c("a camera", "camera", "camera, tiny camera, small camera", 2.5, 0.65),  # a photo camera, not one inside you
    _c("glasses", "glasses", "glasses, spectacles, reading glasses", 3),
    _c("brushing teeth", "toothbrush", "toothbrush, brush your teeth, brush teeth, brushing your teeth", 3.5),
    _c("an inhaler", None, "inhaler, inhalers, puffer, spacer"),
    _c(
        "a check-up",
        "stethoscope",
        "check up, check ups, checkup, checkups, examine, examination, blood pressure",
        3,
        0.85,
    ),
    _c("a temperature", "thermometer", "temperature, your temperature", 2.5, 0.85),
    _c("a test kit in the post", "package", "test kit, kit, parcel", 3, 0.8),
    _c("a face mask", "face with medical mask", "mask, face mask", 2.5),
    _c("a wheelchair", "manual wheelchair", "wheelchair", 3),
    _c("crutches", "crutch", "crutch, crutches", 3),
    _c("a hospital passport", "identification card", "hospital passport, passport", 3, 0.8),
    _c(
        "your name and details",
        "identification card",
        "your name, your details, personal details, contact details, gps details, name and address, "
        "date of birth, your date of birth",
        3,
        0.8,
    ),
    _c("sun cream", "lotion bottle", "sun cream, suncream, sunscreen, sun screen, sun block, sunblock, lotion", 3),
    _c("a bed", "bed", "bed, lie down, rest", 2),
    _c("the bedroom", "bed", "bedroom, bedrooms, your bedroom", 2.5),  # a place
    _c("a magnet", "magnet", "magnet, magnets, magnetic", 3),
    _c("headphones", "headphone", "headphones, headphone, ear defenders", 3),
    _c(
        "a thing no symbol shows",
        None,
        "catheter, catheters, tube, tubes, gel, cream, pump, pumps, stent, scope, hole, band, gown, hospital gown, "
        "stamp, screen, screening, scan, mri, ct scan, ultrasound, anaesthetic, operation, surgery, procedure, "
        "treatment, treatments, care, bag, bags, chemist, pharmacy",
    ),
    # a test or a check in general: which test, no symbol can say
    _c("a test", None, "test, tests, test results, results, result, check, checks, checked, checking"),
    # feeling ill, pain, and what the body does
    _c(
        "pain",
        "face with head-bandage",
        "pain, painful, hurt, hurts, hurting, sore, ache, aches",
        3,
        0.85,
        state=True,
        general=True,
    ),
    _c(
        "no pain",
        None,
        "does not hurt, doesnt hurt, will not hurt, wont hurt, not hurt, stop it hurting, stops it hurting, no pain",
    ),
    _c(
        "feeling ill",
        "face with thermometer",
        "ill, illness, sick, unwell, poorly, fever, high temperature, infection, flu",
        2.5,
        0.85,
        state=True,
    ),
    _c(
        "feeling sick",
        "nauseated face",
        "feel sick, feeling sick, be sick, being sick, vomit, vomiting, throw up",
        3,
        0.85,
        True,
    ),
    _c("feeling hot", "hot face", "feel hot, feels hot, hot", 2.5, 0.8, state=True),
    _c("feeling tired or sleepy", "sleepy face", "tired, sleepy, drowsy", 2.5, 0.8, state=True),
    _c("sleep", "sleeping face", "sleep, asleep, make you sleep, put you to sleep, go to sleep", 3.5, 0.85, state=True),
    _c("a seizure", "shaking face", "seizure, seizures, convulsion, convulsions, epileptic fit, have a fit", 2.5, 0.8),
    _c("coughs and sneezes", "sneezing face", "sneeze, sneezes, sneezing, cough, coughs, coughing, tissue", 3),
    _c(
        "feeling sad or low",
        "disappointed face",
        "sad, feel sad, feeling sad, feel low, feeling low, low mood, unhappy, depressed, depression",
        3,
        0.85,
        True,
    ),
    _c("worry", "worried face", "worry, worries, worried, scared, afraid, frightened, nervous, anxious", 3, 0.85, True),
    # daily life
    _c("eating", "fork and knife with plate", "eat, eating, food, meal, meals", 2.5, 0.85, state=True),
    _c("drinking", "cup with straw", "drink, drinks, drinking, water, fluids", 2.5, 0.85, state=True),
    _c("washing your hands", "soap", "wash your hands, wash hands, washing your hands, soap", 3),
    _c("a shower or bath", "shower", "shower, bath, have a wash", 3),
    _c("driving", "automobile", "drive, driving, car, taxi, lift home", 2.5, 0.85, state=True),
    _c("a bus", "bus", "bus, by bus", 2.5),
    _c(
        "being active",
        "person running",
        "be active, being active, keep active, keeping active, stay active, staying active, physically active, "
        "physical activity",
        3,
        0.85,
    ),
    _c("walking", "person walking", "walk, walks, walking, go for a walk", 2.5, 0.85, state=True),
    _c("sitting", "chair", "chair, sit, sit down, sitting", 2.5, 0.8),
    _c("not smoking", "no smoking", "smoke, smoking, smokes, cigarette, cigarettes, stop smoking", 3, 0.85),
    _c("jewellery", "ring", "jewellery, necklace, earrings, rings", 2.5, 0.75),
    _c("clothes", "t-shirt", "clothes, clothing", 2.5, 0.75),
    # time, letters, phone, web
    _c(
        "an appointment",
        "spiral calendar",
        "appointment, appointments, calendar, date, the day of, every year",
        2.5,
        0.85,
    ),
    _c("waiting", "hourglass not done", "wait, waiting, short time, a while", 2.5, 0.8),
    _c("how long it takes", "timer clock", "minutes, hours, seconds, how long, takes about", 2, 0.8, general=True),
    _c(
        "a telephone call",
        "telephone receiver",
        "phone, telephone, phone number, phone us, call us, call the, call your, phone your, ring us, ring the, "
        "ring your, give you a call, your phone number, phone call, phone calls, by phone, on the phone",
        3,
    ),
    # a phone as a thing you have, or turn off: not a call (a handset would say 'phone someone')
    _c(
        "a phone turned off",
        "mobile phone off",
        "phone off, phones off, mobile off, your phone off, your mobile off, turn off your phone, switch off your phone, "
        "turn off your mobile, switch off your mobile, turn off phones, switch off phones, turn off screens, "
        "switch off screens, turn off the tv",
        3.5,
    ),
    _c(
        "a phone or tablet to use",
        "mobile phone",
        "your phone, your mobile, your smartphone, smartphone, smartphones, phone or tablet, phone and tablet, "
        "tablet or phone, tablet and phone, tablet computer, your phone or tablet, your phone and tablet, "
        "your tablet or phone, your tablet and phone, a phone or tablet, a tablet or phone",
        3,
        0.8,
    ),
    _c("a text message", "mobile phone", "text message, mobile, mobile phone", 3),
    _c("a letter", "envelope", "letter, letters, envelope, in the post, by post, email", 2.5),
    _c(
        "money",
        "pound banknote",
        "money, save money, saves money, saving money, cost, costs, pay for, to pay, benefits money",
        3,
        0.85,
        state=True,  # 'there is no cost to you', 'it does not cost anything': free, not money
    ),
    _c("letters to read on a chart", None, "read letters, letters on a chart, the letters on, chart"),
    _c("posting it back", "postbox", "post it, post it back, postbox, post box", 3, 0.85),
    _c("a website", "desktop computer", "website, internet, online, web, computer, web page", 3),
    _c("information to read", "bookmark tabs", "information, leaflet, booklet", 1.5, 0.7),
    _c("reading", "open book", "read, reading", 2, 0.75),
    _c("writing", "writing hand", "write, wrote, writes, writing, write down", 2.5, 0.8),
    _c("finding out more", None, "find out, find out more, more information, more about"),
    # asking, deciding, saying yes or no
    _c("a question", "red question mark", "question, questions, any questions", 3, general=True),
    _c("asking", "red question mark", "ask, asks, asked", 2, 0.8, general=True),
    _c("saying yes", "check mark button", "yes, agree, consent, say yes", 3, 0.85),
    _c("saying no", "cross mark", "say no, saying no, do not want, dont want, change your mind", 3, 0.85, general=True),
    # stronger than yes or no: 'You can choose ... You can say no' is about the choice, not a refusal
    _c("making a choice", "balance scale", "choose, choice, choices, decide, decision, making choices", 3.5, 0.8),
    _c("not knowing yet", "thinking face", "not sure, do not know, dont know", 3, 0.75),
    _c("talking", "speaking head", "talk, talks, talking, discuss, advice", 1.2, 0.75, general=True),
    # 'tell us', 'will tell you', 'explain': someone says something, which a talking head does not show
    _c("telling or explaining", "speaking head", "tell, tells, explain, explains", 1.2, 0.65, general=True),
    _c("talking therapy", "speaking head", "talking therapy, talking therapies, talking treatment, counselling", 3.5),
    _c("kept private", "locked", "private, privately, in private, confidential, confidentiality, privacy", 3, 0.85),
    _c("listening", "ear", "listen, listens", 3, 0.85),
    _c("help and support", "handshake", "support, supports, supporter", 1, 0.7, general=True),
    # 'help' alone is too vague to show: a handshake beside 'to help you stay well' says nothing
    _c("helping", "handshake", "help, helps", 1, 0.65, general=True),
    _c("asking for help", None, "ask for help, asking for help, get help, need help"),
    _c("good things", "thumbs up", "good things, benefit, benefits", 2, 0.8),
    _c(
        "a risk",
        "warning",
        "risk, risks, danger, dangerous, problem, problems, side effect, side effects, go wrong, goes wrong, "
        "bad things, unsafe, die",
        2,
        0.8,
    ),
)

ALT: dict[str, str] = {
    "ambulance": "An ambulance: an emergency",
    "telephone receiver": "A telephone",
    "health worker": "A doctor or nurse with a stethoscope",
    "tooth": "A tooth",
    "family": "A family: two adults and a child",
    "people holding hands": "Two people holding hands",
    "baby": "A baby",
    "child": "A child",
    "pregnant woman": "A pregnant woman",
    "busts in silhouette": "A group of people",
    "hospital": "A hospital building",
    "house": "A house",
    "pill": "A tablet",
    "microscope": "A microscope",
    "anatomical heart": "A heart",
    "drop of blood": "A drop of blood",
    "leg": "A leg",
    "foot": "A foot",
    "eye": "An eye",
    "ear": "An ear",
    "ear with hearing aid": "An ear with a hearing aid",
    "nose": "A nose",
    "mouth": "A mouth",
    "brain": "A brain",
    "lungs": "Two lungs",
    "bone": "A bone",
    "toilet": "A toilet",
    "person standing": "A person standing",
    "syringe": "A needle",
    "adhesive bandage": "A plaster",
    "x-ray": "An X-ray picture of bones",
    "camera": "A camera",
    "stethoscope": "A stethoscope",
    "thermometer": "A thermometer",
    "package": "A parcel",
    "face with medical mask": "A face wearing a mask",
    "manual wheelchair": "A wheelchair",
    "crutch": "A crutch",
    "identification card": "A card with a person's details",
    "lotion bottle": "A bottle of sun cream or lotion",
    "shaking face": "A face shaking",
    "mobile phone off": "A mobile phone turned off",
    "pound banknote": "A pound note: money",
    "person running": "A person running: being active",
    "bed": "A bed",
    "magnet": "A magnet",
    "headphone": "Headphones",
    "face with head-bandage": "A face with a bandage round the head, in pain",
    "face with thermometer": "A face with a thermometer, feeling ill",
    "nauseated face": "A green face, feeling sick",
    "hot face": "A red, hot face",
    "sleepy face": "A sleepy face",
    "sleeping face": "A face asleep",
    "sneezing face": "A face sneezing into a tissue",
    "worried face": "A worried face",
    "disappointed face": "A sad face",
    "fork and knife with plate": "A plate with a knife and fork",
    "cup with straw": "A drink",
    "soap": "A bar of soap",
    "shower": "A shower",
    "automobile": "A car",
    "glasses": "A pair of glasses",
    "toothbrush": "A toothbrush",
    "person walking": "A person walking",
    "chair": "A chair",
    "no smoking": "A no-smoking sign",
    "bus": "A bus",
    "ring": "A ring",
    "t-shirt": "A T-shirt",
    "spiral calendar": "A calendar",
    "hourglass not done": "An hourglass: time passing",
    "timer clock": "A timer clock",
    "mobile phone": "A mobile phone",
    "envelope": "A letter",
    "postbox": "A postbox",
    "desktop computer": "A computer",
    "bookmark tabs": "Pages of writing",
    "open book": "An open book",
    "writing hand": "A hand writing",
    "red question mark": "A question mark",
    "check mark button": "A tick: yes",
    "cross mark": "A cross: no",
    "balance scale": "Weighing scales: making a choice",
    "thinking face": "A face thinking",
    "speaking head": "A person talking",
    "locked": "A padlock: kept private",
    "handshake": "Two hands shaking: help and support",
    "thumbs up": "A thumbs up: something good",
    "warning": "A warning sign",
}
