"""The benchmark harness works end to end (speed is measured in bench/, never asserted here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.report import BEGIN, END, Row, write_document
from tests.live import ROOT


def test_it_runs_the_quickest_section_and_writes_the_table(tmp_path: Path) -> None:
    out = tmp_path / "PERFORMANCE.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--only", "tokens", "--scale", "tiny", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "6. Tokens" in result.stdout
    assert "prompt / raw size" in result.stdout
    text = out.read_text()
    assert BEGIN in text
    assert END in text
    assert "| 6. Tokens | user-message tokens per email, 12 demo emails |" in text
    assert "Machine:" in text


def test_it_keeps_the_notes_around_the_generated_block(tmp_path: Path) -> None:
    out = tmp_path / "PERFORMANCE.md"
    out.write_text(f"# Title\n\n{BEGIN}\nold table\n{END}\n\n## Notes\nkept by hand\n")
    row = Row("1. Throughput", "emails/s", "30 emails/s", 30.0, "≥ 13×", True)
    write_document(out, f"{BEGIN}\nnew table {row.shown}\n{END}", template="unused {generated}")
    assert out.read_text() == f"# Title\n\n{BEGIN}\nnew table 30 emails/s\n{END}\n\n## Notes\nkept by hand\n"
