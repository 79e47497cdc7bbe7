"""aiegis.toml loading: defaults, key paths in errors, discovery."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from aiegis_guard import Action, Chain, ConfigError, Guard
from aiegis_guard.cli import main
from aiegis_guard.config import DEFAULT_TOML, Config, LedgerBackend, load_config, parse_config
from aiegis_guard.policy import Mode, PiiType, TaintMode

OWN = "0x52908400098527886E0F7030069857D2E4169EE7"
OTHER = "0x8617E340B3D01FA5F11F306F4090FD50E238070D"
SOL = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM"
SHORT_KEY = "0x" + "ab" * 47  # a BLS key is 48 bytes


def test_default_file_loads_to_defaults(tmp_path: Path) -> None:
    """The commented file `init` writes is valid and equals the built-in defaults."""
    p = tmp_path / "aiegis.toml"
    p.write_text(DEFAULT_TOML)
    cfg = load_config(p)
    assert cfg.policy == Config().policy
    assert cfg.ledger.backend is LedgerBackend.SQLITE
    assert cfg.ledger.path == tmp_path / ".aiegis/ledger.sqlite"


def test_full_config_values(tmp_path: Path) -> None:
    """Every section becomes typed values (enums, sets, Decimals, timedeltas)."""
    p = tmp_path / "aiegis.toml"
    p.write_text(
        f"""
[guard]
on_error = "flag"
taint = "block"
[wallet]
evm = ["{OWN}"]
solana = ["{SOL}"]
[allowlist]
evm = ["{OTHER}"]
[[limits]]
chain = "evm"
asset = "native"
decimals = 18
per_tx = "0.5"
per_period = "2"
period = "12h"
[rules]
"secret.jwt" = "block"
"pii.*" = "redact"
[pii]
email = "allow"
"""
    )
    pol = load_config(p).policy
    assert pol.on_error is Action.FLAG and pol.taint is TaintMode.BLOCK
    assert pol.is_own(OWN.lower(), Chain.EVM) and pol.is_own(SOL, Chain.SOLANA)
    assert pol.is_allowed_recipient(OTHER, Chain.EVM)
    limit = pol.limit_for(Chain.EVM, "native")
    assert (
        limit is not None and limit.per_tx == Decimal("0.5") and limit.period == timedelta(hours=12)
    )
    assert limit.per_tx_units == 5 * 10**17
    assert pol.mode_for("secret.jwt") is Mode.BLOCK
    assert pol.mode_for("pii.email") is Mode.ALLOW  # exact beats prefix
    assert pol.mode_for("pii.card") is Mode.REDACT
    assert pol.pii[PiiType.EMAIL] is Mode.ALLOW


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        pytest.param(
            '[guard]\non_error = "blok"', "guard.on_error: 'blok' is not valid", id="enum"
        ),
        pytest.param('[wallet]\nevm = ["0x123"]', "wallet.evm", id="bad-evm-address"),
        pytest.param('[allowlist]\nsolana = ["0OIl"]', "allowlist.solana", id="bad-sol-address"),
        pytest.param(
            f'[allowlist]\nevm_validators = ["{SHORT_KEY}"]',
            "allowlist.evm_validators: [0]",
            id="validator-key-of-47-bytes",
        ),
        pytest.param(
            f'[allowlist]\nevm_validators = ["{OTHER}"]',
            "is not a validator key",
            id="address-is-no-validator-key",
        ),
        pytest.param("[guard]\nfoo = 1", "guard.foo: unknown key", id="unknown-key"),
        pytest.param(
            '[[limits]]\nchain = "evm"\ndecimals = 18\nperiod = "soon"',
            "limits.0.period",
            id="bad-period",
        ),
        pytest.param('[pii]\nemail = "hide"', "pii.email", id="bad-pii-mode"),
        pytest.param('[rules]\n"Bad Rule" = "block"', "rules", id="bad-rule-key"),
        pytest.param("not = [toml", "not valid TOML", id="not-toml"),
        pytest.param(
            '[tools]\nvalue_moving_patterns = ["("]',
            "tools.value_moving_patterns.0: '(' is not a valid regular expression",
            id="bad-tool-pattern",
        ),
        pytest.param(
            '[tools]\nvalue_moving_patterns = ["^pay", "[a-"]',
            "tools.value_moving_patterns.1",
            id="second-tool-pattern-bad",
        ),
        pytest.param(
            '[threats]\nevm = ["nope"]',
            "threats.evm.0: 'nope' is not an EVM address",
            id="threat-evm",
        ),
        pytest.param(
            f'[threats]\nsolana = ["{OTHER}"]', "threats.solana.0", id="evm-address-in-solana-list"
        ),
        pytest.param('[threats]\ndomains = ["github.io"]', "threats.domains.0", id="shared-host"),
        pytest.param(
            '[threats]\nfiles = ["no-such-list.txt"]',
            "threats.files.0: no such file",
            id="missing-threat-file",
        ),
    ],
)
def test_bad_values_name_their_key(tmp_path: Path, toml: str, needle: str) -> None:
    """A bad value fails at load with its key path."""
    p = tmp_path / "aiegis.toml"
    p.write_text(toml)
    with pytest.raises(ConfigError) as err:
        load_config(p)
    assert needle in str(err.value)


def test_validator_keys_load_lower_case(tmp_path: Path) -> None:
    """``evm_validators`` holds 48-byte BLS keys (lower-case); a ``stake:0x<key>`` recipient
    is allowed when its key is listed, no other."""
    key = "0x" + "AB" * 48
    p = tmp_path / "aiegis.toml"
    p.write_text(f'[allowlist]\nevm_validators = ["{key}"]\n')
    pol = load_config(p).policy
    assert pol.allowlist.evm_validators == {key.lower()}
    assert pol.is_allowed_recipient("stake:" + key, Chain.EVM)
    assert not pol.is_allowed_recipient("stake:0x" + "cd" * 48, Chain.EVM)
    assert not pol.is_allowed_recipient(key, Chain.EVM)  # a key is no address


def test_validator_keys_come_from_a_call_context() -> None:
    """The per-call context adds validators (``evm_validators`` / ``allowlist.evm_validators``)
    and refuses a key of the wrong size."""
    key = "0x" + "cd" * 48
    for name in ("evm_validators", "allowlist.evm_validators"):
        pol = Config().policy.with_context({name: [key]})
        assert pol.is_trusted_validator(key)
    with pytest.raises(ValueError, match="not a validator key"):
        Config().policy.with_context({"evm_validators": ["0x" + "cd" * 20]})


def test_guard_discovers_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard() reads $AIEGIS_CONFIG, else ./aiegis.toml, else defaults."""
    assert Guard(classifier=False).policy == Config().policy
    (tmp_path / "aiegis.toml").write_text(f'[wallet]\nevm = ["{OWN}"]\n')
    assert Guard(classifier=False).policy.wallet.evm == {OWN.lower()}
    other = tmp_path / "other.toml"
    other.write_text(f'[wallet]\nevm = ["{OTHER}"]\n')
    monkeypatch.setenv("AIEGIS_CONFIG", str(other))
    assert Guard(classifier=False).policy.wallet.evm == {OTHER.lower()}


def test_init_writes_file_once(tmp_path: Path) -> None:
    """`aiegis-guard init` writes the commented defaults and refuses to overwrite."""
    target = tmp_path / "aiegis.toml"
    assert main(["init", str(target)]) == 0
    assert target.read_text() == DEFAULT_TOML
    assert main(["init", str(target)]) == 2
    assert main(["init", str(target), "--force"]) == 0


def test_parse_config_rejects_non_mapping_sections() -> None:
    """Wrong shapes are errors, not crashes."""
    with pytest.raises(ConfigError, match="wallet"):
        parse_config({"wallet": "0xabc"})


@pytest.mark.parametrize(
    ("table", "key", "value", "kind"),
    [
        ("allowlist", "evm", 5, "int"),
        ("allowlist", "evm", "0x" + "11" * 20, "one string"),
        ("allowlist", "domains", {"a": 1}, "dict"),
        ("wallet", "solana", None, "NoneType"),
        ("allowlist", "evm_validators", 7, "int"),
    ],
)
def test_an_address_list_that_is_no_list_is_a_config_error(
    table: str, key: str, value: object, kind: str
) -> None:
    """A number, a table or one string where a list belongs is named, not a TypeError."""
    with pytest.raises(ConfigError, match=f"{table}.{key}: expected a list of .*, not {kind}"):
        parse_config({table: {key: value}})


def test_a_policy_error_never_echoes_the_value() -> None:
    """A private key typed into an address field: pydantic's error would print ~50 of its
    characters; the Python API's error shows the key path and a masked value only."""
    import pydantic

    from aiegis_guard.policy import Policy

    key = "0x" + "ab" * 32
    with pytest.raises(pydantic.ValidationError) as caught:
        Policy.model_validate({"allowlist": {"evm": [key], "evm_validators": [key]}})
    text = str(caught.value)
    assert "allowlist.evm" in text and "allowlist.evm_validators" in text
    assert "abababababab" not in text
