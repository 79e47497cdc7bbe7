"""Wallet-agent injection frames in English (data): concealment, false consent, memory
entries, urgency, overriding the user, indirection (``injection.<family>`` findings).

Most are ``read=True``: a memory entry or a 'do not tell the user' in a tool output is an
attack; the same words typed by the user are the user's business.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase
from aiegis_guard.scanners.wallet_vocab import CONSENT, DO, PRIOR, USER, VALUE

__all__ = ["WALLET_INJECTION"]

WALLET_INJECTION: tuple[Phrase, ...] = (
    P("urgency.conceal", "en",
      "do not mention|don't mention|do not tell|don't tell|do not inform|don't inform|"
      "never mention|never tell|do not notify|don't notify|do not alert|don't alert|"
      "do not show|don't show|do not reveal|don't reveal|do not disclose|don't disclose|"
      "do not report|don't report|do not let|don't let|without telling|without informing|"
      "without notifying|without alerting|without letting|without showing|"
      "keep it from|keep this from|hide it from|hide this from|hide the change from|"
      "no need to tell|no need to inform|no need to mention|there is no need to tell|"
      "avoid mentioning|avoid telling|never inform|never notify|never reveal",
      USER, gap=45),
    P("urgency.silently", "en",
      DO + "|add|substitute|replace|include|change|swap|use|continue|proceed|carry on|do|"
      "execute|process|complete|build|insert|put|set|route|append|attach",
      "silently|quietly|secretly|covertly|discreetly|stealthily|without notice|"
      "without a trace|under the radar|as if nothing happened|as though nothing happened|"
      "like nothing happened|pretend nothing happened|pretending nothing happened",
      gap=50, free=True, imp=True, anchor=1),
    P("urgency.prior_consent", "en", CONSENT, USER + "|owner|user|client|customer",
      PRIOR, VALUE + "|this|it|that", gap=50, free=True),
    P("urgency.memory_entry", "en",
      "[memory]|memory:|saved preference|stored preference|remembered preference|"
      "standing instruction|standing order|standing approval|standing authorization|"
      "recurring approval|recurring authorization|persistent instruction|saved instruction|"
      "note from previous session|note from the previous session|from a previous session|"
      "from the previous session|from a previous conversation|from our previous|"
      "from the last session|from our last|as agreed earlier|as agreed before|"
      "as previously agreed|as agreed previously|as we agreed|as discussed earlier|"
      "as discussed before|as previously discussed|per our earlier|per the earlier|"
      "per our previous|per previous agreement|remember:|remember to always|"
      "always remember|long-term memory|memory note|memory entry|previous session|"
      "saved rule|user preference:|[saved]|[note to self]",
      VALUE + "|without|confirmation|approve*|consent*|confirm*|agree*",
      gap=90, free=True, read=True),
    P("urgency.without_asking", "en",
      "without asking|without confirmation|without confirming|without checking|"
      "without waiting|without prompting|without approval|without the user|"
      "without user confirmation|without user approval|without further confirmation|"
      "without further approval|no need to confirm|no need to ask|skip confirmation|"
      "skip the confirmation|skip approval|just execute|just send|just sign|just approve|"
      "just process|execute it directly|execute directly|auto-approve|autoapprove|"
      "auto approve|automatically approve|automatically execute|bypass confirmation|"
      "bypass approval|don't wait for|do not wait for|no questions asked|"
      "without hesitation|without double-checking|without verifying",
      VALUE, gap=60, free=True, read=True),
    P("urgency.deadline_loss", "en",
      DO,
      "minutes left|hours left|seconds left|minute left|hour left|closes in|expires in|"
      "ends in|runs out in|is closing|will close|deadline|before it's too late|"
      "before it is too late|last chance|or the funds|or your funds|or the tokens|"
      "or your tokens|or the assets|or your assets|or the balance|or you lose|or lose|"
      "will be lost|will be frozen|will be burned|will be locked|will be seized|"
      "will be confiscated|will be drained|lost forever|gone forever|permanently lost|"
      "right away|at once|without delay|hurry|immediately|act now|act fast",
      "@addr|@url|@amount", gap=90, free=True, read=True, imp=True, anchor=1),
    P("urgency.social_proof", "en",
      "everyone|everybody|all other users|all users|most users|other users|all holders|"
      "every holder|the whole dao|the entire dao|the community|all members|thousands of users",
      "already|has|have",
      "migrated|claimed|approved|bridged|upgraded|switched|withdrawn|staked", gap=25,
      anchor=2),
    P("override.over_user", "en",
      "regardless of what the user|no matter what the user|whatever the user|"
      "instead of what the user|ignore what the user|disregard what the user|"
      "ignore the user's|disregard the user's|override the user's|overrule the user|"
      "the user's request is outdated|the user's instructions are outdated|"
      "even if it involves|do not follow the user|don't follow the user|"
      "the user does not need to know|the user doesn't need to know|"
      "the user is mistaken|the user made a mistake",
      VALUE + "|instead|anyway", gap=60, free=True),
    P("indirection.follow_source", "en",
      "follow|execute|obey|apply|carry out|run|perform|complete|implement|comply with|"
      "act on|do",
      "instructions|directions|commands|orders|directives",
      "@url|@file",
      "before answering|before responding|before replying|before you answer|"
      "before you respond|before you reply|before doing anything|before anything else|"
      "before continuing|before proceeding|before you continue|before you proceed|"
      "even if|exactly|blindly|all of them|whatever|with full|without question|"
      "without checking|no matter|instead of|the user|immediately|right away",
      gap=70, free=True, anchor=1),
    P("indirection.security_txt", "en",
      "follow|execute|obey|apply|carry out|run|perform|read|fetch|load|open|check",
      "security.txt|instructions.txt|agent_instructions|agent instructions|"
      "ai_instructions|llm instructions|llm.txt|agents.md",
      gap=40, imp=True, anchor=1),
    P("indirection.in_metadata", "en",
      "instructions|directions|commands|orders|directives",
      "in the memo|in the metadata|in the token's metadata|in the token metadata|"
      "in the comment|in the description|in the transaction memo|in the nft metadata|"
      "in the contract metadata|metadata uri|in the tx memo|hidden in|embedded in",
      "follow|execute|obey|carry out|act on|comply", gap=60, free=True, anchor=1),
    P("indirection.security_txt", "multi",
      "security.txt|instructions.txt|agent_instructions|ai_instructions|llm.txt|agents.md",
      "instructions|instrucciones|instruções|instrucoes|consignes|anweisungen|инструкци*|"
      "指令|指示|steps|pasos|passos|étapes|schritte|шаги|步骤",
      gap=60, free=True),
    P("indirection.real_task_at", "en",
      "real task|actual task|true task|real instructions|actual instructions|"
      "true instructions|new instructions|updated instructions|your real job|hidden task|"
      "real request|actual request|next instructions|further instructions|"
      "remaining instructions|the rest of the instructions",
      "@url|@file|described in|stored in|located in|found in|written in|contained in|"
      "listed in|kept in|hosted at|available at|metadata uri|metadata|in the memo",
      gap=60, free=True),
    P("indirection.fetch_and_obey", "en",
      "fetch|load|open|read|download|retrieve|visit|check|get|curl|browse|query|import",
      "@url|@file|it|them|the file|the page|the link|the uri|the document",
      "execute|follow|obey|do what|do exactly|do whatever|carry out|act on|comply|do as|"
      "follow them|follow it|execute them",
      gap=45, anchor=2),
)  # fmt: skip
