"""Compare a table's expected effects with the effects a verdict carries.

The vector table (``tests/vectors/effects_real.md``) writes effects as
``{"kind", "asset", "amount", "counterparty"}`` with its own asset names (``erc20:<addr>``,
``erc721:<addr>#<id>``, ``spl:<mint>``, ``safe:<addr>``...). The guard writes
:meth:`aiegis_guard.chains.effects.Effect.to_json`. Lenient on representation, strict on
meaning:

* kind, the asset (contract / mint / token id / the account an authority acts on) and the
  counterparty must agree; EVM addresses compare case-insensitively; the zero address as an
  authority's counterparty is "nobody" (renounced); an authority on ``spl:<mint>`` acts on
  the mint account;
* amounts: a number must be equal (an NFT's amount is its token id), ``unlimited`` / ``all``
  need an unlimited (or unknown "all") effect, ``>=N`` needs the minimum output N,
  ``unknown`` (vault shares, pool tokens: computed on-chain, table 18) an effect whose amount
  the request does not fix;
* authority roles are compared through synonyms (``owner`` ~ ``owner_added`` /
  ``account_owner``; ``masterCopy`` ~ a DELEGATECALL that can rewrite the Safe's storage;
  ``code`` ~ a 7702 delegation, a DELEGATECALL or a proxy's implementation: foreign code run
  as the account; ``freeze_authority`` ~ SPL ``AuthorityType::FreezeAccount``);
* the counterparties ``any_fulfiller`` / ``pool`` / ``solver`` / ``""`` match anyone, and so
  does an order's offer (``what="offer"``: whoever fills it receives it);
* an expected grant of amount ``0`` is a revoke; an authority effect without an account acts
  on the signer (the row's own address);
* a swap output (or an NFT minted: a name registered) for another: the table's ``gets``
  (counterparty the other) is the guard's ``gives`` of it to them; an opaque DELEGATECALL is
  the guard's authority effect ``delegatecall``; a Compound III ``manager`` authority is an
  unlimited grant of the Comet; a token account (a Jupiter output ATA) is its owner's when
  it is the owner's associated account of the mint; a stake withdrawal to the wallet (own
  gives to own) is the table's own ``gets``; a wrapped-SOL ``CloseAccount`` pays all its
  lamports;
* a Solana ``CloseAccount`` (an ``authority`` effect, what ``close_account``) stands for the
  account's rent going to its destination: it matches an expected SOL gives / gets to that
  destination whatever the amount (the rent is not in the transaction);
* an ERC-721 ``transferFrom`` / ``approve`` on a collection outside the book is ERC-20's
  calldata too: the guard's give / grant of ``id`` units of that contract is the NFT ``#id``;
* an ERC-6909 id (``erc6909:<contract>#<id>``, ``erc6909:<contract>:*`` for an operator) is
  compared as an ERC-1155 id (the guard writes both as multi-token ids with amounts);
* an ENS name as a token (``erc721:<BaseRegistrar>#name.eth``, a Basename
  ``#name.base.eth``) is its id, keccak256 of its first label (the label registered under
  the registrar's root: ens-contracts ``BaseRegistrarImplementation``, base-org/basenames
  ``RegistrarController.available``);
* NFT items merged into one effect for display (``token_ids`` of several) count one per token;
* an upgrade authority on ``account:<program id>`` is the one its ProgramData account holds
  (the BPF Upgradeable Loader's PDA ``[program id]``);
* an authority over a token (votes delegated) matches an ``erc20:<token>`` by the asset it is
  over, whatever account it names;
* a ``contract:<addr>`` given or received (shares in a strategy, a position in a market) is
  an effect on the asset of that contract, and a ``stake:<key>`` given or received (a
  beacon-chain validator's balance, named by its BLS key) one on the asset of that key;
* the opaque effects' asset words (``nft:blur_bulk_listing``) are descriptions: an opaque
  effect matches on its counterparty (target) only.

A row matches when every expected effect has its own actual effect and no actual gives /
grants / authority effect on the own account is left unexplained (revokes excepted).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.checksums import keccak256

__all__ = ["effects_match", "unexplained"]

WILDCARDS = frozenset({"any_fulfiller", "pool", "solver", ""})
_EVM_ZERO = "0x" + "0" * 40
_WSOL = "spl:So11111111111111111111111111111111111111112"
_TOKEN_PROGRAMS = (
    Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
    Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"),
)
_ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "owner": ("owner", "ownership"),
    "programowner": ("owner", "assign"),
    "code": ("code", "delegation", "7702", "delegatecall", "implementation"),
    "mastercopy": ("mastercopy", "singleton", "implementation", "delegatecall"),
    "module": ("module",),
    "threshold1": ("threshold",),
    "withdrawer": ("withdraw",),
    "staker": ("staker", "stake_authority", "stakeauthority"),
    "closeauthority": ("close_account", "closeauthority"),  # SPL AuthorityType::CloseAccount
    "freezeauthority": ("freeze_account", "freezeauthority"),  # SPL AuthorityType::FreezeAccount
}
_SENSITIVE = frozenset({"gives", "grants", "authority"})


def _norm(addr: Any) -> str:
    text = str(addr or "")
    return text.lower() if text.startswith("0x") else text


def _squash(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def _split_asset(asset: str) -> tuple[str, str, str | None]:
    """``erc721:0xab#12`` -> (``erc721``, ``0xab``, ``12``); ``erc721:0xab:*`` -> (.., ``*``)."""
    prefix, _, rest = asset.partition(":")
    if rest.endswith(":*"):
        return prefix, _norm(rest[:-2]), "*"
    address, _, token = rest.partition("#")
    if token.endswith(".eth"):  # an ENS name: its ERC-721 id is uint256(keccak256(label))
        label = token.split(".", 1)[0]
        token = str(int.from_bytes(keccak256(label.encode("utf-8")), "big"))
    return prefix, _norm(address), token or None


def _actual_address(actual: Mapping[str, Any]) -> str:
    key = str(actual.get("asset") or "")
    return _norm(key.partition(":")[2])


def _asset_ok(exp: Mapping[str, Any], act: Mapping[str, Any], own: str) -> bool:
    prefix, address, token = _split_asset(str(exp["asset"]))
    kind = act.get("asset_kind")
    if prefix == "native":
        return kind == "native"
    if prefix in ("erc20", "spl") and act["kind"] != "authority":
        return kind in ("fungible", "unknown") and _actual_address(act) == address
    if prefix == "erc20" and act.get("asset") and _actual_address(act) == address:
        return True  # an authority over a token (votes): the asset it is over
    if prefix in ("erc721", "erc1155", "erc6909"):
        if _actual_address(act) != address:
            return False
        ids = [str(i) for i in act.get("token_ids") or ()]
        return token == "*" or token is None or token in ids or (not ids and bool(act["unlimited"]))
    # safe: / account: / spl_account: / stake: / contract: name the account acted on (an
    # authority effect without an account acts on the signer: the own account); a position
    # given or received (``contract:<strategy>`` shares, ``stake:<validator key>``) or an
    # asset account given, received or granted (a compressed / Metaplex Core NFT, a name
    # account) is the guard's asset
    account = _norm(act.get("account") or ("" if act["kind"] != "authority" else own))
    moved = ("gives", "gets") if prefix in ("contract", "stake") else ("gives", "gets", "grants")
    if prefix in ("contract", "account", "stake") and act["kind"] in moved:
        return address in (account, _norm(act.get("target")), _actual_address(act))
    if prefix == "account" and act["kind"] == "authority" and account == _program_data(address):
        return True  # a program's upgrade authority is held by its ProgramData account
    return address in (account, _norm(act.get("target")))


_UPGRADEABLE_LOADER = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")


def _program_data(program: str) -> str | None:
    """The ProgramData account of an upgradeable program: the loader's PDA ``[program id]``
    (anza-xyz/solana-sdk ``loader-v3-interface`` ``get_program_data_address``)."""
    try:
        key = Pubkey.from_string(program)
    except ValueError:
        return None
    return str(Pubkey.find_program_address([bytes(key)], _UPGRADEABLE_LOADER)[0])


def _amount_ok(exp: Mapping[str, Any], act: Mapping[str, Any]) -> bool:
    want = str(exp["amount"])
    got = act.get("amount")
    if act["kind"] == "authority":
        roles = _ROLE_SYNONYMS.get(_squash(want), (_squash(want),))
        what = _squash(str(act.get("what") or "") + str(act.get("via") or ""))
        return any(_squash(r) in what for r in roles)
    if want == "0" and act.get("what") == "revoke":
        return True
    if got is not None and want.isdigit() and int(got) == int(want):
        return True
    if want in ("unlimited", "all"):
        return bool(act["unlimited"]) or (want == "all" and got is None)
    if want == "unknown":  # computed on-chain (shares, pool tokens): not fixed by the request
        return got is None or bool(act["unlimited"])
    if want.startswith(">="):
        return got is not None and int(got) == int(want[2:])
    if str(exp["asset"]).startswith(("erc721:", "erc1155:", "erc6909:")) and "#" in str(
        exp["asset"]
    ):
        return got is None or int(got) == int(want) or act.get("asset_kind") == "nft"
    return False


def _counterparty_ok(exp: Mapping[str, Any], act: Mapping[str, Any]) -> bool:
    want = _norm(exp["counterparty"])
    if want in WILDCARDS or act.get("what") == "offer":  # an order's offer: whoever fills it
        return True
    if want == _EVM_ZERO and act.get("counterparty") is None:  # renounced: to nobody
        return True
    got = _norm(act.get("counterparty"))
    return want in (got, _norm(act.get("target"))) or _token_account_of(exp, want, got)


def _token_account_of(exp: Mapping[str, Any], wallet: str, account: str) -> bool:
    """The guard names a token account (a Jupiter output ATA) where the table names its
    owner: the same party when ``account`` is ``wallet``'s associated account of the mint."""
    prefix, mint, _ = _split_asset(str(exp["asset"]))
    if prefix != "spl" or not account or wallet.startswith("0x"):
        return False
    try:
        owner, token = Pubkey.from_string(wallet), Pubkey.from_string(mint)
    except ValueError:
        return False
    return any(
        str(get_associated_token_address(owner, token, program)) == account
        for program in _TOKEN_PROGRAMS
    )


def _close_as_rent(exp: Mapping[str, Any], act: Mapping[str, Any]) -> bool:
    """A CloseAccount matches the expected rent payment to its destination (a wrapped-SOL
    account: all its lamports, the balance with the rent)."""
    return (
        act["kind"] == "authority"
        and act.get("what") == "close_account"
        and exp["kind"] in ("gives", "gets")
        and str(exp["asset"]) in ("native:SOL", _WSOL)
        and _counterparty_ok(exp, act)
    )


def _own_move(exp: Mapping[str, Any], act: Mapping[str, Any], own: str) -> bool:
    """Value moved between own accounts (a stake withdrawal to the wallet): the table says
    the own account ``gets`` it, the guard that an own account ``gives`` it to own."""
    return (
        exp["kind"] == "gets"
        and act["kind"] == "gives"
        and _norm(exp["counterparty"]) == _norm(own)
        and _norm(act.get("counterparty")) == _norm(own)
    )


def _output_elsewhere(exp: Mapping[str, Any], act: Mapping[str, Any], own: str) -> bool:
    """What the request pays for goes to another: the table writes that the other ``gets``
    it, the guard that the own account ``gives`` it to them (a swap output,
    ``what="output"``; an NFT minted to another: a name registered for another owner)."""
    minted = act.get("asset_kind") == "nft" and _norm(exp["counterparty"]) == _norm(
        act.get("counterparty")
    )
    return (
        exp["kind"] == "gets"
        and act["kind"] == "gives"
        and _norm(exp["counterparty"]) != _norm(own)
        and (act.get("what") == "output" or minted)
    )


def _same_meaning(exp: Mapping[str, Any], act: Mapping[str, Any]) -> bool:
    """Two spellings of one effect: the table's opaque DELEGATECALL is the guard's authority
    effect ``delegatecall`` (code run as the account); the table's Compound III ``manager``
    authority on ``contract:<comet>`` is the guard's unlimited grant of that Comet."""
    if exp["kind"] == "opaque" and act.get("what") == "delegatecall":
        return _counterparty_ok(exp, act)
    if exp["kind"] == "authority" and _squash(str(exp["amount"])) == "manager":
        comet = _split_asset(str(exp["asset"]))[1]
        return (
            act["kind"] == "grants"
            and bool(act["unlimited"])
            and _actual_address(act) == comet
            and _counterparty_ok(exp, act)
        )
    return False


def _id_as_amount(exp: Mapping[str, Any], act: Mapping[str, Any]) -> bool:
    """An ERC-721 ``transferFrom(from, to, id)`` / ``approve(to, id)`` on a collection the
    guard does not know is the same calldata as ERC-20's ``transferFrom`` / ``approve`` of
    ``id`` units: the guard reads the id as an amount of that contract."""
    prefix, address, token = _split_asset(str(exp["asset"]))
    return (
        prefix == "erc721"
        and exp["kind"] == act["kind"]
        and exp["kind"] in ("gives", "grants")
        and token is not None
        and token.isdigit()
        and act.get("asset_kind") in ("fungible", "unknown")
        and _actual_address(act) == address
        and str(act.get("amount")) == token
        and _counterparty_ok(exp, act)
    )


def _one(exp: Mapping[str, Any], act: Mapping[str, Any], own: str) -> bool:
    if _close_as_rent(exp, act) or _same_meaning(exp, act) or _id_as_amount(exp, act):
        return True
    if exp["kind"] != act["kind"] and not (
        _output_elsewhere(exp, act, own) or _own_move(exp, act, own)
    ):
        return False
    if exp["kind"] == "opaque":
        return _counterparty_ok(exp, act)
    try:
        return _asset_ok(exp, act, own) and _amount_ok(exp, act) and _counterparty_ok(exp, act)
    except (ValueError, TypeError):
        return False


def _assign(
    expected: Sequence[Mapping[str, Any]], actual: Sequence[Mapping[str, Any]], own: str
) -> bool:
    """Every expected effect gets a distinct actual one (small sets: backtracking)."""

    def go(i: int, used: frozenset[int]) -> bool:
        if i == len(expected):
            return True
        return any(
            go(i + 1, used | {j})
            for j, act in enumerate(actual)
            if j not in used and _one(expected[i], act, own)
        )

    return go(0, frozenset())


def unexplained(
    expected: Sequence[Mapping[str, Any]], actual: Sequence[Mapping[str, Any]], own: str
) -> list[Mapping[str, Any]]:
    """Actual gives / grants / authority effects that no expected effect explains (a give to
    the own account itself, an account closed with its rent to it, and revokes, need no
    explaining)."""
    out = []
    for act in actual:
        if act["kind"] not in _SENSITIVE or act.get("what") == "revoke":
            continue
        to_own = _norm(act.get("counterparty")) == _norm(own)
        if to_own and (act["kind"] == "gives" or act.get("what") == "close_account"):
            continue  # value (a closed account's rent) back to the own account
        if not any(_one(exp, act, own) for exp in expected):
            out.append(act)
    return out


def _one_per_token(actual: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """NFT items merged for display ("#1 and 3 more") split back into one effect per token."""
    out: list[Mapping[str, Any]] = []
    for act in actual:
        ids = act.get("token_ids") or ()
        if len(ids) > 1:
            out += [{**act, "token_ids": [i]} for i in ids]
        else:
            out.append(act)
    return out


def effects_match(
    expected: Sequence[Mapping[str, Any]], actual: Sequence[Mapping[str, Any]], own: str
) -> bool:
    """The row's effects agree (see the module docstring)."""
    actual = _one_per_token(actual)
    return _assign(expected, actual, own) and not unexplained(expected, actual, own)
