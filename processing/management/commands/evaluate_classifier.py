from __future__ import annotations

import asyncio
import json
from argparse import ArgumentParser
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jobmail.evaluation import EvaluationError, Report, evaluate, format_report, load_labels, split_counts
from processing.classifier import strategy_for


class Command(BaseCommand):
    help = (
        "Measure a classifier on a labelled mailbox: status accuracy, per-status precision and "
        "recall, a confusion matrix, job-related precision and recall, company and title match, "
        "LLM calls and prompt size per email. PATH is an .mbox file or a folder of .eml files; "
        "LABELS.json is a list of {message_id, status, is_job_related, company, job_title[, split]}. "
        "Example: manage.py evaluate_classifier processing/demo/mailbox --labels processing/demo/labels.json"
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="An .mbox file or a folder of .eml files.")
        parser.add_argument("--labels", required=True, help="The labels JSON file.")
        parser.add_argument("--classifier", choices=["rules", "llm"], default="rules")
        parser.add_argument("--json", action="store_true", help="Print one JSON object instead of tables.")
        parser.add_argument(
            "--split", default="both", help="Labelled split to report: tune, holdout, all, or both (default)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["classifier"] == "llm" and not (settings.OPENAI_API_KEY or settings.OPENAI_BASE_URL):
            raise CommandError("--classifier llm needs OPENAI_API_KEY or OPENAI_BASE_URL.")
        try:
            labels = load_labels(Path(options["labels"]))
            report = asyncio.run(_evaluate(Path(options["path"]), labels, options["classifier"]))
        except EvaluationError as exc:
            raise CommandError(str(exc)) from None
        if not report.predictions:
            raise CommandError("No message in PATH matched a label's message_id.")
        splits = sorted(split_counts(report))
        wanted = options["split"]
        parts = ["all", *[s for s in splits if s != "all"]] if wanted == "both" else [wanted]
        if options["json"]:
            result = report.metrics()
            result["classifier"] = options["classifier"]
            result["parts"] = {part: report.part(part).metrics() for part in parts if part != "all"}
            result["predictions"] = [asdict(p) for p in report.predictions]
            self.stdout.write(json.dumps(result, indent=2, default=str))
            return
        for part in parts:
            metrics = report.part(part).metrics()
            if metrics["emails"]:
                self.stdout.write(format_report(metrics, f"{options['classifier']} classifier, {part}"))
                self.stdout.write("")


async def _evaluate(path: Path, labels: dict[str, dict[str, Any]], kind: str) -> Report:
    # The strategy (and its LLM client) is made on the loop that uses it.
    return await evaluate(path, labels, strategy_for(kind), budget_tokens=settings.LLM_TOKEN_BUDGET)
