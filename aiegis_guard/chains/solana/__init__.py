"""Solana: wire decoding, program tables, inspection and a guarded keypair (imports solders)."""
