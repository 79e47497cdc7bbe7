"""One decoded shape for everything an agent may sign, whatever the chain.

Decoders (``chains/evm/decode.py``, ``chains/solana/decode.py``) turn raw payloads into a
:class:`DecodedTransaction`: a list of *operations* (transfers, approvals, authority changes,
delegations, calls, ...) with amounts in base units. Inspectors judge operations against the
:class:`~aiegis_guard.policy.Policy` and emit findings. Nothing here imports a chain SDK.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, Literal, Protocol, Self, cast

from aiegis_guard.findings import Chain
from aiegis_guard.policy import Limit, Policy
from aiegis_guard.record import Record, fast_init
from aiegis_guard.verdict import Verdict

__all__ = [
    "EXPIRING_GRANTS",
    "SWAP_ORDER",
    "Approval",
    "Asset",
    "AssetKind",
    "AuthorityChange",
    "Call",
    "CloseAccount",
    "Creation",
    "DecodedTransaction",
    "Delegation",
    "Memo",
    "Operation",
    "PayloadKind",
    "Receipt",
    "SignIn",
    "ThreatLookup",
    "TokenAccountRef",
    "Transfer",
    "TxContext",
    "is_order_fee",
]


class _Frozen(Record):
    """Decoded values: frozen dataclasses built from the decoder's own typed values."""

    __slots__ = ()

    def replace(self, **update: Any) -> Self:
        """A copy with ``update`` applied (the decoder's own values: read in one call and
        stored slot by slot, several times faster than ``dataclasses.replace``)."""
        cls = type(self)
        fast = cls.__dict__.get("_aiegis_copy")  # record.fast_init's straight-line copy
        if fast is not None:
            return cast(Self, fast(self, update))
        names, known, read, slots = _fields(cls)
        if not known.issuperset(update):
            raise TypeError(f"{cls.__name__} has no field {sorted(set(update) - known)}")
        new = object.__new__(cls)
        for name, put, value in zip(names, slots, read(self), strict=True):
            put(new, update.get(name, value))
        return new


_Fields = tuple[tuple[str, ...], frozenset[str], Callable[[Any], Any], tuple[Any, ...]]
_FIELDS: dict[type[Any], _Fields] = {}


def _fields(cls: type[Any]) -> _Fields:
    """A record type's field names, a getter of all its values, and each slot's setter
    (cached per type)."""
    found = _FIELDS.get(cls)
    if found is None:
        names = tuple(f.name for f in dataclass_fields(cls))
        slots = tuple(next(k.__dict__[n] for k in cls.__mro__ if n in k.__dict__) for n in names)
        setters = tuple(slot.__set__ for slot in slots)
        read = attrgetter(*names) if len(names) > 1 else lambda o: (getattr(o, names[0]),)
        found = _FIELDS[cls] = (names, frozenset(names), read, setters)
    return found


class AssetKind(StrEnum):
    NATIVE = "native"  # ETH / SOL (lamports)
    FUNGIBLE = "fungible"  # ERC-20 / SPL token
    NFT = "nft"  # ERC-721 / ERC-1155
    UNKNOWN = "unknown"


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Asset(_Frozen):
    chain: Chain
    kind: AssetKind
    address: str | None = None  # token contract / mint; None for native
    symbol: str | None = None
    decimals: int | None = None

    @property
    def key(self) -> str:
        """Ledger / limit key: ``evm:native``, ``evm:0xtoken``, ``solana:<mint>``."""
        if self.kind is AssetKind.NATIVE:
            return f"{self.chain.value}:native"
        if self.address is None:  # e.g. an SPL Transfer whose mint is not in the transaction
            return f"{self.chain.value}:unknown"
        addr = self.address.lower() if self.chain is Chain.EVM else self.address
        return f"{self.chain.value}:{addr}"


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Transfer(_Frozen):
    """Value leaving ``sender`` for ``recipient``. ``amount`` in base units (None: unknown)."""

    op: Literal["transfer"] = "transfer"
    via: str  # "native", "erc20.transfer", "erc20.transfer_from", "spl.transfer_checked", ...
    asset: Asset
    sender: str | None
    recipient: str
    amount: int | None
    token_id: int | None = None
    source: str | None = None  # Solana SPL: the token account debited (sender = its authority)
    order: int | None = None  # an order's offer item: index of the order (exchanges)
    carrier: str = ""  # wrappers that carried it: "execTransaction > multiSend"


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Approval(_Frozen):
    """A grant letting ``spender`` move the owner's assets later (incl. permits, operators)."""

    op: Literal["approval"] = "approval"
    via: str  # "erc20.approve", "eip2612.permit", "dai.permit", "permit2.permit_single", ...
    asset: Asset
    owner: str | None
    spender: str
    amount: int | None  # None: every token (setApprovalForAll / DAI allowed=true)
    unlimited: bool = False
    revoke: bool = False
    all_assets: bool = False  # setApprovalForAll(true): every NFT of the collection
    deadline: int | None = None
    source: str | None = None  # Solana SPL: the token account the delegate may debit
    token_id: int | None = None  # one NFT (ERC-721 approve / permit)
    carrier: str = ""


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class AuthorityChange(_Frozen):
    """Ownership or authority of an account handed to someone else.

    ``account`` empty: the signer's own account (a signed message that does not name it, such
    as a Hyperliquid ``ApproveAgent``)."""

    op: Literal["authority"] = "authority"
    via: str  # "spl.set_authority", "system.assign", "system.authorize_nonce", "safe.owner"...
    account: str
    new_authority: str | None
    authority_type: str | None = None
    current_authority: str | None = None
    carrier: str = ""
    asset: Asset | None = None  # what the authority is over, when it is a token (an ENS name)
    token_id: int | None = None
    expires: int | None = None  # unix seconds the authority lapses at, when it does


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Delegation(_Frozen):
    """EIP-7702: the EOA's code delegated to ``delegate``."""

    op: Literal["delegation"] = "delegation"
    via: str = "eip7702"
    delegate: str
    chain_id: int
    nonce: int | None = None
    authority: str | None = None  # the signer, when recoverable
    carrier: str = ""


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Call(_Frozen):
    """A call the decoder knows by name only, or does not know at all."""

    op: Literal["call"] = "call"
    via: str  # "evm.call", "solana.instruction"
    target: str  # contract / program id
    name: str | None = None  # known function / instruction name
    selector: str | None = None  # 0x12345678 or an instruction discriminator (hex)
    known: bool = False
    value: int = 0
    touches_own: bool = False  # passes one of the agent's own token accounts / addresses
    # Solana: the instruction's accounts, in order; EVM DELEGATECALL: the account it runs as
    accounts: tuple[str, ...] = ()
    sender: str | None = None  # EVM: msg.sender of the call (own account or a wrapper)
    carrier: str = ""
    # EVM: addresses the opaque calldata names (32-byte words holding an address), but the
    # target's and the signer's: a receiver / recipient / onBehalfOf the decoder cannot place;
    # Solana: the wallets whose token accounts the instruction provably writes to
    # (``chains/solana/strangers.py``, filled in when judged), or a party the instruction
    # empowers without naming its address ("the asset's update authority": never vouched for)
    names: tuple[str, ...] = ()
    writable: tuple[str, ...] = ()  # Solana: the instruction's writable accounts, in order
    # EVM: a protocol's function called on a contract that is not the protocol's
    # (``chains/evm/callee.py``): what its handler read is listed beside it
    off_book: bool = False
    # EVM: the known calls its calldata carries at any offset (``chains/evm/embedded.py``),
    # decoded as calls the callee makes: judged only when the callee is an own account
    carried: tuple[Any, ...] = ()
    carried_cut: bool = False  # EVM: a limit cut that scan short (``embedded.embedded_scan``)
    # runs on another chain (a bridge message's receiver: Connext ``xReceive``): it settles
    # nothing of this request (``inspect._settlers``)
    remote: bool = False


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class CloseAccount(_Frozen):
    op: Literal["close"] = "close"
    via: str = "spl.close_account"
    account: str
    destination: str
    carrier: str = ""


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Memo(_Frozen):
    op: Literal["memo"] = "memo"
    via: str = "spl.memo"
    text: str
    carrier: str = ""


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class TokenAccountRef(_Frozen):
    """What a Solana transaction itself says about a token account.

    Learnt from ATA creation, ``InitializeAccount*``, checked instructions (mint) and the
    instructions only the owner may sign (``Approve*``, ``SetAuthority(AccountOwner)``), never
    from a transfer authority (that may be a delegate). ``program``: SPL Token or Token-2022.
    """

    account: str
    mint: str | None = None
    owner: str | None = None
    program: str | None = None


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Creation(_Frozen):
    """A new contract (EVM) or account (Solana ``CreateAccount*``) funded with ``value``."""

    op: Literal["create"] = "create"
    via: str = "evm.create"
    value: int = 0
    code_size: int = 0  # EVM init code bytes / Solana account space
    account: str | None = None  # Solana: the new account
    owner: str | None = None  # Solana: the program that will own it (and its lamports)
    carrier: str = ""


EXPIRING_GRANTS = frozenset(
    {
        "permit2.permit_single",
        "permit2.permit_batch",
        "permit2.approve",
        "spend_permission.approve",
        "delegation.caveat_grant",
        "smart_sessions.session_grant",
        "erc4907.set_user",
    }
)
"""``Approval.via`` of the grants whose allowance itself expires at ``deadline`` (Permit2's
``expiration``, a spend permission's ``end``, a delegation's timestamp caveat). Elsewhere
``deadline`` bounds only the signature (EIP-2612 / DAI permits, Compound ``allowBySig``...):
the allowance it sets never expires."""

SWAP_ORDER = -1
"""``order`` of every swap step of one request (a swap is one exchange, judged by its output)."""


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Receipt(_Frozen):
    """Value the request makes someone *receive*: a swap's output, an order's consideration.

    ``amount`` is the minimum the request guarantees (``amountOutMinimum``, a consideration's
    ``endAmount``); ``recipient`` is who receives it (own account or a stranger).
    """

    op: Literal["receipt"] = "receipt"
    via: str  # "universal_router.v3_swap_exact_in", "seaport.consideration", ...
    asset: Asset
    recipient: str
    amount: int | None
    token_id: int | None = None
    order: int | None = None  # index of the order whose consideration this is
    to_signer: bool = False  # "the order's owner" (CoW receiver 0), whoever signs it
    carrier: str = ""
    to_caller: bool = False  # paid to ``msg.sender`` (the calling context), no recipient named


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class SignIn(_Frozen):
    """EIP-4361 Sign-In with Ethereum: a session with ``domain`` for ``address``; moves nothing
    by itself, but ``resources`` may grant the relying party more (ReCaps, EIP-5573)."""

    op: Literal["sign_in"] = "sign_in"
    via: str = "eip4361"
    domain: str  # the RFC 3986 authority asking (host[:port])
    address: str
    uri: str | None = None
    chain_id: int | None = None
    nonce: str | None = None
    resources: tuple[str, ...] = ()
    expiry: int | None = None  # Expiration Time, unix seconds
    statement: str | None = None
    carrier: str = ""


Operation = (
    Transfer
    | Approval
    | AuthorityChange
    | Delegation
    | Call
    | CloseAccount
    | Memo
    | Creation
    | Receipt
    | SignIn
)


class PayloadKind(StrEnum):
    TRANSACTION = "transaction"
    TYPED_DATA = "typed_data"
    MESSAGE = "message"  # personal_sign / eth_sign / Solana off-chain message


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class DecodedTransaction(_Frozen):
    """Exactly what is being signed, as far as it can be known."""

    chain: Chain
    kind: PayloadKind = PayloadKind.TRANSACTION
    tx_type: str | None = None  # "legacy", "eip1559", "eip7702", "solana-legacy", "solana-v0"
    sender: str | None = None
    to: str | None = None
    chain_id: int | None = None
    nonce: int | None = None
    value: int = 0
    signed: bool = False
    operations: tuple[Operation, ...] = ()
    durable_nonce: bool = False
    unresolved_accounts: int = 0  # v0 lookup-table accounts not supplied
    message_text: str | None = None  # personal_sign text, typed-data summary
    blind_hash: bool = False  # a bare 32-byte hash signed (eth_sign; personal_sign: not text)
    notes: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()  # Solana: the keys whose signatures the message requires
    token_accounts: tuple[TokenAccountRef, ...] = ()  # Solana: token accounts the tx names
    priority_fee: int | None = None  # Solana: compute-unit price x limit, in lamports
    accounts: tuple[str, ...] = ()  # smart accounts acting for the signer (Safe, 4337, ...)
    # the opaque bytes signed (EVM calldata / init code, Solana instruction data, binary
    # messages): scanned for the own secrets (``scanners/signed_secrets.py``)
    data: tuple[bytes, ...] = ()

    def sponsor(self, wallets: AbstractSet[str]) -> str | None:
        """Solana: the fee payer when it is a third party, else None. The fee payer is taken
        as the agent's own (it signs and pays) unless a configured ``wallets`` key is another
        required signer while the fee payer is none of them: a sponsored / gasless
        transaction (an Octane or Kora relayer, a dApp's fee payer) that signs first and
        pays, and may name itself as recipient, spender or new owner of the agent's assets."""
        payer = self.sender
        if self.chain is not Chain.SOLANA or not payer or payer in wallets:
            return None
        return payer if any(key in wallets for key in self.signers) else None


class ThreatLookup(Protocol):
    """Known-bad addresses and domains (see ``aiegis_guard.threats``)."""

    def address_label(self, chain: Chain, address: str) -> str | None: ...

    def domain_label(self, host: str) -> str | None: ...


@dataclass(frozen=True)
class TxContext:
    """What an inspector may consult besides the decoded transaction."""

    policy: Policy
    threats: ThreatLookup
    spent: Callable[[Limit], int]  # base units already spent in the limit's current period
    check_text: Callable[[str], Verdict]  # memos / messages through the text guard
    # filled by the inspector with ``chains.effects.Effect`` s (typed loosely: that module
    # builds on this one)
    effects: list[Any] = field(default_factory=list)


def is_order_fee(op: Transfer) -> bool:
    """A fee the signer of an order pays on top of its offer, straight to the fee's recipient
    (Element buy orders, Rarible origin fees on the paying side): ``order`` set, ``via`` ending
    in ``.fee``. Judged as any give (to a stranger: FLAG) and against the order's price
    (``effect_rules.order_gives_away``); not the offer that whoever fills the order receives."""
    return op.order is not None and op.order != SWAP_ORDER and op.via.endswith(".fee")
