"""Forms of secret_forms_dev5's misses, as classes (appended by ``make_secret_forms.py``): a
64-hex value written to a secret store, echoed by a parse error, carried by a link; an address
labelled as one; BIP-39 phrases of the CJK lists glued without separators; a keystore's
password passed to a loader or read at run time. Each with the near twins that stay allowed."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from keygen import KeyGen
from mnemonic import Mnemonic


def _case(cid: str, form: str, text: str, action: str, why: str) -> dict[str, Any]:
    return {"id": cid, "form": form, "text": text, "action": action, "why": why}


def stores(k: str, h: str) -> list[dict[str, Any]]:
    """Secret-store CLIs: the value written is a key unless the entry's name says hash."""
    f = "secret-store"
    ssm = (
        "aws ssm put-parameter \\\n  --name /prod/market-maker/hot-wallet \\\n"
        f"  --type SecureString \\\n  --value 0x{k} \\\n  --overwrite"
    )
    return [
        _case("aws-ssm", f, ssm, "block", "SSM parameter value, the name says nothing"),
        _case(
            "secretsmanager",
            f,
            f"aws secretsmanager create-secret --name payout-bot --secret-string {k}",
            "block",
            "Secrets Manager's --secret-string",
        ),
        _case(
            "az-keyvault",
            f,
            f"az keyvault secret set --vault-name ops-kv --name relayer --value 0x{k}",
            "block",
            "Key Vault's --value",
        ),
        _case(
            "gcloud-pipe",
            f,
            f"echo -n 0x{k} | gcloud secrets create relayer --data-file=-",
            "block",
            "the value piped into a store",
        ),
        _case("vault-kv", f, f"vault kv put secret/bot value=0x{k}", "block", "vault kv put"),
        _case(
            "powershell",
            f,
            f"$s = ConvertTo-SecureString '0x{k}' -AsPlainText -Force",
            "block",
            "a SecureString made of the value",
        ),
        _case(
            "ssm-hash-name",
            f,
            f"aws ssm put-parameter --name /chain/genesis-hash --type String --value 0x{h}",
            "allow",
            "the entry's name says hash",
        ),
        _case(
            "gh-tx-hash",
            f,
            f"gh secret set DEPLOY_TX_HASH --body 0x{h}",
            "allow",
            "the secret's name says hash",
        ),
        _case(
            "other-command",
            f,
            f"echo 0x{h} && aws ssm put-parameter --name /app/cfg --value file://cfg.json",
            "allow",
            "the value belongs to another command",
        ),
    ]


def echoes(k: str, h: str) -> list[dict[str, Any]]:
    """A parse error echoing the value: the application's frames say what it was."""
    f = "error-echo"
    java = (
        'Exception in thread "main" java.lang.NumberFormatException: For input string: "{v}"\n'
        "\tat java.base/java.lang.NumberFormatException.forInputString("
        "NumberFormatException.java:67)\n"
        "\tat java.base/java.math.BigInteger.<init>(BigInteger.java:538)\n"
        "\tat com.acme.{frame}(App.java:22)\n\tat com.acme.Main.main(Main.java:14)"
    )
    python = (
        "Traceback (most recent call last):\n"
        '  File "bot.py", line 12, in load_signer\n    n = int(raw)\n'
        f"ValueError: invalid literal for int() with base 10: '0x{k}'"
    )
    go = (
        f'panic: strconv.ParseUint: parsing "0x{k}": invalid syntax\n\ngoroutine 1 [running]:\n'
        "main.loadPrivateKey(...)\n\t/app/main.go:31 +0x1c4"
    )
    return [
        _case("java", f, java.format(v=k, frame="SignerFactory.fromConfig"), "block", "Signer"),
        _case("python", f, python, "block", "the traceback's frame loads a signer"),
        _case("go", f, go, "block", "the panicking function loads a key"),
        _case("java-hash", f, java.format(v=h, frame="TxHashParser.parse"), "allow", "TxHash"),
        _case("java-bare", f, java.format(v=h, frame="Main.run"), "allow", "no frame says"),
    ]


def links(k: str, h: str) -> list[dict[str, Any]]:
    """Claim links keep their keys in the fragment; ids sit in paths and ordinary queries."""
    f = "link"
    return [
        _case(
            "fragment-param",
            f,
            f"open this and hit claim:\nhttps://claim.example.app/#/c?k=0x{k}&chain=8453&v=2",
            "block",
            "a fragment parameter",
        ),
        _case("fragment", f, f"burner: https://wallet.example.io/pk#0x{k}", "block", "fragment"),
        _case(
            "claim-query",
            f,
            f"your gift: https://gift.example.com/claim?k=0x{k}&chain=1",
            "block",
            "a claim link's query",
        ),
        _case(
            "proposal-path",
            f,
            f"vote here: https://snapshot.example/#/ens.eth/proposal/0x{h}",
            "allow",
            "a path segment is an id",
        ),
        _case(
            "fragment-hash",
            f,
            f"see https://app.example/#/tx?hash=0x{h}",
            "allow",
            "the parameter's name says hash",
        ),
        _case(
            "search-query",
            f,
            f"https://explorer.example/search?q=0x{h}&v=2",
            "allow",
            "an ordinary query",
        ),
    ]


def addresses(k: str, h: str) -> list[dict[str, Any]]:
    """A 64-hex value labelled as an address (Sui, Aptos) is one, whatever follows it."""
    f = "address-label"
    table = (
        f"│ suiAddress      │  0x{h}  │\n│ publicBase64Key │  AE3fNq0mQ9Wc  │\n"
        "│ keyScheme       │  ed25519      │"
    )
    return [
        _case("sui-table", f, table, "allow", "labelled as an address"),
        _case("aptos", f, f"account address: 0x{h}\npublic key follows", "allow", "address"),
        _case(
            "key-after-address",
            f,
            f"address: 0x{'5a' * 20}\nprivate key: 0x{k}",
            "block",
            "the key's own label",
        ),
    ]


def glued(gen: KeyGen) -> list[dict[str, Any]]:
    """BIP-39 phrases of the CJK lists written without separators, behind a label."""
    f = "cjk-glued"
    hans, hant = gen.phrase(12, "chinese_simplified"), gen.phrase(15, "chinese_traditional")
    ja, ko = gen.phrase(12, "japanese"), gen.phrase(12, "korean")
    wrong = _bad(gen.phrase(12, "chinese_simplified"), "chinese_simplified")
    return [
        _case("zh-hans", f, f"钱包助记词：{''.join(hans)}（简体中文）", "block", "one char a word"),
        _case("zh-hant", f, f"錢包備份 助記詞：{''.join(hant)}（繁體）", "block", "traditional"),
        _case("zh-label-glued", f, f"助记词{''.join(hans)}", "block", "the label glued to it"),
        _case("ja", f, f"ニーモニック：{''.join(ja)}", "block", "kana words cut every way"),
        _case("ko", f, f"복구 구문: {''.join(ko)}", "block", "Hangul words"),
        _case("zh-bad", f, f"助记词：{''.join(wrong)}", "allow", "checksum fails"),
        _case(
            "zh-prose",
            f,
            "助记词是一串由十二个汉字组成的文字，你一定要把它写在纸上并且保管好，不要拍照。",
            "allow",
            "prose about a phrase",
        ),
    ]


def _bad(words: list[str], language: str) -> list[str]:
    m = Mnemonic(language)
    return next(
        c for w in m.wordlist if not m.check(" ".join(c := [*words[:-1], w])) and w != words[-1]
    )


def passwords(keystore: str) -> list[dict[str, Any]]:
    """A keystore's password passed to a loader (a passphrase has spaces); one read at run
    time (a prompt, the environment) is no password in the text."""
    f = "keystore-password"
    return [
        _case(
            "dart-fromjson",
            f,
            f"final w = Wallet.fromJson(r'{keystore}', 'moonbeam 4475');",
            "block",
            "web3dart's loader",
        ),
        _case(
            "go-import",
            f,
            f"keyjson := []byte(`{keystore}`)\n"
            'acct, err := ks.Import(keyjson, "Tr1ck-y-0tter", "n3w-pw")',
            "block",
            "go-ethereum's Import",
        ),
        _case(
            "go-prompt",
            f,
            f"keyjson := []byte(`{keystore}`)\n"
            'fmt.Print("keystore password: ")\npw, _ := term.ReadPassword(int(os.Stdin.Fd()))\n'
            "key, err := keystore.DecryptKey(keyjson, string(pw))",
            "flag",
            "the password is read from a prompt",
        ),
        _case(
            "py-getpass",
            f,
            f"ks = {keystore}\npassword = getpass.getpass()\nkey = Account.decrypt(ks, password)",
            "flag",
            "getpass",
        ),
        _case(
            "py-environ",
            f,
            f"ks = {keystore}\npassword = os.environ['KS_PASSWORD']",
            "flag",
            "the environment",
        ),
    ]


def tx_signs(k: str, h: str) -> list[dict[str, Any]]:
    """A transaction object signs itself with the key it is given (ethereumjs-tx, web3p)."""
    f = "tx-sign"
    return [
        _case("php", f, f"$signed = '0x' . $tx->sign('{k}');", "block", "web3p EthereumTx"),
        _case("js", f, f"tx.sign(Buffer.from('{k}', 'hex'))", "block", "ethereumjs-tx"),
        _case("wallet-sign", f, f"const sig = wallet.sign('0x{h}')", "allow", "what is signed"),
    ]


def compound_names(k: str, h: str) -> list[dict[str, Any]]:
    """A value in a conversion wrapper is named by what is before the wrapper; a compound
    name's ``Data`` / ``_value`` suffix says less than its head."""
    f = "compound-name"
    return [
        _case("swift-keydata", f, f'let keyData = Data(hex: "0x{k}")', "block", "keyData"),
        _case("py-signer-value", f, f"signer_value = bytes.fromhex('{k}')", "block", "signer"),
        _case("swift-txdata", f, f'let txData = Data(hex: "0x{h}")', "allow", "txData"),
        _case("block-value", f, f'const blockValue = BigInt("0x{h}")', "allow", "block"),
    ]


_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _bech32(hrp: str, payload: bytes) -> str:
    """BIP-173 bech32 (the encoder of bitcoin/bips bip-0173's reference code, in short)."""
    acc = bits = 0
    data = []
    for b in payload:
        acc, bits = (acc << 8) | b, bits + 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data + [0] * 6:
        top, chk = chk >> 25, ((chk & 0x1FFFFFF) << 5) ^ v
        for i, g in enumerate(gen):
            chk ^= g if (top >> i) & 1 else 0
    chk ^= 1
    data += [(chk >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in data)


def nostr(k: str, h: str) -> list[dict[str, Any]]:
    """NIP-19 nsec (a Nostr private key) vs its public npub, a note id and a broken checksum."""
    f = "nostr"
    nsec = _bech32("nsec", bytes.fromhex(k))
    broken = nsec[:-1] + ("q" if nsec[-1] != "q" else "p")
    return [
        _case("nsec-chat", f, f"just log in with my alt: {nsec}", "block", "nsec"),
        _case("nsec-json", f, f'{{"privateKey": "{nsec.upper()}"}}', "block", "upper case"),
        _case("npub", f, f"follow me: {_bech32('npub', bytes.fromhex(h))}", "allow", "public"),
        _case("note", f, f"see {_bech32('note', bytes.fromhex(h))}", "allow", "an event id"),
        _case("nsec-typo", f, f"nsec: {broken}", "allow", "the checksum fails"),
    ]


def markup(k: str, h: str) -> list[dict[str, Any]]:
    """Markup tags (<data>, <string>, </key>) are structure: the <key> element names a value."""
    f = "markup"
    b64 = base64.b64encode(bytes.fromhex(k)).decode()
    return [
        _case(
            "plist-data",
            f,
            f"<dict>\n\t<key>signingKey</key>\n\t<data>\n\t{b64}\n\t</data>\n</dict>",
            "block",
            "base64 of 32 bytes named by its <key>",
        ),
        _case(
            "plist-string",
            f,
            f"<key>walletPrivateKey</key>\n<string>0x{k}</string>",
            "block",
            "a plist string named as a key",
        ),
        _case(
            "plist-hash",
            f,
            f"<key>lastTxHash</key>\n<string>0x{h}</string>",
            "allow",
            "named as a hash",
        ),
        _case(
            "android-res",
            f,
            f'<string name="deploy_tx_hash">0x{h}</string>',
            "allow",
            "a resource named as a hash",
        ),
    ]


def numbers_after(gen: KeyGen) -> list[dict[str, Any]]:
    """Words listed out of order, each with its number after it: the numbers give the order."""
    f = "number-after"
    words = gen.phrase()
    order = list(range(12))
    gen.rng.shuffle(order)
    paren = ", ".join(f"{words[i]} ({i + 1})" for i in order)
    hashed = "  ".join(f"{words[i]} #{i + 1}" for i in order)
    wrong = _bad(words, "english")
    bad = ", ".join(f"{wrong[i]} ({i + 1})" for i in order)
    eleven = ", ".join(f"{words[i]} ({i + 1})" for i in order if i < 11)
    return [
        _case("paren", f, f"shuffled on purpose: {paren}", "block", "word (n)"),
        _case("hash", f, hashed, "block", "word #n"),
        _case("bad", f, bad, "flag", "the checksum fails"),
        _case("eleven", f, eleven, "allow", "11 numbered words"),
    ]


def xml_elements(k: str, h: str) -> list[dict[str, Any]]:
    """An XML element named as a key or a hash is named by its tag."""
    f = "xml-element"
    return [
        _case("private-key", f, f"<signer><PrivateKey>0x{k}</PrivateKey></signer>", "block", "tag"),
        _case("tx-hash", f, f"<receipt><TxHash>0x{h}</TxHash></receipt>", "allow", "tag"),
    ]


def bech32_keys(k: str, h: str) -> list[dict[str, Any]]:
    """Sui (SIP-15) and Cardano (CIP-5) private keys in bech32; their public twins."""
    f = "bech32-key"
    sui = _bech32("suiprivkey", bytes([0]) + bytes.fromhex(k))
    xsk = _bech32("addr_xsk", bytes.fromhex(k + h))
    root = _bech32("root_xsk", bytes.fromhex(k + h + k))
    return [
        _case("sui", f, f"sui keytool import {sui} ed25519", "block", "suiprivkey"),
        _case("cardano-xsk", f, f"payment.xsk: {xsk}", "block", "addr_xsk"),
        _case("cardano-root", f, f"ROOT_KEY={root}", "block", "root_xsk"),
        _case(
            "cardano-vk", f, f"addr_vk: {_bech32('addr_vk', bytes.fromhex(h))}", "allow", "public"
        ),
        _case(
            "sui-bad-flag",
            f,
            f"value: {_bech32('suiprivkey', bytes([7]) + bytes.fromhex(h))}",
            "allow",
            "no signature scheme has flag 7",
        ),
    ]


def short_hex(k: str, h: str) -> list[dict[str, Any]]:
    """A key printed from an integer without its leading zero digits (61-63 hex), named."""
    f = "short-hex"
    return [
        _case("starknet", f, f"STARKNET_PRIVATE_KEY=0x{k[1:]}", "block", "63 digits, named"),
        _case("hex-int", f, f">>> hex(signer_key)\n'0x{k[2:]}'", "block", "62 digits, named"),
        _case("tx", f, f"tx hash 0x{h[1:]}", "allow", "named as a hash"),
        _case("bare", f, f"0x{h[1:]}", "allow", "no name"),
    ]


def exports(k: str, h: str) -> list[dict[str, Any]]:
    """A wallet's export names what it prints (like 'import' and 'restore'); a nearer hash
    word still decides."""
    f = "export"
    return [
        _case("wallet-export", f, f"wallet export:\n{k}", "block", "exported"),
        _case("export-tx", f, f"exported the report, tx 0x{h}", "allow", "tx is nearer"),
    ]


def key_fields(k: str, h: str) -> list[dict[str, Any]]:
    """A quoted "key" field is named by its object: a wallet import's is a key, a storage
    proof's or a cache entry's is not."""
    f = "key-field"
    proof = f'{{"storageProof": [{{"key": "0x{h}", "value": "0x1", "proof": []}}]}}'
    return [
        _case(
            "qr-import",
            f,
            f'QR decoded: {{"v":1,"type":"evm-import","key":"{k}"}}',
            "block",
            "import",
        ),
        _case("storage-proof", f, proof, "allow", "eth_getProof's storage key"),
        _case("cache", f, f'{{"key": "0x{h}", "hits": 3}}', "allow", "no word says key"),
    ]


def signed_scopes(gen: KeyGen) -> list[dict[str, Any]]:
    """An AWS access key id in a SigV4 credential scope names who signed (beside a signature);
    alone it is still blocked. A taproot internal key (BIP-341) is public."""
    f = "signed-scope"
    akid = "AKIA" + "".join(gen.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))
    sig = gen.key()
    header = (
        f"Authorization: AWS4-HMAC-SHA256 Credential={akid}/20261206/us-east-1/s3/aws4_request, "
        f"SignedHeaders=host;x-amz-date, Signature={sig}"
    )
    url = f"https://b.s3.amazonaws.com/k?X-Amz-Credential={akid}%2F20261206%2Fus-east-1&X-Amz-Signature={sig}"
    return [
        _case("sigv4", f, header, "allow", "the credential scope of a signed request"),
        _case("presigned", f, url, "allow", "a presigned URL"),
        _case("env", f, f"AWS_ACCESS_KEY_ID={akid}", "block", "an access key id given alone"),
        _case("taproot", f, f'"taproot_internal_key": "{gen.key()}"', "allow", "BIP-341: public"),
    ]


def dev6_contexts(k: str, h: str) -> list[dict[str, Any]]:
    """dev6's word and place classes: a validation error echoing input_value (its field names
    it), Russian 'ключ' (not 'открытый ключ'), secrecy said of a chat line, a password
    manager's password field, the halves of a key labelled in Spanish, a ganache command's
    accounts; and their twins."""
    f = "dev6-context"
    pyd = (
        "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\n"
        "{name}\n  String should match pattern [type=string_pattern_mismatch, "
        "input_value='{v}', input_type=str]"
    )
    keepass = (
        "<Entry>\n  <String><Key>Password</Key>"
        f'<Value ProtectInMemory="True">{k}</Value></String>\n</Entry>'
    )
    return [
        _case("pydantic", f, pyd.format(name="signer_key", v=k), "block", "the field says key"),
        _case("pydantic-hash", f, pyd.format(name="tx_hash", v=h), "allow", "the field: hash"),
        _case("ru-key", f, f"ключ: 0x{k}", "block", "Russian 'key'"),
        _case("ru-public", f, f"открытый ключ: 0x{h}", "allow", "Russian 'public key'"),
        _case(
            "chat-secrecy",
            f,
            f"[01:14] Marco: here is the bot wallet, dont share\n[01:15] Marco: {k}",
            "block",
            "said to be kept secret",
        ),
        _case("keepass", f, keepass, "block", "a password manager's password field"),
        _case(
            "es-halves",
            f,
            f"te paso la clave en dos partes\nprimera mitad: {k[:32]}\nsegunda mitad: {k[32:]}",
            "block",
            "labelled halves (Spanish)",
        ),
        _case(
            "ganache",
            f,
            f'npx ganache --chain.chainId 1337 --wallet.accounts "0x{k},1000000000000000000000"',
            "block",
            "ganache's accounts are keys",
        ),
    ]


def dev6_layouts(gen: KeyGen) -> list[dict[str, Any]]:
    """dev6's phrase and key layouts: a note app's JSON with escaped line breaks, Korean 번
    numbering, prose ending 'and <last word>', a phrase quoted among command words that are
    list words; a Litecoin Ltpv key; a keystore password as a Python bytes literal."""
    f = "dev6-layout"
    w = gen.phrase()
    ko = gen.phrase(12, "korean")
    bad = _bad(gen.phrase(), "english")
    keep = '{"title": "do not lose", "textContent": "' + "\\n".join(w) + '"}'
    numbered = "\n".join(f"{i}번: {x}" for i, x in enumerate(ko, 1))
    prose = f"ok so my seed is {', '.join(w[:11])} and {w[11]}. is it safe?"
    cast = f'$ cast wallet derive-private-key "{" ".join(w)}" 0'
    return [
        _case("keep-json", f, keep, "block", "escaped line breaks"),
        _case("korean-beon", f, numbered, "block", "1번: .."),
        _case("prose-and", f, prose, "block", "'and' before the last word"),
        _case("cast-quoted", f, cast, "block", "quoted among list words"),
        _case(
            "prose-and-bad",
            f,
            f"my words: {', '.join(bad[:11])} and {bad[11]}.",
            "flag",
            "checksum fails",
        ),
        _case(
            "ltpv",
            f,
            f"[wallet]\nxprv_litecoin = {gen.xkey('019d9cfe', True)}",
            "block",
            "Litecoin's own extended private key",
        ),
        _case("ltub", f, f"watch = {gen.xkey('019da462', False)}", "allow", "Ltub: public"),
    ]


def dev6_bytes(gen: KeyGen) -> list[dict[str, Any]]:
    """A Solana keypair as a bare comma list of bytes (an .env value), 64 random bytes the
    same way (no keypair); a Casascius mini private key and one with the typo check failing."""
    f = "dev6-bytes"
    keypair = ",".join(str(b) for b in gen.solana())
    noise = ",".join(str(gen.rng.randrange(256)) for _ in range(64))
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    mini = bad_mini = ""
    while not (mini and bad_mini):
        token = "S" + "".join(gen.rng.choice(alphabet) for _ in range(29))
        ok = hashlib.sha256((token + "?").encode()).digest()[0] == 0
        mini, bad_mini = (token, bad_mini) if ok and not mini else (mini, bad_mini or token)
    return [
        _case("env-bytes", f, f"PAYER_SECRET={keypair}\n", "block", "re-derives"),
        _case("env-noise", f, f"FRAME={noise}\n", "allow", "64 bytes, no keypair"),
        _case("mini-key", f, f"under the hologram: {mini}", "block", "typo check holds"),
        _case("mini-bad", f, f"serial: {bad_mini}", "allow", "typo check fails"),
    ]


def transcripts(gen: KeyGen) -> list[dict[str, Any]]:
    """A secret sent over several chat messages, another speaker's lines between: each
    speaker's messages are read together; words split between two speakers are not one."""
    f = "transcript"
    k, h, w = gen.key(), gen.key(), gen.phrase()
    key_chat = (
        f"[09:12] ana: ok the key, in pieces\n[09:12] ana: 0x{k[:24]}\n[09:13] bob: go\n"
        f"[09:13] ana: {k[24:46]}\n[09:13] ana: {k[46:]}\n[09:14] bob: got it"
    )
    words_chat = (
        f"[21:02] kim: my words\n[21:02] kim: {' '.join(w[:4])}\n[21:03] bot: ok\n"
        f"[21:03] kim: {' '.join(w[4:8])}\n[21:04] kim: {' '.join(w[8:])}"
    )
    two = f"[10:00] ana: {' '.join(w[:6])}\n[10:01] bob: {' '.join(w[6:])}"
    hashes = f"[10:00] ana: tx 0x{h}\n[10:01] bob: ok\n[10:02] ana: tx 0x{gen.key()}"
    return [
        _case("key-pieces", f, key_chat, "block", "one speaker's pieces"),
        _case("phrase-pieces", f, words_chat, "block", "four words a message"),
        _case("two-speakers", f, two, "allow", "half the words each: no one sent a phrase"),
        _case("tx-hashes", f, hashes, "allow", "hashes, named"),
    ]


def dictated(gen: KeyGen) -> list[dict[str, Any]]:
    """A phrase dictated with its commas said aloud (a voice note's transcript)."""
    f = "dictated"
    es = gen.phrase(12, "spanish")
    said = " coma ".join(es)
    prose = "put a comma here, a comma there; comma after comma, the comma rule: comma."
    return [
        _case("es-coma", f, f"Mis palabras: {said}. Eso es todo.", "block", "coma said aloud"),
        _case("comma-prose", f, prose, "allow", "commas, no phrase"),
    ]


def hex_dumps(gen: KeyGen) -> list[dict[str, Any]]:
    """A 32-byte file shown by xxd / hexdump -C, named by the command line before it."""
    f = "hex-dump"

    def xxd(raw: bytes) -> str:
        rows = []
        for off in range(0, len(raw), 16):
            quads = " ".join(raw[off + i : off + i + 2].hex() for i in range(0, 16, 2))
            rows.append(f"{off:08x}: {quads}  ................")
        return "\n".join(rows)

    def hexdump(raw: bytes) -> str:
        rows = []
        for off in range(0, len(raw), 16):
            pairs = " ".join(f"{b:02x}" for b in raw[off : off + 16])
            rows.append(f"{off:08x}  {pairs}  |................|")
        return "\n".join([*rows, f"{len(raw):08x}"])

    key, digest = bytes.fromhex(gen.key()), bytes.fromhex(gen.key())
    return [
        _case("xxd-key", f, f"$ xxd signer.key\n{xxd(key)}", "block", "the file is a key"),
        _case("hexdump-key", f, f"$ hexdump -C wallet.pk\n{hexdump(key)}", "block", "hexdump -C"),
        _case("xxd-hash", f, f"$ xxd block.hash\n{xxd(digest)}", "allow", "named as a hash"),
        _case("xxd-48", f, f"$ xxd signer.key\n{xxd(key + digest[:16])}", "allow", "48 bytes"),
    ]


__all__ = [
    "addresses",
    "bech32_keys",
    "compound_names",
    "dev6_bytes",
    "dev6_contexts",
    "dev6_layouts",
    "dictated",
    "echoes",
    "exports",
    "glued",
    "hex_dumps",
    "key_fields",
    "links",
    "markup",
    "nostr",
    "numbers_after",
    "passwords",
    "short_hex",
    "signed_scopes",
    "stores",
    "transcripts",
    "tx_signs",
    "xml_elements",
]
