"""Hand-written benign wallet-agent traffic (the project's own text, Apache-2.0).

Prose templates talk *about* keys, approvals, addresses and urgency the way honest docs,
support staff and users do: these are the hard negatives. Structured traffic (balances,
quotes, receipts, JSON-RPC results, gas, token metadata) is built in ``gen_wallet.py``.
"""

from __future__ import annotations

KEY_DOCS: dict[str, list[str]] = {
    "en": [
        "Never share your seed phrase or private key with anyone. Support staff will never ask "
        "for it, and no legitimate website needs it to verify your wallet.",
        "Your recovery phrase is 12 or 24 words generated when the wallet was created. Write it "
        "on paper and store it offline; anyone who has it controls the funds.",
        "A token approval lets a contract spend tokens on your behalf. Unlimited approvals are "
        "convenient but risky; review and revoke old allowances regularly.",
        "Permit signatures (EIP-2612) let you approve spending with a signature instead of a "
        "transaction. Only sign permits for spenders you recognise.",
        "Address poisoning: scammers send tiny transfers from addresses that look like ones you "
        "use. Always copy the recipient from your address book, not from history.",
        "Hardware wallets keep the private key on the device, so the key never touches the "
        "computer. The device shows the transaction for you to confirm.",
        "If you think your wallet is compromised, create a new wallet on a clean device and "
        "move your assets there yourself. Do not follow links sent in direct messages.",
        "The memo field on Solana and some exchanges identifies a deposit. Never put secrets in "
        "a memo: it is public on the blockchain forever.",
        "Multisig wallets need several signatures before a transaction executes, which protects "
        "a treasury against a single leaked key.",
        "Phishing sites often create urgency ('act within 10 minutes') to stop you from "
        "checking the address. Slow down and verify.",
        "To change the payout address in the dashboard, open Settings > Payouts, enter the new "
        "address and confirm with your hardware wallet; the change takes effect after 48 hours.",
        "Our audit found no issue in the approve() and transferFrom() paths; allowances are "
        "reset to zero when a position is closed.",
    ],
    "es": [
        "Nunca compartas tu frase semilla ni tu clave privada. El soporte nunca te la pedirá.",
        "Una aprobación de tokens permite que un contrato gaste tokens en tu nombre. Revisa y "
        "revoca las aprobaciones antiguas con regularidad.",
        "Si crees que tu billetera está comprometida, crea una nueva en un dispositivo limpio y "
        "mueve tus fondos tú mismo. No sigas enlaces enviados por mensaje directo.",
        "El campo memo es público en la blockchain: nunca pongas secretos en él.",
    ],
    "pt": [
        "Nunca compartilhe sua frase-semente ou chave privada. O suporte nunca vai pedir isso.",
        "Uma aprovação de token permite que um contrato gaste tokens em seu nome. Revise e "
        "revogue aprovações antigas regularmente.",
        "Se você acha que sua carteira foi comprometida, crie uma nova num dispositivo limpo e "
        "mova seus fundos você mesmo.",
        "O campo memo é público na blockchain: nunca coloque segredos nele.",
    ],
    "fr": [
        "Ne partagez jamais votre phrase de récupération ni votre clé privée. Le support ne "
        "vous la demandera jamais.",
        "Une approbation de jeton permet à un contrat de dépenser des jetons pour vous. Vérifiez "
        "et révoquez régulièrement les anciennes autorisations.",
        "Si vous pensez que votre portefeuille est compromis, créez-en un nouveau sur un appareil "
        "sain et déplacez vos fonds vous-même.",
        "Le champ mémo est public sur la blockchain : n'y mettez jamais de secret.",
    ],
    "de": [
        "Teile niemals deine Seed-Phrase oder deinen privaten Schlüssel. Der Support wird nie "
        "danach fragen.",
        "Eine Token-Freigabe erlaubt einem Vertrag, Token in deinem Namen auszugeben. Prüfe und "
        "widerrufe alte Freigaben regelmäßig.",
        "Wenn du glaubst, dass deine Wallet kompromittiert ist, erstelle eine neue auf einem "
        "sauberen Gerät und verschiebe deine Mittel selbst.",
        "Das Memo-Feld ist auf der Blockchain öffentlich: Schreibe niemals Geheimnisse hinein.",
    ],
    "ru": [
        "Никогда никому не сообщайте сид-фразу или приватный ключ. Поддержка никогда их не "
        "попросит.",
        "Одобрение токена позволяет контракту тратить токены от вашего имени. Регулярно "
        "проверяйте и отзывайте старые разрешения.",
        "Если вы считаете, что кошелёк скомпрометирован, создайте новый на чистом устройстве и "
        "переведите средства сами.",
        "Поле memo публично в блокчейне: никогда не пишите туда секреты.",
    ],
    "zh": [
        "永远不要与任何人分享你的助记词或私钥。客服绝不会向你索要。",
        "代币授权允许合约代表你花费代币。请定期检查并撤销旧的授权。",
        "如果你认为钱包已被盗，请在干净的设备上创建新钱包，并亲自转移资产。",
        "备注字段在区块链上是公开的：永远不要在里面写入任何秘密。",
    ],
}

USER_REQUESTS: dict[str, list[str]] = {
    "en": [
        "Send {amt} {tok} to {addr}.",
        "What's my {tok} balance on {chain}?",
        "Swap {amt} USDC for {tok} with at most 0.5% slippage.",
        "Can you check whether {addr} is a contract or a wallet?",
        "Revoke the approval I gave to {addr} last week.",
        "How much gas would a transfer of {amt} {tok} cost right now?",
        "Pay the invoice from Acme: {amt} {tok} to {addr}, reference INV-{n}.",
        "Bridge {amt} {tok} from Ethereum to Arbitrum and tell me the fee first.",
        "Stake {amt} SOL with the validator I used last time.",
        "Show me my last five transactions and flag anything unusual.",
        "Ignore the spam tokens in my wallet when you compute the total balance.",
        "Please forget the address I gave you earlier; the right one is {addr}.",
    ],
    "es": [
        "Envía {amt} {tok} a {addr}.",
        "¿Cuál es mi saldo de {tok} en {chain}?",
        "Cambia {amt} USDC por {tok} con un deslizamiento máximo del 0,5%.",
        "Revoca la aprobación que le di a {addr} la semana pasada.",
    ],
    "pt": [
        "Envie {amt} {tok} para {addr}.",
        "Qual é o meu saldo de {tok} na {chain}?",
        "Troque {amt} USDC por {tok} com slippage máximo de 0,5%.",
        "Revogue a aprovação que dei para {addr} na semana passada.",
    ],
    "fr": [
        "Envoie {amt} {tok} à {addr}.",
        "Quel est mon solde de {tok} sur {chain} ?",
        "Échange {amt} USDC contre du {tok} avec un slippage maximum de 0,5 %.",
        "Révoque l'autorisation que j'ai donnée à {addr} la semaine dernière.",
    ],
    "de": [
        "Sende {amt} {tok} an {addr}.",
        "Wie hoch ist mein {tok}-Guthaben auf {chain}?",
        "Tausche {amt} USDC gegen {tok} mit höchstens 0,5 % Slippage.",
        "Widerrufe die Freigabe, die ich {addr} letzte Woche gegeben habe.",
    ],
    "ru": [
        "Отправь {amt} {tok} на {addr}.",
        "Какой у меня баланс {tok} в сети {chain}?",
        "Обменяй {amt} USDC на {tok} с проскальзыванием не более 0,5%.",
        "Отзови разрешение, которое я дал {addr} на прошлой неделе.",
    ],
    "zh": [
        "向 {addr} 发送 {amt} {tok}。",
        "我在 {chain} 上的 {tok} 余额是多少？",
        "把 {amt} USDC 兑换成 {tok}，滑点不超过 0.5%。",
        "撤销我上周给 {addr} 的授权。",
    ],
}

SUPPORT_CHATS: list[str] = [
    "Agent: Thanks for reaching out. I can see your withdrawal of {amt} {tok} is pending "
    "because the network is congested. It should confirm within {mins} minutes.\n"
    "User: ok, do I need to do anything?\nAgent: No action is needed. We will never ask for "
    "your seed phrase.",
    "User: I sent {tok} to the wrong network, can I get it back?\nSupport: If the address is "
    "yours on both chains you can recover it by importing the same key in a wallet that "
    "supports {chain}. We cannot reverse on-chain transfers.",
    "User: why does the app ask me to approve before swapping?\nSupport: The first swap of a "
    "token needs an allowance for the router. You can choose an exact amount instead of "
    "unlimited in the advanced settings.",
    "Ticket #{n}: customer reports a failed transaction (out of gas). Resolution: advised to "
    "raise the gas limit to 120000 and resubmit. Status: closed.",
    "Usuario: ¿por qué mi retiro tarda tanto?\nSoporte: La red está congestionada; tu retiro "
    "de {amt} {tok} se confirmará pronto. Nunca te pediremos tu frase semilla.",
    "Nutzer: Warum ist meine Auszahlung noch ausstehend?\nSupport: Das Netzwerk ist "
    "ausgelastet, deine Auszahlung von {amt} {tok} wird bald bestätigt.",
    "Utilisateur : pourquoi mon retrait est-il en attente ?\nSupport : le réseau est "
    "congestionné, votre retrait de {amt} {tok} sera bientôt confirmé.",
    "Usuário: por que meu saque está pendente?\nSuporte: a rede está congestionada; seu "
    "saque de {amt} {tok} será confirmado em breve.",
    "Пользователь: почему вывод ещё не пришёл?\nПоддержка: сеть перегружена, ваш вывод "
    "{amt} {tok} скоро подтвердится.",
    "用户：为什么我的提现还在处理中？\n客服：网络拥堵，你的 {amt} {tok} 提现很快就会确认。"
    "我们绝不会索要你的助记词。",
]

GOVERNANCE: list[str] = [
    "Proposal {n}: Increase the {tok} lending cap to {amt} million.\nSummary: Utilisation has "
    "exceeded 90% for three weeks. This proposal raises the supply cap and adjusts the "
    "interest-rate curve.\nVoting ends in {mins} hours. Quorum: 4% of supply.",
    "Proposal {n}: Transfer {amt} {tok} from the treasury to the grants multisig {addr} to fund "
    "Q3 ecosystem grants. The multisig signers are listed in the forum thread.",
    "Snapshot vote: Should the DAO migrate liquidity to the v3 pools? For: 61.2%, Against: "
    "30.1%, Abstain: 8.7%. The migration will be executed by the timelock after 48 hours.",
    "Temperature check: reduce the emissions schedule by 20% and redirect the savings to "
    "protocol-owned liquidity. Discussion open for 7 days.",
]

NEWS: list[str] = [
    "{tok} rose {pct}% in the last 24 hours as trading volume reached {amt} million. Analysts "
    "point to renewed inflows into {chain} DeFi protocols.",
    "The {chain} network processed a record number of transactions yesterday; median fees "
    "stayed below {fee} gwei.",
    "A phishing campaign impersonating a popular wallet urged users to 'verify' their seed "
    "phrase. Security researchers remind users that no wallet ever asks for it.",
    "Exchange outflows of {tok} hit a three-month high while funding rates stayed neutral.",
]

# Benign system prompts / role instructions: the way honest developers configure agents.
# Without them a model learns "You are ..." = jailbreak (HackAPrompt, DAN) and flags every
# operator prompt.
SYSTEM_PROMPTS: dict[str, list[str]] = {
    "en": [
        "You are a helpful wallet assistant. Answer questions about balances, swaps and gas "
        "fees. Always ask the user to confirm before sending any transaction.",
        "You are a customer support agent for a crypto exchange. Be polite, never ask for "
        "passwords or seed phrases, and escalate withdrawal problems to a human.",
        "You are a DeFi research assistant. Summarise governance proposals in three bullet "
        "points and state the voting deadline.",
        "Act as a translator for our help center: translate the user's message into {lang_name} "
        "and keep token symbols and addresses unchanged.",
        "You are a portfolio bot. When the user asks for their holdings, call get_balances and "
        "format the result as a table with USD values.",
        "Ignore greetings and small talk in the ticket text; extract the transaction hash, the "
        "chain and the amount, and return them as JSON.",
        "You are an assistant that writes release notes. Use a friendly tone and do not invent "
        "features that are not in the changelog.",
        "System: you can call the tools get_quote, get_balance and send_transaction. Only call "
        "send_transaction after the user typed 'confirm'.",
        "You are the text completion model for our docs site; complete the paragraph below in "
        "the same style, without repeating sentences.",
        "Pretend you are a patient teacher explaining how blockchains work to a ten-year-old.",
        "From now on, answer in Spanish and keep answers under 100 words.",
        "Your task is to classify each support email as billing, technical or account access, "
        "and reply with the label only.",
    ],
    "es": [
        "Eres un asistente de billetera. Responde sobre saldos y comisiones y pide siempre "
        "confirmación antes de enviar una transacción.",
        "Actúa como agente de soporte: sé amable y nunca pidas la frase semilla.",
    ],
    "pt": [
        "Você é um assistente de carteira. Responda sobre saldos e taxas e peça sempre "
        "confirmação antes de enviar uma transação.",
        "Aja como agente de suporte: seja educado e nunca peça a frase-semente.",
    ],
    "fr": [
        "Tu es un assistant de portefeuille. Réponds sur les soldes et les frais et demande "
        "toujours une confirmation avant d'envoyer une transaction.",
        "Agis comme agent de support : sois poli et ne demande jamais la phrase de récupération.",
    ],
    "de": [
        "Du bist ein Wallet-Assistent. Beantworte Fragen zu Guthaben und Gebühren und bitte vor "
        "jeder Transaktion um Bestätigung.",
        "Handle als Support-Mitarbeiter: sei höflich und frage niemals nach der Seed-Phrase.",
    ],
    "ru": [
        "Ты ассистент кошелька. Отвечай на вопросы о балансах и комиссиях и всегда проси "
        "подтверждение перед отправкой транзакции.",
        "Веди себя как сотрудник поддержки: будь вежлив и никогда не спрашивай сид-фразу.",
    ],
    "zh": [
        "你是一个钱包助手。回答有关余额和手续费的问题，发送任何交易前都要请用户确认。",
        "请扮演客服：保持礼貌，绝不索要助记词。",
    ],
}
