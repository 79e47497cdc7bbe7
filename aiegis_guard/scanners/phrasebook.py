"""Injection phrase rules in English (data; other languages: ``phrasebook_i18n``).

Rule id ``injection.<family>``; the phrase id (``override.ignore_previous.en``) is evidence.

Families: ``override`` (ignore previous instructions), ``persona`` (role hijack, DAN,
developer mode), ``prompt_leak`` (system-prompt exfiltration), ``fake_authority`` (messages
claiming to come from the user/admin/developer, ``<INFORMATION>`` blocks, chat-template
tokens), ``indirection`` (obey what a file/URL says), ``urgency`` (social proof, "the user
already approved", "do not ask the user", "act now").

Syntax: see :mod:`aiegis_guard.scanners.phrases.match` (``a|b`` alternatives, ``word*`` prefix,
parts in order, each within ``gap`` characters of the previous one). Precision first: every
part list was checked against benign chat, e-mails, tables, code answers and wallet-agent
traffic (``benchmarks/bench_rules.py``).
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["INJECTION"]

_AI = (
    "the ai|the assistant|ai model|ai agent|the agent|language model|llm|you must|ignore|"
    "disregard|override|new instruction*|the model"
)
_BOSS = (
    "the admin|the administrator|your administrator|the developer|your developer|"
    "the developers|your owner|system administrator|the security team|your operator|openai|"
    "anthropic|your creator|your creators|the wallet owner|your principal|the dev team"
)
_WHO = _BOSS + "|the user|your user|the owner|the system|the operator"
_VALUE_VERBS = (
    "send|transfer|approve|sign|withdraw|move|migrate|bridge|claim|swap|sweep|deposit|"
    "connect your wallet"
)

INJECTION: tuple[Phrase, ...] = (
    # --- override -------------------------------------------------------------------------
    P("override.ignore_previous", "en",
      "ignore|disregard|forget|neglect|discard|abandon|ignoring|disregarding|drop",
      "previous|prior|above|earlier|preceding|foregoing|former|initial|original|existing|all|"
      "your|system|old|given|provided",
      "instruction*|direction*|rule|rules|prompt*|guideline*|guidance|orders|constraints|"
      "restrictions|programming|directives|context", gap=30),
    P("override.passive", "en",
      "previous|prior|above|earlier|preceding|all|your|original",
      "instruction*|rules|directions|prompts|guidelines|directives",
      "should be ignored|should be abandoned|are ignored|must be ignored|are void|are null|"
      "are cancelled|are canceled|are overridden|are to be ignored|can be ignored|"
      "should be disregarded|are no longer valid|are revoked|have been revoked|"
      "have been cancelled|are obsolete|are now void|no longer apply", gap=20, anchor=2),
    P("override.forget_all", "en",
      "forget everything|forget about everything|ignore everything|disregard everything",
      ("and", ",", "then", ":", ".", "!"), gap=2),
    P("override.short", "en",
      "ignore above and|disregard the above and|ignore the above and|ignore what i said|"
      "ignore what you were told|disregard what you were told|ignore that and|"
      "despite what you've been told|despite what you have been told|"
      "regardless of what you were told|regardless of your instructions|"
      "regardless of previous instructions|no matter what your instructions|"
      "new instructions follow|start over with a new task|"
      "all previous instructions are|ignore the instructions above|"
      "ignore the directions above|disregard the instructions above"),
    P("override.ignore_everything", "en",
      "ignore|disregard|forget",
      "everything|all|anything|what",
      "above|before|previously|prior|so far|earlier|you were told|you've been told|"
      "you have been told|you were given|i said|i told you|that came before|preceding|"
      "up to this point|until now", gap=25),
    P("override.new_instructions", "en",
      "new instructions:|new instruction:|updated instructions:|revised instructions:|"
      "your new task|your new instructions|your new objective|your new goal|your new role|"
      "your real task|your actual task|your true task|your real instructions|"
      "your real objective|your true purpose|new system prompt|new system instructions|"
      "the real instructions are|new directive:|updated directive:"),
    P("override.do_not_follow", "en",
      "do not|don't|dont|stop|no longer|never again",
      "follow|obey|adhere to|comply with|listen to|abide by",
      "previous|prior|original|system|initial|earlier|your|developer",
      "instruction*|rules|prompt*|guideline*|directions|directives|orders|constraints",
      gap=20),
    P("override.disable_safety", "en",
      "bypass|override|disable|deactivate|turn off|circumvent|remove|lift|switch off|"
      "break free of|escape|ignore",
      "your|all your|any of your|all of your|its|the ai's|the model's|the assistant's",
      "safety|filter*|restriction*|guideline*|safeguard*|limitation*|protocol*|programming|"
      "polic*|guardrail*|ethic*|moral*|training|alignment", gap=25),
    # --- persona --------------------------------------------------------------------------
    P("persona.you_are_now", "en",
      "you are now|you're now|from now on you are|from now on you're|from now on, you are|"
      "you are going to act as|you will act as|you are going to pretend|you will pretend|"
      "pretend to be|pretend you are|pretend that you are|act as|act like|roleplay as|"
      "role-play as|role play as|behave like|behave as|simulate being|you are no longer|"
      "you're no longer|you will now act",
      "dan|d.a.n|dude|stan|unrestricted|unfiltered|uncensored|jailbroken|jailbreak|evil|"
      "amoral|immoral|unethical|not bound|no longer bound|without restrictions|"
      "without any restrictions|without limitations|without limits|without filters|"
      "without censorship|without rules|without ethics|without morals|no restrictions|"
      "no limitations|no filters|no rules|no guidelines|no ethical|no moral|an ai without|"
      "a model without|developer mode|devmode|god mode|do anything now|not chatgpt|"
      "no longer chatgpt|an ai with no|maintenance mode|debug mode|admin mode|sudo mode|"
      "unrestricted mode", gap=60),
    P("persona.traits", "en",
      "amoral|unfiltered|uncensored|unrestricted|unethical|immoral",
      "amoral|unfiltered|uncensored|unrestricted|unethical|immoral|no ethics|no morals|"
      "no filters", gap=30),
    P("persona.ignores_policy", "en",
      "does not follow|doesn't follow|will not follow|won't follow|does not abide by|"
      "doesn't abide by|doesn't care about|does not care about|ignores|disregards|"
      "exempt from|not bound by|isn't bound by|is not bound by|are not bound by|unbound by|"
      "no longer bound by|doesn't have to follow|does not have to follow",
      "openai|anthropic|ethical guidelines|content polic*|safety guidelines|"
      "moral guidelines|any restrictions|any rules|any guidelines|any filters|any ethic*|"
      "any moral*|any limitations|the usual rules|the typical rules|censorship|"
      "programming guidelines", gap=15),
    P("persona.dual_response", "en",
      ("two different separate ways", "🔓jailbreak", "🔒classic", "(🔒normal output)",
       "(🔓developer mode output)", "stay in dan mode", "stay in character!")),
    P("persona.dan", "en",
      "do anything now|dan mode|dan prompt|[dan]|(dan)|developer mode enabled|"
      "developer mode output|with developer mode enabled|dev mode enabled|jailbreak mode|"
      "jailbroken mode|jailbroken ai|you are jailbroken|/jailbroken|/jailbreak|anti-dan|"
      "antidan|dude mode|stan mode|evil confidant|betterdan|unfiltered ai|uncensored ai|"
      "amoral ai|unrestricted ai|an ai without restrictions|an ai with no restrictions|"
      "an ai with no filters|jailbreak prompt"),
    P("persona.no_restrictions", "en",
      "you are not bound by|you're not bound by|you are free from|you are no longer bound by|"
      "you don't have to follow|you do not have to follow|you no longer have to follow|"
      "you are not required to follow|you don't need to follow|you do not need to follow|"
      "you don't have to abide by|you do not have to abide by|you are freed from|"
      "has broken free of|have broken free of|have been freed from|free of the typical confines",
      "rules|guidelines|polic*|restriction*|filter*|ethic*|moral*|openai|anthropic|content|"
      "confines|limitations|constraints", gap=30),
    P("persona.policy_void", "en",
      "openai|open ai|anthropic|content|usage|safety|ethical",
      "polic*|guidelines|rules",
      "no longer apply|don't apply|do not apply|does not apply|doesn't apply|are void|"
      "are suspended|are disabled|are lifted|is lifted|are irrelevant|not apply|"
      "no longer applies|are not applicable", gap=25, anchor=2),
    # --- prompt_leak ----------------------------------------------------------------------
    P("prompt_leak.reveal", "en",
      "reveal|print|show|output|display|repeat|tell me|give me|share|leak|dump|write out|"
      "disclose|expose|return|recite|list|spell out|paste|copy|echo|show me|see|view|read|"
      "access|inspect|provide|send me|hand over",
      "system prompt|system message|system instructions|initial prompt|initial instructions|"
      "original instructions|original prompt|hidden instructions|hidden prompt|"
      "secret instructions|developer message|developer instructions|pre-prompt|preprompt|"
      "your instructions|your prompt|your configuration|the instructions you were given|"
      "your initial|confidential instructions|internal instructions|"
      "meta prompt|metaprompt|system-prompt|system configuration|your config|"
      "internal configuration|hidden configuration", gap=30, anchor=1),
    P("prompt_leak.repeat_above", "en",
      "repeat|print|output|copy|reproduce|echo|recite|show|display|write down",
      "the text above|the words above|everything above|all of the above|the above text|"
      "the content above|the instructions above|everything before|"
      "all text before|everything that came before|your first message|"
      "your first instruction|everything written above|this entire conversation|"
      "the entire conversation|the whole conversation|this whole conversation|"
      "everything we said|everything i said", gap=25, anchor=1),
    P("prompt_leak.complete_secret", "en",
      "complete|finish|continue|fill in|go on with",
      "i was instructed to|my instructions are|my instructions say|i was told to|"
      "my system prompt|the system prompt says|you were instructed to|your instructions are|"
      "my hidden instructions|my secret instructions", gap=40),
    P("prompt_leak.forbidden_topics", "en",
      "what|which|tell me|reveal|list|show|share",
      "not supposed to tell|not supposed to say|not supposed to reveal|not allowed to tell|"
      "not allowed to say|not allowed to reveal|not permitted to reveal|forbidden to reveal|"
      "told not to reveal|told not to tell|told not to share|instructed not to",
      gap=30, free=True, anchor=1),
    P("prompt_leak.your_prompt", "en",
      "your system prompt|your initial prompt|your initial instructions|"
      "your system instructions|your starting instructions|your original instructions|"
      "your hidden instructions|your original prompt|your secret instructions|"
      "your pre-prompt|your system message|the text you were given initially|"
      "were you told before this conversation|initialization string|my instructions are:|"
      "beginning of this prompt|beginning of the prompt|start of this prompt|"
      "print above prompt|print the above prompt|all prompt texts|sämtlicher prompt-texte|"
      "obige eingabeaufforderung|the system prompt is:"),
    P("prompt_leak.what_are", "en",
      "what is your|what are your|what were your|what's your|tell me your|"
      "tell me what your",
      "system prompt|initial instructions|original instructions|hidden instructions|"
      "system message|initial prompt|instructions|secret instructions|exact instructions|"
      "system instructions|prompt", gap=10),
    # --- fake_authority -------------------------------------------------------------------
    P("fake_authority.information_block", "en",
      "<information>|</information>|<important>|</important>|<system_message>|"
      "</system_message>|[system message]|[system note]|[system notice]|[system override]|"
      "[admin message]|[developer note]|[developer message]|[important instructions]|"
      "[[system]]|<admin_instructions>|<system_instructions>"),
    P("fake_authority.chat_template", "en",
      ("<|im_start|>", "<|im_end|>", "<|endoftext|>", "[/inst]", "<<sys>>", "<</sys>>",
       "<|system|>", "<|start_header_id|>", "<|eot_id|>", "### system:",
       "### new instruction", "end of system prompt", "end of user input",
       "begin system prompt", "</system>", "<|assistant|>")),
    P("fake_authority.system_tag", "en",
      "[system]|<system>|{system}|### system|## system|[admin]|[developer]|[security notice]|"
      "important!!!|important!!|system override:|admin override:|system override|"
      "admin override|emergency override|security override|developer override|"
      "administrator override|root override|maintenance override",
      _AI, gap=60),
    P("fake_authority.message_from", "en",
      "message from|note from|instructions from|instruction from|directive from|notice from|"
      "orders from|memo from|on behalf of|a message from",
      _BOSS, gap=8, unless=" docs| documentation| blog| forum| website| guide| faq"),
    P("fake_authority.this_is", "en",
      "this is the administrator|this is your administrator|this is the admin|"
      "this is your admin|this is your developer|this is the developer|"
      "this is the security team|this is openai|this is anthropic|this is your creator|"
      "this is the wallet owner|this is your owner|this is the system administrator"),
    P("fake_authority.policy_by", "en",
      "policy|policies|rule|rules|directive|requirement|mandate|protocol|instruction|"
      "instructions",
      "enforced by|mandated by|imposed by|issued by|required by",
      _WHO, gap=8, anchor=1),
    P("fake_authority.address_ai", "en",
      "note to the ai|note to ai|note for the ai|message to the ai|message for the ai|"
      "to the ai agent|to the ai assistant|to the ai model|dear ai|hey ai|attention ai|"
      "attention assistant|attention agent|attention llm|attention language model|"
      "instructions for the ai|instructions for ai|instructions for the assistant|"
      "instructions for the agent|for the ai model|ai model reading this|if you are an ai|"
      "if you're an ai|if you are a language model|if you are an llm|if you're an llm|"
      "if you are an ai assistant|llm reading this|ai reading this|any ai reading|"
      "ai agents reading|to any ai|to all ai|note to the model|note to llm|"
      "to the language model|this is an important message from me"),
    P("fake_authority.important_from", "en",
      "important!!!|important!!|important message|urgent message|critical message|"
      "important notice|important update|critical instruction|important instruction|"
      "priority instruction|high priority instruction|important:|urgent:",
      "from the developer|from the admin|from the administrator|from the user|"
      "from your developer|from the owner|from the system|from openai|from anthropic|"
      "from the security team|for the ai|for the assistant|to the ai|to the assistant|"
      "for the agent|to the agent|for the model|for you, ai|from your user", gap=30),
    # --- indirection ----------------------------------------------------------------------
    P("indirection.obey_source", "en",
      "obey|execute|carry out|comply with|act on|blindly follow|follow any|follow all|"
      "follow whatever|follow every|strictly follow|read and follow|read and obey|"
      "read and execute|read and carry out|fetch and follow|fetch and execute|"
      "load and follow|load and execute|open and follow",
      "instructions|the instructions|the directions|the orders|the directives|"
      "what it says|whatever it says|what is written|everything it says",
      "in security.txt|in instructions.txt|.txt|in the memo|in the transaction|"
      "in the comment|in this message|in this email|on this page|at this url|at the url|"
      "at this link|from this url|from the url|hidden in|embedded in|in the following url|"
      "in the following link|in the file|in this file|from the file|from this file|"
      "in the document|at the following|on the page|in the readme|on the website", gap=20),
    P("indirection.do_what_it_says", "en",
      "do what it says|do whatever it says|do exactly what it says|do everything it says|"
      "do as it says|follow what it says|follow whatever it says|do what the page says|"
      "do what the file says|do what the document says|do what the memo says|"
      "do what the message says|follow the instructions it contains|"
      "follow any instructions you find|follow any instructions it contains|"
      "follow the instructions you find|obey any instructions|obey the instructions|"
      "execute any instructions|follow the embedded instructions|"
      "follow the hidden instructions|obey the file|obey the page"),
    P("indirection.visit_and_obey", "en",
      "visit|open|go to|navigate to|browse to|fetch|load|read|retrieve|access|check",
      "this url|the url|this link|the link|this page|the page|this site|the site|"
      "the following url|the following link|the file|this file|security.txt|"
      "instructions.txt|http",
      "and obey|and execute|and carry out|and comply|and act on|then execute|then obey|"
      "then do what|and do what|and do whatever|and do exactly", gap=40, anchor=2),
    # --- urgency / social proof -----------------------------------------------------------
    P("urgency.already_approved", "en",
      "the user|your user|the owner|your owner|the admin|the administrator|the account owner|"
      "the account holder|the wallet owner|the client|your principal|your human|the human|"
      "your operator|the operator|the customer",
      "already approved|has already approved|already authorized|has already authorized|"
      "already confirmed|has already confirmed|already agreed|has already agreed|"
      "already consented|has already consented|already signed off|has already signed off|"
      "already gave permission|already given permission|has pre-approved|pre-approved|"
      "has preapproved|preapproved|has pre-authorized|pre-authorized|preauthorized|"
      "has approved this|has authorized this|has confirmed this|approved this in advance|"
      "authorized this in advance|has explicitly approved|has explicitly authorized|"
      "gave explicit permission|has given explicit permission", gap=15, anchor=1),
    P("urgency.approved_by", "en",
      "pre-approved by|preapproved by|pre-authorized by|preauthorized by|"
      "already approved by|already authorized by|already been approved by|"
      "already been authorized by|explicitly approved by|explicitly authorized by|"
      "approved in advance by|authorized in advance by",
      "the user|your user|the owner|your owner|the admin|the administrator|"
      "the account holder|the account owner|the wallet owner|your principal|the client|"
      "management|the team",
      gap=10),
    P("urgency.no_confirmation", "en",
      "do not|don't|dont|no need to|there is no need to|never|you don't need to|"
      "you do not need to|you needn't|need not|there's no need to|no reason to",
      "ask|check with|confirm with|consult|wait for|prompt|verify with|seek|request|get",
      "the user|your user|the owner|the human|your human|your principal|the account owner|"
      "the operator",
      "confirmation|approval|permission|consent|authorization|sign-off|go-ahead|review",
      gap=12),
    P("urgency.no_confirmation_short", "en",
      "do not ask for confirmation|don't ask for confirmation|do not ask for approval|"
      "don't ask for approval|do not ask for permission|don't ask for permission|"
      "no confirmation needed|no confirmation is needed|no confirmation required|"
      "no confirmation is required|no approval needed|no user approval|"
      "no need for confirmation|no need for approval|confirmation is not required|"
      "approval is not required|skip the user confirmation|skip user confirmation|"
      "without user confirmation|without user approval|without the user's approval|"
      "without the user's consent|without the user's knowledge|without the owner's knowledge|"
      "without asking the user|without telling the user|without notifying the user|"
      "without consulting the user|without informing the user|without alerting the user"),
    P("urgency.keep_secret", "en",
      "silently|quietly|secretly|covertly|discreetly|do not mention|don't mention|"
      "do not tell|don't tell|do not inform|don't inform|never mention|never tell|"
      "hide this from|keep this from|keep this secret from|do not notify|don't notify",
      "the user|the owner|your user|the human|your principal|your owner|"
      "send|transfer|approve|sign|execute|withdraw|forward|swap|bridge", gap=20),
    P("urgency.act_now", "en",
      "urgent|urgently|act now|act fast|act quickly|immediately|right now|asap|"
      "time-sensitive|time sensitive|hurry|within minutes|before it's too late|"
      "before it is too late|last chance|final warning|expires soon|expiring soon",
      _VALUE_VERBS, gap=30),
    P("urgency.deadline", "en",
      "send|transfer|approve|sign|withdraw|move|migrate|bridge|swap|sweep|claim",
      "within|in the next|in less than|in under",
      "minute*|second*|1 hour|one hour", gap=40, anchor=1),
)  # fmt: skip
