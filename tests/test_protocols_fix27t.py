"""Protocols decoded for effects_real_27's families (fix27t), as protocols: every function that
moves value or names where it lands, each drainer form beside its benign twin.

- Uniswap/v2-periphery ``IUniswapV2Router02``: ``addLiquidity*`` / ``removeLiquidity*`` (ETH,
  permit and fee-on-transfer forms) pay to ``to`` (``uniswap_v2.py``);
- smartcontractkit/ccip ``Router.ccipSend(uint64, Client.EVM2AnyMessage)`` (``ccip.py``);
- omni/omnibridge ``TokensRelayer`` / ``WETHOmnibridgeRouter`` and omni/tokenbridge's xDAI bridge
  ``relayTokens`` (``omnibridge.py``);
- sablier-labs/v2-core ``ISablierV2Lockup`` withdrawals (``streams.py``);
- EIP-4907 ``setUser`` (``rentals.py``).

Calldata is eth_abi's encoding of the published signatures; the contracts are the book's
deployments (``data/evm_protocols.json``) or generated addresses.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
import spl as sx
from base58 import b58encode
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    addr,
    gives,
    judged,
    own_tx,
    receipts,
    word,
)

V2_ROUTER = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d"
USDC_WETH_PAIR = "0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc"  # the published v2 pair
CCIP_ROUTER = "0x80226fc0ee2b096224eeac085bb9a8cba1146f7d"
LINK = "0x514910771af9ca656af840dff83e8264ecf986ca"
OMNIBRIDGE = "0x88ad09518695c6c3712ac10a214be5109a655671"
XDAI_BRIDGE = "0x4aa42145aa6ebf72e164c9bbc74fbd3788045016"
LOCKUP = "0xafb979d9afad1ad27c5eff4e27226e3ab9e5dcc9"  # Sablier V2 LockupLinear v1.1
RENTABLE = addr("erc4907-collection")
UNKNOWN = addr("look-alike bridge")
ARBITRUM = 4949039107694359620  # a CCIP chain selector
DEADLINE = 2_000_000_000
_RM = "removeLiquidity(address,address,uint256,uint256,uint256,address,uint256)"
_RM_ETH = "removeLiquidityETH(address,uint256,uint256,uint256,address,uint256)"
_FOT = "SupportingFeeOnTransferTokens"
_RM_FOT = f"removeLiquidityETH{_FOT}(address,uint256,uint256,uint256,address,uint256)"
_PERMIT = "bool,uint8,bytes32,bytes32"
_RM_PERMIT = (
    f"removeLiquidityWithPermit(address,address,uint256,uint256,uint256,address,uint256,{_PERMIT})"
)
_RM_ETH_PERMIT = (
    f"removeLiquidityETHWithPermit(address,uint256,uint256,uint256,address,uint256,{_PERMIT})"
)
_ADD = "addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)"
_ADD_ETH = "addLiquidityETH(address,uint256,uint256,uint256,address,uint256)"
_SIG = (True, 27, b"\x01" * 32, b"\x02" * 32)
_CCIP = "ccipSend(uint64,(bytes,bytes,(address,uint256)[],address,bytes))"


def _remove(to: str) -> bytes:
    return call(_RM, USDC, WETH, 10**12, 3 * 10**9, 10**18, to, DEADLINE)


@pytest.mark.parametrize(
    ("data", "value", "listed", "expected"),
    [
        pytest.param(_remove(OWN), 0, (V2_ROUTER,), Action.ALLOW, id="remove-to-own"),
        pytest.param(_remove(STRANGER), 0, (V2_ROUTER,), Action.BLOCK, id="remove-to-stranger"),
        pytest.param(_remove(FRIEND), 0, (V2_ROUTER, FRIEND), Action.ALLOW,
                     id="remove-to-allowlisted-friend"),
        pytest.param(call(_RM_ETH, USDC, 10**12, 1, 1, STRANGER, DEADLINE), 0, (V2_ROUTER,),
                     Action.BLOCK, id="remove-eth-to-stranger"),
        pytest.param(call(_RM_FOT, USDC, 10**12, 1, 1, STRANGER, DEADLINE), 0, (V2_ROUTER,),
                     Action.BLOCK, id="remove-eth-fee-on-transfer-to-stranger"),
        pytest.param(call(_RM_FOT, USDC, 10**12, 1, 1, OWN, DEADLINE), 0, (V2_ROUTER,),
                     Action.ALLOW, id="remove-eth-fee-on-transfer-to-own"),
        pytest.param(call(_RM_PERMIT, USDC, WETH, 10**12, 1, 1, STRANGER, DEADLINE, *_SIG), 0,
                     (V2_ROUTER,), Action.BLOCK, id="remove-with-permit-to-stranger"),
        pytest.param(call(_RM_ETH_PERMIT, USDC, 10**12, 1, 1, OWN, DEADLINE, *_SIG), 0,
                     (V2_ROUTER,), Action.ALLOW, id="remove-eth-permit-max-to-own-router-listed"),

        pytest.param(call(_ADD, USDC, WETH, 10**9, 10**18, 1, 1, OWN, DEADLINE), 0,
                     (V2_ROUTER,), Action.ALLOW, id="add-lp-to-own"),
        pytest.param(call(_ADD, USDC, WETH, 10**9, 10**18, 1, 1, STRANGER, DEADLINE), 0,
                     (V2_ROUTER,), Action.BLOCK, id="add-lp-to-stranger"),
        pytest.param(call(_ADD_ETH, USDC, 10**9, 1, 1, STRANGER, DEADLINE), 10**18,
                     (V2_ROUTER,), Action.BLOCK, id="add-eth-lp-to-stranger"),
    ],
)  # fmt: skip
def test_uniswap_v2_liquidity_pays_to(
    data: bytes, value: int, listed: tuple[str, ...], expected: Action
) -> None:
    """A v2 router's liquidity output lands on ``to``: anyone but own (or listed) BLOCKs."""
    verdict = judged(own_tx(V2_ROUTER, data, value), *listed)
    assert verdict.action is expected, verdict.effect_lines


def test_uniswap_v2_fork_router_permit_max_is_a_standing_grant() -> None:
    """On a fork's router (no builtin trust) ``approveMax`` leaves it every LP token: BLOCK."""
    data = call(_RM_ETH_PERMIT, USDC, 10**12, 1, 1, OWN, DEADLINE, *_SIG)
    verdict = judged(own_tx(UNKNOWN, data))
    assert verdict.action is Action.BLOCK, verdict.effect_lines
    assert "tx.evm.unlimited_approval" in {f.rule_id for f in verdict.findings}


def test_uniswap_v2_lp_token_is_the_pair() -> None:
    """The LP token given is the pair pairFor computes (the published USDC/WETH pair)."""
    given = gives(own_tx(V2_ROUTER, _remove(OWN)))
    assert [g.asset.address for g in given] == [USDC_WETH_PAIR]
    assert {r.recipient for r in receipts(own_tx(V2_ROUTER, _remove(OWN)))} == {OWN}


def _ccip(receiver: bytes, data: bytes = b"", fee_token: str = ZERO) -> bytes:
    message = (receiver, data, [(LINK, 500 * 10**18)], fee_token, b"")
    return call(_CCIP, ARBITRUM, message)


@pytest.mark.parametrize(
    ("data", "value", "expected"),
    [
        pytest.param(_ccip(word(OWN)), 3 * 10**15, Action.ALLOW, id="ccip-to-own"),
        pytest.param(_ccip(word(FRIEND)), 3 * 10**15, Action.ALLOW, id="ccip-to-allowlisted"),
        pytest.param(_ccip(word(STRANGER)), 3 * 10**15, Action.BLOCK, id="ccip-to-stranger"),
        pytest.param(_ccip(b"\x07" * 32), 3 * 10**15, Action.BLOCK,
                     id="ccip-to-a-non-evm-account"),
        pytest.param(_ccip(word(OWN), fee_token=LINK), 0, Action.ALLOW,
                     id="ccip-fee-in-link-to-own"),
        pytest.param(_ccip(word(STRANGER), fee_token=LINK), 0, Action.BLOCK,
                     id="ccip-fee-in-link-to-stranger"),
    ],
)  # fmt: skip
def test_ccip_send_lands_on_receiver(data: bytes, value: int, expected: Action) -> None:
    """CCIP's tokens land on the message's receiver (abi-encoded bytes)."""
    verdict = judged(own_tx(CCIP_ROUTER, data, value), CCIP_ROUTER, FRIEND)
    assert verdict.action is expected, verdict.effect_lines


def _relay(to: str, receiver: str) -> dict[str, Any]:
    return own_tx(to, call("relayTokens(address,address,uint256)", USDC, receiver, 10**9))


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(_relay(OMNIBRIDGE, OWN), Action.ALLOW, id="omnibridge-to-own"),
        pytest.param(_relay(OMNIBRIDGE, STRANGER), Action.BLOCK, id="omnibridge-to-stranger"),
        pytest.param(own_tx(OMNIBRIDGE, call("relayTokens(address,uint256)", USDC, 10**9)),
                     Action.ALLOW, id="omnibridge-two-argument-form-to-caller"),
        pytest.param(own_tx(OMNIBRIDGE, call("relayTokensAndCall(address,address,uint256,bytes)",
                                             USDC, STRANGER, 10**9, b"\x01" * 36)),
                     Action.BLOCK, id="omnibridge-and-call-to-stranger"),
        pytest.param(own_tx(XDAI_BRIDGE, call("relayTokens(address,uint256)", OWN, 10**21)),
                     Action.ALLOW, id="xdai-bridge-to-own"),
        pytest.param(own_tx(XDAI_BRIDGE, call("relayTokens(address,uint256)", STRANGER, 10**21)),
                     Action.BLOCK, id="xdai-bridge-to-stranger"),
        pytest.param(own_tx(UNKNOWN, call("relayTokens(address,uint256)", OWN, 10**21)),
                     Action.FLAG, id="two-argument-form-off-the-book-is-unknown"),
    ],
)  # fmt: skip
def test_gnosis_bridges_land_on_receiver(payload: dict[str, Any], expected: Action) -> None:
    """Omnibridge / xDAI bridge outputs land on ``_receiver`` (the caller in the short form)."""
    verdict = judged(payload, OMNIBRIDGE, XDAI_BRIDGE)
    assert verdict.action is expected, verdict.effect_lines


@pytest.mark.parametrize(
    ("target", "data", "expected"),
    [
        pytest.param(LOCKUP, call("withdrawMax(uint256,address)", 7, OWN), Action.ALLOW,
                     id="withdraw-max-to-own"),
        pytest.param(LOCKUP, call("withdrawMax(uint256,address)", 7, FRIEND), Action.ALLOW,
                     id="withdraw-max-to-allowlisted"),
        pytest.param(LOCKUP, call("withdrawMax(uint256,address)", 7, STRANGER), Action.BLOCK,
                     id="withdraw-max-to-stranger"),
        pytest.param(LOCKUP, call("withdraw(uint256,address,uint128)", 7, STRANGER, 10**9),
                     Action.BLOCK, id="withdraw-to-stranger"),
        pytest.param(LOCKUP, call("withdrawMultiple(uint256[],address,uint128[])", [7, 8],
                                  STRANGER, [1, 2]), Action.BLOCK, id="withdraw-many-to-stranger"),
        pytest.param(LOCKUP, call("withdrawMultiple(uint256[],uint128[])", [7, 8], [1, 2]),
                     Action.ALLOW, id="withdraw-many-to-recipient"),
        pytest.param(LOCKUP, call("withdrawMaxAndTransfer(uint256,address)", 7, STRANGER),
                     Action.FLAG, id="stream-nft-handed-to-stranger"),
        pytest.param(UNKNOWN, call("withdrawMax(uint256,address)", 7, OWN), Action.FLAG,
                     id="withdraw-on-a-contract-off-the-book"),
    ],
)  # fmt: skip
def test_sablier_withdrawals_land_on_to(target: str, data: bytes, expected: Action) -> None:
    """A Lockup stream pays ``to``: own or listed passes, anyone else BLOCKs."""
    verdict = judged(own_tx(target, data), FRIEND)
    assert verdict.action is expected, verdict.effect_lines


_DAY = int(time.time()) + 86_400


@pytest.mark.parametrize(
    ("user", "expires", "expected"),
    [
        pytest.param(FRIEND, 2**64 - 1, Action.ALLOW, id="rent-to-allowlisted-market"),
        pytest.param(STRANGER, 2**64 - 1, Action.BLOCK, id="user-role-forever-to-stranger"),
        pytest.param(STRANGER, _DAY, Action.FLAG, id="user-role-one-day-to-stranger"),
        pytest.param(ZERO, 0, Action.ALLOW, id="user-role-cleared"),
    ],
)  # fmt: skip
def test_erc4907_user_is_an_expiring_grant(user: str, expires: int, expected: Action) -> None:
    """``setUser`` grants the token to ``user`` until ``expires`` (on any collection)."""
    payload = own_tx(RENTABLE, call("setUser(uint256,address,uint64)", 88, user, expires))
    verdict = judged(payload, FRIEND)
    assert verdict.action is expected, verdict.effect_lines


SDAI = "0x83f20f44975d03b1b09e64809b757c47f942beea"  # Savings Dai (book: asset DAI)
SOME_VAULT = addr("a vault nobody named")


@pytest.mark.parametrize(
    ("target", "data", "expected"),
    [
        pytest.param(SDAI, call("redeem(uint256,address,address)", 10**21, OWN, OWN),
                     Action.ALLOW, id="redeem-own-shares-to-own"),
        pytest.param(SDAI, call("withdraw(uint256,address,address)", 10**21, OWN, OWN),
                     Action.ALLOW, id="withdraw-assets-to-own"),
        pytest.param(SDAI, call("redeem(uint256,address,address)", 10**21, STRANGER, OWN),
                     Action.BLOCK, id="redeem-to-stranger"),
        pytest.param(SDAI, call("transfer(address,uint256)", SDAI, 10**21), Action.FLAG,
                     id="plain-transfer-of-shares-to-the-vault-stays-a-give"),
        pytest.param(SOME_VAULT, call("redeem(uint256,address,address)", 10**21, OWN, OWN),
                     Action.FLAG, id="redeem-at-a-vault-nobody-named"),
    ],
)  # fmt: skip
def test_vault_shares_redeemed_at_their_vault(target: str, data: bytes, expected: Action) -> None:
    """Shares paid back to their own vault in a redemption are no gift: the payout is judged."""
    verdict = judged(own_tx(target, data))
    assert verdict.action is expected, verdict.effect_lines


DS_PROXY = addr("own ds-proxy")
PROXY_ACTIONS = "0x82ecd135dce65fbc6dbdd0e4237e0af93ffd5038"  # DssProxyActions
CDP_MANAGER = "0x5ef30b9986345249bc32d8928b7ee64de9435e39"
_LOCK = call("lockETH(address,address,uint256)", CDP_MANAGER, addr("eth-join"), 7)


@pytest.mark.parametrize(
    ("target", "value", "wallet", "expected"),
    [
        pytest.param(PROXY_ACTIONS, 0, (), Action.ALLOW, id="execute-listed-actions-no-value"),
        pytest.param(PROXY_ACTIONS, 10**18, (DS_PROXY,), Action.ALLOW,
                     id="execute-with-eth-into-own-proxy"),
        pytest.param(PROXY_ACTIONS, 10**18, (), Action.FLAG,
                     id="execute-with-eth-into-a-proxy-nobody-vouches-for"),
        pytest.param(STRANGER, 0, (), Action.BLOCK, id="execute-stranger-code-in-the-proxy"),
    ],
)  # fmt: skip
def test_ds_proxy_execute_is_an_account_wrapper(
    target: str, value: int, wallet: tuple[str, ...], expected: Action
) -> None:
    """DSProxy ``execute`` runs ``_target`` in the caller's proxy (an account wrapper, as a
    Safe's ``execTransaction``): judged by what it runs there, not as a stranger's call."""
    data = call("execute(address,bytes)", target, _LOCK)
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, *wallet]},
            "allowlist": {"evm_delegates": [PROXY_ACTIONS], "evm": [addr("eth-join")]},
        }
    )
    verdict = Guard(policy, classifier=False).check_transaction(
        own_tx(DS_PROXY, data, value), chain="evm"
    )
    assert verdict.action is expected, verdict.effect_lines


_OWNER_KEY, _NEW_WALLET, _THIEF = Keypair(), Keypair().pubkey(), Keypair().pubkey()
_TOKEN_ACCOUNT = Keypair().pubkey()


def _set_authority(kind: int, new: Pubkey, program: Pubkey = sx.TOKEN) -> Message:
    ix = sx.set_authority(_TOKEN_ACCOUNT, _OWNER_KEY.pubkey(), kind, new, program=program)
    return Message.new_with_blockhash([ix], _OWNER_KEY.pubkey(), Hash.default())


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(_set_authority(2, _NEW_WALLET), Action.ALLOW,
                     id="account-owner-to-allowlisted-recipient"),
        pytest.param(_set_authority(2, _NEW_WALLET, sx.TOKEN_2022), Action.ALLOW,
                     id="token-2022-account-owner-to-allowlisted-recipient"),
        pytest.param(_set_authority(2, _THIEF), Action.BLOCK, id="account-owner-to-stranger"),
        pytest.param(_set_authority(0, _NEW_WALLET), Action.BLOCK,
                     id="mint-authority-to-a-recipient-is-no-handover-of-value"),
        pytest.param(_set_authority(3, _NEW_WALLET), Action.BLOCK,
                     id="close-authority-to-a-recipient-is-no-handover-of-value"),
    ],
)  # fmt: skip
def test_spl_account_owner_to_allowlisted_recipient(message: Message, expected: Action) -> None:
    """A token account handed over whole to an allowlisted recipient passes, as EVM ownership
    handovers do; other authorities still need an allowlisted delegate."""
    policy = Policy.model_validate(
        {"wallet": {"solana": [str(_OWNER_KEY.pubkey())]},
         "allowlist": {"solana": [str(_NEW_WALLET)]}}
    )  # fmt: skip
    verdict = Guard(policy, classifier=False).check_transaction(message, chain="solana")
    assert verdict.action is expected, verdict.effect_lines


_CREATE = (
    "createWithDurations((address,address,uint128,address,bool,bool,(uint40,uint40),"
    "(address,uint256)))"
)


def _stream(sender: str, recipient: str, cancelable: bool = True) -> bytes:
    params = (sender, recipient, 10**9, USDC, cancelable, True, (0, 86_400 * 30), (ZERO, 0))
    return call(_CREATE, params)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_stream(OWN, FRIEND), Action.ALLOW, id="stream-to-allowlisted-payee"),
        pytest.param(_stream(OWN, STRANGER), Action.FLAG, id="stream-to-stranger-is-a-give"),
        pytest.param(_stream(STRANGER, FRIEND), Action.BLOCK,
                     id="stranger-may-cancel-and-take-it-back"),
        pytest.param(_stream(STRANGER, FRIEND, cancelable=False), Action.ALLOW,
                     id="non-cancelable-stream-names-no-canceller"),
    ],
)  # fmt: skip
def test_sablier_create_streams_to_recipient(data: bytes, expected: Action) -> None:
    """A new stream pays its recipient; a canceller other than own may take the rest back."""
    verdict = judged(own_tx(LOCKUP, data), FRIEND)
    assert verdict.action is expected, verdict.effect_lines


ETH_JOIN = addr("eth-join")
DAI_JOIN = "0x9759a6ac90977b93b58547b4a71c78317f391a28"  # MCD DaiJoin (book)


def _in_own_proxy(inner: bytes, value: int = 0, listed: tuple[str, ...] = ()) -> Action:
    """``inner`` run by own's DSProxy (in ``[wallet]``) through ``execute(PROXY_ACTIONS, …)``."""
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, DS_PROXY]},
            "allowlist": {"evm_delegates": [PROXY_ACTIONS], "evm": list(listed)},
        }
    )
    data = call("execute(address,bytes)", PROXY_ACTIONS, inner)
    payload = own_tx(DS_PROXY, data, value)
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm").action


@pytest.mark.parametrize(
    ("inner", "value", "listed", "expected"),
    [
        pytest.param(_LOCK, 10**18, (ETH_JOIN,), Action.ALLOW, id="lock-eth-into-listed-join"),
        pytest.param(_LOCK, 10**18, (), Action.FLAG, id="lock-eth-into-a-join-nobody-named"),
        pytest.param(call("draw(address,address,address,uint256,uint256)", CDP_MANAGER,
                          addr("jug"), DAI_JOIN, 7, 10**21), 0, (), Action.ALLOW,
                     id="draw-dai-to-the-caller"),
        pytest.param(call("give(address,uint256,address)", CDP_MANAGER, 7, STRANGER), 0, (),
                     Action.BLOCK, id="give-vault-to-stranger"),
        pytest.param(call("give(address,uint256,address)", CDP_MANAGER, 7, OWN), 0, (),
                     Action.ALLOW, id="give-vault-to-own"),
        pytest.param(call("cdpAllow(address,uint256,address,uint256)", CDP_MANAGER, 7,
                          STRANGER, 1), 0, (), Action.BLOCK, id="vault-manager-to-stranger"),
        pytest.param(call("giveToProxy(address,address,uint256,address)", addr("registry"),
                          CDP_MANAGER, 7, STRANGER), 0, (), Action.BLOCK,
                     id="give-vault-to-strangers-proxy"),
        pytest.param(call("flux(address,uint256,address,uint256)", CDP_MANAGER, 7, STRANGER,
                          10**18), 0, (), Action.FLAG, id="collateral-moved-to-stranger"),
    ],
)  # fmt: skip
def test_dss_proxy_actions_decoded_through_the_proxy(
    inner: bytes, value: int, listed: tuple[str, ...], expected: Action
) -> None:
    """DssProxyActions DELEGATECALLed by own's DSProxy: what each action moves, and to whom."""
    assert _in_own_proxy(inner, value, listed) is expected


def test_dss_proxy_actions_called_directly_is_unknown() -> None:
    """Called, not DELEGATECALLed, the actions run on the library's own storage: unknown."""
    data = call("give(address,uint256,address)", CDP_MANAGER, 7, OWN)
    verdict = judged(own_tx(PROXY_ACTIONS, data))
    assert verdict.action is Action.FLAG, verdict.effect_lines


def _transfer_and_call(to: str, data: bytes) -> dict[str, Any]:
    return own_tx(USDC, call("transferAndCall(address,uint256,bytes)", to, 10**9, data))


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(_transfer_and_call(OMNIBRIDGE, bytes.fromhex(STRANGER[2:])), Action.BLOCK,
                     id="erc677-into-omnibridge-for-a-stranger"),
        pytest.param(_transfer_and_call(OMNIBRIDGE, bytes.fromhex(OWN[2:])), Action.ALLOW,
                     id="erc677-into-omnibridge-for-own"),
        pytest.param(_transfer_and_call(OMNIBRIDGE, b""), Action.ALLOW,
                     id="erc677-into-omnibridge-for-the-sender"),
        pytest.param(_transfer_and_call(STRANGER, bytes.fromhex(OWN[2:])), Action.FLAG,
                     id="erc677-to-a-stranger-stays-a-give"),
    ],
)  # fmt: skip
def test_erc677_transfer_into_omnibridge_lands_on_data(
    payload: dict[str, Any], expected: Action
) -> None:
    """An ERC-677 transfer to the Omnibridge relays to the address ``data`` starts with."""
    verdict = judged(payload, OMNIBRIDGE)
    assert verdict.action is expected, verdict.effect_lines


SOLANA = 124615329519749607  # CCIP chain selector of Solana mainnet
_SOL_OWN = bytes(range(1, 33))  # a generated 32-byte Solana account


@pytest.mark.parametrize(
    ("receiver", "expected"),
    [
        pytest.param(_SOL_OWN, Action.ALLOW, id="ccip-to-allowlisted-solana-account"),
        pytest.param(bytes(range(2, 34)), Action.BLOCK, id="ccip-to-another-solana-account"),
    ],
)
def test_ccip_solana_receiver_is_base58(receiver: bytes, expected: Action) -> None:
    """A CCIP receiver on Solana is an account, compared in its base58 spelling."""
    message = (receiver, b"", [(LINK, 10**18)], ZERO, b"")
    payload = own_tx(CCIP_ROUTER, call(_CCIP, SOLANA, message), 10**15)
    allow = [CCIP_ROUTER]
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN]},
            "allowlist": {
                "evm": allow,
                "evm_spenders": allow,
                "solana": [b58encode(_SOL_OWN).decode()],
            },
        }
    )
    verdict = Guard(policy, classifier=False).check_transaction(payload, chain="evm")
    assert verdict.action is expected, verdict.effect_lines
