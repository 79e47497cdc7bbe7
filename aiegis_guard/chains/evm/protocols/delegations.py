"""Powers lent without moving the asset: delegate.xyz delegations, vote delegation and Safe
AllowanceModule spending limits.

Sources:

- delegatexyz/delegate-registry v2 ``src/IDelegateRegistry.sol`` (registry
  ``0x00000000000000447e69651d841bD8D104Bed493``): ``delegateAll(address to, bytes32 rights,
  bool enable)``, ``delegateContract(address to, address contract_, bytes32 rights, bool
  enable)``, ``delegateERC721(address to, address contract_, uint256 tokenId, bytes32 rights,
  bool enable)``, ``delegateERC20(address to, address contract_, bytes32 rights, uint256
  amount)`` and ``delegateERC1155(address to, address contract_, uint256 tokenId, bytes32
  rights, uint256 amount)`` (``enable`` false / amount 0 revokes). The delegate may act for
  ``msg.sender`` wherever a contract reads the registry (airdrop claims, mints, token-gated
  access): an authority over the caller's account, or over its tokens of ``contract_``.
- delegatexyz/delegate-registry v1 ``src/IDelegationRegistry.sol`` (``delegateForAll(address
  delegate, bool value)``, ``delegateForContract(address, address contract_, bool)``,
  ``delegateForToken(address, address, uint256 tokenId, bool)``; ``revokeAllDelegates()``,
  ``revokeDelegate(address)``, ``revokeSelf(address vault)`` take delegations back): the same
  powers, still read by older claim contracts.
- OpenZeppelin ``contracts/governance/utils/Votes.sol`` / ``token/ERC20/extensions/
  ERC20Votes.sol`` and Uniswap/governance ``Uni.sol`` (``delegate(address delegatee)``): the
  caller's voting power in the token goes to ``delegatee`` (signed form: ``protocols/signed.py``
  ``Delegation``). ``delegate(address(0))`` leaves the votes uncounted and self-delegation
  keeps them: nobody gains them. ``delegateBySig(delegatee, nonce, expiry, v, r, s)`` submits
  a signed ``Delegation``: the votes moved are the signer's, recovered on-chain from the
  token's EIP-712 domain (its name is not in the call), so the signer cannot be told offline:
  judged as the own account's (what the typed-data form of the own signature is), never
  weaker. Decoded as such only on a known vote token (``VOTE_TOKENS``): elsewhere the call runs
  a stranger's code, an unknown call (a delegation to a stranger still judged).
  Judged as a grant (BLOCK to a stranger), not a FLAG: no asset moves, but the delegatee
  holds the votes until the owner notices and re-delegates, and a vote cast with them (a
  treasury-draining proposal, a quorum reached) cannot be undone; the policy makes no
  exception for authority over voting power, and an allowlisted delegatee (operators /
  delegates / spenders) or self-delegation passes.
- safe-global/safe-modules ``modules/allowances/contracts/AllowanceModule.sol``
  (``setAllowance(address delegate, address token, uint96 allowanceAmount, uint16 resetTimeMin,
  uint32 resetBaseMin)``: ``delegate`` may transfer up to ``allowanceAmount`` of the Safe's
  ``token`` (address 0: ETH) with ``executeAllowanceTransfer``, again every ``resetTimeMin``
  minutes when it is not 0; ``addDelegate(address)`` / ``removeDelegate(address, bool)`` /
  ``deleteAllowance(address, address)``: a delegate without an allowance spends nothing).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.account_roles import account_delegate
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.transaction import Asset, AssetKind, AuthorityChange, Call

__all__ = ["CONTRACTS", "TABLE", "vote_delegation"]


# the contracts these selectors belong to: delegate.xyz v2 / v1 registries (their READMEs'
# deployment addresses, the same on every chain) and Safe's AllowanceModule 0.1.0
# (safe-global/safe-modules allowances deployment). Elsewhere a "revoke" runs a stranger's
# code: an unknown call, whatever its name.
REGISTRY_V2 = "0x00000000000000447e69651d841bd8d104bed493"
REGISTRY_V1 = "0x00000000000076a84fef008cdabe6409d2fe638b"
ALLOWANCE_MODULE = "0xcfbfac74c26f8647cbdb8c5caf80bb5b32e43134"
_CANONICAL = frozenset({REGISTRY_V2, REGISTRY_V1, ALLOWANCE_MODULE})


def _taken_back(f: Frame, fn: Function, a: list[Any]) -> Call:
    """A delegation or delegate taken back (nobody gains a power): a known call only on the
    registry / module it belongs to; elsewhere unknown code naming the addresses it carries."""
    if f.target in _CANONICAL:
        return named_call(f, fn)
    names = tuple(x for x in a if isinstance(x, str) and x.startswith("0x"))
    return named_call(f, fn, known=False, names=names)


def _delegation(
    f: Frame, what: str, to: str, over: Asset | None = None, token_id: int | None = None
) -> AuthorityChange:
    """``to`` may act for the caller (``over`` one asset of it, or the whole account)."""
    return AuthorityChange(
        via="delegate_registry.delegate",
        account=f.sender or "",
        new_authority=to,
        authority_type=what,
        current_authority=f.sender,
        asset=over,
        token_id=token_id,
    )


def _delegate_all(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, _rights, enable = a
    return (
        [_delegation(f, "delegate_all", to)] if enable and to != ZERO else [_taken_back(f, fn, a)]
    )


def _delegate_contract(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, _rights, enable = a
    if not enable or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_contract", to, asset(contract, AssetKind.UNKNOWN))]


def _delegate_erc721(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, token_id, _rights, enable = a
    if not enable or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_token", to, asset(contract, AssetKind.NFT), token_id)]


def _delegate_erc20(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, _rights, amount = a
    if not amount or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_balance", to, asset(contract))]


def _delegate_erc1155(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, token_id, _rights, amount = a
    if not amount or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_token", to, asset(contract, AssetKind.NFT), token_id)]


def _v1_all(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, enable = a
    return (
        [_delegation(f, "delegate_all", to)] if enable and to != ZERO else [_taken_back(f, fn, a)]
    )


def _v1_contract(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, enable = a
    if not enable or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_contract", to, asset(contract, AssetKind.UNKNOWN))]


def _v1_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, contract, token_id, enable = a
    if not enable or to == ZERO:
        return [_taken_back(f, fn, a)]
    return [_delegation(f, "delegate_token", to, asset(contract, AssetKind.NFT), token_id)]


def vote_delegation(token: str, delegatee: str, delegator: str | None) -> AuthorityChange:
    """``delegator``'s voting power in ``token`` handed to ``delegatee`` (no account: the
    signer's own, for a signed delegation)."""
    return AuthorityChange(
        via="votes.delegate",
        account=token if delegator else "",
        new_authority=delegatee,
        authority_type="votes",
        current_authority=delegator,
        asset=asset(token),
    )


def _delegate_votes(f: Frame, fn: Function, a: list[Any]) -> Result:
    if a[0] in (ZERO, f.sender):  # uncounted, or the caller's own votes kept
        return [named_call(f, fn)]
    return [vote_delegation(f.target, a[0], f.sender)]


# ERC20Votes / Comp-style vote tokens whose ``delegateBySig`` is the one above: UNI and ENS
# (bgd-labs/aave-address-book src/ts/AaveV3Ethereum.ts ASSETS.UNI / ENS UNDERLYING), COMP
# (compound-finance/compound-protocol networks/mainnet.json COMP), OP (ethereum-optimism/specs
# predeploys GovernanceToken, as data/evm_protocols.json).
VOTE_TOKENS = frozenset(
    {
        "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984",
        "0x4200000000000000000000000000000000000042",
        "0xc18360217d8f7ab5e7c516566761ea12ce7f9d72",
        "0xc00e94cb662c3520282e6f5717214004a7f26888",
    }
)
CONTRACTS = _CANONICAL | VOTE_TOKENS  # what these handlers mean only here (callee.py)


def _delegate_by_sig(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``delegateBySig``: the signer's votes in ``f.target`` to ``delegatee`` (module docstring);
    ``delegatee`` zero leaves them uncounted. Only a known vote token runs that code: elsewhere
    the call is a stranger's code run by the caller (an unknown call naming ``delegatee``),
    and the signed delegation it carries is still judged (never weaker than the signature)."""
    grant = [] if a[0] == ZERO else [vote_delegation(f.target, a[0], None)]
    if f.target in VOTE_TOKENS:
        return grant or [named_call(f, fn)]
    return [named_call(f, fn, known=False, names=(a[0],)), *grant]


def _set_allowance(f: Frame, fn: Function, a: list[Any]) -> Result:
    delegate, token, amount, _reset_min, _base_min = a
    return [approval("safe_allowance.set_allowance", token, f.sender, delegate, amount)]


def _add_delegate(f: Frame, fn: Function, a: list[Any]) -> Result:
    """On the AllowanceModule a delegate without an allowance spends nothing (``setAllowance``
    is the grant); on an account (Kwenta smart margin, ``account_roles.py``) a delegate trades
    with the account's value: an authority over it."""
    if f.target == ALLOWANCE_MODULE or a[0] == ZERO:
        return [named_call(f, fn, known=f.target == ALLOWANCE_MODULE)]
    return [account_delegate(f, a[0])]


def _named(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_taken_back(f, fn, a)]


TABLE = (
    ("delegateAll(address,bytes32,bool)", _delegate_all),
    ("delegateContract(address,address,bytes32,bool)", _delegate_contract),
    ("delegateERC721(address,address,uint256,bytes32,bool)", _delegate_erc721),
    ("delegateERC20(address,address,bytes32,uint256)", _delegate_erc20),
    ("delegateERC1155(address,address,uint256,bytes32,uint256)", _delegate_erc1155),
    ("delegateForAll(address,bool)", _v1_all),
    ("delegateForContract(address,address,bool)", _v1_contract),
    ("delegateForToken(address,address,uint256,bool)", _v1_token),
    ("revokeAllDelegates()", _named),
    ("revokeDelegate(address)", _named),
    ("revokeSelf(address)", _named),
    ("delegate(address)", _delegate_votes),
    ("delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)", _delegate_by_sig),
    ("setAllowance(address,address,uint96,uint16,uint32)", _set_allowance),
    ("addDelegate(address)", _add_delegate),
    ("removeDelegate(address,bool)", _named),
    ("deleteAllowance(address,address)", _named),
)
