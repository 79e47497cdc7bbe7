"""Whose code a decoded call runs: a function's name means what a protocol says only on that
protocol's contracts.

Selectors are registered globally (``protocols/__init__``), so ``revokeRole``, ``delegate``,
``depositETH`` or ``execTransaction`` decode the same on every contract. Called on a
stranger's contract, the name is the stranger's choice: its code runs with the caller as
``msg.sender`` and can spend whatever the caller approved to it, whatever the function is
called. The rule, for every handler of the registry (``selectors.py`` and ``protocols/``),
decided per effect:

- **on a canonical contract** (an address of the book, ``data/evm_protocols.json``, or one a
  protocol module names as its deployment in ``CONTRACTS``), the handler's reading is the
  call's meaning (today's verdict);
- **elsewhere** the call is also an *opaque* call of that contract (``Call(known=False)``:
  the unknown-call policy, FLAG when it comes from an own account, carries value or names
  own, and the target is neither own nor allowlisted). What the handler read stays beside it
  and is judged too (a grant to a stranger still BLOCKs), so the verdict is never weaker
  than either reading; a "known" call the handler made of that contract is replaced by it.
  Its ``names`` stay empty: the arguments the handler read are in its effects, judged there
  (an allowlisted contract is trusted to do what they say);
- **except where the reading does not rest on the deployment**:

  - *token standards* (``TOKEN_STANDARDS``: EIP-20 / 721 / 1155 / 777 / 1363 / 2612, DAI's
    permit, Aave's credit delegation on its debt token), read on any contract, revokes
    included. "Harmless whatever the code" is not the reason (a revoke runs the token's code
    too). The reason is that the callee *is* the asset the effect names: its code rules that
    asset's ledger whether or not own calls it, and the call hands it nothing beyond own's
    holding of it and the allowances own gave the token contract itself, each judged when
    given. A give is judged by its recipient, a grant by its spender, as for any token (the
    legitimate tables revoke on LINK, ARB, ERC-777 and NameWrapper contracts outside the
    book);
  - *administration standards* (``GRANT_STANDARDS``: Ownable, AccessControl, ERC-1967 /
    ProxyAdmin, Safe owners / modules / guards, ERC-7579 modules, MultiOwnable, ERC20Votes
    ``delegate``, a Curve gauge's rewards receiver), read on any contract only when they
    give or grant a power (``names_a_party``): who gains it is what the policy judges (BLOCK
    a stranger, pass own / allowlisted). A revoke, a renounce or a self-delegation gains
    nobody anything: only the name says it is harmless, so off the book it is an unknown
    call like any other (the contract own administers belongs in ``[wallet]`` or
    ``[allowlist]``: there it passes). A delegation of own's votes to own on a vote token
    outside the book (``delegate(own)``, ``delegateBySig``) is such a call: FLAG;
  - ``CALLEE_INDEPENDENT`` lists the handlers read on any contract with their reason.

The signer's own code (its EIP-7702 delegate) and a contract calling itself run code already
judged. Own and allowlisted contracts (the owner's Safe or smart account, a contract it
lists) are not in the book: the judge treats an opaque call on them as own / trusted code
(``judge_gives.call``), so administering them keeps its verdict. The book is matched by
address on any chain (the decoder does not carry the chain id), as ``calldata``'s MultiSend
check does.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame
from aiegis_guard.chains.evm.protocols import PROTOCOL_CONTRACTS
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Transfer

__all__ = ["CALLEE_INDEPENDENT", "GRANT_STANDARDS", "TOKEN_STANDARDS", "is_canonical"]
__all__ += ["names_a_party", "runs_stranger_code"]

_TOKEN = "token standard: the callee is the token whose balance or allowance the effect moves"
TOKEN_STANDARDS: dict[str, str] = {
    # EIP-20 / EIP-721 / EIP-1155 (selectors.py), dapphub ds-token approve(guy)
    "erc20_transfer": _TOKEN,
    "transfer_from": _TOKEN,
    "erc20_approve": _TOKEN,
    "increase_allowance": _TOKEN,
    "decrease_allowance": _TOKEN,
    "ds_approve": _TOKEN,
    "set_approval_for_all": _TOKEN,
    "erc721_safe_transfer": _TOKEN,
    "erc1155_transfer": _TOKEN,
    "erc1155_batch_transfer": _TOKEN,
    # EIP-2612 / DAI permit submitted to the token itself
    "eip2612_permit": _TOKEN,
    "dai_permit": _TOKEN,
    # EIP-1363 / ERC-677 and EIP-777 (protocols/standards.py)
    "standards.transfer_and_call": _TOKEN,
    "standards.transfer_from_and_call": _TOKEN,
    "standards.approve_and_call": _TOKEN,
    "standards.send": _TOKEN,
    "standards.operator_send": _TOKEN,
    "standards.authorize_operator": _TOKEN,
    "standards.revoke_operator": _TOKEN,
    # Aave ICreditDelegationToken ``approveDelegation``: an allowance on the debt token
    "lending.approve_delegation": _TOKEN,
    # EIP-6909 multi-token ``approve`` / ``setOperator`` (protocols/erc6909.py): the callee is
    # the multi-token contract whose ids it grants. Not its ``transfer`` / ``transferFrom``:
    # that signature on a contract outside the book moves a value nothing prices (an id of an
    # unknown contract; no limit applies), so off the book it is also an opaque call (FLAG)
    **{f"erc6909.{h}": _TOKEN for h in ("approve", "set_operator")},
    # EIP-4907 ``setUser`` (protocols/rentals.py): the callee is the NFT whose user role moves
    "rentals.set_user": _TOKEN,
}
"""Read on any contract, revokes included: the callee is the asset (module docstring)."""

_ADMIN = "administration standard: the callee is the contract or account whose power it hands"
_ADMIN_HANDLERS = {
    "admin": (
        "grant_role", "named", "upgrade", "change_proxy_admin", "change_admin",
        "change_master_copy", "add_owner_address", "add_owner_public_key",
        "remove_last_owner", "update_owners", "set_owner", "set_authority", "init_owner",
        "init_passkey",
    ),
    "safe": (
        "add_owner", "remove_owner", "swap_owner", "change_threshold", "enable_module",
        "setup_and_enable_module", "disable_module", "set_guard", "set_module_guard",
        "set_fallback_handler", "approve_hash",
    ),
    "accounts": ("install_module", "uninstall_module", "set_default_validator", "set_execution"),
    "account_signers": ("set_permissions_for_signer",),
    "account_roles": ("add_owner", "replace_owner"),
    "kernel_v3": ("install_validations", "taken_back"),
    "standards": ("renounce_ownership",),
}  # fmt: skip
GRANT_STANDARDS: dict[str, str] = {
    # Ownable / Ownable2Step, ERC-1967 / UUPS (selectors.py), AccessControl, ProxyAdmin,
    # Safe OwnerManager / ModuleManager / GuardManager, ERC-7579 / Kernel modules,
    # MultiOwnable, Gnosis MultiSigWallet owners (protocols/admin.py, safe.py, accounts.py,
    # standards.py, account_roles.py)
    "transfer_ownership": _ADMIN,
    "proxy_upgrade": _ADMIN,
    **{f"{module}.{h}": _ADMIN for module, names in _ADMIN_HANDLERS.items() for h in names},
    # ERC20Votes / Comp ``delegate``: the callee is the vote token whose votes move
    "delegations.delegate_votes": "vote token standard: the callee is the token whose votes move",
    # Curve LiquidityGauge ``set_rewards_receiver``: gauges are factory-made, one per pool
    "gauges.set_rewards_receiver": "Curve gauge interface: the callee is the gauge it names",
}
"""Read on any contract only when they give or grant to a party the policy judges
(``names_a_party``); a revoke, a renounce, a grant to the caller: known only on the book."""

CALLEE_INDEPENDENT: dict[str, str] = {
    **TOKEN_STANDARDS,
    "multicall_self": "a self-multicall: its inner calls are the same contract's, each judged",
    "meta_transaction": "a meta-transaction: the contract's own function, run for the signer",
    # Ownable2Step: the caller takes the ownership the current owner offered it, a grant to
    # the caller (as ``transferOwnership(own)`` is judged)
    "standards.accept_ownership": "a grant to the caller: the ownership offered to it",
    # an account executing for its signer (Safe, ERC-4337 / 7579 accounts, Kernel, Coinbase
    # Smart Wallet): the callee is the account the request acts through (``acting_accounts``),
    # each call it makes is decoded and judged as that account's; a contract posing as one
    # reaches no more of own than the allowances own gave it
    **{
        h: "an account wrapper: the callee is the account whose calls are decoded and judged"
        for h in (
            "safe_exec",
            "account_execute",
            "account_execute_batch",
            "account_execute_batch_novalue",
            "account_execute_calls",
            "erc7579_execute",
            "self_calls_any_chain",
            "execute_user_op",
            "admin.ds_proxy_execute",
        )
    },
    "suspicious_claim": "a lure name: decoded as an unknown call already",
}
"""Handlers whose reading never rests on a canonical deployment, with the reason."""


def is_canonical(target: str) -> bool:
    """``target`` is a contract of the book or a protocol module's named deployment."""
    return target in known_contracts() or target in PROTOCOL_CONTRACTS


def names_a_party(items: list[Any]) -> bool:
    """Does the reading give or grant something that the policy judges by who gains it (a
    recipient, a spender, a new owner / role / module / delegate: a stranger BLOCKs, own or
    allowlisted passes)? A revoke, a renounce or a self-delegation gains nobody anything:
    only its name says it is harmless."""
    for item in items:
        if isinstance(item, Transfer) and item.recipient != ZERO:
            return True
        if isinstance(item, Approval) and not item.revoke and item.amount != 0:
            return True
        if isinstance(item, AuthorityChange) and item.new_authority not in (None, ZERO):
            return True
    return False


def runs_stranger_code(f: Frame, handler: str, items: list[Any]) -> bool:
    """Does the reading ``items`` of ``handler`` on ``f.target`` take a stranger's code at
    its word (module docstring)?"""
    if handler in CALLEE_INDEPENDENT or f.target in (f.origin, f.sender):
        return False  # the signer's own (7702) code, or the running code calling itself
    if is_canonical(f.target):
        return False
    return handler not in GRANT_STANDARDS or not names_a_party(items)
