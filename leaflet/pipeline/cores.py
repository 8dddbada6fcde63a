"""How many cores a job may use: ``--jobs`` shared out among the jobs running at once.

A build of one leaflet's audio with ``--jobs 2`` lets that one job say two
sections at once; a catalogue build with ``--jobs 2`` runs two jobs at once
and each says one section at a time, so the build never asks for more cores
than it was given (``--jobs 1`` uses one). The share travels with each job
(``Job.cores``) into its writer (``Resources.cores``). Nothing here changes
what a job makes, only how many things it does at once.
"""

from __future__ import annotations

from leaflet.writers.contract import usable_cores as usable

__all__ = ["share", "usable"]


def share(workers: int, jobs: int) -> int:
    """Each job's share of ``workers`` cores when ``jobs`` jobs run on them: the cores left idle by too few jobs
    go to the jobs there are (2 workers, 1 job: 2 cores); with as many jobs as workers or more, one each."""
    return max(1, workers // max(1, min(workers, jobs)))
