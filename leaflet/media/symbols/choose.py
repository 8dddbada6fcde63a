"""Which symbol shows what a point says: pure functions of the words and the vocabulary, nothing else.

A point is read left to right. At each word the longest phrase of the health
vocabulary (``curated``) wins: 'blood test' before 'blood', 'stop it hurting'
before 'stop', 'call 999' before 'call'. A phrase whose idea no symbol shows
('catheter', 'bag', 'find out') takes its words too, so no symbol named after
one of them ('test tube', 'clutch bag', 'bus stop') can. Words the vocabulary
does not know are looked up in the symbols' own names, but a name alone is
never sure enough to show: it is listed as considered, for a person to pick.

Each idea read gets a confidence, starting at how surely its words mean it in
a health leaflet (``Concept.sure``), lowered where the sentence changes the
sense:

- denied ('it does not hurt', 'do not eat') or made hard ('you might find it
  hard to sleep'): an experience or act under a negation or a difficulty would
  be pictured as its opposite (a peaceful sleeper for 'hard to sleep'); and
  when the strongest idea of a point is denied, the point gets no picture at
  all (no symbol says 'do not' or 'hard to').
- the point says what something no symbol shows is ('Your bladder is the bag
  ...'): it is about that thing, so other ideas are only side details. Saying
  what it is like is not saying what it is: 'You get a letter ... The test is
  free' shows the letter.
- the idea is in a relative clause ('a doctor who knows a lot about one kind
  of illness'): it describes something else, so it is a side detail too.
- the idea is a general sign (``Concept.general``: a clock for 'minutes', a
  hospital building, a bandaged head for pain, a talking head, a question
  mark, a handshake, a cross for 'no') and the point names anything more
  specific, even something no symbol shows ('blurry for a few hours', 'your
  arm might feel sore', 'another test in hospital'): the sign says little
  beside it, so it falls below ``THRESHOLD`` and the point shows the specific
  idea, or nothing. A general sign is shown only where it is all the point
  names ('It takes about 10 minutes').

The idea with the highest strength x confidence wins (ties: the earlier, then
the name); below ``THRESHOLD`` the point gets no picture, and the choice says
what was considered. Emergencies (999, A&E, 'call now') are the strongest idea
of all and show an ambulance, unless the sentence says it is not one ('if it
is not an emergency', 'not urgent', 'not serious', 'you do not need to go to
A&E', 'call 111 instead of 999'): then the emergency is read as no symbol's,
and the point shows its next idea (111, the GP) or nothing, never the
ambulance. A negation reaches the emergency only across words that cannot end
its scope (``_BETWEEN``), so 'if your inhaler does not help, call 999' stays
an emergency.

A general sign that says how the subject of its sentence is, right after it,
is not beside something more specific: 'The test takes about 5 minutes' says
how long, as 'It takes about 5 minutes' does. A feeling is not read so ('Your
arm hurts' is not a bandaged head).

Pictures vary where the points vary: a symbol the point before shows counts
``REPEAT`` times, so the point shows its next idea that is sure enough, if it
has one. A symbol shown further back in the section is shown again where it
fits (the same idea, the same picture), and an emergency always shows its
picture: safety outranks variety.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from leaflet.media.symbols.curated import EMERGENCY, Concept

THRESHOLD = 0.7  # confidence below which a point gets no automatic picture
REPEAT = 0.4  # the weight of a symbol the point before already shows
DENIED = 0.3  # the confidence kept by an experience or act under a negation
ABOUT_SOMETHING_ELSE = 0.6  # kept by a side detail of a point about what no symbol shows
IN_RELATIVE_CLAUSE = 0.8  # kept by an idea in a 'who ...' or 'that ...' clause, which describes another
BESIDE_SPECIFIC = 0.5  # kept by a general sign beside a more specific idea: always below THRESHOLD
INDEX_WHOLE_NAME, INDEX_PART_OF_NAME = 0.5, 0.4  # a symbol found by its name alone: considered, never sure
_NEGATIONS = frozenset(
    ["not", "no", "never", "dont", "doesnt", "wont", "cannot", "cant", "without", "stop", "stops", "avoid"]
)
# what can stand between a negation and the emergency it denies: 'not an emergency', 'not sure if it is an
# emergency', 'you do not need to go to A&E', 'no need to call an ambulance', 'call 111 instead of 999'; any other
# word ends its reach ('if your inhaler does not help, call 999', 'do not wait, call 999' are emergencies)
_NOT_AN_EMERGENCY = frozenset(["not", "no", "never", "dont", "doesnt", "isnt", "arent", "wont", "non", "instead"])
_BETWEEN_WORDS = """a an the to of for really actually always usually need needs go going call ring phone dial it
    its is this that be sure if whether you do"""
_BETWEEN = frozenset(_BETWEEN_WORDS.split())
_URGENT = frozenset(["emergency", "emergencies", "urgent", "serious", "life", "threatening"])
# a medicine, unless the sentence names other screens ('phone, tablet and TV')
_TABLET = frozenset(["tablet", "tablets"])
_SCREENS = frozenset(["tv", "tvs", "television", "computer", "computers", "laptop", "laptops", "screen", "screens"])
_DIFFICULTY = frozenset(["hard", "difficult", "difficulty", "trouble", "unable", "struggle", "struggling"])
_BEING = frozenset(["is", "are", "means", "mean", "was"])
_DEFINING = frozenset(["means", "mean"])  # a being verb that always says what a thing is
_WHEN = frozenset(["when", "where", "what", "how", "part"])  # 'is when ...', 'is part of ...': what it is
_DETERMINERS = frozenset(["a", "an", "the", "your", "this", "that", "my", "our"])
_RELATIVE = frozenset(["who", "which", "that", "whose"])
_TOKEN = re.compile(r"[a-z0-9&]+")
_SENTENCE_END = re.compile(r"[.?!]+(?:\s+|$)")
_COMMON_WORDS = """a about after again all also am an and any are as at be because been before being but by can
    could did do does doing done each for from get gets getting give gives go goes going got had has have
    having he her here him his how i if in into is it its just know last let like made make makes many may
    me might more most much must my new no not now of off on once one only or other our out over own
    person same see she should so some still such than that the their them then there these they thing
    things this those through to too under up us very want was way we well were what when where which
    while who why will with would yet you your yours top end back soon free ok cool on left right side place
    inside watch covers"""
COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True, slots=True)
class Idea:
    """One idea read in a point: what said it, the symbol that shows it (None: no symbol does), how sure."""

    symbol: str | None  # the symbol's key (``key(name)``)
    meaning: str
    words: str  # the point's words that said it
    strength: float
    confidence: float
    position: int
    note: str = ""  # why the confidence was lowered, if it was
    state: bool = False  # an experience or act, which a sentence can deny
    denied: bool = False
    general: bool = False  # a general sign (``Concept.general``)

    @property
    def score(self) -> float:
        return self.strength * self.confidence


@dataclass(frozen=True, slots=True)
class Choice:
    """The publisher's choice for one point: a symbol, or None when nothing is sure enough; and why."""

    symbol: str | None
    confidence: float
    reason: str
    matched: tuple[str, ...] = ()  # the point's words that chose the symbol
    considered: tuple[Idea, ...] = ()  # every idea read in the point, best first


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the chooser knows: the health vocabulary's phrases and the keyword index of the symbols' names."""

    phrases: Mapping[tuple[str, ...], Concept]  # words -> concept (its symbol as a key)
    index: Mapping[str, tuple[str, ...]]  # word -> symbol keys, best first
    longest: int


def vocabulary(concepts: Sequence[Concept], index: Mapping[str, tuple[str, ...]]) -> Vocabulary:
    """The ``concepts`` (their symbols by ``key``) beside the keyword ``index`` (word -> symbol keys)."""
    phrases: dict[tuple[str, ...], Concept] = {}
    for given in concepts:
        concept = given._replace(symbol=key(given.symbol)) if given.symbol else given
        for form in concept.forms:
            phrases.setdefault(tuple(tokens(form)), concept)
    return Vocabulary(phrases, index, max(len(words) for words in phrases))


def key(name: str) -> str:
    """How a symbol's name is looked up: lower case, words only ('Face_with_Head-Bandage' -> 'face with head bandage')."""
    return " ".join(_TOKEN.findall(name.lower().replace("\u2019", "").replace("'", "").replace("&", " ")))


def tokens(text: str) -> list[str]:
    """Lower-case words; apostrophes dropped ('don't' -> 'dont'), hyphens split ('check-up' -> 'check', 'up')."""
    return _TOKEN.findall(text.lower().replace("\u2019", "").replace("'", ""))


def _forms(word: str) -> Iterable[str]:
    """The word, then its likely singulars: 'arteries' -> 'artery', 'tablets' -> 'tablet'."""
    yield word
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("es") and len(word) > 4:
        yield word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        yield word[:-1]


def read(text: str, vocab: Vocabulary) -> list[Idea]:
    """Every idea in ``text``, in the order its words come, with its confidence in this sentence."""
    ideas: list[Idea] = []
    subjects: list[str] = []  # what no symbol shows, that a sentence says what it is
    specific: list[Idea] = []  # every idea but the general signs and the side details in a clause
    predicates: set[int] = set()  # general signs that say how the subject is ('The test | takes about 5 minutes')
    for sentence in _SENTENCE_END.split(text):
        words, starts = tokens(sentence), _clause_starts(sentence)
        not_urgent = any(word in _URGENT and _negated(words, at, starts) for at, word in enumerate(words))
        opening_ends = -1  # where an opening subject no symbol shows ends
        read_here: list[Idea] = []
        position = 0
        while position < len(words):
            step, idea = _idea_at(words, position, vocab)
            if idea is not None:
                if idea.symbol is None and _opens(words, position):
                    opening_ends = position + step
                    subjects += [idea.words] if _is_subject(words, position, step) else []
                elif idea.general and not idea.state and position == opening_ends:
                    predicates.add(len(ideas) + len(read_here))
                if idea.strength >= EMERGENCY and (not_urgent or _negated(words, position, starts)):
                    idea = _not_an_emergency(idea)
                elif idea.words in _TABLET and _SCREENS.intersection(words[max(0, position - 3) : position + 4]):
                    idea = replace(idea, symbol=None, meaning="a tablet computer, beside other screens")
                if any(word in _RELATIVE for word in words[1:position]):
                    idea = replace(
                        idea, confidence=idea.confidence * IN_RELATIVE_CLAUSE, note="in a clause about another thing"
                    )
                elif not idea.general:
                    specific.append(idea)
                read_here.append(_denied(idea, words) if idea.state else idea)
            position += step
        ideas += read_here
    if subjects:
        note = f"the point is about the {subjects[0]}, which no symbol shows"
        ideas = [
            idea if idea.symbol is None else replace(idea, confidence=idea.confidence * ABOUT_SOMETHING_ELSE, note=note)
            for idea in ideas
        ]
    if specific:
        named = max(specific, key=lambda idea: idea.strength).words  # the strongest, the earliest of equals
        ideas = [
            _beside(idea, named) if idea.general and idea.symbol and number not in predicates else idea
            for number, idea in enumerate(ideas)
        ]
    return [replace(idea, position=number) for number, idea in enumerate(ideas)]


def _negated(words: Sequence[str], position: int, starts: frozenset[int]) -> bool:
    """True when a negation reaches the word at ``position`` across only ``_BETWEEN`` words ('not an emergency'),
    within its clause: 'if you are not sure, call 999' is an emergency (``starts``: where each clause starts)."""
    for at in range(position - 1, -1, -1):
        if at + 1 in starts:
            return False
        if words[at] in _NOT_AN_EMERGENCY:
            return True
        if words[at] not in _BETWEEN:
            return False
    return False


def _clause_starts(sentence: str) -> frozenset[int]:
    """The word positions where the sentence's clauses start (after a comma, colon, semicolon or bracket)."""
    starts, count = set(), 0
    for clause in re.split(r"[,;:()]", sentence):
        starts.add(count)
        count += len(tokens(clause))
    return frozenset(starts)


def _not_an_emergency(idea: Idea) -> Idea:
    """An emergency the sentence denies ('if it is not an emergency', 'not urgent'): never the emergency picture."""
    note = f"the sentence says it is not an emergency ('{idea.words}')"
    return replace(idea, symbol=None, meaning="not an emergency", note=note)


def _beside(idea: Idea, specific: str) -> Idea:
    """A general sign (``idea``) in a point that also names ``specific``: a side detail, never shown by itself."""
    note = f"a general sign, shown only when the point names nothing more specific, and it names '{specific}'"
    return replace(
        idea, confidence=idea.confidence * BESIDE_SPECIFIC, note=f"{idea.note}; {note}" if idea.note else note
    )


def _idea_at(words: Sequence[str], position: int, vocab: Vocabulary) -> tuple[int, Idea | None]:
    """How many words the idea at ``position`` takes, and the idea (None: the words say nothing picturable)."""
    for length in range(min(vocab.longest, len(words) - position), 0, -1):
        span = tuple(words[position : position + length])
        for candidate in [span] if length > 1 else [(form,) for form in _forms(span[0])]:
            concept = vocab.phrases.get(candidate)
            if concept is not None:
                text = " ".join(span)
                return length, Idea(
                    concept.symbol,
                    concept.meaning,
                    text,
                    concept.strength,
                    concept.sure,
                    position,
                    state=concept.state,
                    general=concept.general,
                )
    word = words[position]
    if word in COMMON or word.isdigit():
        return 1, None
    for form in _forms(word):
        names = vocab.index.get(form)
        if names:
            sure = INDEX_WHOLE_NAME if names[0] == form else INDEX_PART_OF_NAME
            return 1, Idea(names[0], f"'{form}' in a symbol's name", word, 1.0, sure, position)
    return 1, None


def _opens(words: Sequence[str], position: int) -> bool:
    """True when only determiners come before ``position`` in its sentence ('The test takes about 5 minutes')."""
    return all(word in _DETERMINERS for word in words[:position])


def _is_subject(words: Sequence[str], position: int, length: int) -> bool:
    """True when the words at ``position`` open the sentence and it says what they are: 'Your bladder is the bag
    ...', 'A cystoscopy is a test ...', 'Depression is when ...', 'Discharge means ...'; not what they are like
    ('The test is free')."""
    after = words[position + length : position + length + 4]
    verb = next((number for number, word in enumerate(after[:3]) if word in _BEING), None)
    if verb is None or not _opens(words, position):
        return False
    return after[verb] in _DEFINING or any(word in _DETERMINERS or word in _WHEN for word in after[verb + 1 : verb + 2])


def _denied(idea: Idea, words: Sequence[str]) -> Idea:
    """An experience or act (``idea``) as the sentence has it: denied after a negation or a difficulty."""
    before = words[max(0, idea.position - 3) : idea.position]
    if not any(word in _NEGATIONS or word in _DIFFICULTY for word in before):
        return idea
    negation = next(word for word in reversed(before) if word in _NEGATIONS or word in _DIFFICULTY)
    note = f"{'denied' if negation in _NEGATIONS else 'made hard'} ('{negation} ... {idea.words}')"
    return replace(idea, confidence=idea.confidence * DENIED, note=note, denied=True)


def choose(text: str, vocab: Vocabulary, previous: str | None = None) -> Choice:
    """The best symbol for ``text``, or a Choice of None saying what was considered; ``previous``: the point before's."""
    ideas = read(text, vocab)
    ranked = _ranked(ideas, previous)
    pictured = [idea for idea in ideas if idea.symbol is not None]
    strongest = max(pictured, key=lambda idea: (idea.strength, -idea.position), default=None)
    if strongest is not None and strongest.denied:
        said = "the point says not to, or that it is hard"
        return Choice(None, 0.0, f"{said}: {strongest.note}; no symbol shows 'not' or 'hard to'", (), ranked)
    choice = _best(ranked, previous)
    unpictured = [f"'{idea.words}' ({idea.meaning})" for idea in ideas if idea.symbol is None]
    if choice.symbol is None and not ranked and unpictured:
        return replace(choice, reason="no symbol shows what its words say: " + ", ".join(unpictured))
    return choice


def _ranked(ideas: Sequence[Idea], previous: str | None) -> tuple[Idea, ...]:
    """The ideas with a symbol, best first: by strength x confidence (a repeat of ``previous`` weighs less)."""

    def weight(idea: Idea) -> tuple[float, int, str]:
        repeat = REPEAT if idea.symbol == previous and idea.strength < EMERGENCY else 1.0
        return (-idea.score * repeat, idea.position, idea.symbol or "")

    return tuple(sorted((idea for idea in ideas if idea.symbol is not None), key=weight))


def _best(ranked: Sequence[Idea], previous: str | None) -> Choice:
    """The first idea of ``ranked`` sure enough to show; else None, saying what was considered."""
    for idea in ranked:
        if idea.confidence < THRESHOLD:
            continue
        matched = tuple(dict.fromkeys(other.words for other in ranked if other.symbol == idea.symbol))
        reason = f"the words '{idea.words}' say {idea.meaning}"
        if idea.note:
            reason += f" ({idea.note})"
        if previous == idea.symbol:
            reason += "; the point before shows it too"
        return Choice(idea.symbol, round(idea.confidence, 2), reason, matched, tuple(ranked))
    if not ranked:
        return Choice(None, 0.0, "no word of the point says something a symbol shows", (), ())
    considered = ", ".join(
        f"'{idea.words}' ({idea.meaning}, {idea.confidence:.2f}{': ' + idea.note if idea.note else ''})"
        for idea in ranked[:3]
    )
    return Choice(
        None, 0.0, f"nothing is sure enough (at least {THRESHOLD}): considered {considered}", (), tuple(ranked)
    )


def choose_section(texts: Sequence[str], vocab: Vocabulary, decided: Sequence[str | None] = ()) -> list[Choice | None]:
    """A choice for each point of a section, in order (None where the author decided).

    ``decided[i]`` is None where the publisher chooses, else what the author
    decided for point ``i``: a symbol's key, or '' (their own file, or none).
    A symbol the point before shows counts ``REPEAT`` times (an emergency's
    never does); one shown further back counts in full.
    """
    authors = [decided[number] if number < len(decided) else None for number in range(len(texts))]
    choices: list[Choice | None] = []
    previous: str | None = None
    for text, author in zip(texts, authors, strict=True):
        choice = choose(text, vocab, previous) if author is None else None
        choices.append(choice)
        previous = (author or None) if author is not None else (choice.symbol if choice else None)
    return choices
