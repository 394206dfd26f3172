"""Section 6: what the LLM is sent per email, against the raw message, on the demo corpus.

The prompt is built exactly as the LLM classifier builds it (build_messages), and
only the user message is counted: it is the part that grows with the email, while
the fixed system prompt is the same for every call (and cached by providers).
Tokens are estimated at four characters each, as processing.cleaning does.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.harness import Scale, say
from bench.report import Row, at_most

SECTION = "6. Tokens"
DEMO = Path(__file__).resolve().parents[1] / "processing" / "demo" / "mailbox"


def run(scale: Scale) -> list[Row]:
    from processing.classifiers.llm import LLMClassifier
    from processing.cleaning import estimate_tokens
    from processing.mail import parse_message

    files = sorted(DEMO.glob("*.eml"))[: scale.demo_emails]
    say(f"building prompts for {len(files)} demo emails")
    classifier = LLMClassifier(api_key="bench", base_url="http://127.0.0.1:9/v1")
    raw_chars: list[int] = []
    prompt_chars: list[int] = []
    tokens: list[int] = []
    for path in files:
        raw = path.read_bytes()
        user = classifier.build_messages(parse_message(raw))[1]["content"]
        raw_chars.append(len(raw.decode("utf-8", "replace")))
        prompt_chars.append(len(user))
        tokens.append(estimate_tokens(user))
    system_tokens = estimate_tokens(classifier.build_messages(parse_message(files[0].read_bytes()))[0]["content"])
    ratio = sum(prompt_chars) / sum(raw_chars)
    return [
        Row(
            SECTION,
            f"user-message tokens per email, {len(files)} demo emails",
            f"{statistics.fmean(tokens):.0f} tokens (max {max(tokens)})",
            statistics.fmean(tokens),
            note=f"plus a fixed system prompt of {system_tokens} tokens",
        ),
        Row(
            SECTION,
            "raw message size vs prompt size, mean",
            f"{statistics.fmean(raw_chars):,.0f} → {statistics.fmean(prompt_chars):,.0f} chars",
            statistics.fmean(prompt_chars),
        ),
        Row(SECTION, "prompt / raw size", f"{ratio:.2f}", ratio, "≤ 0.40", at_most(ratio, 0.40)),
    ]
