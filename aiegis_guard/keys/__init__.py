"""Key derivation for the text scanners (text prep layer, beside ``checksums``).

``evm.py``     secp256k1 private key -> Ethereum address ("is this 64-hex a key?")
``solana.py``  ed25519 keypair re-derivation ("is this 64-byte base58 a keypair?")

Both cache by a SHA-256 of the candidate, never the raw key. Nothing is imported here.
"""
