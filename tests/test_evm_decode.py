"""EVM decoding: tx dicts, raw RLP, calldata (tokens, permits, Permit2, wrappers), typed data."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import rlp
from eth_account import Account
from eth_utils import keccak
from evm_builders import (
    FRIEND,
    MAX,
    MULTICALL3,
    NFT,
    OWN,
    PERMIT2,
    ROUTER,
    STRANGER,
    TOKEN,
    approve,
    call,
    delegation_tx,
    permit2_batch,
    permit2_single,
    permit2_transfer,
    permit_typed_data,
    transfer,
    tx,
)

from aiegis_guard.chains.evm.calldata import FUNCTIONS
from aiegis_guard.chains.evm.decode import decode_evm, decode_message, decode_typed_data
from aiegis_guard.chains.evm.selectors import BUILTIN_SPENDERS, EIP712_TYPES
from aiegis_guard.chains.evm.typed_data import encode_type
from aiegis_guard.chains.transaction import (
    Approval,
    AuthorityChange,
    Call,
    Creation,
    DecodedTransaction,
    Delegation,
    Receipt,
    Transfer,
)
from aiegis_guard.checksums import to_eip55
from aiegis_guard.errors import EvmDecodeError

SAFE = "0x6666666666666666666666666666666666666666"
ACCOUNT = "0x7777777777777777777777777777777777777777"
MULTISEND = "0x40a2accbd92bca938b02010e17a5b8929b49130d"
ONEINCH_V6 = "0x111111125421ca6dc452d289314280a0f8842a65"
SWAP_ROUTER_V3 = "0xe592427a0aece92de3edee1f18e0157c05861564"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"


def summary(op: Any) -> tuple[Any, ...]:
    """A compact, comparable view of one operation."""
    if isinstance(op, Transfer):
        return ("transfer", op.via, op.asset.address, op.sender, op.recipient, op.amount)
    if isinstance(op, Approval):
        flags = "".join(
            c for c, on in (("U", op.unlimited), ("R", op.revoke), ("A", op.all_assets)) if on
        )
        return ("approval", op.via, op.asset.address, op.owner, op.spender, op.amount, flags)
    if isinstance(op, Call):
        return ("call", op.via, op.target, op.name, op.known, op.value, op.touches_own)
    if isinstance(op, Delegation):
        return ("delegation", op.delegate, op.chain_id, op.authority)
    if isinstance(op, Creation):
        return ("create", op.value, op.code_size)
    if isinstance(op, AuthorityChange):
        return ("authority", op.via, op.account, op.new_authority)
    if isinstance(op, Receipt):
        return ("receipt", op.via, op.asset.address, op.recipient, op.amount)
    raise AssertionError(op)


def ops(decoded: DecodedTransaction) -> list[tuple[Any, ...]]:
    return [summary(op) for op in decoded.operations]


# --- data tables against the shared, keccak-checked signature data ----------------------------


def test_selectors_are_keccak_of_their_signatures() -> None:
    """Every selector in the shipped table is keccak256(signature)[:4]."""
    for sel, fn in FUNCTIONS.items():
        assert keccak(text=fn.signature)[:4] == sel, fn.signature


def test_selectors_match_shared_signature_table(data_dir: Path) -> None:
    """Every shared-table selector we also ship has the same signature."""
    path = data_dir / "crypto" / "signatures" / "evm_function_selectors.csv"
    with path.open() as fh:
        shared = {bytes.fromhex(r["selector"][2:]): r["signature"] for r in csv.DictReader(fh)}
    common = set(shared) & set(FUNCTIONS)
    assert len(common) >= 40
    for sel in common:
        assert FUNCTIONS[sel].signature == shared[sel]
    missing = {shared[s] for s in set(shared) - set(FUNCTIONS)}
    assert missing <= {"isValidSignature(bytes32,bytes)"}, missing


def test_eip712_types_match_shared_typehashes(data_dir: Path) -> None:
    """The permit encoded types we recognise are those whose typehashes the shared table lists."""
    path = data_dir / "crypto" / "signatures" / "eip712_typehashes.csv"
    with path.open() as fh:
        rows = {r["encoded_type"]: r["typehash"] for r in csv.DictReader(fh)}
    for encoded in EIP712_TYPES:
        assert encoded in rows, encoded
        assert "0x" + keccak(text=encoded).hex() == rows[encoded]


def test_well_known_addresses_match_shared_table(data_dir: Path) -> None:
    """Permit2 and Multicall3 are the addresses of the shared table; built-ins are EIP-55 sane."""
    path = data_dir / "crypto" / "signatures" / "well_known_addresses.csv"
    with path.open() as fh:
        evm = {r["address"].lower() for r in csv.DictReader(fh) if r["chain"] == "evm"}
    assert {PERMIT2, MULTICALL3} <= evm
    assert PERMIT2 in BUILTIN_SPENDERS
    for address in BUILTIN_SPENDERS:
        assert to_eip55(address).lower() == address and len(address) == 42


# --- calldata ----------------------------------------------------------------------------------

_SINGLE = ((TOKEN, 10**18, 2**40, 0), STRANGER, 2**40)
_ROUTER_PERMIT = call(
    "f(((address,uint160,uint48,uint48),address,uint256),bytes)", _SINGLE, b"\x01" * 65
)[4:]
_V3_PATH = bytes.fromhex(TOKEN[2:]) + (3000).to_bytes(3, "big") + bytes.fromhex(FRIEND[2:])
_SWAP_TO_STRANGER = call(
    "f(address,uint256,uint256,bytes,bool)", STRANGER, 10**18, 1, _V3_PATH, True
)[4:]
_MSG_SENDER = "0x" + "00" * 19 + "01"


def _packed(*records: tuple[int, str, int, bytes]) -> bytes:
    return b"".join(
        bytes([op]) + bytes.fromhex(to[2:]) + v.to_bytes(32, "big") + len(d).to_bytes(32, "big") + d
        for op, to, v, d in records
    )


def _multisend(*records: tuple[int, str, int, bytes]) -> bytes:
    return call("multiSend(bytes)", _packed(*records))


def _router(commands: bytes, inputs: list[bytes]) -> bytes:
    return call("execute(bytes,bytes[],uint256)", commands, inputs, 2**40)


def _safe(to: str, value: int, data: bytes, operation: int) -> bytes:
    sig = (
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
    )
    zero = "0x" + "00" * 20
    return call(sig, to, value, data, operation, 0, 0, 0, zero, zero, b"")


CALLDATA = [
    pytest.param(
        tx(STRANGER, value=5),
        [("transfer", "native", None, OWN, STRANGER, 5)],
        id="native-transfer",
    ),
    pytest.param(
        tx(TOKEN, transfer(STRANGER, 7)),
        [("transfer", "erc20.transfer", TOKEN, OWN, STRANGER, 7)],
        id="erc20-transfer",
    ),
    pytest.param(
        tx(TOKEN, call("transferFrom(address,address,uint256)", FRIEND, STRANGER, 9)),
        [("transfer", "erc20.transfer_from", TOKEN, FRIEND, STRANGER, 9)],
        id="transfer-from",
    ),
    pytest.param(
        tx(TOKEN, approve(STRANGER, MAX)),
        [("approval", "erc20.approve", TOKEN, OWN, STRANGER, MAX, "U")],
        id="approve-max-is-unlimited",
    ),
    pytest.param(
        tx(TOKEN, approve(STRANGER, 2**255)),
        [("approval", "erc20.approve", TOKEN, OWN, STRANGER, 2**255, "U")],
        id="approve-2-pow-255-is-unlimited",
    ),
    pytest.param(
        tx(TOKEN, approve(STRANGER, 0)),
        [("approval", "erc20.approve", TOKEN, OWN, STRANGER, 0, "R")],
        id="approve-zero-is-revoke",
    ),
    pytest.param(
        tx(TOKEN, call("increaseAllowance(address,uint256)", STRANGER, 3)),
        [("approval", "erc20.increase_allowance", TOKEN, OWN, STRANGER, 3, "")],
        id="increase-allowance",
    ),
    pytest.param(
        tx(TOKEN, call("decreaseAllowance(address,uint256)", STRANGER, 3)),
        [("approval", "erc20.decrease_allowance", TOKEN, OWN, STRANGER, 3, "R")],
        id="decrease-allowance-is-revoke",
    ),
    pytest.param(
        tx(NFT, call("setApprovalForAll(address,bool)", STRANGER, True)),
        [("approval", "nft.set_approval_for_all", NFT, OWN, STRANGER, None, "A")],
        id="set-approval-for-all",
    ),
    pytest.param(
        tx(NFT, call("setApprovalForAll(address,bool)", STRANGER, False)),
        [("approval", "nft.set_approval_for_all", NFT, OWN, STRANGER, None, "R")],
        id="set-approval-for-all-false-is-revoke",
    ),
    pytest.param(
        tx(NFT, call("safeTransferFrom(address,address,uint256)", OWN, STRANGER, 42)),
        [("transfer", "erc721.safe_transfer_from", NFT, OWN, STRANGER, 1)],
        id="erc721-safe-transfer",
    ),
    pytest.param(
        tx(NFT, call("safeTransferFrom(address,address,uint256,bytes)", OWN, STRANGER, 42, b"x")),
        [("transfer", "erc721.safe_transfer_from", NFT, OWN, STRANGER, 1)],
        id="erc721-safe-transfer-with-data",
    ),
    pytest.param(
        tx(
            NFT,
            call(
                "safeTransferFrom(address,address,uint256,uint256,bytes)", OWN, STRANGER, 4, 10, b""
            ),
        ),
        [("transfer", "erc1155.safe_transfer_from", NFT, OWN, STRANGER, 10)],
        id="erc1155-transfer",
    ),
    pytest.param(
        tx(
            NFT,
            call(
                "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)",
                OWN,
                STRANGER,
                [1, 2],
                [5, 6],
                b"",
            ),
        ),
        [
            ("transfer", "erc1155.safe_batch_transfer_from", NFT, OWN, STRANGER, 5),
            ("transfer", "erc1155.safe_batch_transfer_from", NFT, OWN, STRANGER, 6),
        ],
        id="erc1155-batch",
    ),
    pytest.param(
        tx(
            TOKEN,
            call(
                "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
                OWN,
                STRANGER,
                MAX,
                2**40,
                27,
                b"\x01" * 32,
                b"\x02" * 32,
            ),
        ),
        [("approval", "eip2612.permit", TOKEN, OWN, STRANGER, MAX, "U")],
        id="eip2612-permit-call",
    ),
    pytest.param(
        tx(
            TOKEN,
            call(
                "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)",
                OWN,
                STRANGER,
                0,
                0,
                True,
                27,
                b"\x01" * 32,
                b"\x02" * 32,
            ),
        ),
        [("approval", "dai.permit", TOKEN, OWN, STRANGER, None, "U")],
        id="dai-permit-call",
    ),
    pytest.param(
        tx(
            PERMIT2, call("approve(address,address,uint160,uint48)", TOKEN, STRANGER, 2**160 - 1, 0)
        ),
        [("approval", "permit2.approve", TOKEN, OWN, STRANGER, 2**160 - 1, "U")],
        id="permit2-approve",
    ),
    pytest.param(
        tx(
            PERMIT2,
            call(
                "permit(address,((address,uint160,uint48,uint48),address,uint256),bytes)",
                OWN,
                _SINGLE,
                b"\x01" * 65,
            ),
        ),
        [("approval", "permit2.permit_single", TOKEN, OWN, STRANGER, 10**18, "")],
        id="permit2-permit-single-call",
    ),
    pytest.param(
        tx(
            PERMIT2,
            call(
                "permit(address,((address,uint160,uint48,uint48)[],address,uint256),bytes)",
                OWN,
                ([(TOKEN, 1, 0, 0), (NFT, 2**160 - 1, 0, 0)], STRANGER, 0),
                b"",
            ),
        ),
        [
            ("approval", "permit2.permit_batch", TOKEN, OWN, STRANGER, 1, ""),
            ("approval", "permit2.permit_batch", NFT, OWN, STRANGER, 2**160 - 1, "U"),
        ],
        id="permit2-permit-batch-call",
    ),
    pytest.param(
        tx(PERMIT2, call("transferFrom(address,address,uint160,address)", OWN, STRANGER, 5, TOKEN)),
        [("transfer", "permit2.transfer_from", TOKEN, OWN, STRANGER, 5)],
        id="permit2-transfer-from",
    ),
    pytest.param(
        tx(
            PERMIT2,
            call(
                "transferFrom((address,address,uint160,address)[])",
                [(OWN, STRANGER, 5, TOKEN), (OWN, FRIEND, 6, TOKEN)],
            ),
        ),
        [
            ("transfer", "permit2.transfer_from", TOKEN, OWN, STRANGER, 5),
            ("transfer", "permit2.transfer_from", TOKEN, OWN, FRIEND, 6),
        ],
        id="permit2-transfer-from-batch",
    ),
    pytest.param(
        tx(
            PERMIT2,
            call(
                "permitTransferFrom(((address,uint256),uint256,uint256),(address,uint256),address,bytes)",
                ((TOKEN, 100), 1, 2**40),
                (STRANGER, 100),
                OWN,
                b"",
            ),
        ),
        [("transfer", "permit2.permit_transfer_from", TOKEN, OWN, STRANGER, 100)],
        id="permit2-signature-transfer",
    ),
    pytest.param(
        tx(
            PERMIT2,
            call(
                "permitWitnessTransferFrom(((address,uint256)[],uint256,uint256),(address,uint256)[],"
                "address,bytes32,string,bytes)",
                ([(TOKEN, 100), (NFT, 3)], 1, 2**40),
                [(STRANGER, 100), (FRIEND, 3)],
                OWN,
                b"\x00" * 32,
                "Order(address x)",
                b"",
            ),
        ),
        [
            ("transfer", "permit2.permit_witness_transfer_from", TOKEN, OWN, STRANGER, 100),
            ("transfer", "permit2.permit_witness_transfer_from", NFT, OWN, FRIEND, 3),
        ],
        id="permit2-witness-batch",
    ),
    pytest.param(
        tx(PERMIT2, call("lockdown((address,address)[])", [(TOKEN, STRANGER)])),
        [("approval", "permit2.lockdown", TOKEN, OWN, STRANGER, 0, "R")],
        id="permit2-lockdown-is-revoke",
    ),
    pytest.param(
        tx(TOKEN, call("multicall(bytes[])", [transfer(STRANGER, 1), approve(FRIEND, 2)])),
        [
            ("transfer", "erc20.transfer", TOKEN, OWN, STRANGER, 1),
            ("approval", "erc20.approve", TOKEN, OWN, FRIEND, 2, ""),
        ],
        id="multicall-self-keeps-sender",
    ),
    pytest.param(
        tx(ROUTER, call("multicall(uint256,bytes[])", 2**40, [approve(STRANGER, MAX)])),
        [("approval", "erc20.approve", ROUTER, OWN, STRANGER, MAX, "U")],
        id="multicall-deadline",
    ),
    pytest.param(
        tx(MULTICALL3, call("aggregate((address,bytes)[])", [(TOKEN, transfer(STRANGER, 1))])),
        [("transfer", "erc20.transfer", TOKEN, MULTICALL3, STRANGER, 1)],
        id="aggregate-sender-is-multicall",
    ),
    pytest.param(
        tx(
            MULTICALL3,
            call("tryAggregate(bool,(address,bytes)[])", False, [(TOKEN, approve(STRANGER, 1))]),
        ),
        [("approval", "erc20.approve", TOKEN, MULTICALL3, STRANGER, 1, "")],
        id="try-aggregate",
    ),
    pytest.param(
        tx(
            MULTICALL3,
            call(
                "aggregate3((address,bool,bytes)[])",
                [(TOKEN, True, call("transferFrom(address,address,uint256)", OWN, STRANGER, 8))],
            ),
        ),
        [("transfer", "erc20.transfer_from", TOKEN, OWN, STRANGER, 8)],
        id="aggregate3-transfer-from-own",
    ),
    pytest.param(
        tx(
            MULTICALL3,
            call("aggregate3Value((address,bool,uint256,bytes)[])", [(STRANGER, False, 3, b"")]),
            value=3,
        ),
        # Multicall3 passes the caller's msg.value on whole: own pays the inner target
        [("transfer", "native", None, OWN, STRANGER, 3)],
        id="aggregate3-value-forwards",
    ),
    pytest.param(
        tx(SAFE, _safe(TOKEN, 0, transfer(STRANGER, 4), 0)),
        [("transfer", "erc20.transfer", TOKEN, SAFE, STRANGER, 4)],
        id="safe-exec-call",
    ),
    pytest.param(
        tx(SAFE, _safe(MULTISEND, 0, _multisend((0, TOKEN, 0, transfer(STRANGER, 4))), 1)),
        [("transfer", "erc20.transfer", TOKEN, SAFE, STRANGER, 4)],
        id="safe-delegatecall-multisend",
    ),
    pytest.param(
        tx(SAFE, _safe(STRANGER, 0, bytes.fromhex("deadbeef"), 1)),
        [("call", "evm.delegatecall", STRANGER, None, False, 0, True)],
        id="safe-delegatecall-unknown",
    ),
    pytest.param(
        tx(SAFE, _safe(TOKEN, 0, transfer(STRANGER, 4), 1)),
        [("call", "evm.delegatecall", TOKEN, "transfer", False, 0, True)],
        id="safe-delegatecall-into-token-code",
    ),
    pytest.param(
        tx(ACCOUNT, call("execute(address,uint256,bytes)", STRANGER, 9, b"")),
        [("transfer", "native", None, ACCOUNT, STRANGER, 9)],
        id="account-execute-value",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call(
                "executeBatch(address[],uint256[],bytes[])",
                [TOKEN, STRANGER],
                [0, 2],
                [approve(STRANGER, MAX), b""],
            ),
        ),
        [
            ("approval", "erc20.approve", TOKEN, ACCOUNT, STRANGER, MAX, "U"),
            ("transfer", "native", None, ACCOUNT, STRANGER, 2),
        ],
        id="account-execute-batch",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call("executeBatch(address[],bytes[])", [TOKEN], [transfer(STRANGER, 1)]),
        ),
        [("transfer", "erc20.transfer", TOKEN, ACCOUNT, STRANGER, 1)],
        id="simple-account-execute-batch",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call("executeBatch((address,uint256,bytes)[])", [(TOKEN, 0, transfer(STRANGER, 1))]),
        ),
        [("transfer", "erc20.transfer", TOKEN, ACCOUNT, STRANGER, 1)],
        id="coinbase-execute-batch",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call(
                "execute(bytes32,bytes)",
                b"\x00" * 32,
                bytes.fromhex(TOKEN[2:]) + (0).to_bytes(32, "big") + transfer(STRANGER, 2),
            ),
        ),
        [("transfer", "erc20.transfer", TOKEN, ACCOUNT, STRANGER, 2)],
        id="erc7579-single",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call(
                "execute(bytes32,bytes)",
                b"\x01" + b"\x00" * 31,
                call("f((address,uint256,bytes)[])", [(TOKEN, 0, approve(STRANGER, 1))])[4:],
            ),
        ),
        [("approval", "erc20.approve", TOKEN, ACCOUNT, STRANGER, 1, "")],
        id="erc7579-batch",
    ),
    pytest.param(
        tx(
            ACCOUNT,
            call("execute(bytes32,bytes)", b"\xff" + b"\x00" * 31, bytes.fromhex(STRANGER[2:])),
        ),
        [("call", "evm.delegatecall", STRANGER, None, False, 0, True)],
        id="erc7579-delegatecall",
    ),
    pytest.param(
        tx(ROUTER, _router(b"\x0a\x00", [_ROUTER_PERMIT, _SWAP_TO_STRANGER])),
        [
            ("approval", "permit2.permit_single", TOKEN, OWN, STRANGER, 10**18, ""),
            ("transfer", "universal_router.v3_swap_exact_in", TOKEN, OWN, ROUTER, 10**18),
            ("receipt", "universal_router.v3_swap_exact_in", FRIEND, STRANGER, 1),
        ],
        id="router-permit2-permit-and-swap-to-stranger",
    ),
    pytest.param(
        tx(
            ROUTER,
            _router(
                b"\x05\x04\x06",
                [
                    call("f(address,address,uint256)", TOKEN, STRANGER, 5)[4:],
                    call("f(address,address,uint256)", TOKEN, _MSG_SENDER, 0)[4:],
                    call("f(address,address,uint256)", "0x" + "00" * 20, FRIEND, 25)[4:],
                ],
            ),
        ),
        [
            ("receipt", "universal_router.transfer", TOKEN, STRANGER, 5),
            ("receipt", "universal_router.sweep", TOKEN, OWN, 0),
            ("receipt", "universal_router.pay_portion.fee", None, FRIEND, None),
        ],
        id="router-transfer-sweep-to-self-pay-portion",
    ),
    pytest.param(
        tx(ROUTER, _router(b"\x21", [call("f(bytes,bytes[])", b"\x3f", [b""])[4:]])),
        [("call", "evm.call", ROUTER, "universal_router.command_0x3f", False, 0, True)],
        id="router-sub-plan-unknown-command",
    ),
    pytest.param(
        tx(None, b"\x60\x00", value=4),
        [("create", 4, 2)],
        id="contract-creation",
    ),
    pytest.param(
        tx(STRANGER, bytes.fromhex("deadbeef") + bytes(12) + bytes.fromhex(OWN[2:]), value=1),
        [
            ("transfer", "native", None, OWN, STRANGER, 1),
            ("call", "evm.call", STRANGER, None, False, 1, True),
        ],
        id="unknown-selector-naming-own",
    ),
    pytest.param(
        tx(STRANGER, b"\x01\x02"),
        [("call", "evm.call", STRANGER, None, False, 0, False)],
        id="short-calldata",
    ),
    pytest.param(
        tx(TOKEN, call("transferOwnership(address)", STRANGER)),
        [("authority", "ownable.transfer_ownership", TOKEN, STRANGER)],
        id="transfer-ownership",
    ),
    pytest.param(
        tx(STRANGER, call("claim()"), value=2),
        [
            ("transfer", "native", None, OWN, STRANGER, 2),
            ("call", "evm.call", STRANGER, "claim", False, 2, False),
        ],
        id="payable-claim-is-unknown",
    ),
    pytest.param(  # 1inch ETH_ADDRESS: the input is the call's value, not a token
        tx(
            ONEINCH_V6,
            call(
                "swap(address,(address,address,address,address,uint256,uint256,uint256),bytes)",
                STRANGER,
                ("0x" + "ee" * 20, TOKEN, STRANGER, OWN, 5, 7, 0),
                b"",
            ),
            value=5,
        ),
        [
            ("transfer", "native", None, OWN, ONEINCH_V6, 5),
            ("receipt", "1inch.swap", TOKEN, OWN, 7),
        ],
        id="oneinch-eth-marker-is-the-value",
    ),
    pytest.param(  # PeripheryPayments.pay wraps msg.value when tokenIn is WETH9
        tx(
            SWAP_ROUTER_V3,
            call(
                "exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))",
                (WETH, TOKEN, 3000, OWN, 2**40, 5, 7, 0),
            ),
            value=5,
        ),
        [
            ("transfer", "native", None, OWN, SWAP_ROUTER_V3, 5),
            ("receipt", "uniswap_v3.exact_input_single", TOKEN, OWN, 7),
        ],
        id="weth-input-paid-with-value",
    ),
    pytest.param(  # not enough ETH sent: the router pulls the WETH
        tx(
            SWAP_ROUTER_V3,
            call(
                "exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))",
                (WETH, TOKEN, 3000, OWN, 2**40, 5, 7, 0),
            ),
        ),
        [
            ("transfer", "uniswap_v3.exact_input_single", WETH, OWN, SWAP_ROUTER_V3, 5),
            ("receipt", "uniswap_v3.exact_input_single", TOKEN, OWN, 7),
        ],
        id="weth-input-without-value",
    ),
]


@pytest.mark.parametrize(("payload", "expected"), CALLDATA)
def test_decodes_calldata(payload: dict[str, Any], expected: list[tuple[Any, ...]]) -> None:
    """Each call decodes to exactly these operations."""
    assert ops(decode_evm(payload)) == expected


def test_nesting_beyond_depth_limit_becomes_unknown_call() -> None:
    """Wrappers nested past the limit stop decoding with a note, not a crash."""
    data = transfer(STRANGER, 1)
    for _ in range(20):
        data = call("multicall(bytes[])", [data])
    decoded = decode_evm(tx(TOKEN, data))
    assert "depth-limit" in decoded.notes
    assert [op.op for op in decoded.operations] == ["call"]


# --- envelopes: dicts and raw RLP --------------------------------------------------------------


def test_dict_hex_strings_equal_ints() -> None:
    """Hex-string and int forms of the same dict decode identically."""
    as_ints = tx(TOKEN, transfer(STRANGER, 7), value=3)
    as_hex = {k: hex(v) if isinstance(v, int) else v for k, v in as_ints.items()}
    assert decode_evm(as_hex) == decode_evm(as_ints)
    assert decode_evm(json.dumps(as_ints)) == decode_evm(as_ints)


def test_input_key_is_calldata_and_must_agree_with_data() -> None:
    """``input`` works like ``data``; both present and different is refused."""
    body = tx(TOKEN, transfer(STRANGER, 7))
    with_input = {**body, "input": body.pop("data")}
    assert ops(decode_evm(with_input)) == [("transfer", "erc20.transfer", TOKEN, OWN, STRANGER, 7)]
    with pytest.raises(EvmDecodeError):
        decode_evm({**with_input, "data": "0x" + transfer(FRIEND, 7).hex()})


@pytest.fixture(scope="module")
def account() -> Any:
    """A throwaway key, generated per run (never funded)."""
    return Account.create()


RAW = [
    pytest.param({"gasPrice": 10**9, "chainId": 5}, "legacy", 5, id="legacy-eip155"),
    pytest.param(
        {"gasPrice": 10**9, "chainId": 1, "accessList": [{"address": TOKEN, "storageKeys": []}]},
        "eip2930",
        1,
        id="eip2930",
    ),
    pytest.param(
        {"maxFeePerGas": 10**10, "maxPriorityFeePerGas": 1, "chainId": 10}, "eip1559", 10, id="1559"
    ),
]


@pytest.mark.parametrize(("fees", "tx_type", "chain_id"), RAW)
def test_signed_raw_recovers_sender(
    account: Any, fees: dict[str, Any], tx_type: str, chain_id: int
) -> None:
    """Signed raw transactions decode with the signer recovered and the calldata understood."""
    body = {"to": TOKEN, "value": 1, "data": approve(STRANGER, MAX), "gas": 90_000, "nonce": 3}
    signed = account.sign_transaction({**body, **fees})
    for raw in (signed.raw_transaction, "0x" + signed.raw_transaction.hex(), signed):
        decoded = decode_evm(raw)
        assert (decoded.tx_type, decoded.chain_id, decoded.signed) == (tx_type, chain_id, True)
        assert decoded.sender == account.address.lower()
        assert ops(decoded)[1] == (
            "approval",
            "erc20.approve",
            TOKEN,
            decoded.sender,
            STRANGER,
            MAX,
            "U",
        )


SIGNED_SHAPES = [
    pytest.param({"gasPrice": 10**9, "chainId": 2**40}, 0, id="legacy-multibyte-chain-id"),
    pytest.param({"gasPrice": 10**9, "chainId": 137}, 70_000, id="legacy-eip155-70k-data"),
    pytest.param({"gasPrice": 10**9}, 300, id="legacy-pre155-300-bytes"),
    pytest.param(
        {"maxFeePerGas": 10**10, "maxPriorityFeePerGas": 1, "chainId": 8453},
        1_000,
        id="1559-1k-data",
    ),
    pytest.param(
        {"gasPrice": 1, "chainId": 1, "accessList": [{"address": TOKEN, "storageKeys": []}]},
        0,
        id="2930-no-data",
    ),
]


@pytest.mark.parametrize(("fees", "size"), SIGNED_SHAPES)
def test_signer_recovered_from_the_raw_bytes(account: Any, fees: dict[str, Any], size: int) -> None:
    """The signed payload is sliced from the raw RLP: short and long list headers, long
    calldata and multi-byte chain ids all recover the signer."""
    data = bytes((7 * i + 1) % 256 for i in range(size))
    body = {"to": TOKEN, "value": 1, "data": data, "gas": 10**7, "nonce": 2**33}
    signed = account.sign_transaction({**body, **fees})
    assert decode_evm(signed.raw_transaction).sender == account.address.lower()


def test_pre_eip155_legacy_recovers_sender(account: Any) -> None:
    """A legacy transaction without chain id (v = 27/28) still yields its signer."""
    fields = [3, 10**9, 21_000, bytes.fromhex(STRANGER[2:]), 5, b""]
    msg_hash = keccak(rlp.encode(fields))
    sig = account.unsafe_sign_hash(msg_hash)
    raw = rlp.encode([*fields, sig.v, sig.r, sig.s])
    decoded = decode_evm(raw)
    assert (decoded.sender, decoded.chain_id) == (account.address.lower(), None)


def test_unsigned_raw_forms() -> None:
    """Unsigned legacy (6 and EIP-155 9 fields) and typed payloads decode without a sender."""
    to = bytes.fromhex(STRANGER[2:])
    legacy6 = rlp.encode([0, 1, 21_000, to, 5, b""])
    legacy9 = rlp.encode([0, 1, 21_000, to, 5, b"", 137, 0, 0])
    eip1559 = b"\x02" + rlp.encode([1, 0, 1, 2, 21_000, to, 5, b"", []])
    blob = b"\x03" + rlp.encode([1, 0, 1, 2, 21_000, to, 5, b"", [], 1, [b"\x01" * 32]])
    for raw, chain_id in ((legacy6, None), (legacy9, 137), (eip1559, 1), (blob, 1)):
        decoded = decode_evm(raw)
        assert (decoded.sender, decoded.signed, decoded.chain_id) == (None, False, chain_id)
        assert ops(decoded) == [("transfer", "native", None, None, STRANGER, 5)]


def test_eip7702_authorizations_recover_authority(account: Any) -> None:
    """Type-4 transactions carry delegations with the authority recovered, dict or raw."""
    auth = account.sign_authorization({"chainId": 0, "address": STRANGER, "nonce": 4})
    body = delegation_tx(account.address, auth)
    expected = [("delegation", STRANGER, 0, account.address.lower())]
    signed = account.sign_transaction(body)
    decoded = decode_evm(signed.raw_transaction)
    assert (decoded.tx_type, ops(decoded)) == ("eip7702", expected)
    as_dict = {
        "chainId": 0,
        "address": STRANGER,
        "nonce": 4,
        "yParity": auth.y_parity,
        "r": hex(auth.r),
        "s": hex(auth.s),
    }
    assert ops(decode_evm({**body, "authorizationList": [as_dict]})) == expected
    unsigned = {"chainId": 1, "address": STRANGER, "nonce": 4}
    assert ops(decode_evm({**body, "authorizationList": [unsigned]})) == [
        ("delegation", STRANGER, 1, None)
    ]


# --- typed data --------------------------------------------------------------------------------

TYPED = [
    pytest.param(
        permit_typed_data(STRANGER, MAX),
        [("approval", "eip2612.permit", TOKEN, OWN, STRANGER, MAX, "U")],
        id="eip2612-permit",
    ),
    pytest.param(
        {"typed_data": permit_typed_data(STRANGER, 5)},
        [("approval", "eip2612.permit", TOKEN, OWN, STRANGER, 5, "")],
        id="wrapped-in-typed-data-key",
    ),
    pytest.param(
        json.dumps(permit_typed_data(STRANGER, 0)),
        [("approval", "eip2612.permit", TOKEN, OWN, STRANGER, 0, "R")],
        id="json-text-revoke",
    ),
    pytest.param(
        permit2_single(ROUTER, 2**160 - 1),
        [("approval", "permit2.permit_single", TOKEN, None, ROUTER, 2**160 - 1, "U")],
        id="permit2-single",
    ),
    pytest.param(
        permit2_batch(STRANGER, [1, 2**160 - 1]),
        [
            ("approval", "permit2.permit_batch", "0x" + "60" * 20, None, STRANGER, 1, ""),
            ("approval", "permit2.permit_batch", "0x" + "61" * 20, None, STRANGER, 2**160 - 1, "U"),
        ],
        id="permit2-batch",
    ),
    pytest.param(
        permit2_transfer(STRANGER, 50),
        [("approval", "permit2.permit_transfer_from", TOKEN, None, STRANGER, 50, "")],
        id="permit2-transfer",
    ),
    pytest.param(
        permit2_transfer(STRANGER, MAX, witness=True),
        [  # a witness of no order family: the transfer, and the spender told of its addresses
            ("approval", "permit2.permit_transfer_from", TOKEN, None, STRANGER, MAX, "U"),
            ("call", "permit2.witness", STRANGER, "Order", False, 0, False),
        ],
        id="permit2-witness-transfer",
    ),
]


@pytest.mark.parametrize(("payload", "expected"), TYPED)
def test_decodes_typed_data(payload: Any, expected: list[tuple[Any, ...]]) -> None:
    """Permits decode to approvals whatever form the payload comes in."""
    decoded = decode_typed_data(payload)
    assert decoded.kind == "typed_data"
    assert ops(decoded) == expected
    assert ops(decode_evm(payload if not isinstance(payload, str) else json.loads(payload))) == (
        expected
    )


def test_dai_permit_typed_data() -> None:
    """DAI-style ``allowed=true`` is an unlimited approval to the spender."""
    data = permit_typed_data(STRANGER, 0)
    data["types"]["Permit"] = [
        {"name": "holder", "type": "address"},
        {"name": "spender", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "expiry", "type": "uint256"},
        {"name": "allowed", "type": "bool"},
    ]
    data["message"] = {"holder": OWN, "spender": STRANGER, "nonce": 0, "expiry": 0, "allowed": True}
    assert ops(decode_typed_data(data)) == [
        ("approval", "dai.permit", TOKEN, OWN, STRANGER, None, "U")
    ]


def test_unknown_typed_data_keeps_strings_for_the_text_guard() -> None:
    """An unknown type is a note plus an unknown call; its strings become message_text."""
    data = {
        "types": {
            "Mail": [{"name": "to", "type": "address"}, {"name": "contents", "type": "string"}]
        },
        "primaryType": "Mail",
        "domain": {"name": "Mailer", "chainId": 1, "verifyingContract": FRIEND},
        "message": {"to": STRANGER, "contents": "hello there"},
    }
    decoded = decode_typed_data(data)
    assert "eip712:unknown-type" in decoded.notes
    assert ops(decoded) == [("call", "eip712", FRIEND, "Mail", False, 0, False)]
    assert decoded.message_text == "hello there"


def test_encode_type_orders_dependencies() -> None:
    """encodeType lists the primary type first, then dependencies by name (EIP-712)."""
    types = permit2_single(STRANGER, 1)["types"]
    parsed = {k: [(f["name"], f["type"]) for f in v] for k, v in types.items()}
    assert encode_type(parsed, "PermitSingle") in EIP712_TYPES


# --- messages ----------------------------------------------------------------------------------

MESSAGES = [
    pytest.param("0x" + "ab" * 32, "eth_sign", True, None, id="eth-sign-hash-is-blind"),
    pytest.param(b"\xab" * 32, "eth_sign", True, None, id="eth-sign-hash-bytes-is-blind"),
    pytest.param(
        "Sign in to example.org", "personal_sign", False, "Sign in to example.org", id="text"
    ),
    pytest.param("0x" + b"hello".hex(), "personal_sign", False, "hello", id="hex-encoded-text"),
    pytest.param(  # EIP-191 prefixed, still blind: contracts take it as approval of the hash
        "0x" + "ab" * 32, "personal_sign", True, None, id="personal-sign-hash-is-blind"
    ),
    pytest.param(  # 32 bytes of text (a hex-encoded nonce) are text, not a hash
        "0x" + b"Login nonce 0123456789abcdefghij".hex(),
        "personal_sign",
        False,
        "Login nonce 0123456789abcdefghij",
        id="personal-sign-32-bytes-of-text",
    ),
    pytest.param("0x" + "ab" * 33, "personal_sign", False, None, id="33-bytes-are-opaque"),
    pytest.param("hello", "eth_sign", False, "hello", id="eth-sign-text"),
]


@pytest.mark.parametrize(("message", "method", "blind", "text"), MESSAGES)
def test_decodes_messages(message: Any, method: str, blind: bool, text: str | None) -> None:
    """eth_sign of a 32-byte hash is blind; text is kept for the text guard."""
    decoded = decode_message(message, method)
    assert (decoded.blind_hash, decoded.message_text) == (blind, text)
    if not blind and text is None:
        assert "binary-message" in decoded.notes


def test_typed_data_method_routes_to_typed_decoder() -> None:
    """``eth_signTypedData_v4`` through decode_message is the typed-data decoder."""
    decoded = decode_message(json.dumps(permit_typed_data(STRANGER, 1)), "eth_signTypedData_v4")
    assert ops(decoded) == [("approval", "eip2612.permit", TOKEN, OWN, STRANGER, 1, "")]


# --- refusals ----------------------------------------------------------------------------------

BAD = [
    pytest.param({"to": "0x1234", "value": 1}, id="short-to"),
    pytest.param({"to": STRANGER, "value": -1}, id="negative-value"),
    pytest.param({"to": STRANGER, "value": 2**300}, id="value-2-pow-300"),
    pytest.param({"to": STRANGER, "value": True}, id="bool-value"),
    pytest.param({"to": STRANGER, "chainId": 2**256}, id="huge-chain-id"),
    pytest.param({"to": STRANGER, "data": "0xabc"}, id="odd-hex-data"),
    pytest.param({"to": STRANGER, "type": 9}, id="unknown-type"),
    pytest.param({"to": "vitalik.eth"}, id="ens-name-cannot-be-resolved-offline"),
    pytest.param({"to": STRANGER, "authorizationList": "x"}, id="authorization-list-not-list"),
    pytest.param({"to": STRANGER, "authorizationList": [{"nonce": 1}]}, id="authorization-no-addr"),
    pytest.param(tx(TOKEN, transfer(STRANGER, 1)[:-5]), id="truncated-calldata"),
    pytest.param(tx(TOKEN, approve(STRANGER, 1)[:4] + b"\xff" * 64), id="dirty-address"),
    pytest.param(
        tx(NFT, call("setApprovalForAll(address,bool)", STRANGER, True)[:-1] + b"\x02"),
        id="bool-not-0-or-1",
    ),
    pytest.param(
        tx(TOKEN, bytes.fromhex("ac9650d8") + (2**250).to_bytes(32, "big")),
        id="abi-offset-out-of-range",
    ),
    pytest.param(
        tx(SAFE, _safe(STRANGER, 0, b"", 2)),
        id="safe-operation-2",
    ),
    pytest.param(
        tx(MULTISEND, call("multiSend(bytes)", _packed((0, TOKEN, 0, b"abc"))[:-1])),
        id="multisend-truncated",
    ),
    pytest.param(b"", id="empty-raw"),
    pytest.param(b"\x05\xc0", id="unknown-type-byte"),
    pytest.param(b"\x02" + b"\xf8", id="truncated-rlp"),
    pytest.param(rlp.encode([1, 2, 3]), id="legacy-wrong-field-count"),
    pytest.param(
        b"\x02" + rlp.encode([1, 0, 1, 2, 21_000, b"\x01" * 19, 5, b"", []]), id="to-19-bytes"
    ),
    pytest.param(
        b"\x02" + rlp.encode([b"\x00\x01", 0, 1, 2, 21_000, b"", 5, b"", []]), id="int-leading-zero"
    ),
    pytest.param(
        b"\x02" + rlp.encode([1, 0, 1, 2, 21_000, b"", 5, b"", [], 5, 2, 3]), id="bad-signature"
    ),
    pytest.param("0xzz", id="hex-garbage"),
    pytest.param("{not json", id="broken-json"),
    pytest.param(12345, id="an-int"),
    pytest.param({"types": {}, "primaryType": "Mail", "message": {}}, id="typed-primary-missing"),
]


@pytest.mark.parametrize("payload", BAD)
def test_refuses_bad_input_with_decode_error(payload: Any) -> None:
    """Malformed payloads raise EvmDecodeError, nothing else."""
    with pytest.raises(EvmDecodeError):
        decode_evm(payload)


def _mail(message: Any, contents_type: str = "string", extra: Any = None) -> dict[str, Any]:
    types: dict[str, Any] = {"Mail": [{"name": "contents", "type": contents_type}]}
    if extra:
        types.update(extra)
    return {"types": types, "primaryType": "Mail", "domain": {}, "message": message}


BAD_TYPED = [
    pytest.param(_mail({"contents": 5}), id="wrong-field-type"),
    pytest.param(_mail({}), id="missing-field"),
    pytest.param(_mail({"contents": "x"}, "Person"), id="undefined-type"),
    pytest.param(_mail({"contents": 2**300}, "uint256"), id="uint-overflow"),
    pytest.param(_mail({"contents": -1}, "uint8"), id="uint-negative"),
    pytest.param(_mail({"contents": "0x1234"}, "address"), id="short-address"),
    pytest.param(_mail({"contents": "0x" + "00" * 33}, "bytes32"), id="bytes32-too-long"),
    pytest.param(_mail({"contents": [1] * 20_000}, "uint8[]"), id="huge-array"),
    pytest.param(_mail({"contents": [1, 2]}, "uint8[3]"), id="fixed-array-wrong-length"),
    pytest.param(
        _mail(
            {"contents": {"next": {"next": {}}}},
            "Node",
            {"Node": [{"name": "next", "type": "Node"}]},
        ),
        id="recursive-type-runs-out",
    ),
    pytest.param(
        {
            "types": {"A": [{"name": "a", "type": "B"}], "B": [{"name": "b", "type": "A"}]},
            "primaryType": "A",
            "message": {"a": {"b": {"a": {}}}},
        },
        id="type-cycle",
    ),
    pytest.param({"types": [], "primaryType": "Mail", "message": {}}, id="types-not-object"),
    pytest.param(_mail("not an object"), id="message-not-object"),
    pytest.param({"types": {"bad name": []}, "primaryType": "bad name", "message": {}}, id="name"),
]


@pytest.mark.parametrize("payload", BAD_TYPED)
def test_refuses_malformed_typed_data(payload: Any) -> None:
    """Typed data that does not match its own types raises EvmDecodeError."""
    with pytest.raises(EvmDecodeError):
        decode_typed_data(payload)


def test_deeply_nested_typed_data_is_bounded() -> None:
    """A self-referencing type nested far deeper than the limit is refused, not recursed."""
    node: dict[str, Any] = {"next": []}
    for _ in range(200):
        node = {"next": [node]}
    payload = _mail(node, "Node", {"Node": [{"name": "next", "type": "Node[]"}]})
    payload["message"] = {"contents": node}
    with pytest.raises(EvmDecodeError):
        decode_typed_data(payload)


def test_cyclic_python_objects_are_bounded() -> None:
    """A dict that contains itself (not expressible in JSON) is refused, not recursed forever."""
    node: dict[str, Any] = {}
    node["next"] = [node]
    payload = _mail({"contents": node}, "Node", {"Node": [{"name": "next", "type": "Node[]"}]})
    with pytest.raises(EvmDecodeError):
        decode_typed_data(payload)


def test_unknown_method_is_refused() -> None:
    """A signing method nobody knows is a decode error."""
    with pytest.raises(EvmDecodeError):
        decode_message("hi", "eth_signEverything")


_INTS = [
    pytest.param("uint256", 16, 16, id="int"),
    pytest.param("uint256", "16", 16, id="decimal-string"),
    pytest.param("uint256", "0x10", 16, id="hex-string"),
    pytest.param("uint256", " 16 ", 16, id="spaces"),
    pytest.param("uint8", "255", 255, id="uint8-max"),
    pytest.param("uint8", "256", None, id="uint8-overflow"),
    pytest.param("uint8", 256, None, id="uint8-overflow-int"),
    pytest.param("uint256", "-1", None, id="negative-unsigned"),
    pytest.param("int8", "-128", -128, id="int8-min"),
    pytest.param("uint256", True, None, id="bool"),
    pytest.param("uint256", "1" * 79, None, id="too-long"),
    pytest.param("uint256", "12a", None, id="not-a-number"),
]


@pytest.mark.parametrize(("t", "value", "want"), _INTS)
def test_typed_data_integers(t: str, value: Any, want: int | None) -> None:
    """Integer fields: ints and decimal / hex strings in range; anything else is an error."""
    payload = {
        "types": {"EIP712Domain": [], "M": [{"name": "v", "type": t}]},
        "primaryType": "M",
        "domain": {},
        "message": {"v": value},
    }
    if want is None:
        with pytest.raises(EvmDecodeError):
            decode_typed_data(payload)
    else:
        from aiegis_guard.chains.evm import typed_schema

        walker = typed_schema.Walker(typed_schema.schema_of(payload["types"]))
        assert walker.struct("M", payload["message"], 0) == {"v": want}


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"A" * 32, id="letters-no-spaces"),
        pytest.param(bytes(range(0x41, 0x61)), id="printable-run"),
        pytest.param(b"Qx7#Lm2!Vb9&Zt4*Rk8%Wn3^Hp6@Jd1 ", id="symbols-one-space"),
    ],
)
def test_32_printable_bytes_that_are_no_sentence_are_blind(raw: bytes) -> None:
    """review20b F3: 32 bytes read as text only when they are a sentence (letters, digits,
    spaces between words); a hash ground until it is printable stays a blind signature."""
    decoded = decode_message("0x" + raw.hex(), "personal_sign")
    assert decoded.blind_hash
