"""Circle CCTP on Solana: USDC burnt out of the agent's token account and minted on another
chain to ``mint_recipient`` (layouts and builders).

Sources: circlefin/solana-cctp-contracts ``programs/token-messenger-minter/src/lib.rs``
(program ``CCTPiPYP…iKX3``: ``deposit_for_burn``, ``deposit_for_burn_with_caller``,
``replace_deposit_for_burn``), ``token_messenger/instructions/deposit_for_burn.rs``
(``#[event_cpi] DepositForBurnContext``: owner (signer), event_rent_payer (signer),
sender_authority_pda, burn_token_account (``has_one = owner``), message_transmitter,
token_messenger, remote_token_messenger (its domain must be ``destination_domain``),
token_minter, local_token, burn_token_mint, message_sent_event_data (signer),
message_transmitter_program, token_messenger_minter_program, token_program, system_program,
then Anchor's event_authority and program; ``DepositForBurnParams {amount u64,
destination_domain u32, mint_recipient Pubkey}``), ``deposit_for_burn_with_caller.rs`` (the
same accounts; ``+ destination_caller Pubkey``), ``replace_deposit_for_burn.rs`` (owner,
event_rent_payer, sender_authority_pda, message_transmitter, token_messenger,
message_sent_event_data, the two programs, system_program + event accounts; ``{original_message
Vec<u8>, original_attestation Vec<u8>, new_destination_caller, new_mint_recipient}``: an earlier
burn of the owner's, minted to the new recipient instead) and ``burn_message.rs`` (the burn
message: version u32, burn_token [32] at 4, mint_recipient at 36, amount u256 big-endian at 68,
message_sender at 100; 132 bytes; the message header of ``message_transmitter/src/message.rs``
is 116 bytes, destination domain at 8); ``programs/v2/token-messenger-minter-v2/src/lib.rs``
(program ``CCTPV2vP…UMQe``: ``deposit_for_burn`` / ``deposit_for_burn_with_hook``) and
``token_messenger_v2/instructions/deposit_for_burn.rs`` / ``deposit_for_burn_with_hook.rs``
(the v1 accounts plus ``denylist_account`` after burn_token_account; ``{amount, destination_domain,
mint_recipient, destination_caller, max_fee u64, min_finality_threshold u32}`` ``+ hook_data
Vec<u8>``; the program requires ``amount > max_fee``: the recipient gets the amount less at
most ``max_fee``).

A burn is an exchange across chains like the Wormhole Token Bridge's (:mod:`.wormhole`): a give
of the burnt token to the program (``order=SWAP_ORDER``) and a :class:`Receipt` on the other
chain to ``mint_recipient`` (its EVM address on an EVM domain, ``bridging.cctp_address``) of
USDC there (``bridging.cctp_usdc``; the burnt mint stands for it where the book has none):
v1 exactly the amount, v2 at least the amount less ``max_fee`` (nothing when that leaves dust;
the fee is Circle's, paid to the fee recipient its program sets, so a large cap is a poor
minimum, judged like the EVM ``depositForBurn``, not a give to a stranger).
A recipient that is neither own nor allowlisted BLOCKs like any swap output; the destination
caller only decides who may relay the mint, and the hook data is for the recipient's contract:
neither moves the funds elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.bridging import DUST, cctp_address, cctp_usdc
from aiegis_guard.chains.solana.defi import Give, exchange, spl_token
from aiegis_guard.chains.solana.layout import Ix, Layout, malformed_call, pubkey_str
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Asset,
    AssetKind,
    Operation,
    Receipt,
)
from aiegis_guard.findings import Chain

__all__ = ["CCTP_BUILDERS", "CCTP_PROGRAMS", "TOKEN_MESSENGER", "TOKEN_MESSENGER_V2"]
__all__ += ["cctp_layout", "cctp_refs"]

TOKEN_MESSENGER: Final = "CCTPiPYPc6AsJuwueEnWgSgucamXDZwBd53dQ11YiKX3"
TOKEN_MESSENGER_V2: Final = "CCTPV2vPZJS2u2BBsUoscuikbYjnpFmbFsvVuJdgUMQe"
CCTP_PROGRAMS: Final = frozenset({TOKEN_MESSENGER, TOKEN_MESSENGER_V2})

_HEAD: tuple[str, ...] = ("owner", "event_rent_payer", "sender_authority_pda", "burn_token_account")
_TAIL: tuple[str, ...] = (
    "message_transmitter",
    "token_messenger",
    "remote_token_messenger",
    "token_minter",
)
_TAIL += ("local_token", "burn_token_mint", "message_sent_event_data")
_TAIL += ("message_transmitter_program", "token_messenger_minter_program", "token_program")
_TAIL += ("system_program", "event_authority", "program")
_BURN = (("amount", "u64"), ("destination_domain", "u32"), ("mint_recipient", "bytes32"))
_CALLER = ("destination_caller", "bytes32")
_V2 = (*_BURN, _CALLER, ("max_fee", "u64"), ("min_finality_threshold", "u32"))
_REPLACE_ACCOUNTS: tuple[str, ...] = (
    "owner",
    "event_rent_payer",
    "sender_authority_pda",
    "message_transmitter",
)
_REPLACE_ACCOUNTS += ("token_messenger", "message_sent_event_data", "message_transmitter_program")
_REPLACE_ACCOUNTS += ("token_messenger_minter_program", "system_program", "event_authority")
_REPLACE_ACCOUNTS += ("program",)
_REPLACE: tuple[tuple[str, str], ...] = (
    ("original_message", "bytes"),
    ("original_attestation", "bytes"),
)
_REPLACE += (("new_destination_caller", "bytes32"), ("new_mint_recipient", "bytes32"))


def _disc(*raw: int) -> bytes:
    return bytes(raw)


# Anchor discriminators sha256("global:<name>")[:8] (recomputed in the tests)
_V1_LAYOUTS: Final[dict[bytes, Layout]] = {
    _disc(215, 60, 61, 46, 114, 55, 128, 176): Layout("deposit_for_burn", _BURN, (*_HEAD, *_TAIL)),
    _disc(167, 222, 19, 114, 85, 21, 14, 118): Layout(
        "deposit_for_burn_with_caller", (*_BURN, _CALLER), (*_HEAD, *_TAIL)
    ),
    _disc(7, 27, 93, 132, 1, 80, 19, 163): Layout(
        "replace_deposit_for_burn", _REPLACE, _REPLACE_ACCOUNTS
    ),
}
_V2_LAYOUTS: Final[dict[bytes, Layout]] = {
    _disc(215, 60, 61, 46, 114, 55, 128, 176): Layout(
        "deposit_for_burn", _V2, (*_HEAD, "denylist_account", *_TAIL)
    ),
    _disc(111, 245, 62, 131, 204, 108, 223, 155): Layout(
        "deposit_for_burn_with_hook",
        (*_V2, ("hook_data", "bytes")),
        (*_HEAD, "denylist_account", *_TAIL),
    ),
}


def cctp_layout(program: str, data: bytes) -> tuple[Layout | None, int]:
    """The instruction's layout under the v1 or v2 TokenMessengerMinter, and 8 (Anchor)."""
    layouts = _V2_LAYOUTS if program == TOKEN_MESSENGER_V2 else _V1_LAYOUTS
    layout = layouts.get(data[:8])
    return (layout, 8) if layout is not None else (None, 0)


def _minted(burnt: str | None, domain: int) -> Asset:
    """USDC on the destination domain's chain, or the burnt mint standing for it."""
    usdc = cctp_usdc(domain)
    if usdc is None:
        return spl_token(burnt)
    return Asset(chain=Chain.EVM, kind=AssetKind.FUNGIBLE, address=usdc, symbol="USDC", decimals=6)


def _burn(ix: Ix, refs: Any) -> list[Operation]:
    a, acc = ix.args, ix.acc
    via = f"cctp.{ix.name}" if ix.program == TOKEN_MESSENGER else f"cctp_v2.{ix.name}"
    mint, amount, domain = acc["burn_token_mint"], a["amount"], a["destination_domain"]
    give: Give = (spl_token(mint), acc["owner"], acc["burn_token_account"], amount)
    least = amount if "max_fee" not in a else max(amount - a["max_fee"], 0)
    least = 0 if least < DUST else least  # v2: what the fee cap leaves, as on EVM (crosschain.py)
    recipient = cctp_address(a["mint_recipient"], domain)
    return exchange(via, ix.program, give, (_minted(mint, domain), recipient, least))


_HEADER = 116  # message.rs: version, source / destination domain, nonce, sender, recipient, caller
_BODY = 132  # burn_message.rs: BURN_MESSAGE_LEN


def _replace(ix: Ix, refs: Any) -> list[Operation]:
    """An earlier burn of the owner's (token and amount read from its message) minted to the
    new recipient; nothing more leaves the owner. A message that is no burn message is left
    to the program, which rejects it: the instruction reads as malformed (FLAG)."""
    message = ix.args["original_message"]
    body = message[_HEADER:]
    if len(body) != _BODY or any(body[68:92]):
        ix.malformed = "the original message is not a burn message"
        return [malformed_call(ix)]
    domain = int.from_bytes(message[8:12], "big")
    mint = pubkey_str(body[4:36])
    amount = int.from_bytes(body[92:100], "big")
    recipient = cctp_address(ix.args["new_mint_recipient"], domain)
    via = "cctp.replace_deposit_for_burn"
    asset = _minted(mint, domain)
    return [Receipt(via=via, asset=asset, recipient=recipient, amount=amount, order=SWAP_ORDER)]


def cctp_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """The token account a burn takes from (the instruction names its mint)."""
    account = ix.acc.get("burn_token_account")
    return [(account, ix.acc.get("burn_token_mint"))] if account else []


CCTP_BUILDERS: Final[dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]]] = {
    ("cctp", "deposit_for_burn"): _burn,
    ("cctp", "deposit_for_burn_with_caller"): _burn,
    ("cctp", "deposit_for_burn_with_hook"): _burn,
    ("cctp", "replace_deposit_for_burn"): _replace,
}
