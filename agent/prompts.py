"""Every instruction the agent sends to a chat model, and the user-facing notices.

Builders return LangChain messages; the texts stay short because the embedded demo
model has a small context and the guide excerpts already carry the method.
"""

from __future__ import annotations

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from ftdesign.agent.records import DomainContext, Source

REVIEWED_CHARS = 4000  # the start of a long draft; small models have small windows
DRAFTER = (
    "You help design a fine-tuning project for a multi-turn chat model. You edit one design"
    " artifact at a time. Keep its structure and field names exactly; change content to fit"
    " the domain. Weights in one distribution sum to 1.0. Return only the artifact."
)
REVIEWER = (
    "You review one fine-tuning design artifact before the user approves it. Answer each"
    " numbered checklist item in order, strictly (ok true only when the artifact clearly"
    " satisfies it). Then"
    " play 3 to 5 experts who fit the domain (a practitioner, a safety specialist, a user"
    " advocate, an evaluation researcher, ...): each names concrete risks, what would pass"
    " this artifact but still be inadequate, and which users it misses. End with short,"
    " concrete suggested edits."
)
ANSWERER = (
    "Answer the user's question about designing a fine-tuning project using only the"
    " numbered guide excerpts. Cite excerpts as [1], [2]. Say so when they do not cover it."
    " Be brief."
)
CLASSIFIER = (
    "A user replied at a review step of a design workflow. Decide whether the reply asks a"
    " question (kind: question) or asks to change the draft (kind: change)."
)

# One notice, at the first stop only: which model drafts and reviews, and how to get a
# capable one. Two notices there said the same configuration twice.
DEMO_MODEL_NOTICE = (
    "Embedded demo model ({model}), too small to design: {drafts}, and {reviews}. For adapted"
    " drafts and a real review, point the agent role at a capable model: FTDESIGN_AGENT_BASE_URL"
    " + FTDESIGN_AGENT_MODEL, FTDESIGN_AGENT_GGUF=<file.gguf>, or [models.agent] in ftdesign.toml."
)
TEMPLATE_CARRIES = "each draft is the worked '{template}' domain's artifact, held by validation"
MODEL_DRAFTS = "it drafts weakly (a rewrite breaking more checks than the template is discarded)"
VALIDATORS_REVIEW = "it does not review (checklists show the validators' findings)"
MODEL_REVIEWS = "it reviews (text failing the sanity checks reads 'not assessed')"
CHANGE_FAILED = (
    "Your change was not applied: {error}. Nothing was changed. Try rephrasing, paste your own"
    " version, or configure a stronger model (FTDESIGN_AGENT_MODEL / FTDESIGN_AGENT_GGUF)."
)
MODEL_FAILED = (
    "The model could not {task}: {error}. Nothing was changed. Try rephrasing, paste your own"
    " version, or configure a stronger model (FTDESIGN_AGENT_MODEL / FTDESIGN_AGENT_GGUF)."
)


def domain_brief(domain: DomainContext) -> str:
    return (
        f"Domain: {domain.description}\nHardware: {domain.hardware}\n"
        f"Offline: {domain.offline_need}\nBudget: {domain.budget}\n"
        f"Available expertise: {domain.expertise}"
    )


def excerpts(sources: list[Source], limit: int = 1200) -> str:
    return "\n\n".join(
        f"[{n}] {s.source} - {s.section}\n{s.text[:limit]}" for n, s in enumerate(sources, 1)
    )


def adapt_messages(
    title: str, template: str, template_domain: str, domain: DomainContext, sources: list[Source]
) -> list[BaseMessage]:
    return [
        SystemMessage(DRAFTER),
        HumanMessage(
            f"{domain_brief(domain)}\n\nGuide excerpts:\n{excerpts(sources, 600)}\n\n"
            f"Here is the {title} of the worked '{template_domain}' domain. Rewrite it for"
            f" the domain above.\n\n{template}"
        ),
    ]


def change_messages(
    title: str, draft: str, request: str, domain: DomainContext, sources: list[Source]
) -> list[BaseMessage]:
    return [
        SystemMessage(DRAFTER),
        HumanMessage(
            f"{domain_brief(domain)}\n\nGuide excerpts:\n{excerpts(sources, 600)}\n\n"
            f"Current {title}:\n{draft}\n\nApply this change and return the whole revised"
            f" {title}: {request}"
        ),
    ]


def review_messages(
    title: str, draft: str, checklist: list[str], domain: DomainContext, findings: list[str]
) -> list[BaseMessage]:
    items = "\n".join(f"{n}. {item}" for n, item in enumerate(checklist, 1)) or "(no checklist)"
    found = "\n".join(f"- {f}" for f in findings) or "- none"
    return [
        SystemMessage(REVIEWER),
        HumanMessage(
            f"{domain_brief(domain)}\n\nChecklist:\n{items}\n\nValidator findings:\n{found}"
            f"\n\n{title}:\n{draft[:REVIEWED_CHARS]}"
        ),
    ]


def answer_messages(question: str, sources: list[Source]) -> list[BaseMessage]:
    return [
        SystemMessage(ANSWERER),
        HumanMessage(f"Guide excerpts:\n{excerpts(sources)}\n\nQuestion: {question}"),
    ]


def classify_messages(reply: str, step: str) -> list[BaseMessage]:
    return [SystemMessage(CLASSIFIER), HumanMessage(f"Step: {step}\nReply: {reply[:1500]}")]
