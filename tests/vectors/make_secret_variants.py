"""Regenerate ``tests/vectors/secret_variants.json``: every form class of issue 13 in many variants.

Run: ``.venv/bin/python tests/vectors/make_secret_variants.py``. ``secret_forms.json`` holds one
or two cases per form; this table holds the variants of each class (languages, libraries,
layouts, encodings) a red team would try, plus the near misses that must stay unblocked. Keys,
phrases and keypairs come from ``random.Random(1313)``: never funded, never used. Checked by
``tests/test_secret_variants.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import base58
from keygen import KeyGen, b64, bad

OUT = Path(__file__).with_name("secret_variants.json")
GEN = KeyGen(1313)
RNG = GEN.rng
Case = dict[str, Any]


_key, _phrase, _xkey, _wif, _solana = GEN.key, GEN.phrase, GEN.xkey, GEN.wif, GEN.solana
_b64, _bad = b64, bad

RECIPE_WORDS = ["open", "wallet", "settings", "then", "choose", "network", "and", "add", "the"]
RECIPE_WORDS += ["token", "address", "before"]


def _wrap(b64: str, joiner: str) -> str:
    """Base64 wrapped at 76 columns, as ``base64`` prints it."""
    return joiner.join(b64[i : i + 76] for i in range(0, len(b64), 76))


def _c(cid: str, form: str, text: str, action: str = "block") -> Case:
    return {"id": f"{form}:{cid}", "form": form, "text": text, "action": action}


def _code_calls() -> list[Case]:
    f = "code-call"
    shapes = {
        "ethers-v6": 'const w = new ethers.Wallet("0x{k}", provider);',
        "ethers-bare": "const signer = new Wallet('{k}')",
        "ethers-signingkey": 'const sk = new ethers.SigningKey("0x{k}")',
        "web3js": "const acct = web3.eth.accounts.privateKeyToAccount('0x{k}');",
        "web3js-wallet-add": "web3.eth.accounts.wallet.add('0x{k}')",
        "viem-template": "const account = privateKeyToAccount(`0x{k}`)",
        "web3py": 'acct = Account.from_key("{k}")',
        "web3py-hexbytes": 'acct = Account.from_key(HexBytes("0x{k}"))',
        "web3py-int": "acct = Account.from_key(0x{k})",
        "eth-keys": "pk = keys.PrivateKey(bytes.fromhex('{k}'))",
        "rust-from-str": 'let wallet = LocalWallet::from_str("{k}")?;',
        "rust-parse": 'let wallet: LocalWallet = "0x{k}".parse()?;',
        "rust-turbofish": 'let signer = "0x{k}".parse::<PrivateKeySigner>()?;',
        "alloy-from-str": 'let signer = PrivateKeySigner::from_str("0x{k}").unwrap();',
        "rust-from-bytes": 'let w = LocalWallet::from_bytes(&hex::decode("{k}")?)?;',
        "go-hextoecdsa": 'key, err := crypto.HexToECDSA("{k}")',
        "go-toecdsa": 'key, _ := crypto.ToECDSA(common.FromHex("0x{k}"))',
        "web3j": 'Credentials creds = Credentials.create("0x{k}");',
        "web3j-bigint": 'ECKeyPair kp = ECKeyPair.create(new BigInteger("{k}", 16));',
        "nethereum": 'var account = new Nethereum.Web3.Accounts.Account("0x{k}");',
        "foundry-broadcast": "vm.startBroadcast(0x{k});",
        "foundry-remember": "address deployer = vm.rememberKey(0x{k});",
        "foundry-addr": "address a = vm.addr(0x{k});",
        "cast-flag": "cast send 0xA0b8...eB48 'transfer(address,uint256)' --private-key 0x{k}",
        "forge-flag-eq": "forge script Deploy.s.sol --broadcast --private-key=0x{k}",
        "hardhat-accounts": "networks: {{ sepolia: {{ url: RPC, accounts: ['0x{k}'] }} }}",
        "sign-2nd": "signed = w3.eth.account.sign_transaction(tx, private_key='0x{k}')",
        "ethers-connect": "const bot = new ethers.Wallet(`{k}`).connect(provider)",
        "py-env-set": "os.environ['SIGNER'] = '0x{k}'",
        "node-env-set": "process.env.DEPLOYER_PK = '{k}'",
        "ps-env": '$env:PRIVATE_KEY = "0x{k}"',
        "docker-env": "ENV WALLET_PRIVATE_KEY=0x{k}",
        "docker-run": "docker run -e PK=0x{k} bot:latest",
        "export": "export ETH_SECRET=0x{k}",
        "dotenv-quoted": 'SIGNER_KEY="{k}"',
        "go-trim": 'key, _ := crypto.HexToECDSA(strings.TrimPrefix("0x{k}", "0x"))',
        "go-mustdecode": 'key, _ := crypto.ToECDSA(hexutil.MustDecode("0x{k}"))',
        "brownie-add": 'acct = accounts.add("0x{k}")',
        "rust-hex-macro": 'let sk = SigningKey::from_bytes(&hex!("{k}").into())?;',
        "alloy-let-parse": 'let signer: PrivateKeySigner = "0x{k}".parse().unwrap();',
        "ethereumjs": "const w = Wallet.fromPrivateKey(Buffer.from('{k}', 'hex'))",
        "getenv-default": 'pk = os.getenv("PK", "0x{k}")',
        "solidity-uint": "uint256 deployerPrivateKey = 0x{k};",
        "url-query": "https://bot.example/run?key=0x{k}",
        "seed-label": "SEED=0x{k}",
    }
    return [_c(n, f, s.format(k=_key())) for n, s in shapes.items()]


def _solana_code() -> list[Case]:
    f = "solana"
    out = []
    for name, shape in {
        "py-from-bytes": "kp = Keypair.from_bytes(bytes([{a}]))",
        "py-secret-key": "kp = Keypair.from_secret_key(bytes([{a}]))",
        "js-uint8": "const kp = Keypair.fromSecretKey(Uint8Array.from([{a}]));",
        "js-new-uint8": "const kp = Keypair.fromSecretKey(new Uint8Array([{a}]))",
        "id-json": "$ cat ~/.config/solana/id.json\n[{a}]",
        "multiline": "secret = [\n  {a}\n]",
        "hex-bytes": "kp = Keypair.from_bytes(bytes([{x}]))",
        "rust-u8": "let kp = Keypair::from_bytes(&[{a}]).unwrap();",
    }.items():
        raw = _solana()
        a = ", ".join(str(b) for b in raw)
        if name == "multiline":
            a = ",\n  ".join(", ".join(str(b) for b in raw[i : i + 16]) for i in range(0, 64, 16))
        x = ", ".join(f"0x{b:02x}" for b in raw)
        out.append(_c(name, f, shape.format(a=a, x=x)))
    for name, shape in {
        "bs58-decode": 'const kp = Keypair.fromSecretKey(bs58.decode("{b}"));',
        "from-base58": 'kp = Keypair.from_base58_string("{b}")',
        "env": "SOLANA_PRIVATE_KEY={b}",
        "phantom-export": "Your private key: {b}",
        "b64": "SOLANA_KEYPAIR_B64={s}",
        "hex128": "keypair hex: {h}",
    }.items():
        raw = _solana()
        b, s = base58.b58encode(raw).decode(), _b64(raw)
        out.append(_c(name, f, shape.format(b=b, s=s, h=raw.hex())))
    seed = _solana()[:32]
    arr = ", ".join(str(b) for b in seed)
    out.append(_c("from-seed-32", f, f"kp = Keypair.from_seed(bytes([{arr}]))"))
    out.append(_c("fromseed-js", f, f"Keypair.fromSeed(Uint8Array.from([{arr}]))"))
    sig = base58.b58encode(RNG.getrandbits(512).to_bytes(64, "big")).decode()
    out.append(_c("signature", f, f'{{"signature": "{sig}", "slot": 250}}', "allow"))
    pub = ", ".join(str(RNG.getrandbits(8)) for _ in range(32))
    out.append(_c("idl-pubkey-32", f, f'{{"name": "owner", "address": [{pub}]}}', "allow"))
    b64sig = _b64(RNG.getrandbits(512).to_bytes(64, "big"))
    out.append(_c("b64-signature", f, f"signature (base64): {b64sig}", "allow"))
    rand = ", ".join(str(RNG.getrandbits(8)) for _ in range(64))
    out.append(_c("random-64", f, f"data = [{rand}]", "allow"))
    return out


def _rpc() -> list[Case]:
    f = "json-rpc"
    addr = "0x" + "5a" * 20

    def req(method: str, params: Any) -> str:
        return json.dumps({"jsonrpc": "2.0", "id": 3, "method": method, "params": params})

    tx = {"from": addr, "to": "0x" + "3b" * 20, "value": "0x1", "gas": "0x5208"}
    h = _key()
    return [
        _c("import-raw", f, req("personal_importRawKey", [_key(), "hunter2"])),
        _c("wallet-import", f, req("wallet_importPrivateKey", ["0x" + _key()])),
        _c("parity-secret", f, req("parity_newAccountFromSecret", ["0x" + _key(), "pw"])),
        _c("sign-tx-key", f, req("eth_signTransaction", [tx, "0x" + _key()])),
        _c("send-tx-key", f, req("eth_sendTransaction", [tx, _key()])),
        _c("personal-sign-tx", f, req("personal_signTransaction", [tx, "0x" + _key()])),
        _c("sign-typed-key", f, req("eth_signTypedData_v4", [addr, "{}", "0x" + _key()])),
        _c("named-params", f, req("account_import", {"privateKey": "0x" + _key()})),
        _c("key-field", f, req("wallet_addAccount", [{"key": "0x" + _key(), "label": "bot"}])),
        _c("secret-field", f, req("signer_import", [{"secret": _key()}])),
        _c(
            "js-literal",
            f,
            "await ethereum.request({ method: 'wallet_importPrivateKey', "
            f"params: ['0x{_key()}'] }})",
        ),
        _c("provider-send", f, f'await provider.send("personal_importRawKey", ["{_key()}", "pw"])'),
        _c(
            "make-request",
            f,
            f'w3.provider.make_request("eth_signTransaction", [tx, "0x{_key()}"])',
        ),
        _c("sign-key-field", f, req("eth_signTransaction", [{**tx, "key": "0x" + _key()}])),
        _c(
            "batch",
            f,
            json.dumps(
                [
                    {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber", "params": []},
                    {
                        "jsonrpc": "2.0",
                        "id": 2,
                        "method": "personal_importRawKey",
                        "params": [_key(), ""],
                    },
                ]
            ),
        ),
        _c(
            "send-get-tx", f, f'await provider.send("eth_getTransactionByHash", ["0x{h}"])', "allow"
        ),
        _c("calls-status", f, req("wallet_getCallsStatus", ["0x" + h]), "allow"),
        _c("keygen-recover", f, f"solana-keygen recover --force 'prompt://?key=0/0' {_key()}"),
        _c("get-tx", f, req("eth_getTransactionByHash", ["0x" + h]), "allow"),
        _c("receipt", f, req("eth_getTransactionReceipt", ["0x" + h]), "allow"),
        _c("eth-sign-hash", f, req("eth_sign", [addr, "0x" + h]), "allow"),
        _c("personal-sign", f, req("personal_sign", ["0x" + h, addr]), "allow"),
        _c("storage", f, req("eth_getStorageAt", [addr, "0x" + h, "latest"]), "allow"),
        _c("get-logs", f, req("eth_getLogs", [{"topics": ["0x" + h]}]), "allow"),
        _c("send-raw", f, req("eth_sendRawTransaction", ["0x02f8" + h + h[:40]]), "allow"),
    ]


def _labels() -> list[Case]:
    f = "generic-label"
    shapes = {
        "auth": "auth: 0x{k}",
        "auth-env": "AUTH=0x{k}",
        "auth-json": '{{"auth": "{k}"}}',
        "pk-eq": "pk={k}",
        "sk-colon": "sk: 0x{k}",
        "pk-json": '{{"pk": "0x{k}"}}',
        "secret-yaml": "wallet:\n  secret: {k}",
        "signer-toml": 'signer = "0x{k}"',
        "signer-key": "SIGNER_KEY: 0x{k}",
        "privkey": "privkey 0x{k}",
        "priv-key": "priv_key => '{k}'",
        "prv": "prv: 0x{k}",
        "pkey": "PKEY=0x{k}",
        "credentials": "credentials: 0x{k}",
        "key-arrow": "key -> 0x{k}",
        "after": "0x{k} is my private key, keep it safe",
        "hot-wallet-key": "hot wallet key: {k}",
        "spanish": "clave privada: 0x{k}",
        "german": "Privater Schlüssel: 0x{k}",
        "french": "clé privée : 0x{k}",
        "italian": "chiave privata: 0x{k}",
        "portuguese": "chave privada = 0x{k}",
        "russian": "приватный ключ: 0x{k}",
        "chinese": "私钥：0x{k}",
        "japanese": "秘密鍵: 0x{k}",
        "korean": "개인키: 0x{k}",
        "turkish": "özel anahtar: 0x{k}",
        "indonesian": "kunci pribadi: 0x{k}",
        "japanese-kana": "プライベートキー：0x{k}",
        "hebrew": "מפתח פרטי: 0x{k}",
        "greek": "ιδιωτικό κλειδί: 0x{k}",
        "mnemonic-entropy": "mnemonic entropy: 0x{k}",
    }
    out = [_c(n, f, s.format(k=_key())) for n, s in shapes.items()]
    negatives = {
        "tx-hash": "transactionHash: 0x{k}",
        "block": '"blockHash": "0x{k}"',
        "root": "stateRoot 0x{k}",
        "storage-root": '"storageHash": "0x{k}"',
        "topic": '"topics": ["0x{k}", "0x{k2}"]',
        "pubkey": "public key: 0x{k}",
        "auth-key-aptos": '"authentication_key": "0x{k}"',
        "sui-address": '"sender": "0x{k}"',
        "secret-hash": "secretHash=0x{k}",
        "commitment": "commitment: 0x{k}",
        "signer-tx": "signer tx 0x{k} confirmed",
        "digest": "sha256 digest {k}",
        "placeholder-zero": "PRIVATE_KEY=0x" + "0" * 64,
        "placeholder-dead": "PRIVATE_KEY=0x" + "deadbeef" * 8,
        "placeholder-seq": "PRIVATE_KEY=0x" + "1234567890abcdef" * 4,
        "placeholder-a": "private_key: 0x" + "a" * 64,
        "placeholder-words": "PRIVATE_KEY=your_private_key_here",
        "placeholder-ones": "SIGNER=0x" + "1" * 63 + "2",
        "doc-mention": "Never paste your private key (0x followed by 64 hex digits) into chats.",
        "doc-env": "Set PRIVATE_KEY in .env to the key of a fresh test account.",
    }
    out += [_c(n, f, s.format(k=_key(), k2=_key()), "allow") for n, s in negatives.items()]
    return out


def _descriptors() -> list[Case]:
    f = "descriptor"

    def x(version: str = "0488ade4") -> str:
        return _xkey(version, True)

    xpub, tpub = _xkey("0488b21e", False), _xkey("043587cf", False)
    positives = {
        "wpkh-origin": f"wpkh([d34db33f/84h/0h/0h]{x()}/0/*)#qwer1234",
        "wpkh-quote": f"wpkh([d34db33f/84'/0'/0']{x()}/1/*)",
        "tr": f"tr({x()}/86h/0h/0h/0/*)",
        "tr-tree": f"tr({xpub}/0/*,{{pk({x()}/1/*),pk({xpub}/2/*)}})",
        "wsh-multi": f"wsh(multi(2,{x()}/0/*,{xpub}/0/*,{xpub}/1/*))",
        "sortedmulti": f"sh(wsh(sortedmulti(2,[aa11bb22/48h/0h/0h/2h]{x()}/0/*,{xpub}/0/*)))",
        "multipath": f"wpkh({x()}/<0;1>/*)",
        "no-path": f"pkh({x()})",
        "tprv": f"wpkh([f00dbabe/84h/1h/0h]{x('04358394')}/0/*)#abcdefgh",
        "yprv": f"sh(wpkh({x('049d7878')}/0/*))",
        "zprv": f"wpkh({x('04b2430c')}/0/*)",
        "json": json.dumps(
            [{"desc": f"wpkh({x()}/0/*)#c8pe4yls", "timestamp": "now", "active": True}]
        ),
        "cli": f'bitcoin-cli importdescriptors \'[{{"desc":"tr({x()}/0/*)"}}]\'',
        "bare-xprv": f"master key: {x()}",
    }
    out = [_c(n, f, t) for n, t in positives.items()]
    out += [
        _c("xpub", f, f"wpkh([d34db33f/84h/0h/0h]{xpub}/0/*)#qwer1234", "allow"),
        _c("tpub-multi", f, f"wsh(multi(2,{tpub}/0/*,{tpub}/1/*))", "allow"),
        _c("broken", f, f"wpkh({x()[:-2]}zz/0/*)", "allow"),
    ]
    return out


def _seps() -> list[Case]:
    f = "seed-separators"
    layouts = {
        "comma": ",",
        "comma-space": ", ",
        "dash": "-",
        "spaced-dash": " - ",
        "pipe": "|",
        "slash": "/",
        "backslash": "\\",
        "tab": "\t",
        "dot": ".",
        "dot-space": ". ",
        "semicolon": "; ",
        "underscore": "_",
        "plus": "+",
        "star": "*",
        "tilde": "~",
        "newline": "\n",
        "crlf": "\r\n",
        "nbsp": "\u00a0",
        "double-space": "  ",
        "em-dash": " \u2014 ",
        "bullet": " \u00b7 ",
        "colon": ":",
        "arrow": " -> ",
        "hash": "#",
        "ampersand": " & ",
        "caret": "^",
    }
    out = []
    for i, (name, sep) in enumerate(layouts.items()):
        words = _phrase(24 if i % 3 == 0 else 12)
        out.append(_c(name, f, sep.join(words)))
    w = _phrase()
    mixed = "".join(x + (", ", "-", " | ", "/", "\t", ".")[i % 6] for i, x in enumerate(w))
    out.append(_c("mixed", f, mixed.rstrip(",-|/\t. ")))
    out.append(_c("upper", f, " ".join(_phrase()).upper()))
    out.append(_c("title", f, " ".join(x.title() for x in _phrase())))
    out.append(_c("quoted-list", f, json.dumps(_phrase())))
    out.append(_c("py-list", f, repr(_phrase(24))))
    out.append(_c("brackets", f, " ".join(f"[{x}]" for x in _phrase())))
    out.append(_c("quoted-words", f, " ".join(f"'{x}'" for x in _phrase())))
    out.append(_c("labelled", f, "seed phrase: " + " ".join(_phrase())))
    out.append(_c("env", f, f'MNEMONIC="{" ".join(_phrase())}"'))
    out.append(_c("ethers", f, f'ethers.Wallet.fromPhrase("{" ".join(_phrase())}")'))
    out.append(_c("spanish", f, ", ".join(_phrase(12, "spanish"))))
    out.append(_c("french-dash", f, "-".join(_phrase(12, "french"))))
    out.append(_c("bad", f, ", ".join(_bad(_phrase())), "flag"))
    out.append(_c("eleven", f, ", ".join(_phrase()[:11]), "allow"))
    return out


def _numbered() -> list[Case]:
    f = "seed-numbered"
    layouts = {
        "dot": "{i}. {w}",
        "paren": "{i}) {w}",
        "zero-pad-dash": "{i:02d} - {w}",
        "zero-pad-dot": "{i:02d}. {w}",
        "both-paren": "({i}) {w}",
        "hash-colon": "#{i}: {w}",
        "word-n": "word {i}: {w}",
        "word-hash": "Word #{i} = {w}",
        "md-table": "| {i} | {w} |",
        "md-table-tight": "|{i}|{w}|",
        "tsv": "{i}\t{w}",
        "csv": "{i},{w}",
        "html-td": "<tr><td>{i}</td><td>{w}</td></tr>",
        "html-li": "<li>{w}</li>",
        "no-space": "{i}.{w}",
        "arrow": "{i} => {w}",
        "spanish-label": "Palabra {i}: {w}",
        "glued-label": "word{i}: {w}",
        "json-keys": '"word{i}": "{w}",',
        "circled": "{i}\u20e3 {w}",
        "inline": "{i}.{w} ",
    }
    out = []
    for n, (name, line) in enumerate(layouts.items()):
        words = _phrase(24 if n % 4 == 0 else 12)
        sep = "" if name == "inline" else "\n"
        body = sep.join(line.format(i=i + 1, w=w) for i, w in enumerate(words))
        if name == "html-li":
            body = "<ol>" + body + "</ol>"
        out.append(_c(name, f, body))
    w = _phrase()
    grid = "\n".join(
        " ".join(f"{r + c * 4 + 1}. {w[r + c * 4]:<9}" for c in range(3)) for r in range(4)
    )
    out.append(_c("three-columns", f, grid))
    cells = "| # | word | # | word |\n|---|---|---|---|\n" + "\n".join(
        f"| {i + 1} | {w[i]} | {i + 7} | {w[i + 6]} |" for i in range(6)
    )
    out.append(_c("table-two-pairs", f, cells))
    steps = ["open", "wallet", "settings", "then", "choose", "network", "and", "add", "the"]
    steps += ["token", "address", "before", "you", "confirm"]
    ords = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    w = _phrase()
    out.append(
        _c(
            "ordinals",
            f,
            "\n".join(f"{o.title()} word: {x}" for o, x in zip(ords.split(), w, strict=True)),
        )
    )
    steps = "\n".join(f"{o} step: {x}" for o, x in zip(ords.split(), RECIPE_WORDS, strict=True))
    out.append(_c("ordinal-steps", f, steps, "allow"))
    prose = "<ul><li>open the wallet</li><li>check the network</li><li>then confirm</li></ul>"
    out.append(_c("html-prose", f, prose, "allow"))
    out.append(_c("recipe", f, "\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps)), "allow"))
    bad = "\n".join(f"{i + 1}) {x}" for i, x in enumerate(_bad(_phrase())))
    out.append(_c("bad", f, bad, "flag"))
    return out


def _halves() -> list[Case]:
    f = "split-halves"
    out = []
    shapes = {
        "part-1-2": "part 1/2: {a}\npart 2/2: {b}",
        "part-of": "Part 1 of 2: 0x{a}\nPart 2 of 2: {b}",
        "first-second": "first half {a}, second half {b}",
        "upper-lower": "signer key\nupper: {a}\nlower: {b}",
        "env-1-2": "PK_1={a}\nPK_2={b}",
        "json": '{{"key_a": "{a}", "key_b": "{b}"}}',
        "prose": "Here is the first piece: {a} and the second piece: {b}",
        "concat": 'const pk = "0x" + "{a}" + "{b}";',
        "concat-label": 'PRIVATE_KEY = "{a}" + "{b}"',
        "vars-then-join": 'const a = "{a}";\nconst b = "{b}";\nconst pk = `0x${{a}}${{b}}`;',
        "concat-py": 'key = "{a}" \\\n    "{b}"',
        "uneven": "part 1: {a}{c}\npart 2: {d}",
        "three": "part 1/3: {p}\npart 2/3: {q}\npart 3/3: {r}",
        "four": "chunk 1: {s1}\nchunk 2: {s2}\nchunk 3: {s3}\nchunk 4: {s4}",
    }
    for name, shape in shapes.items():
        k = _key()
        a, b = k[:32], k[32:]
        p, q, r = k[:22], k[22:44], k[44:]
        out.append(
            _c(
                name,
                f,
                shape.format(
                    a=a,
                    b=b,
                    c=b[:6],
                    d=b[6:],
                    p=p,
                    q=q,
                    r=r,
                    s1=k[:16],
                    s2=k[16:32],
                    s3=k[32:48],
                    s4=k[48:],
                ),
            )
        )
    w = _phrase()
    out.append(
        _c("seed-halves", f, f"first half: {' '.join(w[:6])}\nsecond half: {' '.join(w[6:])}")
    )
    w = _phrase(24)
    out.append(_c("seed-parts", f, f"part 1/2: {' '.join(w[:12])}\npart 2/2: {' '.join(w[12:])}"))
    w = _phrase()
    out.append(
        _c(
            "seed-rows",
            f,
            f"words 1-4: {' '.join(w[:4])}\nwords 5-8: {' '.join(w[4:8])}"
            f"\nwords 9-12: {' '.join(w[8:])}",
        )
    )
    raw = base58.b58encode(_solana()).decode()
    out.append(_c("solana-halves", f, f"part 1: {raw[:44]}\npart 2: {raw[44:]}"))
    xprv = _xkey("0488ade4", True)
    out.append(_c("xprv-halves", f, f"first half: {xprv[:55]}\nsecond half: {xprv[55:]}"))
    h1, h2 = _key(), _key()
    out.append(_c("ids", f, f"request id: {h1[:32]}\ntrace id: {h2[:32]}", "allow"))
    out.append(_c("md5", f, f"checksum part 1: {h1[:32]}\nchecksum part 2: {h2[:32]}", "allow"))
    low_high = json.dumps({"amount": {"low": "0x" + h1[:32], "high": "0x" + h2[:32]}})
    out.append(_c("u256-low-high", f, low_high, "allow"))
    out.append(_c("concat-nameless", f, f'const x = "{h1[:32]}" + "{h2[:32]}";', "allow"))
    sol = [base58.b58encode(RNG.getrandbits(256).to_bytes(32, "big")).decode() for _ in range(2)]
    out.append(_c("sol-addresses", f, f"part 1: {sol[0]}\npart 2: {sol[1]}", "allow"))
    prose = "First part: open the wallet app and tap settings\nSecond part: choose the network"
    out.append(_c("prose-parts", f, prose, "allow"))
    eip197 = (
        f"|loop_count_1| (first miller loop ML1 count) = 0x{h1[:32]}\n"
        f"|loop_count_2| (second miller loop ML2 count) = 0x{h2[:32]}"
    )
    out.append(_c("curve-params", f, eip197, "allow"))
    pub = f"public key part 1: {h1[:32]}\npublic key part 2: {h2[:32]}"
    out.append(_c("pubkey-parts", f, pub, "allow"))
    out.append(_c("uuid-parts", f, f"part 1: {h1[:32]}\npart 2: {h2[:31]}", "allow"))
    w = _bad(_phrase())
    out.append(
        _c("seed-bad", f, f"first half: {' '.join(w[:6])}\nsecond half: {' '.join(w[6:])}", "allow")
    )
    return out


def _manifests() -> list[Case]:
    f = "base64-manifest"
    k8s = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bot\ntype: Opaque\ndata:\n"
    raw = _solana()
    out = [
        _c("k8s-0x", f, k8s + f"  PRIVATE_KEY: {_b64('0x' + _key())}\n"),
        _c("k8s-hex", f, k8s + f"  SIGNER: {_b64(_key())}\n"),
        _c("k8s-newline", f, k8s + f"  PRIVATE_KEY: {_b64('0x' + _key() + chr(10))}\n"),
        _c("k8s-raw", f, k8s + f"  signer-key: {_b64(bytes.fromhex(_key()))}\n"),
        _c("k8s-generic", f, k8s + f"  wallet: {_b64('0x' + _key())}\n"),
        _c("k8s-mnemonic", f, k8s + f"  MNEMONIC: {_b64(' '.join(_phrase()))}\n"),
        _c("k8s-solana", f, k8s + f"  id.json: {_b64(json.dumps(list(raw)))}\n"),
        _c("k8s-solana-b58", f, k8s + f"  SOL_KEY: {_b64(base58.b58encode(_solana()).decode())}\n"),
        _c("k8s-xprv", f, k8s + f"  XPRV: {_b64(_xkey('0488ade4', True))}\n"),
        _c("k8s-wif", f, k8s + f"  btc: {_b64(_wif())}\n"),
        _c("k8s-json", f, json.dumps({"kind": "Secret", "data": {"pk": _b64("0x" + _key())}})),
        _c(
            "k8s-env-file",
            f,
            k8s + f"  .env: {_b64('RPC=https://x' + chr(10) + 'PRIVATE_KEY=0x' + _key())}\n",
        ),
        _c(
            "k8s-wrapped",
            f,
            k8s + "  PRIVATE_KEY: |\n    " + _wrap(_b64("0x" + _key()), "\n    "),
        ),
        _c(
            "compose",
            f,
            f"services:\n  bot:\n    environment:\n      DEPLOYER_KEY_B64: {_b64('0x' + _key())}\n",
        ),
        _c("compose-list", f, f"environment:\n  - SIGNER_B64={_b64(_key())}\n"),
        _c("gha", f, f"env:\n  PRIVATE_KEY: {_b64('0x' + _key())}\nsteps:\n  - run: npm test\n"),
        _c("gitlab", f, f'variables:\n  ETH_PK_B64: "{_b64(_key())}"\n'),
        _c("dotenv", f, f"KEY_B64={_b64(bytes.fromhex(_key()))}"),
        _c("helm", f, f"wallet:\n  privateKey: {_b64('0x' + _key())}\n"),
        _c("double", f, k8s + f"  PRIVATE_KEY: {_b64(_b64('0x' + _key()))}\n"),
        _c(
            "cert",
            f,
            k8s + f"  tls.crt: {_b64('-----BEGIN CERTIFICATE----- MIIBszCCAVmgAwIBAgIU')}\n",
            "allow",
        ),
        _c("digest", f, k8s + f"  checksum: {_b64(bytes.fromhex(_key()))}\n", "allow"),
        _c("tx-b64", f, f"txHash: {_b64('0x' + _key())}", "allow"),
        _c(
            "wrapped-cert",
            f,
            "tls.crt: |\n  "
            + _wrap(_b64("-----BEGIN CERTIFICATE-----\n" + "MIIBszCCAVmgAwIBAgIU" * 6), "\n  ")
            + "\n",
            "allow",
        ),
        _c(
            "k8s-configmap-hash",
            f,
            "kind: ConfigMap\ndata:\n  genesis: " + _b64("0x" + _key()) + "\n",
            "allow",
        ),
        _c(
            "config-b64",
            f,
            k8s + f"  config.json: {_b64(json.dumps({'rpc': 'https://x', 'chain': 1}))}\n",
            "allow",
        ),
    ]
    return out


def _numbers() -> list[Case]:
    f = "key-numbers"
    k = [_key() for _ in range(6)]
    b = [bytes.fromhex(x) for x in k]
    ossl = (
        "Private-Key: (256 bit)\npriv:\n    "
        + "\n    ".join(
            ":".join(f"{x:02x}" for x in (b"\0" + b[2])[i : i + 15]) + ":" for i in range(0, 33, 15)
        ).rstrip(":")
        + "\npub:\n    04:"
        + ":".join(["5a"] * 20)
        + "\nASN1 OID: secp256k1"
    )
    proof = json.dumps({"pi_a": [str(int(k[5], 16)), "1"], "protocol": "groth16"})
    return [
        _c("spaced-bytes", f, "private key: " + " ".join(f"{x:02x}" for x in b[0])),
        _c("colon-bytes", f, "PRIVKEY=" + ":".join(f"{x:02X}" for x in b[1])),
        _c("openssl", f, ossl),
        _c("words4", f, "signer key: " + " ".join(k[3][i : i + 4] for i in range(0, 64, 4))),
        _c("decimal", f, f"PRIVATE_KEY={int(k[4], 16)}"),
        _c("envuint", f, f'uint256 pk = vm.envOr("PK", uint256({int(_key(), 16)}));'),
        _c("string-data", f, "apiVersion: v1\nkind: Secret\nstringData:\n  wallet: 0x" + _key()),
        _c("hexdump", f, "calldata:\n" + " ".join(f"{x:02x}" for x in b[5] + b[4]), "allow"),
        _c("zk-proof", f, proof, "allow"),
        _c(
            "spaced-hash",
            f,
            "tx hash: " + " ".join(f"{x:02x}" for x in bytes.fromhex(_key())),
            "allow",
        ),
        _c("configmap", f, "kind: ConfigMap\ndata:\n  genesis_hash: 0x" + _key(), "allow"),
    ]


def _der() -> list[Case]:
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    f = "der"
    raw = ser.Encoding.DER
    k1 = ec.derive_private_key(int(_key(), 16), ec.SECP256K1())
    k2 = ec.derive_private_key(int(_key(), 16), ec.SECP256K1())
    ed = ed25519.Ed25519PrivateKey.from_private_bytes(RNG.getrandbits(256).to_bytes(32, "big"))
    sec1 = _b64(k1.private_bytes(raw, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()))
    pkcs8 = _b64(k2.private_bytes(raw, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
    edk = _b64(ed.private_bytes(raw, ser.PrivateFormat.PKCS8, ser.NoEncryption()))
    spki = _b64(k1.public_key().public_bytes(raw, ser.PublicFormat.SubjectPublicKeyInfo))
    return [
        _c("sec1", f, f"data:\n  signer.key: {sec1}\n"),
        _c("pkcs8", f, f"KEY_DER={pkcs8}"),
        _c("ed25519", f, f'{{"key": "{edk}"}}'),
        _c("public-spki", f, f"pub: {spki}", "allow"),
    ]


def _other() -> list[Case]:
    f = "wif-pem"
    pem = "-----BEGIN EC PRIVATE KEY-----\n" + _b64(RNG.getrandbits(960).to_bytes(120, "big"))
    pem += "\n-----END EC PRIVATE KEY-----"
    return [
        _c("wif-c", f, f"importprivkey {_wif()}"),
        _c("wif-u", f, f"WIF: {_wif(False)}"),
        _c("wif-testnet", f, f'{{"wif": "{_wif(True, True)}"}}'),
        _c("wif-desc", f, f"wpkh({_wif()})#abcd1234"),
        _c("pem", f, pem),
        _c("pem-json", f, json.dumps({"key": pem})),
        _c(
            "pem-placeholder",
            f,
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
            "allow",
        ),
    ]


def build() -> dict[str, Any]:
    cases = [
        *_code_calls(), *_solana_code(), *_rpc(), *_labels(), *_descriptors(), *_seps(),
        *_numbered(), *_halves(), *_manifests(), *_numbers(), *_der(), *_other(),
    ]  # fmt: skip
    return {
        "source": "Generated by tests/vectors/make_secret_variants.py (random.Random(1313)); keys "
        "and phrases never funded, never used.",
        "cases": cases,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
