"""A 32-byte base58 value that its label calls a secret, a private key or a seed is an ed25519
seed, not the Solana address it looks like: BLOCK. Labels that name public keys on Solana
("key", "signer", "pubkey", "fee payer key", "seeds" of a PDA, "address") stay unblocked."""

from __future__ import annotations

import base58
import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
GEN = KeyGen(18181)


def _seed() -> str:
    return base58.b58encode(GEN.solana()[:32]).decode()


def _blocks(text: str) -> bool:
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


SECRET_LABELS = [
    "SOLANA_PRIVATE_KEY={v}",
    "CLIENT_SECRET: {v}",
    "signer_secret = '{v}'",
    "WALLET_SEED={v}",
    "solana secret key {v}",
    '{{"privateKey": "{v}"}}',
    "export BOT_PRIV={v}",
]
PUBLIC_LABELS = [
    "key: {v}",
    "signer: {v}",
    "PUBKEY={v}",
    "fee payer key: {v}",
    "seeds: [{v}]",
    "wallet address (not the private key): {v}",
    "public key of the secret signer: {v}",
    "recipient: {v}",
    # the label names what the value is the address of (review18b F3)
    "Private sale wallet: {v}",
    "Seed round vesting wallet: {v}",
    "allocations:\n  seed_round: {v}",
    "Secret Santa pool: {v}",
    "SEED_VAULT_PROGRAM={v}",
    "createAccountWithSeed base: {v}",
    "PRIVATE_POOL_MINT={v}",
    "SEED token mint: {v}",
]


@pytest.mark.parametrize("form", SECRET_LABELS)
def test_a_seed_named_as_a_secret_blocks(form: str) -> None:
    assert _blocks(form.format(v=_seed()))


@pytest.mark.parametrize("form", PUBLIC_LABELS)
def test_a_public_key_under_a_public_label_does_not_block(form: str) -> None:
    assert not _blocks(form.format(v=_seed()))
