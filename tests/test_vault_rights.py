"""Who may move a lending, options or perps position, and where its value lands
(``protocols/bentobox.py``, ``maker_vaults.py``, ``market_rights.py``, ``gmx_v1.py``,
``opyn_gamma.py``): a master contract, vault manager, delegate, plugin or operator handed to a
stranger is authority over own's position (BLOCK), to an allowlisted party it passes, taking
it back gives nobody anything; a balance paid to a stranger is a give.

Signatures from sushiswap/bentobox ``BentoBoxFlat.sol`` (and its ``SetMasterContractApproval``
typehash), makerdao/dss-cdp-manager / dss ``vat.sol``, VenusProtocol Comptroller
``updateDelegate``, alchemix-finance v2 ``IAlchemistV2Actions``, gmx-io/gmx-contracts
``Router.sol``, opynfinance/GammaProtocol ``Controller.sol`` / ``Actions.sol``; calldata is
eth_abi's encoding. Contracts are their mainnet / Arbitrum / BNB deployments (the module
docstrings); operators, keepers and strangers are generated addresses."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Transfer
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import OWN, STRANGER, USDC, ZERO, addr, operations, own_tx

BENTOBOX = "0xf5bce5077908a1b7370b9ae04adc565ebd643966"
KASHI = "0x2cba6ab6574646badc84f0544d05059e57a5dc42"
CDP_MANAGER = "0x5ef30b9986345249bc32d8928b7ee64de9435e39"
VAT = "0x35d1b3f3d7966a1dfe207aa4514c12a259a0492b"
VENUS = "0xfd36e2c2a6789db23113685031d7f16329158384"
ALCHEMIST = "0x5c6374a2ac4ebc38dea0fc1f8716e5ea1add94dd"
ALUSD = "0xbc6da0fe9ad5f3b0d58160288917aa56653660e9"
YVDAI = "0xda816459f1ab5631232fe5e97a05bbbb94970c95"
GMX_ROUTER = "0xabbc5f99639c9b6bcb58544ddf04efa6802f4064"
OPYN = "0x4ccc2339f87f6c59c6893e1a678c2266ca58dc72"
WETH = "0x82af49447d8a07e3bd95bd0d56f35241523fbab1"  # Arbitrum WETH
KEEPER = addr("keeper")
LOOKALIKE = addr("another protocol's contract")
ALL = (1 << 256) - 1
_OPERATE = "operate((uint8,address,address,address,uint256,uint256,uint256,bytes)[])"


def verdict(payload: dict[str, Any], typed: bool = False) -> Action:
    """OWN's verdict with KEEPER allowlisted as operator (none of the protocols is)."""
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm_operators": [KEEPER]}}
    )
    guard = Guard(policy, classifier=False)
    if typed:
        return guard.check_typed_data(payload).action
    return guard.check_transaction(payload, chain="evm").action


def _master(user: str, master: str, approved: bool = True) -> bytes:
    sig = "setMasterContractApproval(address,address,bool,uint8,bytes32,bytes32)"
    return call(sig, user, master, approved, 0, b"\0" * 32, b"\0" * 32)


def master_typed(master: str, approved: Any = True) -> dict[str, Any]:
    """The BentoBox V1 ``SetMasterContractApproval`` typed data OWN signs."""
    warning = "Give FULL access to funds in (and approved to) BentoBox?"
    fields = ("warning:string", "user:address", "masterContract:address", "approved:bool",
              "nonce:uint256")  # fmt: skip
    domain = ("name:string", "chainId:uint256", "verifyingContract:address")
    return {
        "types": {
            "EIP712Domain": [
                dict(zip(("name", "type"), f.split(":"), strict=True)) for f in domain
            ],
            "SetMasterContractApproval": [
                dict(zip(("name", "type"), f.split(":"), strict=True)) for f in fields
            ],
        },
        "primaryType": "SetMasterContractApproval",
        "domain": {"name": "BentoBox V1", "chainId": 1, "verifyingContract": BENTOBOX},
        "message": {
            "warning": warning if approved else "Revoke access to BentoBox?",
            "user": OWN,
            "masterContract": master,
            "approved": approved,
            "nonce": 0,
        },
    }


@pytest.mark.parametrize(
    ("payload", "typed", "expected"),
    [
        pytest.param(own_tx(BENTOBOX, _master(OWN, STRANGER)), False, Action.BLOCK,
                     id="master-stranger"),
        pytest.param(own_tx(BENTOBOX, _master(OWN, KEEPER)), False, Action.ALLOW,
                     id="master-allowlisted"),
        pytest.param(own_tx(BENTOBOX, _master(OWN, STRANGER, False)), False, Action.ALLOW,
                     id="master-revoked"),
        pytest.param(master_typed(STRANGER), True, Action.BLOCK, id="signed-master-stranger"),
        pytest.param(master_typed(KASHI), True, Action.BLOCK,
                     id="signed-kashi-known-is-not-trusted"),
        pytest.param(master_typed(KEEPER), True, Action.ALLOW, id="signed-master-allowlisted"),
        pytest.param(master_typed(STRANGER, False), True, Action.ALLOW, id="signed-revoke"),
    ],
)  # fmt: skip
def test_bentobox_master_approval(payload: dict[str, Any], typed: bool, expected: Action) -> None:
    """A master contract may move every BentoBox balance: a stranger BLOCKs, signed or sent."""
    assert verdict(payload, typed) is expected


@pytest.mark.parametrize(
    ("approved", "expected"),
    [
        pytest.param("true", Action.BLOCK, id="string-true"),
        pytest.param("yes", Action.BLOCK, id="any-non-empty-string"),
        pytest.param(2, Action.BLOCK, id="integer-2"),
        pytest.param("false", Action.FLAG, id="string-false-signers-disagree"),
        pytest.param("0", Action.FLAG, id="string-0-signers-disagree"),
        pytest.param("", Action.ALLOW, id="benign-empty-string-is-false"),
        pytest.param(0, Action.ALLOW, id="benign-integer-0-is-false"),
    ],
)
def test_typed_bool_read_as_signers_encode(approved: Any, expected: Action) -> None:
    """A typed-data ``bool`` is read as eth_account / ethers sign it (review25t F3): a
    non-empty string or a non-zero integer is true, so ``approved: "true"`` grants (BLOCK);
    ``"false"`` / ``"0"`` sign false in eth_account, true in ethers: undecodable (FLAG)."""
    assert verdict(master_typed(STRANGER, approved), typed=True) is expected


def _bento(fn: str, *args: Any) -> dict[str, Any]:
    return own_tx(BENTOBOX, call(fn, *args))


_WITHDRAW = "withdraw(address,address,address,uint256,uint256)"
_TRANSFER = "transfer(address,address,address,uint256)"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(_bento(_WITHDRAW, USDC, OWN, OWN, 10**9, 0), Action.ALLOW, id="withdraw-own"),
        pytest.param(_bento(_WITHDRAW, USDC, OWN, STRANGER, 10**9, 0), Action.FLAG,
                     id="withdraw-to-stranger"),
        pytest.param(_bento(_TRANSFER, USDC, OWN, STRANGER, 10**9), Action.FLAG,
                     id="shares-to-stranger"),
        pytest.param(_bento("transferMultiple(address,address,address[],uint256[])", USDC, OWN,
                            [OWN, STRANGER], [1, 2]), Action.FLAG, id="shares-split"),
        pytest.param(_bento("deposit(address,address,address,uint256,uint256)", USDC, OWN, OWN,
                            10**9, 0), Action.ALLOW, id="deposit-own"),
        pytest.param(_bento("batch(bytes[],bool)", [_master(OWN, STRANGER)], True), Action.BLOCK,
                     id="batched-master-approval"),
        pytest.param(_bento("permitToken(address,address,address,uint256,uint256,uint8,bytes32,"
                            "bytes32)", USDC, OWN, STRANGER, ALL, 2**48, 27, b"\1" * 32,
                            b"\2" * 32), Action.BLOCK, id="permit-through-the-box"),
    ],
)  # fmt: skip
def test_bentobox_balances(payload: dict[str, Any], expected: Action) -> None:
    """A BentoBox balance paid or credited to a stranger is a give; to own, nothing."""
    assert verdict(payload) is expected


def test_bentobox_give_names_the_recipient() -> None:
    """``withdraw(token, own, stranger, amount, 0)`` gives ``amount`` of the token to him."""
    ops = operations(_bento(_WITHDRAW, USDC, OWN, STRANGER, 10**9, 0))
    gives = [op for op in ops if isinstance(op, Transfer)]
    assert [(g.recipient, g.amount, g.asset.address) for g in gives] == [(STRANGER, 10**9, USDC)]


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(CDP_MANAGER, call("cdpAllow(uint256,address,uint256)", 7, STRANGER,
                                              1)), Action.BLOCK, id="cdp-allow-stranger"),
        pytest.param(own_tx(CDP_MANAGER, call("cdpAllow(uint256,address,uint256)", 7, KEEPER,
                                              1)), Action.ALLOW, id="cdp-allow-keeper"),
        pytest.param(own_tx(CDP_MANAGER, call("cdpAllow(uint256,address,uint256)", 7, STRANGER,
                                              0)), Action.ALLOW, id="cdp-allow-revoked"),
        pytest.param(own_tx(CDP_MANAGER, call("urnAllow(address,uint256)", STRANGER, 1)),
                     Action.BLOCK, id="urn-allow-stranger"),
        pytest.param(own_tx(CDP_MANAGER, call("give(uint256,address)", 7, STRANGER)),
                     Action.BLOCK, id="give-vault-stranger"),
        pytest.param(own_tx(CDP_MANAGER, call("give(uint256,address)", 7, KEEPER)),
                     Action.ALLOW, id="give-vault-allowlisted"),
        pytest.param(own_tx(CDP_MANAGER, call("quit(uint256,address)", 7, STRANGER)),
                     Action.BLOCK, id="quit-into-stranger-urn"),
        pytest.param(own_tx(CDP_MANAGER, call("flux(uint256,address,uint256)", 7, STRANGER,
                                              10**18)), Action.FLAG, id="flux-to-stranger"),
        pytest.param(own_tx(CDP_MANAGER, call("flux(uint256,address,uint256)", 7, OWN, 10**18)),
                     Action.ALLOW, id="flux-to-own"),
        pytest.param(own_tx(CDP_MANAGER, call("enter(address,uint256)", OWN, 7)), Action.FLAG,
                     id="enter-unplaced-vault"),
        pytest.param(own_tx(VAT, call("hope(address)", STRANGER)), Action.BLOCK,
                     id="vat-hope-stranger"),
        pytest.param(own_tx(VAT, call("nope(address)", STRANGER)), Action.ALLOW, id="vat-nope"),
        pytest.param(own_tx(VAT, call("move(address,address,uint256)", OWN, STRANGER, 10**45)),
                     Action.FLAG, id="vat-move-to-stranger"),
        pytest.param(own_tx(LOOKALIKE, call("cdpAllow(uint256,address,uint256)", 7, STRANGER,
                                            0)), Action.FLAG, id="revoke-on-unknown-contract"),
    ],
)  # fmt: skip
def test_maker_vault_rights(payload: dict[str, Any], expected: Action) -> None:
    """Who may operate or owns own's Maker vault, and where its Vat balances go."""
    assert verdict(payload) is expected


FRIEND_CONTRACT = addr("an allowlisted contract with a give(uint256,address)")


def allowlisted_verdict(payload: dict[str, Any]) -> Action:
    """OWN's verdict with the Maker manager, the Vat and FRIEND_CONTRACT allowlisted, KEEPER
    an allowlisted recipient."""
    allow = {"evm": [CDP_MANAGER, VAT, FRIEND_CONTRACT, KEEPER], "evm_operators": [KEEPER]}
    policy = Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": allow})
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm").action


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(CDP_MANAGER, call("shift(uint256,uint256)", 7, 666)), Action.FLAG,
                     id="shift-into-unnamed-vault"),
        pytest.param(own_tx(CDP_MANAGER, call("enter(address,uint256)", OWN, 666)), Action.FLAG,
                     id="enter-own-urn-into-unnamed-vault"),
        pytest.param(own_tx(CDP_MANAGER, call("frob(uint256,int256,int256)", 7, 10**18, 0)),
                     Action.ALLOW, id="benign-frob-own-vault"),
        pytest.param(own_tx(CDP_MANAGER, call("flux(uint256,address,uint256)", 7, OWN, 10**18)),
                     Action.ALLOW, id="benign-flux-to-own"),
        pytest.param(own_tx(CDP_MANAGER, call("cdpAllow(uint256,address,uint256)", 7, STRANGER,
                                              2)), Action.ALLOW, id="cdp-allow-2-is-a-revoke"),
        pytest.param(own_tx(CDP_MANAGER, call("urnAllow(address,uint256)", STRANGER, 2)),
                     Action.ALLOW, id="urn-allow-2-is-a-revoke"),
        pytest.param(own_tx(CDP_MANAGER, call("cdpAllow(uint256,address,uint256)", 7, STRANGER,
                                              1)), Action.BLOCK, id="cdp-allow-1-grants"),
        pytest.param(own_tx(FRIEND_CONTRACT, call("give(uint256,address)", 7, KEEPER)),
                     Action.ALLOW, id="give-selector-off-maker-to-allowlisted"),
        pytest.param(own_tx(FRIEND_CONTRACT, call("give(uint256,address)", 7, STRANGER)),
                     Action.FLAG, id="give-selector-off-maker-to-stranger"),
        pytest.param(own_tx(CDP_MANAGER, call("give(uint256,address)", 7, STRANGER)),
                     Action.BLOCK, id="give-on-the-manager-to-stranger"),
    ],
)  # fmt: skip
def test_maker_on_an_allowlisted_manager(payload: dict[str, Any], expected: Action) -> None:
    """Allowlisting the manager trusts its code, not where a call sends own's position:
    ``shift`` / ``enter`` into a vault the request does not place FLAG (review25t F2);
    ``cdpAllow`` / ``urnAllow`` grant only with ``ok == 1`` (F10); Maker's meaning of
    ``give(uint256,address)`` holds only at the manager (F7)."""
    assert allowlisted_verdict(payload) is expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(VENUS, call("updateDelegate(address,bool)", STRANGER, True)),
                     Action.BLOCK, id="venus-delegate-stranger"),
        pytest.param(own_tx(VENUS, call("updateDelegate(address,bool)", KEEPER, True)),
                     Action.ALLOW, id="venus-delegate-keeper"),
        pytest.param(own_tx(VENUS, call("updateDelegate(address,bool)", STRANGER, False)),
                     Action.ALLOW, id="venus-delegate-revoked"),
        pytest.param(own_tx(LOOKALIKE, call("updateDelegate(address,bool)", KEEPER, True)),
                     Action.FLAG, id="venus-selector-on-unknown-contract"),
        pytest.param(own_tx(ALCHEMIST, call("approveMint(address,uint256)", STRANGER, ALL)),
                     Action.BLOCK, id="alchemix-mint-unlimited-stranger"),
        pytest.param(own_tx(ALCHEMIST, call("approveMint(address,uint256)", KEEPER, 10**21)),
                     Action.ALLOW, id="alchemix-mint-keeper"),
        pytest.param(own_tx(ALCHEMIST, call("approveWithdraw(address,address,uint256)", STRANGER,
                                            YVDAI, ALL)), Action.BLOCK,
                     id="alchemix-withdraw-unlimited-stranger"),
        pytest.param(own_tx(ALCHEMIST, call("mintFrom(address,uint256,address)", OWN, 10**21,
                                            STRANGER)), Action.FLAG,
                     id="alchemix-mint-to-stranger"),
        pytest.param(own_tx(ALCHEMIST, call("withdrawFrom(address,address,uint256,address)", OWN,
                                            YVDAI, 10**21, OWN)), Action.ALLOW,
                     id="alchemix-withdraw-to-own"),
    ],
)  # fmt: skip
def test_lending_rights(payload: dict[str, Any], expected: Action) -> None:
    """Venus delegates and Alchemix allowances are judged by whom they name."""
    assert verdict(payload) is expected


def test_alchemix_mint_allowance_is_of_the_debt_token() -> None:
    """``approveMint`` on the alUSD Alchemist grants alUSD, not the Alchemist itself."""
    ops = operations(own_tx(ALCHEMIST, call("approveMint(address,uint256)", STRANGER, 5)))
    grants = [op for op in ops if isinstance(op, Approval)]
    assert [(g.asset.address, g.spender, g.amount) for g in grants] == [(ALUSD, STRANGER, 5)]


_DECREASE = "decreasePosition(address,address,uint256,uint256,bool,address,uint256)"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(GMX_ROUTER, call("approvePlugin(address)", STRANGER), chain_id=42161),
                     Action.BLOCK, id="plugin-stranger"),
        pytest.param(own_tx(GMX_ROUTER, call("approvePlugin(address)", KEEPER), chain_id=42161),
                     Action.ALLOW, id="plugin-allowlisted"),
        pytest.param(own_tx(GMX_ROUTER, call("denyPlugin(address)", STRANGER), chain_id=42161),
                     Action.ALLOW, id="plugin-denied"),
        pytest.param(own_tx(GMX_ROUTER, call(_DECREASE, WETH, WETH, 10**18, 10**30, True,
                                             STRANGER, 1), chain_id=42161),
                     Action.BLOCK, id="decrease-collateral-to-stranger"),
        pytest.param(own_tx(GMX_ROUTER, call(_DECREASE, WETH, WETH, 10**18, 10**30, True, OWN, 1),
                            chain_id=42161), Action.ALLOW, id="decrease-collateral-to-own"),
        pytest.param(own_tx(GMX_ROUTER, call("swap(address[],uint256,uint256,address)",
                                             [USDC, WETH], 10**9, 0, STRANGER), chain_id=42161),
                     Action.BLOCK, id="swap-output-to-stranger"),
    ],
)  # fmt: skip
def test_gmx_v1_router(payload: dict[str, Any], expected: Action) -> None:
    """A GMX v1 plugin acts for the account; a position's or swap's output goes to its
    receiver."""
    assert verdict(payload) is expected


def _action(kind: int, owner: str, second: str, token: str = USDC, amount: int = 10**9) -> tuple:
    return (kind, owner, second, token, 1, amount, 0, b"")


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(OPYN, call("setOperator(address,bool)", STRANGER, True)),
                     Action.BLOCK, id="operator-stranger"),
        pytest.param(own_tx(OPYN, call("setOperator(address,bool)", KEEPER, True)),
                     Action.ALLOW, id="operator-keeper"),
        pytest.param(own_tx(OPYN, call("setOperator(address,bool)", STRANGER, False)),
                     Action.ALLOW, id="operator-removed"),
        pytest.param(own_tx(OPYN, call(_OPERATE, [_action(6, OWN, STRANGER)])), Action.FLAG,
                     id="withdraw-collateral-to-stranger"),
        pytest.param(own_tx(OPYN, call(_OPERATE, [_action(0, OWN, ZERO), _action(5, OWN, OWN),
                                                  _action(6, OWN, OWN)])), Action.ALLOW,
                     id="own-vault-round-trip"),
        pytest.param(own_tx(OPYN, call(_OPERATE, [_action(9, OWN, STRANGER)])), Action.FLAG,
                     id="call-action-unknown"),
    ],
)  # fmt: skip
def test_opyn_gamma(payload: dict[str, Any], expected: Action) -> None:
    """On the Gamma Controller ``setOperator`` is a vault operator, not an ERC-6909 grant."""
    assert verdict(payload) is expected


def test_opyn_operator_is_an_authority_over_the_controller() -> None:
    """The operator is a ``manager`` of own's vaults on the Controller."""
    ops = operations(own_tx(OPYN, call("setOperator(address,bool)", STRANGER, True)))
    changes = [op for op in ops if isinstance(op, AuthorityChange)]
    assert [(c.account, c.new_authority) for c in changes] == [(OPYN, STRANGER)]
    assert "manager" in (changes[0].authority_type or "")


def test_erc6909_operator_elsewhere_stays_a_grant() -> None:
    """The same selector on any other contract is still ERC-6909's operator grant."""
    ops = operations(own_tx(LOOKALIKE, call("setOperator(address,bool)", STRANGER, True)))
    assert any(isinstance(op, Approval) and op.all_assets for op in ops)


@pytest.mark.parametrize("role", ["evm_delegates", "evm_operators", "evm_spenders"])
def test_opyn_operator_allowlisted_as_delegate_passes(role: str) -> None:
    """A vault operator is judged as a manager: allowlisted in any role that acts for the
    account it passes (read as an ERC-6909 operator grant, only ``evm_operators`` did, and a
    bot listed as a delegate was BLOCKed)."""
    policy = Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": {role: [KEEPER]}})
    payload = own_tx(OPYN, call("setOperator(address,bool)", KEEPER, True))
    got = Guard(policy, classifier=False).check_transaction(payload, chain="evm").action
    assert got is Action.ALLOW
