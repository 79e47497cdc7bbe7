"""Contract and account administration: AccessControl roles, proxy upgrades / admins, Coinbase
Smart Wallet owners (and its replayable ``executeWithoutChainIdValidation``), delegate.xyz,
vote delegation and Safe AllowanceModule spending limits.

Sources: OpenZeppelin/openzeppelin-contracts ``access/AccessControl.sol``,
``proxy/transparent/ProxyAdmin.sol`` (v4.9 / v5), ``governance/utils/Votes.sol``;
coinbase/smart-wallet ``src/MultiOwnable.sol`` / ``src/CoinbaseSmartWallet.sol``;
delegatexyz/delegate-registry v2 ``src/IDelegateRegistry.sol``; safe-global/safe-modules
``modules/allowances/contracts/AllowanceModule.sol``. Every account here is a generated key
(never funded).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account
from eth_utils import keccak

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call, domain_type


def _key() -> str:
    return str(Account.create().address).lower()


OWN = _key()  # the EOA that signs (an owner of SMART, the admin of TOKEN / PROXY_ADMIN)
SMART = _key()  # own Coinbase Smart Wallet
TOKEN = _key()  # an AccessControl / ERC20Votes token own administers (not listed)
LISTED = _key()  # a contract own administers, listed in the policy (allowlist.evm)
UNI = "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984"  # a vote token of the book (delegations.py)
PROXY_ADMIN, PROXY, IMPL = _key(), _key(), _key()
FRIEND = _key()  # allowlisted operator / delegate / spender
STRANGER = _key()
ALLOWANCE_MODULE = "0xcfbfac74c26f8647cbdb8c5caf80bb5b32e43134"  # Safe AllowanceModule 0.1.0
REGISTRY = "0x00000000000000447e69651d841bd8d104bed493"  # delegate.xyz v2
REGISTRY_V1 = "0x00000000000076a84fef008cdabe6409d2fe638b"  # delegate.xyz v1
ENTRY_POINT = "0x5ff137d4b0fdcd49dca30c7cf57e578a026d2789"  # v0.6
ZERO = "0x" + "00" * 20
MINTER = keccak(text="MINTER_ROLE")
ADMIN_ROLE = bytes(32)
POLICY = Policy.model_validate(
    {
        "wallet": {"evm": [OWN, SMART]},
        "allowlist": {
            "evm_operators": [FRIEND],
            "evm_delegates": [FRIEND],
            "evm_spenders": [FRIEND],
            "evm": [LISTED],
        },
    }
)
_USER_OP = "(address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes)"


def _tx(to: str, data: bytes, sender: str = OWN) -> dict[str, Any]:
    return {"from": sender, "to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


def _replayable(*calls: bytes) -> dict[str, Any]:
    """A self-bundled EntryPoint v0.6 handleOps whose UserOperation runs SMART's
    executeWithoutChainIdValidation(bytes[]) (nonce key 8453, as the wallet requires)."""
    inner = call("executeWithoutChainIdValidation(bytes[])", list(calls))
    op = [SMART, 8453 << 64, b"", inner, 10**6, 10**6, 10**5, 10**9, 10**9, b"", b"\x00" * 65]
    return _tx(ENTRY_POINT, call(f"handleOps({_USER_OP}[],address)", [op], OWN))


def _vote_delegation(delegatee: str) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": domain_type("name", "chainId", "verifyingContract"),
            "Delegation": [
                {"name": "delegatee", "type": "address"},
                {"name": "nonce", "type": "uint256"},
                {"name": "expiry", "type": "uint256"},
            ],
        },
        "primaryType": "Delegation",
        "domain": {"name": "Uniswap", "chainId": 1, "verifyingContract": TOKEN},
        "message": {"delegatee": delegatee, "nonce": 0, "expiry": 2_000_000_000},
    }


ADD_OWNER = "addOwnerAddress(address)"
GRANT = "grantRole(bytes32,address)"
UPGRADE_AND_CALL = "upgradeAndCall(address,address,bytes)"
DELEGATE_ALL = "delegateAll(address,bytes32,bool)"
SET_ALLOWANCE = "setAllowance(address,address,uint96,uint16,uint32)"
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"

CASES = [
    # AccessControl on a contract own administers
    pytest.param(_tx(TOKEN, call(GRANT, MINTER, STRANGER)), Action.BLOCK, "tx.evm.role_grant",
                 id="grant-minter-to-stranger-blocks"),
    pytest.param(_tx(TOKEN, call(GRANT, ADMIN_ROLE, STRANGER)), Action.BLOCK,
                 "tx.evm.role_grant", id="grant-admin-to-stranger-blocks"),
    pytest.param(_tx(TOKEN, call(GRANT, MINTER, FRIEND)), Action.ALLOW, None,
                 id="grant-to-allowlisted-operator-allows"),
    pytest.param(_tx(TOKEN, call(GRANT, MINTER, SMART)), Action.ALLOW, None,
                 id="grant-to-own-allows"),
    # a revoke gains nobody anything: only the name says so (chains/evm/callee.py): known on
    # a contract the policy lists, an unknown call on one it does not
    pytest.param(_tx(LISTED, call("revokeRole(bytes32,address)", MINTER, STRANGER)),
                 Action.ALLOW, None, id="revoke-on-listed-contract-allows"),
    pytest.param(_tx(TOKEN, call("revokeRole(bytes32,address)", MINTER, STRANGER)),
                 Action.FLAG, "tx.evm.unknown_call", id="revoke-on-unlisted-contract-flags"),
    # proxies
    pytest.param(_tx(PROXY_ADMIN, call(UPGRADE_AND_CALL, PROXY, STRANGER, b"\x12\x34")),
                 Action.BLOCK, "tx.evm.proxy_upgrade", id="proxyadmin-upgrade-stranger-blocks"),
    pytest.param(_tx(PROXY_ADMIN, call("upgrade(address,address)", PROXY, STRANGER)),
                 Action.BLOCK, "tx.evm.proxy_upgrade", id="proxyadmin-v4-upgrade-blocks"),
    pytest.param(_tx(PROXY_ADMIN, call(UPGRADE_AND_CALL, PROXY, FRIEND, b"")), Action.ALLOW,
                 None, id="proxyadmin-upgrade-allowlisted-allows"),
    pytest.param(_tx(PROXY_ADMIN, call("changeProxyAdmin(address,address)", PROXY, STRANGER)),
                 Action.BLOCK, "tx.evm.proxy_admin_change", id="change-proxy-admin-blocks"),
    pytest.param(_tx(PROXY, call("changeAdmin(address)", STRANGER)), Action.BLOCK,
                 "tx.evm.proxy_admin_change", id="proxy-change-admin-blocks"),
    pytest.param(_tx(PROXY_ADMIN, call("changeProxyAdmin(address,address)", PROXY, OWN)),
                 Action.ALLOW, None, id="change-proxy-admin-to-own-allows"),
    # a Safe <= 1.2 changing its own singleton (a Safe transaction to itself)
    pytest.param(_tx(SMART, call("changeMasterCopy(address)", STRANGER), SMART), Action.BLOCK,
                 "tx.evm.proxy_upgrade", id="safe-master-copy-to-stranger-blocks"),
    pytest.param(_tx(SMART, call("changeMasterCopy(address)", FRIEND), SMART), Action.ALLOW,
                 None, id="safe-master-copy-to-allowlisted-allows"),
    # Coinbase Smart Wallet owners, called by an owner
    pytest.param(_tx(SMART, call(ADD_OWNER, STRANGER)), Action.BLOCK,
                 "tx.evm.account_owner_change", id="cbsw-add-stranger-owner-blocks"),
    pytest.param(_tx(SMART, call(ADD_OWNER, FRIEND)), Action.ALLOW, None,
                 id="cbsw-add-allowlisted-owner-allows"),
    pytest.param(_tx(SMART, call("addOwnerPublicKey(bytes32,bytes32)", b"\x01" * 32,
                                 b"\x02" * 32)), Action.BLOCK, "tx.evm.account_owner_change",
                 id="cbsw-add-passkey-owner-blocks"),
    pytest.param(_tx(SMART, call("removeOwnerAtIndex(uint256,bytes)", 1, b"\x00" * 32)),
                 Action.ALLOW, None, id="cbsw-remove-owner-allows"),
    pytest.param(_tx(SMART, call("removeLastOwner(uint256,bytes)", 0, b"\x00" * 32)),
                 Action.FLAG, "tx.evm.account_owner_change", id="cbsw-remove-last-owner-flags"),
    # Alchemy multi-owner accounts
    pytest.param(_tx(SMART, call("updateOwners(address[],address[])", [STRANGER], [])),
                 Action.BLOCK, "tx.evm.account_owner_change", id="alchemy-add-stranger-blocks"),
    pytest.param(_tx(SMART, call("updateOwners(address[],address[])", [FRIEND], [OWN])),
                 Action.ALLOW, None, id="alchemy-swap-to-allowlisted-allows"),
    pytest.param(_tx(SMART, call("updateOwners(address[],address[])", [], [FRIEND])),
                 Action.ALLOW, None, id="alchemy-remove-only-allows"),
    # the replayable UserOperation: self-calls of the account
    pytest.param(_replayable(call(ADD_OWNER, STRANGER)), Action.BLOCK,
                 "tx.evm.account_owner_change", id="replayable-add-stranger-blocks"),
    pytest.param(_replayable(call(ADD_OWNER, FRIEND)), Action.ALLOW, None,
                 id="replayable-add-allowlisted-allows"),
    pytest.param(_replayable(call(ADD_OWNER, FRIEND), bytes.fromhex("deadbeef") + bytes(32)),
                 Action.FLAG, "tx.evm.unknown_call", id="replayable-unknown-selector-flags"),
    pytest.param(_tx(SMART, bytes.fromhex("deadbeef") + bytes(32)), Action.FLAG,
                 "tx.evm.unknown_call", id="unknown-selector-on-own-account-flags"),
    # delegate.xyz v2
    pytest.param(_tx(REGISTRY, call(DELEGATE_ALL, STRANGER, bytes(32), True)), Action.BLOCK,
                 "tx.evm.delegate_registry", id="delegate-all-stranger-blocks"),
    pytest.param(_tx(REGISTRY, call(DELEGATE_ALL, FRIEND, bytes(32), True)), Action.ALLOW,
                 None, id="delegate-all-allowlisted-allows"),
    pytest.param(_tx(REGISTRY, call(DELEGATE_ALL, STRANGER, bytes(32), False)), Action.ALLOW,
                 None, id="delegate-all-revoke-allows"),
    pytest.param(_tx(REGISTRY, call("delegateContract(address,address,bytes32,bool)", STRANGER,
                                    TOKEN, bytes(32), True)), Action.BLOCK,
                 "tx.evm.delegate_registry", id="delegate-contract-stranger-blocks"),
    pytest.param(_tx(REGISTRY, call("delegateERC721(address,address,uint256,bytes32,bool)",
                                    STRANGER, TOKEN, 7, bytes(32), True)), Action.BLOCK,
                 "tx.evm.delegate_registry", id="delegate-erc721-stranger-blocks"),
    pytest.param(_tx(REGISTRY, call("delegateERC20(address,address,bytes32,uint256)", STRANGER,
                                    TOKEN, bytes(32), 0)), Action.ALLOW, None,
                 id="delegate-erc20-zero-revokes"),
    pytest.param(_tx(REGISTRY_V1, call("delegateForAll(address,bool)", STRANGER, True)),
                 Action.BLOCK, "tx.evm.delegate_registry", id="v1-delegate-all-stranger-blocks"),
    pytest.param(_tx(REGISTRY_V1, call("delegateForToken(address,address,uint256,bool)",
                                       FRIEND, TOKEN, 3, True)), Action.ALLOW, None,
                 id="v1-delegate-token-allowlisted-allows"),
    pytest.param(_tx(REGISTRY_V1, call("revokeDelegate(address)", STRANGER)), Action.ALLOW,
                 None, id="v1-revoke-allows"),
    # vote delegation, on-chain and signed
    pytest.param(_tx(TOKEN, call("delegate(address)", STRANGER)), Action.BLOCK,
                 "tx.evm.vote_delegation", id="votes-to-stranger-blocks"),
    pytest.param(_tx(UNI, call("delegate(address)", OWN)), Action.ALLOW, None,
                 id="votes-to-self-allows"),
    pytest.param(_tx(TOKEN, call("delegate(address)", OWN)), Action.FLAG,
                 "tx.evm.unknown_call", id="votes-to-self-on-unknown-token-flags"),
    pytest.param(_tx(TOKEN, call("delegate(address)", FRIEND)), Action.ALLOW, None,
                 id="votes-to-allowlisted-allows"),
    # Safe AllowanceModule (the Safe calls the module)
    pytest.param(_tx(ALLOWANCE_MODULE, call(SET_ALLOWANCE, STRANGER, USDC, 10**11, 1440, 0),
                     SMART), Action.BLOCK, "tx.evm.approval_unknown_spender",
                 id="allowance-to-stranger-blocks"),
    pytest.param(_tx(ALLOWANCE_MODULE, call(SET_ALLOWANCE, FRIEND, USDC, 10**11, 1440, 0),
                     SMART), Action.ALLOW, None, id="allowance-to-allowlisted-allows"),
    pytest.param(_tx(ALLOWANCE_MODULE, call("addDelegate(address)", STRANGER), SMART),
                 Action.ALLOW, None, id="add-delegate-alone-allows"),
]  # fmt: skip


@pytest.mark.parametrize(("tx", "action", "rule"), CASES)
def test_admin_verdicts(tx: dict[str, Any], action: Action, rule: str | None) -> None:
    """Powers handed to a stranger BLOCK; to own / allowlisted parties, and removals, ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


@pytest.mark.parametrize(
    ("delegatee", "action"),
    [
        pytest.param(STRANGER, Action.BLOCK, id="signed-votes-to-stranger-blocks"),
        pytest.param(FRIEND, Action.ALLOW, id="signed-votes-to-allowlisted-allows"),
        pytest.param(ZERO, Action.ALLOW, id="signed-votes-cleared-allows"),
    ],
)
def test_signed_vote_delegation(delegatee: str, action: Action) -> None:
    """A signed Delegation hands the signer's votes over, as delegate(address) does."""
    verdict = Guard(POLICY, classifier=False).check_typed_data(_vote_delegation(delegatee))
    assert verdict.action is action, verdict.explain()


def _install_validator(init: bytes) -> dict[str, Any]:
    return _tx(SMART, call("installModule(uint256,address,bytes)", 1, FRIEND, init))


def _owners(threshold: int, *owners: str) -> bytes:
    return encode(["uint256", "address[]"], [threshold, list(owners)])


@pytest.mark.parametrize(
    ("init", "action"),
    [
        pytest.param(_owners(1, STRANGER), Action.BLOCK, id="allowlisted-validator-stranger-owner"),
        pytest.param(_owners(1, FRIEND, STRANGER), Action.BLOCK, id="one-of-two-owners-stranger"),
        pytest.param(_owners(1, FRIEND), Action.ALLOW, id="allowlisted-validator-own-key"),
        pytest.param(_owners(2, STRANGER), Action.ALLOW, id="threshold-above-owners-not-read"),
        pytest.param(_owners(0, STRANGER), Action.ALLOW, id="threshold-zero-not-read"),
    ],
)
def test_threshold_validator_owners(init: bytes, action: Action) -> None:
    """An allowlisted validator enabled with abi.encode(threshold, owners) (Rhinestone
    OwnableValidator) hands the account to those owners; data not of that exact shape is
    not read as owners."""
    verdict = Guard(POLICY, classifier=False).check_transaction(_install_validator(init))
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.evm.account_owner_change" in verdict.rule_ids


def _word(n: int) -> bytes:
    return n.to_bytes(32, "big")


def _padded(address: str) -> bytes:
    return bytes(12) + bytes.fromhex(address[2:])


@pytest.mark.parametrize(
    ("init", "action"),
    [
        pytest.param(_owners(1, STRANGER) + bytes(32), Action.BLOCK, id="trailing-word"),
        pytest.param(_owners(1, STRANGER) + b"\x00", Action.BLOCK, id="trailing-byte"),
        pytest.param(_word(1) + _word(0x60) + bytes(32) + _word(1) + _padded(STRANGER),
                     Action.BLOCK, id="offset-0x60-past-a-padding-word"),
        pytest.param(_owners(1, FRIEND, STRANGER) + bytes(32), Action.BLOCK,
                     id="two-owners-trailing-word"),
        pytest.param(_owners(1, FRIEND) + bytes(64), Action.ALLOW, id="friend-trailing-words"),
        # abi.decode reverts (so does the install), or another validator's format
        pytest.param(_word(1) + _word(0x40) + _word(2) + _padded(STRANGER), Action.ALLOW,
                     id="array-past-the-end"),
        pytest.param(_word(1) + _word(0x40) + _word(1) + b"\x01" * 32, Action.ALLOW,
                     id="dirty-address"),
        pytest.param(bytes(40), Action.ALLOW, id="zeros-no-abi"),
        pytest.param(b"\x01" * 8, Action.ALLOW, id="shorter-than-a-key"),
    ],
)  # fmt: skip
def test_threshold_validator_owners_read_as_abi_decode(init: bytes, action: Action) -> None:
    """Enable data is read as Solidity's abi.decode reads it (any in-bounds offset, trailing
    bytes ignored); data it cannot decode makes the install revert."""
    verdict = Guard(POLICY, classifier=False).check_transaction(_install_validator(init))
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.evm.account_owner_change" in verdict.rule_ids


def test_role_and_proxy_are_read_from_the_arguments() -> None:
    """grantRole names the role; ProxyAdmin's upgrade acts on the proxy it names."""
    [grant] = decode_evm(_tx(TOKEN, call(GRANT, MINTER, STRANGER))).operations
    assert isinstance(grant, AuthorityChange)
    assert (grant.account, grant.authority_type, grant.new_authority) == (
        TOKEN,
        "minter_role",
        STRANGER,
    )
    upgrade = call(UPGRADE_AND_CALL, PROXY, IMPL, b"")
    [op] = decode_evm(_tx(PROXY_ADMIN, upgrade)).operations
    assert isinstance(op, AuthorityChange)
    assert (op.account, op.new_authority, op.current_authority) == (PROXY, IMPL, OWN)


_UUPS = "upgradeToAndCall(address,bytes)"
_INIT = call("initialize(address)", STRANGER)


@pytest.mark.parametrize(
    ("data", "action", "rule"),
    [
        pytest.param(call("transferOwnership(address)", STRANGER), Action.BLOCK,
                     "tx.evm.transfer_ownership", id="transfer-ownership-to-stranger"),
        pytest.param(call(GRANT, ADMIN_ROLE, STRANGER), Action.BLOCK, "tx.evm.role_grant",
                     id="grant-admin-to-stranger"),
        pytest.param(_INIT, Action.FLAG, "tx.evm.unknown_call", id="opaque-initializer"),
        pytest.param(call("transferOwnership(address)", OWN), Action.ALLOW, None,
                     id="transfer-ownership-to-own"),
        pytest.param(call(GRANT, MINTER, FRIEND), Action.ALLOW, None, id="grant-to-friend"),
        pytest.param(b"", Action.ALLOW, None, id="no-data"),
    ],
)  # fmt: skip
def test_upgrade_and_call_runs_its_data_on_the_proxy(
    data: bytes, action: Action, rule: str | None
) -> None:
    """The data of ProxyAdmin.upgradeAndCall and of a UUPS upgradeToAndCall runs on the proxy
    after the upgrade (an allowlisted implementation): judged as the same call sent to the
    proxy directly, never dropped."""
    direct = Guard(POLICY, classifier=False).check_transaction(_tx(PROXY, data)) if data else None
    for tx in (
        _tx(PROXY_ADMIN, call(UPGRADE_AND_CALL, PROXY, FRIEND, data)),
        _tx(PROXY, call(_UUPS, FRIEND, data)),
    ):
        verdict = Guard(POLICY, classifier=False).check_transaction(tx)
        assert verdict.action is action, verdict.explain()
        if rule is not None:
            assert rule in verdict.rule_ids
        if direct is not None:
            assert verdict.action is direct.action


def _self_send(data: bytes, tx_type: int | None = None) -> dict[str, Any]:
    tx = {"from": OWN, "to": OWN, "value": 0, "data": "0x" + data.hex(), "chainId": 1}
    return tx if tx_type is None else {**tx, "type": tx_type}


@pytest.mark.parametrize(
    ("tx", "action"),
    [
        pytest.param(_self_send(b"data:,hello world"), Action.ALLOW, id="ethscription-self-send"),
        pytest.param(_self_send(b"rent dec"), Action.ALLOW, id="utf8-memo-self-send"),
        # review18 F1: binary data to the own EOA is calldata its 7702 delegate (if any) runs
        pytest.param(_self_send(bytes.fromhex("deadbeef") + bytes(32)), Action.FLAG,
                     id="selector-shaped-self-send-is-own-code"),
        pytest.param(_tx(SMART, bytes.fromhex("deadbeef") + bytes(32)), Action.FLAG,
                     id="unknown-selector-on-own-smart-account"),
        pytest.param(_tx(SMART, call("addDeposit()")), Action.ALLOW, id="4337-add-deposit"),
        pytest.param(_tx(SMART, call("withdrawDepositTo(address,uint256)", OWN, 10**16)),
                     Action.ALLOW, id="4337-withdraw-deposit-to-own"),
        pytest.param(_tx(SMART, call("withdrawDepositTo(address,uint256)", STRANGER, 10**18)),
                     Action.FLAG, id="4337-withdraw-deposit-to-stranger"),
        pytest.param(_tx(STRANGER, call("withdrawDepositTo(address,uint256)", OWN, 10**18)),
                     Action.FLAG, id="4337-withdraw-selector-on-a-stranger-contract"),
    ],
)  # fmt: skip
def test_own_account_requests(tx: dict[str, Any], action: Action) -> None:
    """The signer's transaction to itself runs no code (its data is a note); an unknown
    selector on an own smart account flags; the ERC-4337 deposit functions are read: the
    withdrawal is a give to its recipient, and on another contract they are unknown code."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call("revokeDelegate(address)", FRIEND), id="revoke-delegate"),
        pytest.param(call("revokeAllDelegates()"), id="revoke-all-delegates"),
        pytest.param(call(DELEGATE_ALL, STRANGER, bytes(32), False), id="delegate-all-disabled"),
        pytest.param(call("addDelegate(address)", FRIEND), id="allowance-add-delegate"),
        pytest.param(call("deleteAllowance(address,address)", FRIEND, USDC),
                     id="allowance-delete"),
    ],
)  # fmt: skip
def test_take_backs_are_known_only_on_their_contract(data: bytes) -> None:
    """A delegation or delegate taken back is a known call on the delegate.xyz registry /
    Safe AllowanceModule it belongs to; the same selector on a stranger's contract runs
    that stranger's code (unknown call: FLAG)."""
    canonical = (
        ALLOWANCE_MODULE
        if data[:4]
        in (
            call("addDelegate(address)", FRIEND)[:4],
            call("deleteAllowance(address,address)", FRIEND, USDC)[:4],
        )
        else REGISTRY
    )
    guard = Guard(POLICY, classifier=False)
    assert guard.check_transaction(_tx(canonical, data)).action is Action.ALLOW
    verdict = guard.check_transaction(_tx(STRANGER, data))
    assert verdict.action is Action.FLAG, verdict.explain()
    assert "tx.evm.unknown_call" in verdict.rule_ids


def test_replayable_call_is_noted() -> None:
    """The replayable wrapper runs each entry as the account's self-call and says so."""
    decoded = decode_evm(_replayable(call(ADD_OWNER, STRANGER)))
    assert "cbsw:replayable-every-chain" in decoded.notes
    [op] = [o for o in decoded.operations if isinstance(o, AuthorityChange)]
    assert (op.account, op.current_authority, op.new_authority) == (SMART, SMART, STRANGER)


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(_tx(TOKEN, call(GRANT, MINTER, STRANGER)[:30]), id="grant"),
        pytest.param(_tx(PROXY_ADMIN, call(UPGRADE_AND_CALL, PROXY, STRANGER, b"")[:40]),
                     id="upgrade"),
        pytest.param(_tx(REGISTRY, call(DELEGATE_ALL, STRANGER, bytes(32), True)[:50]),
                     id="delegate-all"),
        pytest.param(_tx(SMART, call(ADD_OWNER, STRANGER)[:20]), id="add-owner"),
        pytest.param(_tx(ALLOWANCE_MODULE, call(SET_ALLOWANCE, STRANGER, USDC, 1, 0, 0)[:70],
                         SMART), id="set-allowance"),
    ],
)  # fmt: skip
def test_truncated_admin_calls_are_never_allowed(tx: dict[str, Any]) -> None:
    """Calldata cut short is undecodable: never a silent ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()
