"""Measuring a classifier against a labelled mailbox (the demo corpus or your own)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from jobmail.classify import ClassificationStrategy
from jobmail.classify.cache import content_hash
from jobmail.classify.prompt import user_message
from jobmail.classify.rules.company import sender_identity
from jobmail.grouping import Grouper, MailFacts, inherit_thread
from jobmail.mbox import iter_eml_dir, iter_mbox
from jobmail.message import parse_message
from jobmail.taxonomy import TERMINAL, VALUES, Status
from jobmail.text.names import normalise_key, title_key

_EPOCH = datetime.min.replace(tzinfo=UTC)


class EvaluationError(Exception):
    pass


@dataclass
class Prediction:
    message_id: str
    split: str
    true_status: str
    status: str
    true_job: bool
    job: bool
    true_company: str
    company: str
    true_title: str
    title: str
    confidence: float
    classifier: str
    llm_calls: int
    raw_chars: int
    prompt_chars: int
    #: Whether the rules were certain (then the LLM is never asked) and the
    #: cleaned-content hash (one LLM call per distinct template).
    rules_certain: bool = False
    digest: str = ""
    #: Grouping: the labelled application (None for mail about no application),
    #: what grouping reads, and the application it was placed in (None: not job mail).
    true_application: str | None = None
    thread_id: str = ""
    sender_key: str = ""
    received_at: datetime | None = None
    meeting: bool = False
    group: int | None = None


@dataclass
class Report:
    predictions: list[Prediction] = field(default_factory=list)

    def part(self, split: str | None) -> Report:
        if split in (None, "all"):
            return self
        return Report([p for p in self.predictions if p.split == split])

    def for_llm(self) -> list[Prediction]:
        """The emails the LLM classifier's strategy sends to the LLM, whichever
        classifier made these predictions: those the rules are not certain about,
        once per distinct template (the first in Message-ID order)."""
        seen: set[str] = set()
        chosen = []
        for p in sorted(self.predictions, key=lambda p: p.message_id):
            if not p.rules_certain and p.digest not in seen:
                seen.add(p.digest)
                chosen.append(p)
        return chosen

    def metrics(self) -> dict[str, Any]:
        preds = self.predictions
        n = len(preds) or 1
        correct = sum(p.status == p.true_status for p in preds)
        tp = sum(p.job and p.true_job for p in preds)
        fp = sum(p.job and not p.true_job for p in preds)
        fn = sum(not p.job and p.true_job for p in preds)
        with_company = [p for p in preds if p.true_company]
        with_title = [p for p in preds if p.true_title]
        sent = [p for p in preds if p.llm_calls]
        per_status: dict[str, dict[str, float]] = {}
        for status in VALUES:
            predicted = sum(p.status == status for p in preds)
            actual = sum(p.true_status == status for p in preds)
            hits = sum(p.status == status and p.true_status == status for p in preds)
            per_status[status] = {
                "precision": round(hits / predicted, 3) if predicted else 0.0,
                "recall": round(hits / actual, 3) if actual else 0.0,
                "support": actual,
            }
        confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for p in preds:
            confusion[p.true_status][p.status] += 1
        raw_sent = sum(p.raw_chars for p in sent)
        for_llm = self.for_llm()
        raw_for_llm = sum(p.raw_chars for p in for_llm)
        return {
            "emails": len(preds),
            "status_accuracy": round(correct / n, 4),
            "job_precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "job_recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "company_match": round(
                sum(_company_match_key(p.company) == _company_match_key(p.true_company) for p in with_company)
                / (len(with_company) or 1),
                4,
            ),
            "title_match": round(
                sum(title_key(p.title) == title_key(p.true_title) for p in with_title) / (len(with_title) or 1), 4
            ),
            "llm_calls_per_email": round(sum(p.llm_calls for p in preds) / n, 4),
            "prompt_chars_per_email": round(sum(p.prompt_chars for p in preds) / n, 1),
            "raw_chars_per_email": round(sum(p.raw_chars for p in preds) / n, 1),
            "prompt_tokens_per_email": round(sum(p.prompt_chars for p in preds) / n / 4, 1),
            "emails_sent_to_llm": len(sent),
            "prompt_to_raw_ratio_sent": round(sum(p.prompt_chars for p in sent) / raw_sent, 4) if raw_sent else None,
            "emails_for_llm": len(for_llm),
            "prompt_to_raw_ratio_for_llm": round(sum(p.prompt_chars for p in for_llm) / raw_for_llm, 4)
            if raw_for_llm
            else None,
            "prompt_to_raw_ratio_all": round(
                sum(p.prompt_chars for p in preds) / (sum(p.raw_chars for p in preds) or 1), 4
            ),
            **self.grouping_metrics(),
            **self.certainty_metrics(),
            "per_status": per_status,
            "confusion": {k: dict(v) for k, v in confusion.items()},
        }

    def grouping_metrics(self) -> dict[str, float]:
        """Pairwise precision and recall of grouping: a pair of emails is positive when
        their labels name the same application, predicted when grouping placed them
        in one (a pair with mail about no application is never positive)."""
        true_pairs = predicted_pairs = both = 0
        for a, b in combinations(self.predictions, 2):
            same = a.true_application is not None and a.true_application == b.true_application
            placed = a.group is not None and a.group == b.group
            true_pairs += same
            predicted_pairs += placed
            both += same and placed
        precision = both / predicted_pairs if predicted_pairs else 1.0
        recall = both / true_pairs if true_pairs else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "grouping_precision": round(precision, 4),
            "grouping_recall": round(recall, 4),
            "grouping_f1": round(f1, 4),
        }

    def certainty_metrics(self) -> dict[str, float]:
        """How often the rules claim certainty (the LLM is then never asked), and how
        often such an answer has the wrong status."""
        certain = [p for p in self.predictions if p.rules_certain]
        wrong = sum(p.status != p.true_status for p in certain)
        return {
            "certain_rate": round(len(certain) / (len(self.predictions) or 1), 4),
            "certain_wrong_rate": round(wrong / len(certain), 4) if certain else 0.0,
        }


def _company_match_key(name: str) -> str:
    """What makes two spellings of an employer the same answer: normalise_key (case,
    accents, punctuation, legal forms) and a leading article ("The Acme Institute" is
    "Acme Institute")."""
    return normalise_key(name).removeprefix("the ")


def group_predictions(predictions: list[Prediction]) -> None:
    """What storing does after classifying: every email of a thread about an
    application is job mail, then grouping places the job-related emails in
    received order; one that names no company or title shows its thread's.
    Mail that stays not job mail shows neither (the dashboard shows them only
    on job mail), whatever the classifier read in it."""
    grouper = Grouper()
    ids: dict[int, int] = {}
    job_threads = {p.thread_id for p in predictions if p.job and p.thread_id}
    ordered = sorted(predictions, key=lambda p: (p.received_at is None, p.received_at or _EPOCH, p.message_id))
    for p in ordered:
        p.status, p.job = inherit_thread(p.status, p.job, p.meeting, p.thread_id in job_threads)
        if not p.job:
            p.company = p.title = ""
            continue
        facts = grouper.named_by_thread(
            MailFacts(p.thread_id, p.sender_key, p.company, p.title, p.received_at, p.status)
        )
        p.company, p.title = facts.company, facts.job_title
        opening, _created = grouper.place(facts)
        if p.status in TERMINAL:
            opening.status = p.status
        p.group = ids.setdefault(id(opening), len(ids))


def load_labels(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"Cannot read labels from {path}: {exc}") from None
    if not isinstance(data, list):
        raise EvaluationError("The labels file must hold a JSON list of objects.")
    labels = {}
    for index, item in enumerate(data):
        if not isinstance(item, dict) or "message_id" not in item or "status" not in item:
            raise EvaluationError(f"Label {index} needs at least message_id and status.")
        if item["status"] not in VALUES:
            raise EvaluationError(f"Label {index} has unknown status {item['status']!r}.")
        labels[str(item["message_id"]).strip()] = item
    return labels


def iter_messages(path: Path) -> Iterator[bytes]:
    if path.is_dir():
        for _name, raw in iter_eml_dir(path):
            yield raw
    elif path.is_file():
        yield from iter_mbox(path)
    else:
        raise EvaluationError(f"{path} is neither an mbox file nor a folder of .eml files.")


async def evaluate(
    path: Path,
    labels: dict[str, dict[str, Any]],
    strategy: ClassificationStrategy,
    *,
    budget_tokens: int,
    concurrency: int = 8,
) -> Report:
    """Classify every labelled message of the mailbox with strategy (closed at the end).

    budget_tokens is the LLM's prompt budget: prompt sizes are measured with it,
    whichever classifier runs.
    """
    rules = strategy.rules.rules
    report = Report()

    async def one(raw: bytes) -> None:
        parsed = parse_message(raw)
        label = labels.get(parsed.rfc822_message_id.strip())
        if label is None:
            return
        result, _digest, _cache = await strategy.classify(parsed)
        report.predictions.append(
            Prediction(
                message_id=parsed.rfc822_message_id,
                split=str(label.get("split", "all")),
                true_status=label["status"],
                status=result.status,
                true_job=bool(label.get("is_job_related", label["status"] != Status.NOT_JOB)),
                job=result.is_job_related,
                true_company=label.get("company") or "",
                company=result.company,
                true_title=label.get("job_title") or "",
                title=result.job_title,
                confidence=result.confidence,
                classifier=result.classifier,
                llm_calls=result.llm_calls,
                raw_chars=len(raw),
                # What the LLM classifier sends: its user message. The fixed system
                # prompt is excluded: prompt caching makes it cheap.
                prompt_chars=len(user_message(parsed, budget_tokens)),
                # Certain exactly when the strategy let the rules' certain answer
                # stand (no need to run the rules again); LLM and cached answers are not.
                rules_certain=result.certain,
                digest=content_hash(parsed),
                true_application=label.get("application") or None,
                thread_id=parsed.thread_id,
                sender_key=sender_identity(parsed.sender_email, rules),
                received_at=parsed.received_at,
                meeting=result.meeting,
            )
        )

    queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=concurrency * 2)

    async def work() -> None:
        while (raw := await queue.get()) is not None:
            await one(raw)

    try:
        # Streamed through a bounded queue: a large mbox is never held in memory.
        async with asyncio.TaskGroup() as group:
            for _ in range(concurrency):
                group.create_task(work())
            for raw in iter_messages(path):
                await queue.put(raw)
            for _ in range(concurrency):
                await queue.put(None)
    finally:
        await strategy.aclose()
    report.predictions.sort(key=lambda p: p.message_id)
    group_predictions(report.predictions)
    return report


def format_report(metrics: dict[str, Any], title: str) -> str:
    lines = [f"== {title}: {metrics['emails']} emails"]
    lines.append(f"status accuracy      {metrics['status_accuracy']:.3f}")
    lines.append(f"job precision/recall {metrics['job_precision']:.3f} / {metrics['job_recall']:.3f}")
    lines.append(f"company exact match  {metrics['company_match']:.3f}")
    lines.append(f"job title match      {metrics['title_match']:.3f}")
    lines.append(
        f"grouping P/R/F1      {metrics['grouping_precision']:.3f} / {metrics['grouping_recall']:.3f}"
        f" / {metrics['grouping_f1']:.3f} (pairs of emails in one application)"
    )
    lines.append(
        f"certain answers      {metrics['certain_rate']:.3f} of emails, "
        f"{metrics['certain_wrong_rate']:.3f} of them wrong"
    )
    lines.append(f"LLM calls per email  {metrics['llm_calls_per_email']:.3f}")
    for_llm = metrics["prompt_to_raw_ratio_for_llm"]
    lines.append(
        f"prompt tokens/email  {metrics['prompt_tokens_per_email']:.0f} "
        f"(prompt/raw size {metrics['prompt_to_raw_ratio_all']:.2f} over all emails"
        + (f", {for_llm:.2f} over the {metrics['emails_for_llm']} the LLM is sent)" if for_llm is not None else ")")
    )
    lines.append("")
    lines.append(f"{'status':<20}{'precision':>10}{'recall':>8}{'support':>9}")
    for status, values in metrics["per_status"].items():
        if values["support"] or values["precision"]:
            lines.append(f"{status:<20}{values['precision']:>10.2f}{values['recall']:>8.2f}{values['support']:>9}")
    lines.append("")
    statuses = [
        s for s in VALUES if s in metrics["confusion"] or any(s in row for row in metrics["confusion"].values())
    ]
    short = {s: s[:6] for s in statuses}
    lines.append("confusion (rows: true, columns: predicted)")
    lines.append(" " * 20 + "".join(f"{short[s]:>8}" for s in statuses))
    for true in statuses:
        row = metrics["confusion"].get(true, {})
        lines.append(f"{true:<20}" + "".join(f"{row.get(s, 0):>8}" for s in statuses))
    return "\n".join(lines)


def split_counts(report: Report) -> Counter[str]:
    return Counter(p.split for p in report.predictions)
