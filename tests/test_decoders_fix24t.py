"""review24t's classes on this session's decoders, fixed (fix24t): each drainer form, its benign
twin, and the same effect through a nested carrier.

- Biconomy v2 ownership modules (bcnmy/scw-contracts ``ECDSAOwnershipRegistryModule`` /
  ``MultiOwnedECDSAModule`` / ``PasskeyRegistryModule.initForSmartAccount``): the setup data
  names who signs for the account, whatever allowlisted module carries it (``admin.py``);
- Euler EVC ``enableController(account, vault)`` (euler-xyz/ethereum-vault-connector
  ``IEthereumVaultConnector.sol``): the controller may seize the collateral; sub-accounts
  (``address XOR id``, ``docs/specs.md``) are own as receivers (``euler_evc.py``,
  ``effect_derive.is_sub_account``);
- Connext ``xcall`` with ``_callData`` (connext/monorepo ``BridgeFacet.sol``): ``xReceive`` of
  ``_to`` runs with the funds on the destination (``connext.py``);
- Liquity v2 (liquity/bold ``IZapper.sol``, ``BorrowerOperations.sol``): zappers' open forms,
  bounded interest managers (``position_managers.py``, ``judge_grants._BOUNDED``).

Calldata is eth_abi's encoding of the published signatures; addresses are generated but for the
EVC's mainnet deployment (``data/evm_protocols.json``).
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import call, transfer, tx
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, ZERO, addr
from tests.vectors.keygen import KeyGen

EOA = addr("account-owner-eoa")
ECDSA_MODULE = addr("bico-ecdsa-module")
PASSKEY_MODULE = addr("bico-passkey-module")
MULTI_MODULE = addr("bico-multi-owner-module")
EVC = "0x0c9a3dd6b8f28529d72d7f9ce918d493519ee383"
VAULT = addr("evk-vault")
CONNEXT = "0x8898b472c54c31894e3b9bb83cea802a5d0e63c6"
ZAPPER = addr("liquity-weth-zapper")
BORROWER_OPS = addr("liquity borrower operations")
SUB_3 = OWN[:-2] + f"{int(OWN[-2:], 16) ^ 3:02x}"  # own's EVC account 3
_GEN = KeyGen(24)
_MINE, _THEIRS = _GEN.passkey(), _GEN.passkey()  # generated P-256 public keys, x ‖ y
MY_KEY = (int.from_bytes(_MINE[:32], "big"), int.from_bytes(_MINE[32:], "big"))
ATTACKER_KEY = (int.from_bytes(_THEIRS[:32], "big"), int.from_bytes(_THEIRS[32:], "big"))

_SETUP = "setupAndEnableModule(address,bytes)"
_EXEC = "execute_ncC(address,uint256,bytes)"
_BATCH = "executeBatch_y6U(address[],uint256[],bytes[])"
_EVC_CALL = "call(address,address,uint256,bytes)"
_EVC_BATCH = "batch((address,address,uint256,bytes)[])"


def _passkey(key: tuple[int, int]) -> str:
    return "0x" + key[0].to_bytes(32, "big").hex() + key[1].to_bytes(32, "big").hex()


def verdict(payload: dict[str, Any], *allowed: str, typed: bool = False) -> Action:
    """The account OWN (signed for by EOA, MY_KEY its owner's passkey) with ``allowed`` listed
    as callees, recipients and operators."""
    listed = [a.lower() for a in allowed]
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, EOA], "passkeys": [_passkey(MY_KEY)]},
            "allowlist": {"evm": listed, "evm_spenders": listed, "evm_operators": listed},
        }
    )
    guard = Guard(policy, classifier=False)
    if typed:
        return guard.check_typed_data(payload).action
    return guard.check_transaction(payload, chain="evm").action


def account_tx(data: bytes, to: str = OWN, value: int = 0) -> dict[str, Any]:
    """The smart account's own call (to itself or a protocol), signed by its owner EOA."""
    return tx(to, data, value, **{"from": EOA, "chainId": 1})


def _init(owner: str) -> bytes:
    return call("initForSmartAccount(address)", owner)


def _init_many(*owners: str) -> bytes:
    return call("initForSmartAccount(address[])", list(owners))


def _init_passkey(key: tuple[int, int]) -> bytes:
    return call("initForSmartAccount(uint256,uint256,string)", key[0], key[1], "key-1")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(call(_SETUP, ECDSA_MODULE, _init(STRANGER)), Action.BLOCK,
                     id="setup-ecdsa-owner-stranger"),
        pytest.param(call(_SETUP, ECDSA_MODULE, _init(EOA)), Action.ALLOW,
                     id="setup-ecdsa-owner-own-eoa"),
        pytest.param(call(_SETUP, PASSKEY_MODULE, _init_passkey(ATTACKER_KEY)), Action.BLOCK,
                     id="setup-passkey-not-own"),
        pytest.param(call(_SETUP, PASSKEY_MODULE, _init_passkey(MY_KEY)), Action.ALLOW,
                     id="setup-passkey-own"),
        pytest.param(call(_SETUP, MULTI_MODULE, _init_many(EOA, STRANGER)), Action.BLOCK,
                     id="setup-multi-owner-with-a-stranger"),
        pytest.param(call(_SETUP, MULTI_MODULE, _init_many(EOA, OWN)), Action.ALLOW,
                     id="setup-multi-owner-own"),
        pytest.param(call(_EXEC, OWN, 0, call(_SETUP, PASSKEY_MODULE,
                                             _init_passkey(ATTACKER_KEY))), Action.BLOCK,
                     id="execute-ncC-setup-passkey-not-own"),
        pytest.param(call(_BATCH, [OWN, ECDSA_MODULE], [0, 0],
                          [call("enableModule(address)", ECDSA_MODULE), _init(STRANGER)]),
                     Action.BLOCK, id="batch-enable-then-init-stranger"),
        pytest.param(call(_BATCH, [OWN, ECDSA_MODULE], [0, 0],
                          [call("enableModule(address)", ECDSA_MODULE), _init(EOA)]),
                     Action.ALLOW, id="batch-enable-then-init-own"),
    ],
)  # fmt: skip
def test_biconomy_module_setup_names_the_owner(data: bytes, expected: Action) -> None:
    """An allowlisted ownership module hands the account to whoever its setup data names."""
    modules = (ECDSA_MODULE, PASSKEY_MODULE, MULTI_MODULE)
    assert verdict(account_tx(data), *modules) is expected


def _controller(vault: str, account: str = OWN) -> bytes:
    return call("enableController(address,address)", account, vault)


def _deposit(receiver: str) -> bytes:
    return call("deposit(uint256,address)", 10**9, receiver)


@pytest.mark.parametrize(
    ("data", "allowed", "expected"),
    [
        pytest.param(_controller(STRANGER), (EVC,), Action.BLOCK, id="controller-stranger"),
        pytest.param(_controller(VAULT), (EVC, VAULT), Action.ALLOW,
                     id="controller-allowlisted-vault"),
        pytest.param(call(_EVC_BATCH, [(EVC, ZERO, 0, _controller(STRANGER, SUB_3)),
                                       (EVC, ZERO, 0, call("enableCollateral(address,address)",
                                                           SUB_3, VAULT))]),
                     (EVC, VAULT), Action.BLOCK, id="batch-controller-stranger"),
        pytest.param(call(_EVC_BATCH, [(EVC, ZERO, 0, _controller(VAULT, SUB_3)),
                                       (EVC, ZERO, 0, call("enableCollateral(address,address)",
                                                           SUB_3, VAULT))]),
                     (EVC, VAULT), Action.ALLOW, id="batch-controller-and-collateral-vault"),
        pytest.param(call(_EVC_CALL, VAULT, SUB_3, 0, _deposit(SUB_3)), (EVC, VAULT),
                     Action.ALLOW, id="deposit-into-own-sub-account"),
        pytest.param(call(_EVC_CALL, VAULT, SUB_3, 0, _deposit(STRANGER)), (EVC, VAULT),
                     Action.BLOCK, id="deposit-for-a-stranger"),
        pytest.param(call(_EVC_BATCH, [(VAULT, SUB_3, 0, _deposit(SUB_3)),
                                       (USDC, OWN, 0, transfer(FRIEND, 5))]),
                     (EVC, VAULT, FRIEND), Action.ALLOW, id="batch-deposit-into-sub-account"),
    ],
)  # fmt: skip
def test_evc_controller_and_sub_accounts(
    data: bytes, allowed: tuple[str, ...], expected: Action
) -> None:
    """A controller may seize the collateral: judged as an authority; an own sub-account
    receiving vault shares is own."""
    payload = tx(EVC, data, **{"from": OWN, "chainId": 1})
    assert verdict(payload, *allowed) is expected


def test_erc4626_deposit_to_own_sub_account_directly_is_own() -> None:
    """The vault's shares minted to an own sub-account stay own's; to a stranger they BLOCK."""
    mine = tx(VAULT, _deposit(SUB_3), **{"from": OWN, "chainId": 1})
    theirs = tx(VAULT, _deposit(STRANGER), **{"from": OWN, "chainId": 1})
    assert verdict(mine, VAULT) is Action.ALLOW
    assert verdict(theirs, VAULT) is Action.BLOCK


def test_plain_token_sent_to_a_sub_account_is_still_a_give() -> None:
    """A token that is not EVC-aware sent straight to a sub-account is stranded there: a give
    judged by the give rules (FLAG), not an own receipt."""
    payload = tx(USDC, transfer(SUB_3, 10**9), **{"from": OWN, "chainId": 1})
    assert verdict(payload) is Action.FLAG


def _xcall(to: str, data: bytes) -> bytes:
    sig = "xcall(uint32,address,address,address,uint256,uint256,bytes)"
    return call(sig, 1634886255, to, USDC, OWN, 5_000 * 10**6, 30, data)


def _word(address: str) -> bytes:
    return bytes(12) + bytes.fromhex(address[2:])


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(tx(CONNEXT, _xcall(FRIEND, _word(STRANGER)), **{"from": OWN}),
                     Action.FLAG, id="xreceive-data-names-a-stranger"),
        pytest.param(tx(CONNEXT, _xcall(FRIEND, _word(OWN)), **{"from": OWN}),
                     Action.ALLOW, id="xreceive-data-names-own"),
        pytest.param(tx(CONNEXT, _xcall(FRIEND, b""), **{"from": OWN}), Action.ALLOW,
                     id="no-call-data"),
        pytest.param(account_tx(call(_EXEC, CONNEXT, 0, _xcall(FRIEND, _word(STRANGER)))),
                     Action.FLAG, id="nested-xreceive-data-names-a-stranger"),
        pytest.param(tx(CONNEXT, _xcall(STRANGER, _word(OWN)), **{"from": OWN}),
                     Action.BLOCK, id="xcall-to-a-stranger"),
    ],
)  # fmt: skip
def test_connext_xreceive_is_the_destination_call(
    payload: dict[str, Any], expected: Action
) -> None:
    """``_callData`` runs in ``_to``'s ``xReceive`` with the funds: an allowlisted ``_to``
    whose data names a stranger FLAGs; it settles nothing here (no BLOCK of the allowlisted)."""
    assert verdict(payload, CONNEXT, FRIEND, USDC) is expected


_ZAP = (
    "openTroveWithRawETH((address,uint256,uint256,uint256,uint256,uint256,uint256,address,"
    "uint256,address,address,address))"
)
_LEVER = (
    "openLeveragedTroveWithRawETH((address,uint256,uint256,uint256,uint256,uint256,uint256,"
    "uint256,address,uint256,address,address,address))"
)


def _zap(owner: str, manager: str, receiver: str, batch: str = ZERO) -> bytes:
    params = (owner, 0, 10**19, 10**21, 0, 0, 5 * 10**16, batch, 10**19, ZERO, manager, receiver)
    return call(_ZAP, params)


def _lever(owner: str, manager: str, receiver: str) -> bytes:
    params = (owner, 0, 10**19, 2 * 10**19, 10**21, 0, 0, 5 * 10**16, ZERO, 10**19, ZERO,
              manager, receiver)  # fmt: skip
    return call(_LEVER, params)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_zap(OWN, STRANGER, STRANGER), Action.BLOCK, id="zap-manager-stranger"),
        pytest.param(_zap(STRANGER, ZERO, ZERO), Action.BLOCK, id="zap-owner-stranger"),
        pytest.param(_zap(OWN, ZERO, ZERO), Action.ALLOW, id="zap-own"),
        pytest.param(_zap(OWN, FRIEND, OWN), Action.ALLOW, id="zap-friend-manager-paying-own"),
        pytest.param(_zap(OWN, ZERO, ZERO, STRANGER), Action.FLAG, id="zap-stranger-batch"),
        pytest.param(_lever(OWN, STRANGER, STRANGER), Action.BLOCK, id="lever-manager-stranger"),
        pytest.param(_lever(OWN, ZERO, ZERO), Action.ALLOW, id="lever-own"),
    ],
)  # fmt: skip
def test_liquity_zappers_name_the_trove_powers(data: bytes, expected: Action) -> None:
    """A zapper opens the trove for ``owner`` with the managers it names: judged as
    BorrowerOperations' own forms (an allowlisted zapper excuses none of them)."""
    payload = tx(ZAPPER, data, 10**19, **{"from": OWN, "chainId": 1})
    assert verdict(payload, ZAPPER, FRIEND) is expected


def test_liquity_zapper_nested_in_an_account_batch() -> None:
    """The same zapper call carried by the smart account's batch."""
    data = call(_BATCH, [ZAPPER], [10**19], [_zap(OWN, STRANGER, STRANGER)])
    assert verdict(account_tx(data), ZAPPER) is Action.BLOCK


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(call("setInterestIndividualDelegate(uint256,address,uint128,uint128,uint256,"
                          "uint256,uint256,uint256,uint256)", 5, STRANGER, 10**16, 10**17, 0, 0,
                          0, 0, 0), Action.FLAG, id="interest-delegate-stranger"),
        pytest.param(call("setInterestBatchManager(uint256,address,uint256,uint256,uint256)", 5,
                          STRANGER, 0, 0, 10**18), Action.FLAG, id="batch-manager-stranger"),
        pytest.param(call("setInterestBatchManager(uint256,address,uint256,uint256,uint256)", 5,
                          FRIEND, 0, 0, 10**18), Action.ALLOW, id="batch-manager-allowlisted"),
        pytest.param(call("setRemoveManagerWithReceiver(uint256,address,address)", 5, STRANGER,
                          STRANGER), Action.BLOCK, id="remove-manager-stranger-still-blocks"),
        pytest.param(call(_EXEC, BORROWER_OPS, 0, call(
            "setInterestBatchManager(uint256,address,uint256,uint256,uint256)", 5, STRANGER, 0, 0,
            10**18)), Action.FLAG, id="nested-batch-manager-stranger"),
    ],
)  # fmt: skip
def test_liquity_interest_managers_are_bounded(data: bytes, expected: Action) -> None:
    """An interest delegate / batch manager sets the rate within bounds (and a capped fee):
    FLAG; a remove manager withdraws the collateral: BLOCK."""
    to = OWN if data[:4] == call(_EXEC, ZERO, 0, b"")[:4] else BORROWER_OPS
    payload = account_tx(data) if to == OWN else tx(to, data, **{"from": OWN, "chainId": 1})
    assert verdict(payload, BORROWER_OPS, FRIEND) is expected
