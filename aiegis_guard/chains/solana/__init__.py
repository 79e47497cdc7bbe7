"""Solana: wire decoding, program tables and inspection (imports solders; the guarded keypair
is ``signers/solana_keypair.py``)."""
