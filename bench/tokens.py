"""Section 6: what the LLM is sent per email, against the raw message, on the demo corpus.

The prompt is built exactly as the LLM classifier builds it (build_messages), and
only the user message is counted, over all emails and over those the LLM
classifier's strategy actually sends (not certain for the rules, first of their
template): it is the part that grows with the email, while
the fixed system prompt is the same for every call (and cached by providers).
Tokens are estimated at four characters each, as jobmail.text.clean does. The
same measure on the generated benchmark mailbox (HTML job alerts, newsletters,
quoted replies, legal footers) is shown beside it.
"""

from __future__ import annotations

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
    #: Parts of the user message: header lines, body, the <email> delimiters.
    parts: dict[str, list[int]]
    #: Whether the LLM classifier's strategy sends the email to the LLM (the rules
    #: are not certain, and it is the first of its template).
    sent: list[bool]

    @property
    def ratio(self) -> float:
        return sum(self.prompt) / sum(self.raw)

    @property
    def sent_ratio(self) -> float:
        prompt = sum(p for p, sent in zip(self.prompt, self.sent, strict=True) if sent)
        raw = sum(r for r, sent in zip(self.raw, self.sent, strict=True) if sent)
        return prompt / raw if raw else 0.0


def measure(messages: Iterable[bytes]) -> Sizes:
    from jobmail.classify.cache import content_hash
    from jobmail.classify.llm import LLMClassifier
    from jobmail.classify.prompt import estimate_tokens, prompt_text
    from jobmail.classify.rules import RulesClassifier
    from jobmail.message import parse_message

    classifier = LLMClassifier(api_key="bench", base_url="http://127.0.0.1:9/v1")
    rules = RulesClassifier()
    seen: set[str] = set()
    sizes = Sizes([], [], [], {"headers": [], "body": [], "delimiters": []}, [])
    for raw in messages:
        parsed = parse_message(raw)
        user = classifier.build_messages(parsed)[1]["content"]
        text = prompt_text(parsed, budget_tokens=classifier.budget_tokens)
        lines = text.split("\n")
        header = "\n".join(lines[:3])
        sizes.raw.append(len(raw.decode("utf-8", "replace")))
        sizes.prompt.append(len(user))
        sizes.tokens.append(estimate_tokens(user))
        sizes.parts["headers"].append(len(header))
        sizes.parts["body"].append(len(text) - len(header))
        sizes.parts["delimiters"].append(len(user) - len(text))
        digest = content_hash(parsed)
        sizes.sent.append(not rules.classify_sync(parsed).certain and digest not in seen)
        seen.add(digest)
    return sizes


def run(scale: Scale) -> list[Row]:
    from jobmail.classify.prompt import estimate_tokens

    files = sorted(DEMO.glob("*.eml"))[: scale.demo_emails]
    say(f"building prompts for {len(files)} demo emails")
    demo = measure(path.read_bytes() for path in files)
    generated = measure(Mailbox(seed=3).messages(len(files)))
    from jobmail.classify.prompt import system_prompt

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
            "prompt / raw size, demo corpus, all emails",
            f"{demo.ratio:.2f}",
            demo.ratio,
        ),
        Row(
            SECTION,
            "prompt / raw size, demo corpus, the emails the LLM is sent",
            f"{demo.sent_ratio:.2f}",
            demo.sent_ratio,
            "≤ 0.40",
            at_most(demo.sent_ratio, 0.40),
            note=f"{sum(demo.sent)} of {len(files)}: the others are certain for the rules or repeat a template",
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
