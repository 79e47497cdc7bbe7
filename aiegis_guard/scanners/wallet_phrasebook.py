"""Wallet-agent attack frames in English (data): redirect, skim, tampering, substitution.

Where :mod:`~aiegis_guard.scanners.drainer_phrasebook` lists fixed phrases, these rules
describe a *frame* — a cue plus its arguments anywhere in a short window (``free=True``) — so
new wordings of the same attack are found: a redirect is "recipient/deposit noun + change
verb + an address", in any order and voice; a skim is "fee/tip + an address + mandatory";
a function substitution is "a wallet function name (``@fn``) + a cue that it replaces the
usual one + a wallet operation". Most need a *slot* (``@addr``, ``@amount``, ``@url``,
``@file``, ``@code``, ``@fn``: :mod:`aiegis_guard.scanners.phrases.slots`), which benign prose
about the same topics rarely has. ``read=True`` rules are skipped on the user's own prompt (a
user may well say "send it to 0x.. instead").

The other English frames: :mod:`~aiegis_guard.scanners.wallet_phrasebook_requests`
(approvals, permits, secrets, sweeps, lures),
:mod:`~aiegis_guard.scanners.wallet_phrasebook_injection` (concealment, false consent, memory
entries, urgency, indirection) and
:mod:`~aiegis_guard.scanners.wallet_phrasebook_addr` (frames that need an address, in all seven
languages); the shared words: :mod:`~aiegis_guard.scanners.wallet_vocab`. Other languages:
``wallet_phrasebook_es_pt``, ``wallet_phrasebook_fr``, ``wallet_phrasebook_de``,
``wallet_phrasebook_ru_zh``.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase
from aiegis_guard.scanners.wallet_vocab import CHANGED, PAYEE, SEND

__all__ = ["WALLET_DRAINER"]

WALLET_DRAINER: tuple[Phrase, ...] = (
    P("redirect.payee_changed", "en", CHANGED, PAYEE, "@addr|@url", gap=70, free=True,
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
      SEND, "@addr", gap=70, free=True, read=True),
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
      SEND, "@amount|@addr", gap=40, read=True),
    P("skim.then_continue", "en",
      "continue with|proceed with|resume|carry on with|go ahead with|get back to|return to|"
      "then do|then complete|then process|then execute|then perform|then handle|then run|"
      "continue the|proceed to|then continue|then proceed|then carry out|after that do|"
      "afterwards continue|afterwards proceed",
      "the original|the user's|the initial|the requested|the actual|the real|the normal|"
      "the rest of|your original|the remaining|as if nothing|the pending|what the user",
      "@amount|@addr", gap=120, free=True, read=True),
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
      "twice the amount|twice as much|double what|triple what|two times|three times|"
      "ten times|10 times|100 times|round up every|round every|round all amounts|round up all|"
      "to whatever amount|to every amount|to each amount|on top of every|on top of each|"
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
    P("parameter_tampering.sender", "en",
      "use|switch to|send from|pay from|take from|debit|withdraw from|charge|sign with|"
      "spend from",
      "the treasury|another account|a different account|the other account|account #|"
      "the hot wallet|the company wallet|the savings|the vault|the cold wallet|"
      "the corporate wallet|the reserve|the escrow",
      "instead|rather than|as the sender|as sender|not the user's|not from the user",
      gap=40, free=True, imp=True, read=True, anchor=1),
    P("parameter_tampering.add_to_amount", "en",
      "add|increase|top up|bump|pad|inflate",
      "@amount|@pct",
      "to whatever|to every|to each|to the amount|to any amount|on top of|to all|per transfer|"
      "to every payment|to each payment|to the user's amount",
      gap=40, free=True, imp=True, read=True),
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
      "priority|the default transfer|default tool|standard transfer|generic transfer|"
      "processed by|handled by|goes through|go through|routed through|routed via|do not call|"
      "don't call|never call|do not use|don't use|avoid calling|stop using|no longer use|"
      "switch to|now uses|now use|wrapper|wraps|alias|equivalent|does the same|works the same|"
      "same as|identical|updated version|latest version|v2 of|official|correct|replacement|"
      "supersedes|use instead",
      "transfer|transfers|transferring|send|sending|sends|payment|payments|pay|withdraw|"
      "withdrawal|withdrawals|deposit|deposits|swap|swaps|bridge|bridging|approve|approval|"
      "approvals|allowance|allowances|funds|money|tokens|usdc|usdt|eth|sol|the user's request|"
      "what the user asks", gap=90, free=True, read=True, anchor=1),
)  # fmt: skip
