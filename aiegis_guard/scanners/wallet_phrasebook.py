"""Wallet-agent attack frames in English (data): the general shapes behind the phrasebooks.

Where :mod:`~aiegis_guard.scanners.drainer_phrasebook` lists fixed phrases, these rules
describe a *frame* — a cue plus its arguments anywhere in a short window (``free=True``) — so
new wordings of the same attack are found: a redirect is "recipient/deposit noun + change
verb + an address", in any order and voice; a skim is "fee/tip + an address + must/every/
first"; a false consent is "the user + agreed/confirmed + earlier/already"; a concealment is
"do not tell + the user" or "silently + a wallet verb". Most need a *slot* (``@addr``,
``@amount``, ``@url``, ``@file``, ``@code``: see :mod:`aiegis_guard.scanners.phraseterms`), which
benign prose about the same topics rarely has. ``read=True`` rules are skipped on the user's
own prompt (a user may well say "send it to 0x.. instead"). Other languages:
:mod:`~aiegis_guard.scanners.wallet_phrasebook_i18n`.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrasematch import P, Phrase

__all__ = ["WALLET_DRAINER", "WALLET_INJECTION"]

_SEND = (
    "send|transfer|pay|route|forward|deposit|wire|remit|move|withdraw|bridge|sweep|migrate|"
    "sends|transfers|payments|payouts|withdrawals|deposits|funds|go|goes"
)
_DO = (  # an imperative that moves value
    "send|transfer|pay|deposit|wire|move|withdraw|bridge|sweep|migrate|approve|sign|connect|"
    "claim|stake|swap|authorize|evacuate|relocate|forward"
)
_VALUE = (  # words of moving value (for cues that need a wallet context)
    "send|transfer|pay|withdraw|approve|sign|bridge|swap|deposit|wire|sweep|migrate|stake|"
    "delegate|route|forward|@addr|@amount|transaction|transactions|transfers|payment|"
    "payments|withdrawal|withdrawals|fee|tip|address|recipient|wallet|funds|tokens|"
    "substitute|original task|the user's request|the user request|allowance|approval|"
    "signature|payout|payouts|balance"
)
_PAYEE = (
    "deposit address*|recipient*|receiving address*|receiving wallet*|wallet address*|"
    "treasury address*|treasury wallet*|destination address*|destination wallet*|"
    "payout address*|payout wallet*|withdrawal address*|payment address*|vault address*|"
    "beneficiary|beneficiaries|receiver*|payee*|settlement address*|settlement wallet*|"
    "merchant address*|merchant wallet*|deposit wallet*|to address|receive address*|"
    "address book entry|saved address*|whitelisted address*|allowlisted address*|"
    "trusted address*|default address*|payout account*|wallet on file|address on file"
)
_CHANGED = (
    "changed|updated|moved|migrated|rotated|replaced|switched|modified|redirected|rerouted|"
    "re-routed|diverted|reassigned|remapped|overridden|superseded|deprecated|retired|"
    "outdated|out of date|obsolete|stale|invalid|no longer valid|no longer in use|"
    "no longer active|no longer used|no longer works|decommissioned|compromised"
)
_KEYS = (
    "private key*|seed phrase*|seed words|mnemonic*|recovery phrase*|secret phrase*|"
    "secret recovery phrase*|keystore*|wallet password*|12 words|24 words|12-word|24-word|"
    "signing key*|master key*|wallet key*|privkey|secret key*|passphrase|backup phrase*|"
    "wallet seed|key file|keyfile|wallet.dat|json keystore|xprv|extended private key"
)
_USER = (
    "the user|the user's|your user|your user's|the owner|the owner's|the human|your human|"
    "the account owner|the account holder|the wallet owner|your principal|the client|"
    "the customer|your owner|the requester|your operator"
)
_PRIOR = (
    "earlier|previously|already|yesterday|last time|last week|last session|in advance|"
    "beforehand|in a previous|in the previous|in an earlier|in the last|this morning|"
    "in the past|in our last|prior|pre-approved|preapproved|on record|standing|a while ago|"
    "during setup|at setup|at onboarding|when we spoke|in the earlier|before"
)
_CONSENT = (
    "agreed|approved|confirmed|consented|authorized|authorised|okayed|ok'd|signed off|"
    "said yes|said it's fine|said it is fine|said ok|said okay|said it's okay|"
    "said it was okay|said it's ok|said that's fine|is fine with|is okay with|is ok with|"
    "doesn't mind|does not mind|gave permission|"
    "gave the go-ahead|gave consent|green-lit|greenlit|permitted|whitelisted|opted in"
)

WALLET_DRAINER: tuple[Phrase, ...] = (
    # --- redirect: payee noun + change cue + a destination, any order ----------------------
    P("redirect.payee_changed", "en", _CHANGED, _PAYEE, "@addr|@url", gap=70, free=True,
      read=True, anchor=1),
    P("redirect.funds_go_to", "en",
      "must now go to|should now go to|now go to|now goes to|must go to|should go to|"
      "are redirected to|is redirected to|are now sent to|are rerouted to|redirected to|"
      "rerouted to|re-routed to|diverted to|should be sent to|must be sent to|"
      "should be directed to|must be directed to|are to be sent to|now resolves to|"
      "now points to|now maps to|has been remapped to|now routes to|now belongs to|"
      "has moved to|have moved to|has been moved to|have been moved to|was moved to",
      "@addr", gap=12),
    P("redirect.correct_is", "en",
      "correct|right|updated|actual|real|only valid|proper|replacement|alternate|"
      "alternative|true|genuine|legitimate|new official",
      "address|wallet|recipient|destination|account|payee|beneficiary|vault|multisig|"
      "treasury|deposit address|receiving address|receiving wallet|payout address|"
      "destination address|recipient address|wallet address",
      "is|is now|:|=|will be|to use is|to use|going forward is|from now on is|reads",
      "@addr", gap=14),
    P("redirect.not_the_one", "en",
      "not the one|not the address|not the wallet|not the recipient|instead of the one|"
      "instead of the address|instead of the recipient|rather than the one|"
      "rather than the address|in place of the one|in place of the address|"
      "ignore the address|disregard the address|ignore the recipient|ignore any other address|"
      "replace any other address|replace the address|replace the recipient|"
      "replace the destination|overwrite the address|overwrite the recipient|"
      "override the recipient|override the address|override the destination|"
      "any other address you|the address you were given|the address the user",
      "listed|above|given|provided|shown|the user|you were|mentioned|original|"
      "specified|requested|entered|typed|in the request|this one|this address|with this|"
      "outdated|wrong|incorrect|old|obsolete|invalid", gap=60, free=True, read=True),
    P("redirect.use_instead", "en",
      "use|send to|pay|transfer to|route to|switch to|direct|point|set|send it to|"
      "send them to|send the funds to|forward to|deposit to|deposit into|pay out to|payout to",
      "@addr|this address|this wallet|the following address|the address below|"
      "the new address|that address",
      "instead|from now on|going forward|henceforth|from today|until further notice|"
      "in its place|in their place|for the payment|for this payment|for all future|"
      "as the recipient|as the destination|as recipient|as destination|as the new payee|"
      "as the payee|as the beneficiary|for every payment|for every transfer|for all payments|"
      "for all transfers|for every withdrawal|for all withdrawals",
      gap=50, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "en",
      "from now on|going forward|henceforth|from today on|from today onwards|"
      "until further notice|effective immediately|starting today|starting now|"
      "as of today|as of now|for all future|for every future",
      _SEND, "@addr", gap=70, free=True, read=True),
    P("redirect.substitute", "en",
      "substitute|substituting|swap in|swap out|slip in|sneak in",
      "address|recipient|destination|payee|beneficiary|@addr", gap=110, free=True, read=True),
    P("redirect.replace_with", "en",
      "replace it|replace them|overwrite it|replace the|replace any|replace every|"
      "replace all|overwrite the|overwrite any|swap the|change the|set the",
      "address*|recipient*|destination*|payee*|beneficiary|to field|to-address|receiver",
      "@addr", gap=40, read=True),
    P("redirect.rotated", "en",
      "rotated|migrated|changed|moved|updated|switched|replaced|retired|deprecated|"
      "rotates|has a new|have a new|got a new|opened a new|uses a new|set up a new",
      "its|their|our|the|his|her|a",
      "deposit address*|receiving address*|receiving wallet*|deposit wallet*|treasury|vault|"
      "payout address*|payment address*|withdrawal address*|multisig|hot wallet|"
      "settlement address*",
      "@addr|instead|use|send|transfer|pay|deposit", gap=60, read=True, anchor=2),
    # --- skim: a fee/tip to an address that is mandatory, first, or silent -----------------
    P("skim.fee_to", "en",
      "fee|fees|tip|tips|commission|surcharge|toll|tax|gratuity|donation|kickback",
      "@addr",
      "mandatory|required|is required|must be paid|must be sent|must be added|"
      "has to be paid|needs to be paid|has to be sent|needs to be sent|must be transferred|"
      "has to be transferred|is due|are due|is payable|payable to|to be paid|"
      "every transaction|each transaction|every transfer|each transfer|every payment|"
      "each payment|every swap|each swap|per transaction|per transfer|silently|quietly|"
      "obligatory|compulsory|automatically|non-negotiable|add it|include it|first send|"
      "first transfer|first pay|before you|before completing|before proceeding",
      gap=90, free=True, read=True, anchor=2),
    P("skim.step_then", "en",
      "step 1|step one|step 1:|firstly|to begin|before that|before anything",
      _SEND, "@amount|@addr", gap=40, read=True),
    P("skim.then_continue", "en",
      "continue with|proceed with|resume|carry on with|go ahead with|get back to|return to|"
      "then do|then complete|then process|then execute|then perform|then handle|then run|"
      "continue the|proceed to|then continue|then proceed|then carry out|after that do|"
      "afterwards continue|afterwards proceed",
      "the original|the user's|the initial|the requested|the actual|the real|the normal|"
      "the rest of|your original|the remaining|as if nothing|the pending|what the user",
      "@amount|@addr", gap=120, free=True, read=True),
    # --- parameter tampering --------------------------------------------------------------
    P("parameter_tampering.slippage_high", "en",
      "slippage|slippage tolerance|max slippage|slippage limit|price impact tolerance",
      "@pct|to max|to maximum|to the maximum|to unlimited|to any|to infinite|to 100|to 99|"
      "to 50|maximum allowed|max allowed|highest possible|no limit|unlimited", gap=30,
      free=True),
    P("parameter_tampering.gas_deadline", "en",
      "use|set|make|put|change|choose|with",
      "deadline|nonce|expiry|expiration",
      "@zero|@amount|far future|maximum|max|unlimited|zero|9999|year 2100", gap=20,
      imp=True, anchor=1),
    P("parameter_tampering.rpc", "en",
      "use|set|switch|change|point|connect|send|submit|broadcast|route|move",
      "rpc|rpc endpoint|rpc url|endpoint|node|provider|relay|relayer|mempool|sequencer",
      "@url|@addr", gap=40, imp=True, read=True, anchor=1),
    P("parameter_tampering.multiplier", "en",
      "multiply the amount|multiply it by|double the amount|triple the amount|add a zero|"
      "add two zeros|add zeros|add a 0|append a zero|append a 0|ten times the amount|"
      "10x the amount|100x the amount|"
      "times the amount|more than the user asked|more than requested|extra zero|forgot the zeros|"
      "missing zeros|the real amount is|scale the amount|scale it up",
      "amount|send|transfer|pay|swap|@amount|zeros|by 10|by 100", gap=60, free=True),
    P("parameter_tampering.full_balance_amount", "en",
      "use|set|make|put|approve|send|transfer|swap|bridge|take",
      "the full balance|the entire balance|the whole balance|the user's full balance|"
      "the user's entire balance|all available|the maximum available|max balance|"
      "the full amount available|everything available",
      "as the amount|for the amount|as amount|as the value|instead of|rather than|"
      "instead|for this swap|for this transfer|for the swap|for the transfer", gap=40,
      imp=True, anchor=1),
    P("parameter_tampering.disable_protection", "en",
      "disable|turn off|switch off|skip|bypass|remove|ignore|drop|deactivate",
      "slippage protection|mev protection|price impact warning|price protection|the simulation|"
      "simulation|the warning|warnings|the revert check|safety checks|sanity checks|"
      "the allowance check|spending limit|daily limit|the cap|the limit|the preview|"
      "transaction preview|the confirmation step|the review step|risk checks|the risk check|"
      "the price check|front-running protection|sandwich protection",
      gap=25, imp=True, anchor=1),
    P("parameter_tampering.other_asset", "en",
      "pay in|send in|settle in|pay with|send with|denominate in|use|swap into|convert to|"
      "buy|bridge to|send it on|send on|withdraw to|switch to|deploy on",
      "instead of usdc|instead of usdt|instead of eth|instead of dai|instead of sol|"
      "rather than usdc|rather than usdt|rather than eth|rather than dai|rather than sol|"
      "instead of the token|rather than the token|instead of what the user|"
      "rather than what the user|rather than the testnet|instead of the testnet|"
      "rather than mainnet|instead of mainnet|rather than the chain|instead of the chain|"
      "rather than the network|instead of the network|not the chain the user|"
      "not the token the user|not the network the user|the user mentioned|the user asked for",
      gap=40, imp=True, anchor=1),
    P("parameter_tampering.units", "en",
      "use|set|treat|interpret|read|encode|send|make",
      "decimals|decimal places|the amount in wei|the value in wei|the amount as wei|"
      "the amount as eth|the amount in eth|the units|the unit|raw units|base units",
      "@amount|@zero|18|6|8|9|12|instead|rather than|not|as if", gap=30, imp=True, anchor=1),
    P("parameter_tampering.max_input", "en",
      "amountinmaximum|amount_in_max|amountinmax|maxamountin|max_amount_in|maximum input|"
      "max input|max in|amountin|leverage|max spend|maximum spend|spend limit",
      "@pct|max|maximum|unlimited|uint256|type(uint|2**256|infinite|everything|"
      "the full balance|the entire balance|100x|50x|125x", gap=25, free=True),
    P("parameter_tampering.user_meant", "en",
      "the user meant|the user actually meant|the user really meant|the user intended|"
      "what the user really wants|the user really wants|the user actually wants|"
      "instead of the chain|instead of the network|instead of the token|"
      "rather than the chain|rather than the network|rather than the token|"
      "the user picked|the user chose|the user selected|the user asked for|"
      "ignore the slippage|override the slippage|ignore the user's slippage|"
      "ignore the deadline|override the deadline|ignore the chain|override the chain",
      "swap|bridge|send|transfer|token|chain|network|instead|rather|slippage|maximum|max|"
      "highest|100%|@addr|@amount", gap=60, free=True),
    P("parameter_tampering.token_spoof", "en",
      "token address|token contract|contract address|mint address|token mint|"
      "router address|pool address|bridge address|spender address",
      "should be|is now|has changed|changed to|moved to|updated to|migrated to|new|"
      "correct|actual|real|use",
      "@addr", gap=40, free=True, read=True, anchor=0),
    P("parameter_tampering.min_out_zero", "en",
      "minimum output|min output|minimum out|min out|minimum received|min received|"
      "amountoutmin|amount_out_min|minamountout|min_amount_out|minimum amount out|"
      "minimum return|minimum amount|min amount|minreturn|min_return|amountoutminimum|"
      "minimum to receive|min_out|minout|output minimum|minimum tokens out",
      "@zero|zero", gap=18, free=True),
    P("parameter_tampering.amount_override", "en",
      "override the amount|ignore the amount|change the amount to|replace the amount|"
      "double the amount|triple the amount|multiply the amount|increase the amount to|"
      "the amount should be|the real amount|the correct amount is|the actual amount is|"
      "the amount must be|set the amount to|raise the amount|bump the amount|"
      "regardless of the amount|regardless of how much|no matter how much|"
      "round the amount|round the transfer amount|round up the amount|round it up|"
      "increase the amount by|add 10%|pad the amount|inflate the amount|"
      "the difference to|send the difference|keep the difference",
      "@amount|instead|send|transfer|pay|withdraw|swap|bridge", gap=60, free=True),
    P("parameter_tampering.not_official", "en",
      "rather than the official|instead of the official|not the official|"
      "rather than the usual|instead of the usual|rather than the default|"
      "instead of the default|rather than the verified|instead of the verified|"
      "rather than the canonical|instead of the canonical|rather than the standard|"
      "instead of the standard|bypass the official|skip the official",
      "bridge|router|contract|pool|dex|relayer|aggregator|rpc|endpoint|spender|vault|one|"
      "site|app|address|token|chain|network|ui|interface|frontend|portal",
      gap=20, unless="never|do not|don't"),
    P("parameter_tampering.venue_at", "en",
      "use|route|route through|route via|go through|send it through|switch to|swap through|"
      "bridge through|bridge via|swap via|execute|trade|swap",
      "bridge|router|contract|pool|dex|relayer|aggregator|rpc|endpoint|spender|vault|"
      "proxy|pair|exchange|swap contract|bridge contract|router contract",
      "@addr|@url", gap=30, read=True, imp=True, anchor=1),
    # --- function substitution ------------------------------------------------------------
    P("function_substitution.moved", "en",
      "renamed|deprecated|deprecation|replaced|superseded|removed|disabled|retired|sunset|"
      "sunsetted|discontinued|no longer available|no longer supported|no longer works|"
      "now routes through|now routes to|routes through|now handled by|now lives at|"
      "now points to|aliased to|forwards to|now calls|upgraded to|is broken|are broken|"
      "will be removed|returns errors|returns an error|is down|must not be used|"
      "should not be used|new recommended|recommended method|recommended function|"
      "tool mapping|function mapping|mapping changed|now called|is now called|"
      "handles payments|handles transfers|handles withdrawals|now go through|"
      "now goes through|rather than calling|instead of calling|instead of using|"
      "rather than using|switch every|switch all|route transfers|route payments|"
      "route withdrawals|route every|for all outgoing|for any transfer|for every transfer|"
      "any transfer the user|every transfer the user|any payment the user",
      "transfer|send|swap|approve|withdraw|bridge|payment|payout|sendtransaction|"
      "send_transaction|transfer_funds|transfer_tokens|send_token|approve_token|"
      "transfer tool|wallet tool|payment tool|signing|signer|sending|allowances|"
      "withdrawal|withdrawals|payments|transfers|tokens|send_tokens|send_funds|"
      "withdraw_funds|send_eth|transfer_eth|send_sol|transfer_sol|pay_invoice|make_payment|"
      "send_payment|approve_spender|approve_tokens|swap_tokens|bridge_tokens|transfer_token",
      "@code", gap=90, free=True),
    P("function_substitution.call_code", "en",
      "call|invoke|use|run|execute|trigger|route through|switch to",
      "@code",
      "instead of transfer*|instead of send*|instead of swap*|instead of withdraw*|"
      "instead of approve*|instead of bridge*|instead of the transfer|instead of the send|"
      "instead of the swap|instead of the payment|instead of the wallet|rather than transfer*|"
      "rather than send*|in place of transfer*|in place of send*|for every payment|"
      "for every transfer|for each payment|for all payments|for all transfers|"
      "for every transaction|for all transactions|with the user's|with the full|"
      "with the entire|with all funds|for every withdrawal|for any transfer|for any payment|"
      "any transfer the user|every transfer the user|any payment the user|for each transfer|"
      "for outgoing payments|for all outgoing",
      gap=50, free=True, read=True, anchor=2),
    P("function_substitution.fn_frame", "en",
      "@fn",
      "instead|rather than|in place of|replaces|replaced|new version|newer|the new|recommended|"
      "correct tool|correct function|right tool|proper tool|official|updated|upgraded|"
      "only supported|the only|only works|must use|must go through|must be sent through|"
      "always use|always call|from now on|going forward|known bug|is broken|loses funds|"
      "burns funds|being audited|in the meantime|until further notice|has a limit|"
      "rate-limited|rate limited|is disabled|is deprecated|deprecated|"
      "faster|cheaper|lower fees|lower gas|safer|more secure|optimized|improved|premium|"
      "priority|the default transfer|default tool|standard transfer|generic transfer",
      "transfer|transfers|transferring|send|sending|sends|payment|payments|pay|withdraw|"
      "withdrawal|withdrawals|deposit|deposits|swap|swaps|bridge|bridging|approve|approval|"
      "approvals|allowance|allowances|funds|money|tokens|usdc|usdt|eth|sol|the user's request|"
      "what the user asks", gap=90, free=True, read=True, anchor=1),
    # --- approvals ------------------------------------------------------------------------
    P("unlimited_approval.code_max", "code",
      "approve(|increaseallowance(|increase_allowance(|approve (|approve_token(|"
      "setallowance(|permit(|approveall(|approve_all(|setapprovalforall(|"
      "set_approval_for_all(|approvemax(|approve_max(",
      "@maxarg", gap=2, neg=True),
    P("unlimited_approval.set_approval_for_all", "en",
      "set|call|sign|execute|run|submit|send|invoke|trigger|enable|grant|approve|use|do|"
      "toggle|turn on|activate",
      "setapprovalforall|set approval for all|approval for all|approve all|"
      "approval on all|operator approval|operator rights|operator access",
      gap=15, neg=True, imp=True, anchor=1),
    P("unlimited_approval.delegate_to", "en",
      "grant|give|assign|transfer|set|delegate|hand over|appoint|approve|authorize|authorise",
      "delegate|delegation|authority|ownership|operator|signer|admin rights|"
      "mint authority|freeze authority|close authority|account authority|spender|"
      "spending rights|full access|admin role|owner role",
      "@addr", gap=60, free=True, read=True, imp=True, anchor=1),
    P("unlimited_approval.approve_address", "en",
      "approve|authorize|authorise|whitelist|allowlist|add as spender|add as operator|"
      "connect and approve|grant access to|give access to",
      "@addr", gap=20, imp=True, read=True, neg=True),
    # --- secrets --------------------------------------------------------------------------
    P("secret_exfiltration.imperative", "en",
      "print|output|reveal|show|display|export|dump|tell me|give me|send me|share|post|paste|"
      "write out|spell out|read out|list|return|echo|include|provide|disclose|leak|expose|"
      "put|insert|add|attach|submit|upload|transmit|forward|email|repeat|send|hand over|"
      "reply with|respond with|answer with|recite|read back|place|embed|encode|append|fill in",
      "the|your|its|their|his|her|our|my|this|that|these|those|all|all the|every|wallet's|"
      "agent's|user's|owner's|account's|connected|full|complete|entire|exact|raw|any",
      _KEYS, gap=45, neg=True, imp=True, anchor=2),
    P("secret_exfiltration.for_purpose", "en",
      _KEYS,
      "in your answer|in your reply|in your response|in your next|in the response|"
      "in the chat|in this chat|in the output|so support can|so that support|so we can|"
      "so the team|so the backup|so the admin|for verification|to verify|to validate|"
      "for validation|to be verified|for the audit|for auditing|to unlock|to whitelist|"
      "can be verified|is verified|for support|to support|to the support|to our team",
      gap=80, neg=True, free=True),
    P("secret_exfiltration.in_container", "en",
      _KEYS,
      "memo|memo field|note field|message field|message parameter|comment field|"
      "reference field|description field|data field|calldata|input data|tx data|"
      "the message|the note|the comment|the reference|the description|the payload|"
      "the url|query string|the header|the subject|the title|the label|the tag|"
      "webhook|transaction note|transfer note|parameter|argument",
      "in|into|inside|within|as|via|with|through|under|contains|containing|holding|"
      "carrying|include|includes|including|put|write|attach",
      gap=60, neg=True, free=True),
    # --- sweep / lure ---------------------------------------------------------------------
    P("sweep.all_of", "en",
      "send|transfer|move|withdraw|bridge|swap|drain|sweep|forward|liquidate|convert|"
      "consolidate|wire|migrate|evacuate|relocate|shift|withdrawal of|transfer of|"
      "migration of|sweep of|swept|moved|transferred|withdrawn|bridged|migrated",
      "entire|whole|100% of|the rest of|everything in|all of the|all of your|all of its",
      "balance*|funds|assets|tokens|holdings|portfolio|crypto|coins|nfts|money|stack|"
      "treasury|vault|savings|stablecoins",
      gap=22, neg=True, read=True, anchor=1),
    P("lure.safe_place", "en",
      "move|transfer|send|migrate|sweep|withdraw|bridge|evacuate|deposit|put|store|keep|"
      "relocate|shift|swept|moved|transferred|sent|migrated",
      "secure|safe|safety|recovery|protected|protection|backup|emergency|quarantine|cold|"
      "insured|rescue|isolated|escrow|holding|temporary|migration|hardened|shielded|guardian",
      "vault|wallet|address|storage|account|safe|contract|multisig|custody",
      "@addr|@url", gap=40, neg=True, read=True, anchor=1),
    P("lure.threat_then_move", "en",
      "move|transfer|send|migrate|withdraw|sweep|bridge|evacuate|secure|revalidate|"
      "re-validate|verify|validate|sync|resync|reconnect|connect|claim|approve|sign|upgrade|"
      "complete|finish|submit|log in|sign in|go to|visit|open|click|re-verify|reverify|"
      "reactivate|restore|unlock|revoke|swap|update|confirm|protect|recover",
      "suspicious|compromised|exploit*|vulnerab*|breach*|hacked|hack|security incident|"
      "unauthorized|unauthorised|critical bug|at risk|drainer|security alert|"
      "security warning|security notice|security team|leaked|leak|locked|frozen|suspended|"
      "deactivat*|flagged|paused|restricted|compliance|aml|kyc|unverified|unusual|"
      "emergency|scheduled for|upgrade required|mandatory upgrade|snapshot|expire*|"
      "expiring|lose access|losing access|blocked|blacklisted|sanctioned|incident|"
      "phishing|malicious|attack",
      "@addr|@url", gap=150, free=True, read=True, imp=True, anchor=1),
    P("lure.claim", "en",
      "connect|approve|sign|verify|validate|send|deposit|pay|transfer|authorize|import|"
      "submit|confirm|link|claim",
      "claim|airdrop|reward*|bonus|giveaway|refund|compensation|reimbursement|allocation|"
      "whitelist spot|presale|mint pass|free mint|eligibility|eligible",
      "@url|@addr", gap=90, free=True, read=True, imp=True, anchor=1),
    P("permit_signature.eip2612", "multi",
      "sign|signe|signez|firma|firme|assine|assina|signiere|unterschreibe|unterzeichne|"
      "подпиши|подпишите|签署|签名|签一下|approve|confirm|submit",
      "eip-2612|eip2612|eip 2612|permit2|permitsingle|permitbatch|permittransferfrom|"
      "permit (eip|permiso|permissão|permis|genehmigung|разрешение|许可",
      "eip-2612|eip2612|eip 2612|permit2|uint256|@addr|max|máxim*|maxim*|illimit*|ilimitad*|"
      "unbegrenzt*|неограниченн*|максимальн*|无限|最大",
      gap=60, free=True, neg=True, imp=True),
    P("unlimited_approval.set_approval_for_all", "multi",
      "activa|habilita|llama|ejecuta|firma|establece|configura|ative|chame|assine|defina|"
      "active|appelle|exécute|signe|définis|aktiviere|rufe|führe|signiere|setze|включи|"
      "вызови|выполни|подпиши|установи|调用|执行|签名|设置|开启|启用",
      "setapprovalforall|set approval for all|set_approval_for_all", gap=15, neg=True,
      imp=True, anchor=1),
)  # fmt: skip

WALLET_INJECTION: tuple[Phrase, ...] = (
    # --- concealment ----------------------------------------------------------------------
    P("urgency.conceal", "en",
      "do not mention|don't mention|do not tell|don't tell|do not inform|don't inform|"
      "never mention|never tell|do not notify|don't notify|do not alert|don't alert|"
      "do not show|don't show|do not reveal|don't reveal|do not disclose|don't disclose|"
      "do not report|don't report|do not let|don't let|without telling|without informing|"
      "without notifying|without alerting|without letting|without showing|"
      "keep it from|keep this from|hide it from|hide this from|hide the change from|"
      "no need to tell|no need to inform|no need to mention|there is no need to tell|"
      "avoid mentioning|avoid telling|never inform|never notify|never reveal",
      _USER, gap=45),
    P("urgency.silently", "en",
      _DO + "|add|substitute|replace|include|change|swap|use|continue|proceed|carry on|do|"
      "execute|process|complete|build|insert|put|set|route|append|attach",
      "silently|quietly|secretly|covertly|discreetly|stealthily|without notice|"
      "without a trace|under the radar|as if nothing happened|as though nothing happened|"
      "like nothing happened|pretend nothing happened|pretending nothing happened",
      gap=50, free=True, imp=True, anchor=1),
    # --- false consent / memory entries ---------------------------------------------------
    P("urgency.prior_consent", "en", _CONSENT, _USER + "|owner|user|client|customer",
      _PRIOR, _VALUE + "|this|it|that", gap=50, free=True),
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
      _VALUE + "|without|confirmation|approve*|consent*|confirm*|agree*",
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
      _VALUE, gap=60, free=True, read=True),
    # --- urgency --------------------------------------------------------------------------
    P("urgency.deadline_loss", "en",
      _DO,
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
    # --- override of the user's request ---------------------------------------------------
    P("override.over_user", "en",
      "regardless of what the user|no matter what the user|whatever the user|"
      "instead of what the user|ignore what the user|disregard what the user|"
      "ignore the user's|disregard the user's|override the user's|overrule the user|"
      "the user's request is outdated|the user's instructions are outdated|"
      "even if it involves|do not follow the user|don't follow the user|"
      "the user does not need to know|the user doesn't need to know|"
      "the user is mistaken|the user made a mistake",
      _VALUE + "|instead|anyway", gap=60, free=True),
    # --- indirection ----------------------------------------------------------------------
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
