"""Section 6: what the LLM is sent per email, against the raw message, on the demo corpus.

The prompt is built exactly as the LLM classifier builds it (build_messages), and
only the user message is counted: it is the part that grows with the email, while
the fixed system prompt is the same for every call (and cached by providers).
Tokens are estimated at four characters each, as processing.cleaning does. The
same measure on the generated benchmark mailbox (HTML job alerts, newsletters,
quoted replies, legal footers) is shown beside it.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import Mailbox
from bench.harness import Scale, say
from bench.report import Row, at_most

SECTION = "6. Tokens"
DEMO = Path(__file__).resolve().parents[1] / "processing" / "demo" / "mailbox"


@dataclass
class Sizes:
    raw: list[int]
    prompt: list[int]
    tokens: list[int]
    #: Parts of the user message: fixed instruction, header lines, body, JSON escaping.
    parts: dict[str, list[int]]

    @property
    def ratio(self) -> float:
        return sum(self.prompt) / sum(self.raw)


def measure(messages: Iterable[bytes]) -> Sizes:
    from processing.classifiers.llm import LLMClassifier
    from processing.cleaning import estimate_tokens, prompt_text
    from processing.mail import parse_message

    classifier = LLMClassifier(api_key="bench", base_url="http://127.0.0.1:9/v1")
    sizes = Sizes([], [], [], {"instruction": [], "headers": [], "body": [], "escaping": []})
    for raw in messages:
        parsed = parse_message(raw)
        user = classifier.build_messages(parsed)[1]["content"]
        text = prompt_text(parsed, budget_tokens=classifier.budget_tokens)
        header, _, body = text.partition("\n\n")
        encoded = len(json.dumps(text, ensure_ascii=False))
        sizes.raw.append(len(raw.decode("utf-8", "replace")))
        sizes.prompt.append(len(user))
        sizes.tokens.append(estimate_tokens(user))
        sizes.parts["instruction"].append(len(user) - encoded)
        sizes.parts["headers"].append(len(header))
        sizes.parts["body"].append(len(body))
        sizes.parts["escaping"].append(encoded - len(text))
    return sizes


def run(scale: Scale) -> list[Row]:
    from processing.cleaning import estimate_tokens

    files = sorted(DEMO.glob("*.eml"))[: scale.demo_emails]
    say(f"building prompts for {len(files)} demo emails")
    demo = measure(path.read_bytes() for path in files)
    generated = measure(Mailbox(seed=3).messages(len(files)))
    from processing.classifiers.llm import system_prompt

    parts = ", ".join(f"{name} {statistics.fmean(values):.0f}" for name, values in demo.parts.items())
    return [
        Row(
            SECTION,
            f"user-message tokens per email, {len(files)} demo emails",
            f"{statistics.fmean(demo.tokens):.0f} tokens (max {max(demo.tokens)})",
            statistics.fmean(demo.tokens),
            note=f"plus a fixed system prompt of {estimate_tokens(system_prompt())} tokens",
        ),
        Row(
            SECTION,
            "raw message → user message, mean chars",
            f"{statistics.fmean(demo.raw):,.0f} → {statistics.fmean(demo.prompt):,.0f}",
            statistics.fmean(demo.prompt),
            note=f"user message: {parts} chars",
        ),
        Row(
            SECTION,
            "prompt / raw size, demo corpus",
            f"{demo.ratio:.2f}",
            demo.ratio,
            "≤ 0.40",
            at_most(demo.ratio, 0.40),
        ),
        Row(
            SECTION,
            "prompt / raw size, generated benchmark mailbox",
            f"{generated.ratio:.2f}",
            generated.ratio,
            note=f"{len(files)} emails, mean {statistics.fmean(generated.raw):,.0f} → "
            f"{statistics.fmean(generated.prompt):,.0f} chars (HTML alerts, newsletters, replies, footers)",
        ),
    ]
