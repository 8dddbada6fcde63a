"""Speech: the spoken script made from the model, the engines that say it, and the audio they make.

Shared by any renderer that speaks (the audio format; later, perhaps, easy
read audio). Timing facts the script and the audio must agree on live here,
so the script can say how long the recording lasts.
"""

from __future__ import annotations

SAMPLE_RATE = 22_050  # eSpeak NG's own rate; plenty for one voice
LEAD_SECONDS = 2.0  # silence before the first word
TAIL_SECONDS = 2.0  # silence after the last word
GAP_SECONDS = 1.5  # pause between sections
DEFAULT_RATE = 150  # words per minute; 140-180 is comfortable, 145 rated best
MIN_RATE, MAX_RATE = 80, 250


def milliseconds(samples: int) -> int:
    """``samples`` at ``SAMPLE_RATE`` as whole milliseconds (for chapters and clips)."""
    return round(samples * 1000 / SAMPLE_RATE)


def pause_seconds(sections: int) -> float:
    """The silence in a recording of ``sections`` spoken sections: lead, tail and the gaps between."""
    return LEAD_SECONDS + TAIL_SECONDS + GAP_SECONDS * max(0, sections - 1)
