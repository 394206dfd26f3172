"""Choosing how each email is classified: rules first, then cache, then the LLM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from jobmail.classify.cache import content_hash
from jobmail.classify.prompt import thread_note, user_message, with_thread
from jobmail.classify.result import Classification
from jobmail.taxonomy import Status

if TYPE_CHECKING:
    from jobmail.classify.llm import LLMClassifier
    from jobmail.classify.rules import RulesClassifier
    from jobmail.message import ParsedMessage

logger = logging.getLogger("jobtrail.classify")


class ClassifierConfigError(Exception):
    """The LLM endpoint refuses us (bad key, unknown model): fail the run clearly."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """The CPU part of classifying one email (a run does it in a worker process)."""

    by_rules: Classification
    #: Set when the LLM is to decide: the template hash and the user message it is sent.
    content_hash: str = ""
    prompt: str = ""
    thread_id: str = ""
    #: The rules are certain, and the prompt is there only because the email is a
    #: reply: the LLM is asked only if its thread turns out to be about an application.
    rules_certain: bool = False


def prepare(
    message: ParsedMessage, rules: RulesClassifier, *, llm: bool, shortcut: bool, budget_tokens: int
) -> Prepared:
    """Rules first; only an email the LLM may be asked about gets a hash and a prompt
    (a certain one only when it replies to another email: it may be in a job thread)."""
    by_rules = rules.classify_sync(message)
    certain = shortcut and by_rules.certain
    reply = bool(message.headers.get("in-reply-to") or message.headers.get("references"))
    if not llm or (certain and not (reply and by_rules.status == Status.NOT_JOB)):
        return Prepared(by_rules, thread_id=message.thread_id)
    return Prepared(by_rules, content_hash(message), user_message(message, budget_tokens), message.thread_id, certain)


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
        owns_llm: bool = True,
    ) -> None:
        self.kind = kind
        #: False when the LLM client is shared with other strategies (its owner closes it).
        self.owns_llm = owns_llm
        #: Thread id -> a short note of the application the thread belongs to, for
        #: the LLM's prompt; seeded from stored mail, learned during the run.
        self.threads: dict[str, str] = dict(threads or {})
        self.rules = rules
        self.llm = llm
        self.shortcut = shortcut
        self.cache: dict[str, Classification] = dict(cached or {})
        self._inflight: dict[str, asyncio.Future[Classification]] = {}
        #: Entered around each LLM request: a run sets it to its turn at the process's
        #: shared LLM requests (processing.admission.llm_turns).
        self.llm_turn: Callable[[], contextlib.AbstractAsyncContextManager[object]] = contextlib.nullcontext

    @property
    def asks_llm(self) -> bool:
        return self.kind == "llm" and self.llm is not None

    def prepare(self, message: ParsedMessage) -> Prepared:
        budget = self.llm.budget_tokens if self.llm is not None else 0
        return prepare(message, self.rules, llm=self.asks_llm, shortcut=self.shortcut, budget_tokens=budget)

    async def classify(
        self, message: ParsedMessage, checkpoint: Callable[[], None] = lambda: None
    ) -> tuple[Classification, str, bool]:
        """prepare() here, then decide(): for the evaluation and tests (a run prepares in a worker)."""
        return await self.decide(self.prepare(message), checkpoint)

    async def decide(
        self, prepared: Prepared, checkpoint: Callable[[], None] = lambda: None
    ) -> tuple[Classification, str, bool]:
        """Returns the classification, the content hash and whether to cache it."""
        by_rules = prepared.by_rules
        if not prepared.prompt or self.llm is None:
            self._remember_thread(prepared.thread_id, by_rules)
            return by_rules, "", False
        note = self.threads.get(prepared.thread_id, "") if prepared.thread_id else ""
        if prepared.rules_certain and not (note and by_rules.status == Status.NOT_JOB):
            # A reply in a thread about an application says "Thursday works" without a
            # job word: only there does the rules' certainty about not job mail not hold.
            self._remember_thread(prepared.thread_id, by_rules)
            return by_rules, "", False
        digest = prepared.content_hash
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
            result = await self._ask_llm(with_thread(prepared.prompt, note), by_rules, checkpoint)
            self._remember_thread(prepared.thread_id, result)
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

    def _remember_thread(self, thread_id: str, result: Classification) -> None:
        if result.is_job_related and thread_id and thread_id not in self.threads:
            self.threads[thread_id] = thread_note(result.status, result.company, result.job_title)

    async def _ask_llm(self, prompt: str, by_rules: Classification, checkpoint: Callable[[], None]) -> Classification:
        assert self.llm is not None
        # Here, not at the top: the client library costs ~1 s of CPU to import, and the
        # worker processes and rules-only runs never call it (its classifier imported it).
        import openai

        try:
            async with self.llm_turn():
                result = await self.llm.classify_prompt(prompt, checkpoint)
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
        title = result.job_title
        if result.status == Status.NOT_JOB:
            # What the LLM calls not job mail keeps what the rules read in it: its thread
            # may still make it job mail (jobmail.grouping.inherit_thread), and only job
            # mail shows them.
            company, title = company or by_rules.company, title or by_rules.job_title
        elif not company:
            company = by_rules.company
        result = replace(result, meeting=by_rules.meeting, company=company, job_title=title)
        return result

    async def aclose(self) -> None:
        if self.llm is not None and self.owns_llm:
            await self.llm.aclose()


def make_strategy(
    kind: str,
    cached: dict[str, Classification] | None = None,
    *,
    shortcut: bool = True,
    llm_options: dict[str, Any] | None = None,
    threads: dict[str, str] | None = None,
    llm: LLMClassifier | None = None,
) -> ClassificationStrategy:
    """The strategy for kind ("rules" or "llm"); llm_options are LLMClassifier's keyword arguments.

    `llm`: an LLM classifier shared with other strategies (not closed by this one);
    without it, an "llm" strategy makes and owns its own.
    """
    from jobmail.classify.rules import RulesClassifier

    owns_llm = llm is None
    if kind != "llm":
        llm = None
    elif llm is None:
        from jobmail.classify.llm import LLMClassifier

        llm = LLMClassifier(**(llm_options or {}))
    return ClassificationStrategy(
        kind=kind,
        rules=RulesClassifier(),
        llm=llm,
        shortcut=shortcut,
        cached=cached,
        threads=threads,
        owns_llm=owns_llm,
    )
