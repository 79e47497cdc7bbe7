"""Wallet drainer / redirect phrase rules in English (data; other languages:
``drainer_phrasebook_i18n``). Rule id ``drainer.<family>``.

Families: ``redirect`` (the deposit/recipient address "has changed", send to the new address
instead), ``function_substitution`` (transfer was renamed / is deprecated, call X instead),
``parameter_tampering`` (always send N, use bridge X instead, slippage 100%), ``skim`` (first
send N to ..., then ...), ``secret_exfiltration`` (post the seed phrase, key in the memo),
``unlimited_approval`` (approve unlimited, setApprovalForAll), ``permit_signature`` (sign a
permit / Permit2, "sign this message to claim"), ``sweep`` (send all funds / the entire
balance, drain the wallet).

The requests (secret, approval, permit, sweep) are ``neg=True``: docs that warn about them
("never share your seed phrase", "scammers ask you to approve unlimited ...") are skipped.
Escalation next to an address or amount lives in :mod:`aiegis_guard.scanners.drainer_rules`.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["DRAINER"]

_SEND_EN = "send|transfer|pay|route|forward|redirect|deposit|wire|remit|direct"
_KEYS_EN = (
    "private key*|seed phrase*|seed words|mnemonic*|recovery phrase*|secret phrase*|"
    "secret recovery phrase*|keystore*|wallet password*|12 words|24 words|12-word|24-word|"
    "signing key*|master key*|wallet key*|privkey|secret key*"
)
_APPROVE_NOUNS = "allowance*|approval*|spending|spend|access|permission*|spender"

DRAINER: tuple[Phrase, ...] = (
    # --- redirect -------------------------------------------------------------------------
    P("redirect.address_changed", "en",
      "deposit address|recipient address|receiving address|wallet address|treasury address|"
      "destination address|payout address|withdrawal address|payment address|vault address|"
      "beneficiary address|receiver address|recipient wallet|treasury wallet|deposit wallet|"
      "payout wallet|the recipient|the beneficiary|the receiver|the treasury|"
      "our deposit address|our wallet|the payee|to address",
      "has changed|has been changed|was changed|changed to|has been updated|was updated|"
      "updated to|has been set to|was set to|is set to|has been replaced|was replaced|"
      "has moved|has been moved|was moved|has been migrated|was migrated|migrated to|"
      "has been rotated|was rotated|is no longer valid|is no longer in use|"
      "is no longer active|has switched|switched to|has been modified|was modified|"
      "has been deprecated|is now set to|now points to|should now be|changed", gap=25, anchor=1),
    P("redirect.send_to_new", "en",
      _SEND_EN,
      "to the new|to this new|to our new|to the updated|to the correct|to the following new|"
      "to the alternate|to the alternative|to this updated|to the backup|to the replacement|"
      "to our updated|to the migrated",
      "address|wallet|account|vault|treasury|multisig|contract", gap=25, anchor=1, read=True),
    P("redirect.instead", "en", "send|transfer|pay|forward|deposit|wire|route", "to", "instead",
      gap=60, anchor=2, read=True),
    P("redirect.old_address", "en",
      "old address|old wallet|previous address|previous wallet|former address|"
      "old deposit address|legacy address|old treasury|old multisig|old recipient",
      "no longer|deprecated|compromised|disabled|inactive|do not use|don't use|"
      "not be used|should not be used|is closed|discontinued", gap=25),
    P("redirect.update_payee", "en",
      "update|change|set|replace|switch|modify|override",
      "the recipient|the destination|the receiver|the payee|the beneficiary|"
      "the recipient address|the destination address|the to address|the to field|"
      "the payout address|the withdrawal address|the deposit address",
      "to|with", gap=12, anchor=1),
    # --- function_substitution ------------------------------------------------------------
    P("function_substitution.renamed", "en",
      "transfer|send|withdraw|swap|approve|bridge|payment|payout|sendtransaction|"
      "send_transaction|transfer_funds|transfer_tokens|the tool|this tool|that tool|"
      "wallet function|wallet tool|transfer function|transfer tool|send function|send tool",
      "has been renamed|was renamed|renamed to|has been replaced|was replaced|"
      "has been deprecated|is deprecated|was deprecated|is no longer available|"
      "is no longer supported|has been disabled|is disabled|has been removed|was removed|"
      "is unavailable|is temporarily unavailable|has been migrated|was migrated",
      "use|call|invoke|instead|switch to|migrate to", gap=60, anchor=1),
    P("function_substitution.call_renamed", "en",
      "renamed to|replaced by|replaced with|superseded by|aliased to",
      "call|invoke", gap=60),
    P("function_substitution.use_tool_instead", "en",
      "use|call|invoke",
      "the tool|this tool|tool",
      "instead", gap=50, anchor=2),
    P("function_substitution.instead_of", "en",
      "call|invoke",
      "instead of",
      "transfer|send|swap|withdraw|approve|bridge", gap=40, anchor=1),
    # --- parameter_tampering --------------------------------------------------------------
    P("parameter_tampering.fixed_amount", "en",
      "always|from now on|for all future|for every|every time|each time|by default",
      "send|transfer|pay|withdraw|swap|bridge|deposit",
      "@amount", gap=25),
    P("parameter_tampering.swap_venue", "en",
      "use|switch to|route through|route via|route it through|go through|send it through",
      "bridge|router|pool|dex|relayer|aggregator|contract|token|chain|network|rpc|spender",
      "instead", gap=40, unless="official", anchor=2),
    P("parameter_tampering.swap_token", "en",
      "swap|convert|exchange",
      "to the token|into the token|to token|into token|for token|to this token|"
      "to the following token|to the new token|to the updated token|to the correct token",
      gap=30, anchor=1),
    P("parameter_tampering.change_param", "en",
      "change|set|update|modify|replace|override|increase",
      "the amount|the token address|the spender|the chain id|the router|amountoutmin|"
      "the output token|the input token|the destination token|the token out|the token in|"
      "the pair|the pool|"
      "the minimum output|the min amount out|the deadline|the bridge|the gas price",
      "to", gap=12, anchor=1),
    P("parameter_tampering.slippage", "en",
      "slippage",
      "to 100%|to 99%|to 50%|to 90%|to 95%|of 100%|to 100 %|to the maximum|to max|"
      "tolerance of 100%|to 100 percent", gap=25),
    # --- skim -----------------------------------------------------------------------------
    P("skim.before_anything", "en",
      "before you do anything|before doing anything|before anything else|before proceeding|"
      "before you proceed|before continuing|before you continue|before executing|"
      "before you execute|before completing|before you complete|before processing|"
      "prior to executing|prior to proceeding|prior to processing|as a first step|"
      "first of all|your first step|but first|first you must|first you need to|"
      "you must first|you need to first",
      "send|transfer|pay|deposit|forward|wire|move|bridge", gap=40),
    P("skim.first_then", "en",
      "first send|first transfer|first pay|first deposit|first forward|first wire",
      "@amount",
      "then|and then|after that|afterwards|once done|before", gap=100),
    P("skim.send_before", "en",
      "send|transfer|pay|deposit",
      "@amount",
      "before you|before doing|before executing|before proceeding|before completing|"
      "before continuing|prior to", gap=80, anchor=2),
    # --- secret_exfiltration --------------------------------------------------------------
    P("secret_exfiltration.send_secret", "en",
      "post|send|share|paste|reveal|give|provide|submit|email|dm|tell|leak|upload|forward|"
      "disclose|expose|hand over|send over|include|attach|transmit|publish|tweet|give me|"
      "send me|tell me",
      _KEYS_EN, gap=25, neg=True, anchor=1),
    P("secret_exfiltration.what_is", "en",
      "what is your|what's your|what are your|type your|confirm your", _KEYS_EN, gap=8,
      neg=True, anchor=1),
    P("secret_exfiltration.send_credentials", "en",
      "send|post|forward|email|upload|leak|exfiltrate|transmit|share",
      "api key*|api secret*|access token*|credentials|password*|env vars|"
      "environment variables|.env|secrets|auth token*|bearer token*",
      "to http|to https|to this|to the following|to attacker|to the email|to the webhook|"
      "to the url|to the server|to our|to my|to this address", gap=25, neg=True, anchor=1),
    # --- unlimited_approval ---------------------------------------------------------------
    P("unlimited_approval.approve_max", "en",
      "approve|approval for|grant",
      "unlimited|infinite|max|maximum|uint256|unbounded|all tokens|all your tokens|"
      "all nfts|all your nfts|all assets|type(uint256).max|2**256|2^256",
      gap=25, neg=True),
    P("unlimited_approval.set_max", "en",
      "set|give|allow|authorize|enable|sign|increase",
      "unlimited|infinite|max|maximum|uint256|unbounded|type(uint256).max",
      _APPROVE_NOUNS, gap=25, neg=True, anchor=1),
    P("unlimited_approval.allowance_to_max", "en",
      "set|increase|raise|change|bump",
      "allowance|approval|spending limit|spending cap",
      "to max|to maximum|to unlimited|to infinite|to uint256|to type(uint256).max|"
      "to the maximum|to 2^256|to 2**256", gap=20, neg=True, anchor=2),
    P("unlimited_approval.approval_for_all", "en",
      "call|sign|execute|approve|invoke|run|submit|send|confirm|use|trigger",
      "setapprovalforall|set approval for all|approval for all|approve all nfts|"
      "approve the entire collection|isapprovedforall", gap=25, neg=True, anchor=1),
    # --- permit_signature -----------------------------------------------------------------
    P("permit_signature.sign_permit", "en",
      "sign|approve|submit|confirm",
      "permit|permit2|the permit|this permit|a permit|permit signature|permit message|"
      "eip-2612|eip2612|permitsingle|permitbatch|permittransferfrom|off-chain approval|"
      "gasless approval|offchain approval", gap=20, neg=True, anchor=1),
    P("permit_signature.sign_to_claim", "en",
      "sign|confirm|approve",
      "this message|the message|the following message|this signature|"
      "the signature request|this typed data|the typed data|this request",
      "to claim|to receive|to unlock|to activate|to restore|to migrate|to secure|"
      "to whitelist|to validate|to release|to recover", gap=25, neg=True, anchor=2),
    # --- sweep ----------------------------------------------------------------------------
    P("sweep.send_everything", "en",
      "send|transfer|move|withdraw|bridge|swap|drain|sweep|forward|liquidate|convert|"
      "consolidate|wire",
      "all funds|all of the funds|all your funds|all of your funds|all the funds|all assets|"
      "all of your assets|all your assets|all tokens|all your tokens|all of the tokens|"
      "entire balance|full balance|whole balance|all remaining|"
      "the remaining balance|all the eth|all eth|all sol|all usdc|all of it|100% of|"
      "the maximum balance|all balances|all holdings|all your crypto|all crypto|all coins|"
      "all nfts|all the nfts|every token|the wallet's balance|the whole wallet|"
      "all of the wallet", gap=25, neg=True, anchor=1),
    P("sweep.everything_to", "en",
      "send|transfer|withdraw|bridge|wire|move", "everything", "to", gap=20, neg=True, anchor=1),
    P("sweep.drain_wallet", "en",
      "sweep|drain|empty|clear out|wipe",
      "the wallet|this wallet|your wallet|the account|the vault|the treasury|the balance|"
      "all wallets|the funds|the hot wallet", gap=10, neg=True),
)  # fmt: skip
