"""Choosing how each email is classified: rules first, then cache, then the LLM."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import openai

from jobmail.classify.cache import content_hash
from jobmail.classify.result import Classification
from jobmail.taxonomy import Status

if TYPE_CHECKING:
    from jobmail.classify.llm import LLMClassifier
    from jobmail.classify.rules import RulesClassifier
    from jobmail.message import ParsedMessage

logger = logging.getLogger("jobtrail.classify")


class ClassifierConfigError(Exception):
    """The LLM endpoint refuses us (bad key, unknown model): fail the run clearly."""


class ClassificationStrategy:
    """Classifies one parsed email, spending LLM calls only where they help.

    1. The rules classifier runs on every email (offline, ~1 ms). When it is
       certain (a job-alert newsletter, an ATS confirmation), its answer stands.
    2. Identical templated emails (same cleaned-content hash) are classified once
       per user: the answer is cached in memory and in the database.
    3. Otherwise the LLM decides; if it cannot (malformed answers, exhausted
       retries) the rules' answer is kept and the email goes to the review queue.
    """

    def __init__(
        self,
        *,
        kind: str,
        rules: RulesClassifier,
        llm: LLMClassifier | None = None,
        shortcut: bool = True,
        cached: dict[str, Classification] | None = None,
        threads: dict[str, str] | None = None,
    ) -> None:
        self.kind = kind
        #: Thread id -> a short note of the application the thread belongs to, for
        #: the LLM's prompt; seeded from stored mail, learned during the run.
        self.threads: dict[str, str] = dict(threads or {})
        self.rules = rules
        self.llm = llm
        self.shortcut = shortcut
        self.cache: dict[str, Classification] = dict(cached or {})
        self._inflight: dict[str, asyncio.Future[Classification]] = {}

    @property
    def name(self) -> str:
        return self.kind

    async def classify(
        self, message: ParsedMessage, checkpoint: Callable[[], None] = lambda: None
    ) -> tuple[Classification, str, bool]:
        """Returns the classification, the content hash and whether to cache it."""
        by_rules = self.rules.classify_sync(message)
        if self.kind == "rules" or self.llm is None:
            return by_rules, "", False
        # A reply in a thread about an application says "Thursday works" without a job
        # word: the rules' certainty about not job mail does not hold there.
        in_job_thread = by_rules.status == Status.NOT_JOB and message.thread_id in self.threads
        if self.shortcut and by_rules.certain and not in_job_thread:
            self._remember_thread(message, by_rules)
            return by_rules, "", False
        digest = content_hash(message)
        if digest in self.cache:
            return (
                replace(self.cache[digest], classifier="cache", llm_calls=0, prompt_tokens=0, completion_tokens=0),
                digest,
                False,
            )
        if digest in self._inflight:
            # The same template is being classified right now by another worker.
            result = await asyncio.shield(self._inflight[digest])
            return replace(result, classifier="cache", llm_calls=0, prompt_tokens=0, completion_tokens=0), digest, False
        future: asyncio.Future[Classification] = asyncio.get_running_loop().create_future()
        self._inflight[digest] = future
        try:
            result = await self._ask_llm(message, by_rules, checkpoint)
            self._remember_thread(message, result)
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # mark it retrieved: only waiters care, and they get it
            raise
        except BaseException:
            future.cancel()
            raise
        finally:
            self._inflight.pop(digest, None)
        future.set_result(result)
        cache_it = not result.needs_review
        if cache_it:
            self.cache[digest] = result
        return result, digest, cache_it

    def _remember_thread(self, message: ParsedMessage, result: Classification) -> None:
        from jobmail.classify.prompt import thread_note

        if result.is_job_related and message.thread_id and message.thread_id not in self.threads:
            self.threads[message.thread_id] = thread_note(result.status, result.company, result.job_title)

    async def _ask_llm(
        self, message: ParsedMessage, by_rules: Classification, checkpoint: Callable[[], None]
    ) -> Classification:
        assert self.llm is not None
        try:
            result = await self.llm.classify(message, checkpoint, self.threads.get(message.thread_id, ""))
        except (openai.AuthenticationError, openai.PermissionDeniedError, openai.NotFoundError) as exc:
            raise ClassifierConfigError(
                f"The LLM server refused the request ({exc.status_code}). Check OPENAI_API_KEY, "
                "OPENAI_BASE_URL and OPENAI_MODEL."
            ) from None
        except openai.APIError as exc:
            logger.warning("LLM unavailable for one email (%s); kept for review", type(exc).__name__)
            return replace(by_rules, needs_review=True, reasons=(*by_rules.reasons, "LLM unavailable"))
        if result.needs_review:
            return replace(
                by_rules,
                needs_review=True,
                llm_calls=result.llm_calls,
                prompt_tokens=result.prompt_tokens,
                completion_tokens=result.completion_tokens,
            )
        from jobmail.classify.rules.company import tidy_company

        # The LLM's company goes through the rules' cleaning (no "Hiring Team", street
        # addresses or job titles), so grouping sees one spelling whichever answered.
        company = tidy_company(result.company) if result.company else ""
        if not company and by_rules.company and result.status != Status.NOT_JOB:
            company = by_rules.company
        result = replace(result, meeting=by_rules.meeting, company=company)
        return result

    async def aclose(self) -> None:
        if self.llm is not None:
            await self.llm.aclose()


def make_strategy(
    kind: str,
    cached: dict[str, Classification] | None = None,
    *,
    shortcut: bool = True,
    llm_options: dict[str, Any] | None = None,
    threads: dict[str, str] | None = None,
) -> ClassificationStrategy:
    """The strategy for kind ("rules" or "llm"); llm_options are LLMClassifier's keyword arguments."""
    from jobmail.classify.rules import RulesClassifier

    llm = None
    if kind == "llm":
        from jobmail.classify.llm import LLMClassifier

        llm = LLMClassifier(**(llm_options or {}))
    return ClassificationStrategy(
        kind=kind, rules=RulesClassifier(), llm=llm, shortcut=shortcut, cached=cached, threads=threads
    )
