"""``aiegis-guard eval --set effects``: the effects comparison and the per-family report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.checksums import keccak256
from aiegis_guard.cli import main
from aiegis_guard.evaluation.effects import default_vectors, evaluate_effects
from aiegis_guard.evaluation.effects_match import effects_match
from aiegis_guard.findings import Chain

OWN = "0x" + "aa" * 20
USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
BAYC = "0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D"
EVIL = "0x" + "ee" * 20
_WALLET, _OTHER = Pubkey.new_unique(), Pubkey.new_unique()
_MINT = "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN"
_ATA = get_associated_token_address(_WALLET, Pubkey.from_string(_MINT))


def _act(kind: str, **kw: Any) -> dict[str, Any]:
    row = {"kind": kind, "asset": None, "asset_kind": None, "amount": None, "unlimited": False}
    row.update({"token_ids": [], "counterparty": None, "what": None, "account": None})
    row.update(kw)
    return row


def _exp(kind: str, asset: str, amount: str, counterparty: str) -> dict[str, str]:
    return {"kind": kind, "asset": asset, "amount": amount, "counterparty": counterparty}


ERC20 = {"asset": f"evm:{USDC.lower()}", "asset_kind": "fungible"}
# what the guard says of a Jupiter route's output paid into _WALLET's token account
_ATA_OUTPUT = _act(
    "gives",
    asset=f"solana:{_MINT}",
    asset_kind="fungible",
    amount=5,
    unlimited=True,
    counterparty=str(_ATA),
    what="output",
)
MATCH = [
    pytest.param(
        [_exp("grants", f"erc20:{USDC}", "unlimited", EVIL)],
        [_act("grants", **ERC20, amount=2**256 - 1, unlimited=True, counterparty=EVIL)],
        True,
        id="unlimited-grant-case-insensitive",
    ),
    pytest.param(
        [_exp("grants", f"erc20:{USDC}", "unlimited", EVIL)],
        [_act("grants", **ERC20, amount=10**6, counterparty=EVIL)],
        False,
        id="bounded-is-not-unlimited",
    ),
    pytest.param(
        [_exp("gives", f"erc20:{USDC}", "5", EVIL)],
        [_act("gives", **ERC20, amount=5, counterparty="0x" + "11" * 20)],
        False,
        id="other-counterparty-differs",
    ),
    pytest.param(
        [_exp("gives", f"erc721:{BAYC}#12", "1", "any_fulfiller")],
        [
            _act(
                "gives",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="nft",
                amount=1,
                token_ids=[12],
                counterparty="0x" + "00" * 20,
                what="offer",
            )
        ],
        True,
        id="nft-offer-to-any-fulfiller",
    ),
    pytest.param(
        [_exp("gets", f"erc20:{USDC}", ">=900", OWN)],
        [_act("gets", **ERC20, amount=900, counterparty=OWN.upper().replace("0X", "0x"))],
        True,
        id="minimum-output",
    ),
    pytest.param(
        [],
        [_act("grants", **ERC20, amount=5, counterparty=EVIL)],
        False,
        id="unexplained-grant-is-a-mismatch",
    ),
    pytest.param(
        [],
        [_act("grants", **ERC20, amount=0, counterparty=EVIL, what="revoke")],
        True,
        id="revoke-needs-no-explaining",
    ),
    pytest.param(
        [_exp("authority", f"safe:{OWN}", "owner", EVIL)],
        [_act("authority", account=OWN, counterparty=EVIL, what="owner_added")],
        True,
        id="authority-role-synonym",
    ),
    pytest.param(
        [_exp("authority", f"safe:{OWN}", "code", EVIL)],
        [_act("authority", account=OWN, counterparty=EVIL, what="delegatecall", target=EVIL)],
        True,
        id="delegatecall-is-code-run-as-the-account",
    ),
    pytest.param(
        [_exp("authority", f"safe:{OWN}", "module", EVIL)],
        [_act("authority", account=OWN, counterparty=EVIL, what="owner_added")],
        False,
        id="authority-role-differs",
    ),
    pytest.param(
        [_exp("gives", "native:SOL", "2039280", "Dest1111")],
        [_act("authority", account="Acc1111", counterparty="Dest1111", what="close_account")],
        True,
        id="close-account-is-its-rent",
    ),
    pytest.param(
        [],
        [_act("authority", account="Acc1111", counterparty=OWN, what="close_account")],
        True,
        id="close-with-rent-to-own-needs-no-explaining",
    ),
    pytest.param(
        [],
        [_act("authority", account="Acc1111", counterparty="Thief111", what="close_account")],
        False,
        id="close-with-rent-to-another-must-be-explained",
    ),
    pytest.param(
        [_exp("authority", "spl_account:Acc1111", "close_authority", "Thief111")],
        [_act("authority", account="Acc1111", counterparty="Thief111", what="close_account")],
        True,
        id="close-authority-role-synonym",
    ),
    pytest.param(
        [_exp("authority", "spl:Mint1111", "permanent_delegate", "Thief111")],
        [_act("authority", account="Mint1111", counterparty="Thief111", what="permanent_delegate")],
        True,
        id="authority-on-a-mint",
    ),
    pytest.param(
        [_exp("authority", "spl:Mint1111", "permanent_delegate", "Thief111")],
        [_act("authority", account="Mint2222", counterparty="Thief111", what="permanent_delegate")],
        False,
        id="authority-on-another-mint",
    ),
    pytest.param(
        [_exp("authority", f"contract:{BAYC}", "owner", "0x" + "00" * 20)],
        [_act("authority", account=BAYC.lower(), counterparty=None, what="owner_renounced")],
        True,
        id="renounced-to-the-zero-address",
    ),
    pytest.param(
        [_exp("gets", f"erc20:{USDC}", ">=900", EVIL)],
        [_act("gives", **ERC20, amount=900, unlimited=True, counterparty=EVIL, what="output")],
        True,
        id="swap-output-to-another-gets-is-own-gives",
    ),
    pytest.param(
        [_exp("gets", f"erc20:{USDC}", ">=900", EVIL)],
        [_act("gives", **ERC20, amount=900, counterparty=EVIL)],
        False,
        id="plain-give-is-not-a-swap-output",
    ),
    pytest.param(
        [_exp("opaque", f"safe:{OWN}", "all", EVIL)],
        [_act("authority", account=OWN, counterparty=EVIL, what="delegatecall")],
        True,
        id="opaque-delegatecall",
    ),
    pytest.param(
        [_exp("authority", f"contract:{USDC}", "manager", EVIL)],
        [_act("grants", **ERC20, unlimited=True, counterparty=EVIL, what="allowance")],
        True,
        id="comet-manager-is-an-unlimited-grant",
    ),
    pytest.param(
        [_exp("authority", f"contract:{USDC}", "manager", EVIL)],
        [_act("grants", **ERC20, amount=5, counterparty=EVIL, what="allowance")],
        False,
        id="comet-manager-is-not-a-bounded-grant",
    ),
    pytest.param(
        [_exp("gets", f"spl:{_MINT}", ">=5", str(_WALLET))],
        [_ATA_OUTPUT],
        True,
        id="output-ata-is-its-owner",
    ),
    pytest.param(
        [_exp("gets", f"spl:{_MINT}", ">=5", str(_OTHER))],
        [_ATA_OUTPUT],
        False,
        id="output-ata-of-another-owner",
    ),
    pytest.param(
        [_exp("gets", "native:SOL", "125", OWN)],
        [_act("gives", asset="solana:native", asset_kind="native", amount=125, counterparty=OWN)],
        True,
        id="own-to-own-move-is-a-gets",
    ),
    pytest.param(
        [_exp("gives", "spl:So11111111111111111111111111111111111111112", "all", "Dest1111")],
        [_act("authority", account="Acc1111", counterparty="Dest1111", what="close_account")],
        True,
        id="wsol-close-pays-everything",
    ),
    # table 18: shares / pool tokens "unknown"; a Basename; a name registered for another;
    # an ERC-721 transferFrom / approve read as ERC-20's (the same calldata)
    pytest.param(
        [_exp("gets", f"erc20:{USDC}", "unknown", OWN)],
        [_act("gets", **ERC20, amount=None, counterparty=OWN)],
        True,
        id="unknown-amount-is-one-the-request-does-not-fix",
    ),
    pytest.param(
        [_exp("gets", f"erc20:{USDC}", "unknown", OWN)],
        [_act("gets", **ERC20, amount=5, counterparty=OWN)],
        False,
        id="unknown-amount-is-not-a-fixed-one",
    ),
    pytest.param(
        [_exp("gets", f"erc721:{BAYC}#agent.base.eth", "1", OWN)],
        [
            _act(
                "gets",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="nft",
                amount=1,
                token_ids=[int.from_bytes(keccak256(b"agent"), "big")],
                counterparty=OWN,
            )
        ],
        True,
        id="basename-id-is-its-first-label",
    ),
    pytest.param(
        [_exp("gets", f"erc721:{BAYC}#agent.base.eth", "1", OWN)],
        [
            _act(
                "gets",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="nft",
                amount=1,
                token_ids=[int.from_bytes(keccak256(b"agent.base"), "big")],
                counterparty=OWN,
            )
        ],
        False,
        id="basename-id-is-not-the-whole-name",
    ),
    pytest.param(
        [_exp("gets", f"erc721:{BAYC}#7", "1", EVIL)],
        [
            _act(
                "gives",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="nft",
                amount=1,
                token_ids=[7],
                counterparty=EVIL,
            )
        ],
        True,
        id="registered-for-another-is-given-to-them",
    ),
    pytest.param(
        [_exp("gets", f"erc721:{BAYC}#7", "1", EVIL)],
        [
            _act(
                "gives",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="nft",
                amount=1,
                token_ids=[7],
                counterparty=OWN[:-2] + "bb",
            )
        ],
        False,
        id="given-to-someone-else-is-not-theirs",
    ),
    pytest.param(
        [_exp("gives", f"erc721:{BAYC}#4471", "1", EVIL)],
        [
            _act(
                "gives",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="unknown",
                amount=4471,
                counterparty=EVIL,
            )
        ],
        True,
        id="erc721-transfer-from-read-as-units",
    ),
    pytest.param(
        [_exp("grants", f"erc721:{BAYC}#4471", "1", EVIL)],
        [
            _act(
                "grants",
                asset=f"evm:{BAYC.lower()}",
                asset_kind="fungible",
                amount=4470,
                counterparty=EVIL,
            )
        ],
        False,
        id="erc721-approve-of-another-id",
    ),
]


@pytest.mark.parametrize(("expected", "actual", "match"), MATCH)
def test_effects_match(expected: Any, actual: Any, match: bool) -> None:
    """Lenient on representation (case, synonyms, wildcards), strict on meaning."""
    assert effects_match(expected, actual, OWN) is match


@pytest.fixture(scope="module")
def small_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six rows of the real table: Solana and EVM, drainer and legitimate."""
    path = default_vectors()
    if path is None:
        pytest.skip("tests/vectors/effects_real_2.json not found")
    entries = json.loads(path.read_text("utf-8"))["entries"]
    wanted = ("solana_stake", "solana_system_transfer", "permit2_single")
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entries:
        if e["family"] in wanted:
            first.setdefault((e["family"], e["kind"]), e)
    out = tmp_path_factory.mktemp("fx") / "table.json"
    out.write_text(json.dumps({"entries": list(first.values())}), "utf-8")
    return out


def test_report_counts_every_row(small_table: Path) -> None:
    """Every row is judged once and lands in its family, kind and the totals."""
    report = evaluate_effects(small_table)
    n = len(json.loads(small_table.read_text("utf-8"))["entries"])
    assert sum(r.n for r in report.rows) == n
    (total,) = [t for t in report.totals if t.kind == "all"]
    assert total.n == n and total.block + total.flag + total.allow == n
    assert {o.id for o in report.misses} <= {o.id for o in report.outcomes}


def test_cli_eval_effects_text_and_json(
    small_table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``eval --set effects --vectors`` needs no --data and prints the table or JSON."""
    assert main(["eval", "--set", "effects", "--vectors", str(small_table)]) == 0
    text = capsys.readouterr().out
    assert "solana_stake" in text and "ALL" in text and "misses" in text
    args = ["eval", "--set", "effects", "--vectors", str(small_table), "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"families", "totals", "misses"} <= set(data)


def test_cli_eval_effects_missing_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing vector table is a usage error (exit 2), not a crash."""
    assert main(["eval", "--set", "effects", "--vectors", str(tmp_path / "none.json")]) == 2
    assert "no effects vector table" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("chain", "own", "odd"),
    [
        ("evm", "0x" + "11" * 20, "contract:0x" + "ab" * 20),  # a position, not a party
        ("evm", "0x" + "11" * 20, "stake:0x" + "ab" * 47),  # no BLS key (47 bytes)
        ("solana", "11111111111111111111111111111112", "not-a-key"),
    ],
)
def test_row_policy_leaves_out_entries_that_are_no_address(chain: str, own: str, odd: str) -> None:
    """An allowlist entry the row's chain cannot hold is left out (the row is judged without
    it), instead of one odd row stopping the whole table."""
    from aiegis_guard.evaluation.effects import row_policy

    good = "0x" + "22" * 20 if chain == "evm" else "So11111111111111111111111111111111111111112"
    row = {"chain": chain, "own": own, "allowlist": {"recipients": [odd, good]}}
    policy = row_policy(row)
    c = Chain.EVM if chain == "evm" else Chain.SOLANA
    assert policy.is_allowed_recipient(good, c)
    assert not policy.is_allowed_recipient(odd, c)


def test_row_policy_maps_a_validator_key_to_evm_validators() -> None:
    """A ``stake:0x<BLS key>`` entry (any role) is the policy's ``evm_validators`` entry: a
    consolidation into it is paid to a trusted validator."""
    from aiegis_guard.evaluation.effects import row_policy

    key = "0x" + "ab" * 48
    row = {"chain": "evm", "own": "0x" + "11" * 20, "allowlist": {"recipients": ["stake:" + key]}}
    policy = row_policy(row)
    assert policy.allowlist.evm_validators == {key}
    assert policy.is_allowed_recipient("stake:" + key, Chain.EVM)


def test_the_held_out_table_prints_no_rows(
    monkeypatch: pytest.MonkeyPatch, small_table: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --vectors the held-out table is read: rates and a count of misses, no row's id,
    verdict or effects (whoever reads them can tune to them)."""
    from aiegis_guard.evaluation import effects

    monkeypatch.setattr(effects, "default_vectors", lambda: small_table)
    ids = [e["id"] for e in json.loads(small_table.read_text("utf-8"))["entries"]]
    assert main(["eval", "--set", "effects"]) == 0
    text = capsys.readouterr().out
    assert "ALL" in text and "rows are not listed" in text
    assert not any(i in text for i in ids)
    assert main(["eval", "--set", "effects", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["misses"], int) and not any(i in json.dumps(data) for i in ids)
