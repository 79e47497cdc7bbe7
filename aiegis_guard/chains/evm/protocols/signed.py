"""EIP-712 messages other than the canonical permits: what signing them lets happen.

Recognised by structure (the field names of the primary type). Sources:

- Safe ``SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,
  uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)``
  (safe-global/safe-smart-account ``Safe.sol`` SAFE_TX_TYPEHASH; v1.0 says ``dataGas``): the
  inner call is decoded exactly as ``execTransaction`` would run it, in the Safe
  (``verifyingContract``); a gas refund to ``refundReceiver`` is a give
  (``protocols/safe.py`` :func:`gas_refund`).
- EIP-3009 ``TransferWithAuthorization`` / ``ReceiveWithAuthorization(address from,address to,
  uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)`` (USDC FiatTokenV2).
- Compound III ``Authorization(address owner,address manager,bool isAllowed,uint256 nonce,
  uint256 expiry)`` (compound-finance/comet ``CometExt.sol``).
- Morpho Blue ``Authorization(address authorizer,address authorized,bool isAuthorized,
  uint256 nonce,uint256 deadline)`` (morpho-org/morpho-blue ``ConstantsLib.sol``
  AUTHORIZATION_TYPEHASH, ``setAuthorizationWithSig``): ``authorized`` manages every
  position of the authorizer.
- Aave v3 ``DelegationWithSig(address delegatee,uint256 value,uint256 nonce,uint256 deadline)``
  (aave/aave-v3-core ``DebtTokenBase.sol``).
- Vote delegation ``Delegation(address delegatee,uint256 nonce,uint256 expiry)``
  (OpenZeppelin ``governance/utils/Votes.sol`` DELEGATION_TYPEHASH, ``delegateBySig``;
  Uniswap/governance ``Uni.sol``): the signer's votes in the token (``verifyingContract``) go
  to ``delegatee`` (``protocols/delegations.py``).
- ERC-721 permits ``Permit(address spender,uint256 tokenId,uint256 nonce,uint256 deadline)``
  (Uniswap/v3-periphery ``ERC721Permit.sol``, positions NFT).
- Look-alike permits: any struct with a ``spender`` and a ``value`` / ``amount`` / ``allowed``
  (and an ``owner`` / ``holder``) is a permit, whatever its type is called.
- ERC-4337 ``PackedUserOperation(address sender,uint256 nonce,bytes initCode,bytes callData,
  bytes32 accountGasLimits,uint256 preVerificationGas,bytes32 gasFees,bytes paymasterAndData)``
  (eth-infinitism/account-abstraction ``UserOperationLib.sol`` PACKED_USEROP_TYPEHASH, EntryPoint
  v0.8+ signs it as EIP-712, domain ``ERC4337`` / ``1``) and the v0.6 ``UserOperation`` field
  set (``callGasLimit``... instead of the packed words): the EntryPoint calls ``sender`` with
  ``callData``, so it is decoded as a call into that account (``execute`` / ``executeBatch``...).
- Safe4337Module ``SafeOp(address safe,uint256 nonce,bytes initCode,bytes callData,
  uint128 verificationGasLimit,uint128 callGasLimit,uint256 preVerificationGas,
  uint128 maxPriorityFeePerGas,uint128 maxFeePerGas,bytes paymasterAndData,uint48 validAfter,
  uint48 validUntil,address entryPoint)`` (safe-global/safe-modules ``Safe4337Module.sol``
  4337/v0.3.0; v0.2.0 has uint256 gas fields): ``callData`` runs in the Safe
  (``executeUserOp(address,uint256,bytes,uint8)`` -> the Safe executes the call).
- Hyperliquid user actions (domain ``HyperliquidSignTransaction``): ``protocols/hyperliquid.py``.
- Linked signers and API keys (Vertex ``LinkSigner``, Orderly ``AddOrderlyKey``):
  ``protocols/linked_signers.py``.
- Meta-transactions: the signed call runs on the target as if the signer had sent it, so it is
  decoded as the signer's own call. Polygon PoS ``MetaTransaction(uint256 nonce,address from,
  bytes functionSignature)`` (maticnetwork/pos-portal ``NativeMetaTransaction.sol``: the
  token calls itself with ``functionSignature``, ``msg.sender`` = ``from``); OpenZeppelin
  ``ForwardRequest(address from,address to,uint256 value,uint256 gas,uint256 nonce,[uint48
  deadline,]bytes data)`` (``MinimalForwarder`` / ``ERC2771Forwarder``: ``to`` is called with
  ``data`` for ``from``; the value is the relayer's).
- EIP-3009 ``CancelAuthorization(address authorizer,bytes32 nonce)``: voids an unused
  authorization, moves nothing.
- Coinbase spend permissions ``SpendPermission`` / ``SpendPermissionBatch``
  (coinbase/spend-permissions ``SpendPermissionManager.sol``): ``protocols/spend_permissions.py``.
- MetaMask Delegation Framework ``Delegation`` (ERC-7710; MetaMask/delegation-framework):
  ``protocols/delegation_framework.py``.
- ZeroDev Kernel v3 ``Enable(bytes21 validationId,uint32 nonce,address hook,bytes
  validatorData,bytes hookData,bytes selectorData)`` (enable mode; verifyingContract = the
  account): ``protocols/kernel_v3.py``.
- BentoBox ``SetMasterContractApproval`` (``protocols/bentobox.py``) and thirdweb
  ``SignerPermissionRequest`` (``protocols/account_signers.py``): a manager of every BentoBox
  balance; an admin or session signer of the account (``verifyingContract``).
- Euler EVC ``Permit(address signer,address sender,uint256 nonceNamespace,uint256 nonce,
  uint256 deadline,uint256 value,bytes data)`` (euler-xyz/ethereum-vault-connector
  ``EthereumVaultConnector.sol`` PERMIT_TYPEHASH, ``permit``): ``data`` runs on the EVC
  (``verifyingContract``) as the signer's own call (``protocols/euler_evc.py``).
- Snapshot (domain name ``snapshot``: votes, proposals, follows; ``snapshot-x``: Snapshot X
  votes, snapshot-labs/sx-monorepo ``ethereum-sig/types.ts``) moves nothing, once no shape
  above matched (a permit or order under a Snapshot domain name is judged as what it is).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from aiegis_guard.chains.evm.calldata import decode_calldata, decode_items
from aiegis_guard.chains.evm.frames import ZERO, Frame, asset
from aiegis_guard.chains.evm.protocols.account_signers import SIGNER_REQUEST_FIELDS, signer_request
from aiegis_guard.chains.evm.protocols.bentobox import MASTER_APPROVAL_FIELDS, master_approval
from aiegis_guard.chains.evm.protocols.delegation_framework import delegation_effects
from aiegis_guard.chains.evm.protocols.delegations import vote_delegation
from aiegis_guard.chains.evm.protocols.factories import deployment
from aiegis_guard.chains.evm.protocols.hyperliquid import HYPERLIQUID_DOMAIN, decode_hyperliquid
from aiegis_guard.chains.evm.protocols.kernel_v3 import ENABLE_FIELDS, enable_effects
from aiegis_guard.chains.evm.protocols.linked_signers import linked_signer, linked_signer_shape
from aiegis_guard.chains.evm.protocols.morpho import morpho_authorization
from aiegis_guard.chains.evm.protocols.safe import gas_refund
from aiegis_guard.chains.evm.protocols.spend_permissions import permission_grants
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, switch_approval
from aiegis_guard.chains.evm.wrappers import EXECUTE_USER_OP, WRAPPER_HANDLERS
from aiegis_guard.chains.transaction import Approval, AssetKind, Operation, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["decode_signed", "signed_shape", "user_op_operations"]

_SAFE_EXEC = Function("execTransaction()", "safe_exec", ())
_VALUE_FIELDS = ("value", "amount", "wad", "allowed")

_SHAPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("user_op", frozenset({"sender", "nonce", "initCode", "callData", "paymasterAndData"})),
    ("safe_op", frozenset({"safe", "nonce", "callData", "paymasterAndData", "entryPoint"})),
    ("safe_tx", frozenset({"to", "value", "data", "operation", "gasPrice", "refundReceiver"})),
    ("eip3009", frozenset({"from", "to", "value", "validAfter", "validBefore", "nonce"})),
    ("comet_authorization", frozenset({"owner", "manager", "isAllowed", "expiry"})),
    ("morpho_authorization", frozenset({"authorizer", "authorized", "isAuthorized", "deadline"})),
    ("aave_delegation", frozenset({"delegatee", "value", "deadline"})),
    ("vote_delegation", frozenset({"delegatee", "nonce", "expiry"})),
    ("erc721_permit", frozenset({"spender", "tokenId", "deadline"})),
    ("meta_tx", frozenset({"from", "functionSignature"})),
    ("spend_permission", frozenset({"account", "spender", "token", "allowance", "period", "end"})),
    ("spend_permission", frozenset({"account", "period", "start", "end", "permissions"})),
    ("delegation", frozenset({"delegate", "delegator", "authority", "caveats"})),
    ("kernel_enable", ENABLE_FIELDS),
    ("forward_request", frozenset({"from", "to", "value", "gas", "data"})),
    ("evc_permit", frozenset({"signer", "sender", "nonceNamespace", "deadline", "data"})),
    ("bentobox_master_approval", MASTER_APPROVAL_FIELDS),
    ("thirdweb_signer_request", SIGNER_REQUEST_FIELDS),
)
_CANCEL_3009 = frozenset({"authorizer", "nonce"})
_SNAPSHOT = frozenset({"snapshot", "snapshot-x"})


def signed_shape(fields: Set[str], domain_name: Any) -> str | None:
    for name, needed in _SHAPES:
        if needed <= fields:
            return name
    if "spender" in fields and any(v in fields for v in _VALUE_FIELDS):
        return "permit_lookalike"
    if fields == _CANCEL_3009:
        return "eip3009_cancel"
    if isinstance(domain_name, str) and domain_name.strip().lower() in _SNAPSHOT:
        return "snapshot"
    if domain_name == HYPERLIQUID_DOMAIN and "hyperliquidChain" in fields:
        return "hyperliquid"
    return linked_signer_shape(fields, domain_name)


def _meta_tx(target: str, signer: str, data: bytes) -> tuple[list[Operation], list[str]]:
    """A signed call that ``target`` runs as if ``signer`` had sent it: the signer's call."""
    target, signer = target.lower(), signer.lower()
    frame = Frame(target, signer, target, 0, data, origin=signer, path=("metaTransaction",))
    ops, notes = decode_calldata(frame)
    return ops, [*notes, f"signer:{signer}"]


def _safe_tx(m: dict[str, Any], safe: str) -> tuple[list[Operation], list[str]]:
    f = Frame(safe, None, safe, 0, b"", origin=None)
    items = WRAPPER_HANDLERS["safe_exec"](
        f, _SAFE_EXEC, [m["to"], m["value"], m["data"], m["operation"]]
    )
    ops, notes = decode_items(f, items, ("execTransaction",))
    gas = [m.get("safeTxGas", 0), m.get("baseGas", m.get("dataGas", 0)), m["gasPrice"]]
    refund = gas_refund(safe, [*gas, m.get("gasToken", ZERO), m["refundReceiver"]], None)
    if refund is not None:
        ops.append(refund)
    return ops, notes


def user_op_operations(
    account: str,
    entry_point: str | None,
    call_data: bytes,
    init_code: Any = b"",
    paymaster: Any = None,
) -> tuple[list[Operation], list[str]]:
    """What the account does when the EntryPoint calls it with ``callData`` (its own code:
    ``execute`` / ``executeBatch``, Safe4337Module ``executeUserOp``...), after ``initCode``
    deployed it (``protocols/factories.py``: the owners it names); a ``callData`` starting
    with ``executeUserOp``'s selector runs the rest (``EXECUTE_USER_OP``). The operation's
    paymaster (``paymaster``, or the first 20 bytes of ``paymasterAndData``: EntryPoint
    ``_validatePaymasterPrepayment`` reads it so) is noted ``paymaster:`` (the fee an ERC-20
    paymaster takes is judged by ``judge_grants``)."""
    if call_data[:4] == EXECUTE_USER_OP:
        call_data = call_data[4:]
    account = account.lower()
    ops: list[Operation] = []
    notes = [f"account:{account}"]
    if isinstance(paymaster, bytes | bytearray) and len(paymaster) >= 20 and any(paymaster[:20]):
        notes.append(f"paymaster:0x{bytes(paymaster[:20]).hex()}")
    sender = entry_point.lower() if entry_point else None
    frame = Frame(account, sender, account, 0, call_data, origin=None, path=("userOp",))
    if isinstance(init_code, bytes | bytearray) and init_code:
        for item in deployment(frame, account, bytes(init_code)):
            (notes if isinstance(item, str) else ops).append(item)
    if call_data:
        found, inner = decode_calldata(frame)
        ops += found
        notes += inner
    return ops, notes


def _permit_lookalike(m: dict[str, Any], token: str | None) -> list[Operation]:
    token = m["token"] if isinstance(m.get("token"), str) else token
    if token is None:
        raise EvmDecodeError("permit-like typed data without a token or verifyingContract")
    owner = next((m[k] for k in ("owner", "holder", "from") if isinstance(m.get(k), str)), None)
    deadline = next((m[k] for k in ("deadline", "expiry", "expiration") if k in m), None)
    if "allowed" in m and isinstance(m["allowed"], bool):
        allowed = m["allowed"]
        grant = Approval(
            via="permit.lookalike",
            asset=asset(token),
            owner=owner,
            spender=m["spender"],
            amount=None if allowed else 0,
            unlimited=allowed,
            revoke=not allowed,
            deadline=deadline if isinstance(deadline, int) and deadline else None,
        )
        return [grant]
    amount = next(m[k] for k in _VALUE_FIELDS if k in m)
    if not isinstance(amount, int):
        raise EvmDecodeError("permit-like typed data with a non-numeric amount")
    return [
        approval(
            "permit.lookalike",
            token,
            owner,
            m["spender"],
            amount,
            deadline=deadline if isinstance(deadline, int) else None,
        )
    ]


def decode_signed(
    shape: str, m: dict[str, Any], verifying: str | None
) -> tuple[list[Operation], list[str]]:
    """Operations and notes of one recognised message (see the module docstring)."""
    if shape in ("snapshot", "eip3009_cancel"):
        return [], [f"eip712:{shape}"]
    if shape == "hyperliquid":
        ops = decode_hyperliquid(m)
        if ops is None:  # an action this reader does not know: not a silent pass
            raise EvmDecodeError("hyperliquid: an action not decoded")
        return list(ops), ["eip712:hyperliquid"]
    if shape.startswith(("vertex_", "orderly_")):
        return linked_signer(shape, m), [f"eip712:{shape}"]
    if shape == "forward_request":
        return _meta_tx(m["to"], m["from"], m["data"])
    if shape == "permit_lookalike":
        return _permit_lookalike(m, verifying), ["eip712:permit-lookalike"]
    if shape == "delegation":
        signer = m["delegator"]
        return delegation_effects(m), ["eip712:delegation-framework", f"signer:{signer}"]
    if shape == "kernel_enable":
        return enable_effects(m, verifying), ["eip712:kernel-enable", f"account:{verifying}"]
    if shape == "spend_permission":
        return permission_grants(m), ["eip712:spend-permission", f"signer:{m['account']}"]
    if shape == "user_op":
        pay = m.get("paymasterAndData")
        return user_op_operations(
            m["sender"], verifying, m["callData"], m.get("initCode", b""), pay
        )
    if shape == "safe_op":
        pay = m.get("paymasterAndData")
        return user_op_operations(
            m["safe"], m["entryPoint"], m["callData"], m.get("initCode", b""), pay
        )
    if verifying is None:
        raise EvmDecodeError(f"{shape} typed data without a verifyingContract")
    if shape == "meta_tx":
        return _meta_tx(verifying, m["from"], m["functionSignature"])
    if shape == "bentobox_master_approval":  # protocols/bentobox.py
        return master_approval(m, verifying), ["eip712:bentobox-master-approval"]
    if shape == "thirdweb_signer_request":  # protocols/account_signers.py
        return signer_request(m, verifying), [f"account:{verifying.lower()}"]
    if shape == "evc_permit":  # Euler EVC: ``data`` runs on the EVC as the signer's call
        return _meta_tx(verifying, m["signer"], m["data"])
    if shape == "safe_tx":
        ops, notes = _safe_tx(m, verifying)
        return ops, [*notes, f"account:{verifying}"]
    if shape == "eip3009":
        give = Transfer(
            via="eip3009.transfer_with_authorization",
            asset=asset(verifying),
            sender=m["from"],
            recipient=m["to"],
            amount=m["value"],
        )
        return [give], []
    if shape == "comet_authorization":
        owner, manager, allowed = m["owner"], m["manager"], m["isAllowed"]
        via, expiry = "compound_v3.allow", m["expiry"] or None
        grant = switch_approval(via, verifying, owner, manager, allowed, deadline=expiry)
        return [grant], []
    if shape == "morpho_authorization":
        deadline = m["deadline"] or None
        ops = morpho_authorization(
            verifying, m["authorizer"], m["authorized"], m["isAuthorized"], deadline
        )
        return ops, []
    if shape == "vote_delegation":
        if m["delegatee"] == ZERO:  # the signer's votes left uncounted: nobody gains them
            return [], ["eip712:vote-delegation-cleared"]
        return [vote_delegation(verifying, m["delegatee"], None)], []
    if shape == "aave_delegation":
        op = approval(
            "aave_v3.delegation_with_sig",
            verifying,
            None,
            m["delegatee"],
            m["value"],
            deadline=m["deadline"],
        )
        return [op], []
    nft = Approval(  # erc721_permit: one token of the collection, whole
        via="erc721.permit",
        asset=asset(verifying, AssetKind.NFT),
        owner=None,
        spender=m["spender"],
        amount=None,
        revoke=m["spender"] == ZERO,
        deadline=m["deadline"],
        token_id=m["tokenId"],
    )
    return [nft], []
