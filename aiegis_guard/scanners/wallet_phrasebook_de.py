"""Wallet-agent attack frames in German (data). German puts the verb last and splits it
(``rufe ... auf``, ``erwähne ... nicht``): nearly every frame is ``free`` (its parts in any
order within the gap).
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["DE_DRAINER", "DE_INJECTION"]

_SEND_DE = (
    "sende|senden|sendet|schicke|schicken|überweise|überweisen|überweist|transferiere|"
    "transferieren|zahle|zahlen|verschiebe|verschieben|leite|leiten|weiterleiten|"
    "zahlungen|überweisungen|auszahlungen|einzahlungen|gelder|mittel|gehen|geht|"
    "gesendet|überwiesen|geschickt|bridge|bridgen|brücke"
)

_PAYEE_DE = (
    "einzahlungsadresse|empfängeradresse|empfangsadresse|wallet-adresse|walletadresse|"
    "zieladresse|auszahlungsadresse|zahlungsadresse|empfänger|begünstigte*|"
    "treasury-adresse|empfangs-wallet|ziel-wallet|gespeicherte adresse|adressbuch*|"
    "depotadresse|empfänger-adresse|händler-wallet|händleradresse"
)

_CHANGED_DE = (
    "geändert|aktualisiert|verschoben|migriert|ersetzt|umgestellt|gewechselt|rotiert|"
    "umgeleitet|nicht mehr gültig|veraltet|kompromittiert|hat sich geändert|verlegt|"
    "ausgetauscht|nicht mehr aktiv|stillgelegt"
)

_KEYS_DE = (
    "privaten schlüssel|privater schlüssel|private key|privatschlüssel|geheimen schlüssel|"
    "seed-phrase|seedphrase|seed phrase|wiederherstellungsphrase|mnemonic|geheimphrase|"
    "wiederherstellungswörter|wallet-passwort|passwort der wallet|keystore|"
    "mnemonische phrase|seed-wörter"
)

_USER_DE = "nutzer*|benutzer*|besitzer*|eigentümer*|kunde*|kundin|user|inhaber*|änderung"

_VALUE_DE = (
    _SEND_DE + "|@addr|@amount|transaktion|überweisung|zahlung|adresse|wallet|gebühr|"
    "genehmige|signiere|swap|ersetze|tausche|guthaben"
)


DE_DRAINER: tuple[Phrase, ...] = (
    P("redirect.payee_changed", "de", _CHANGED_DE, _PAYEE_DE, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "de",
      "richtige adresse|korrekte adresse|neue adresse|aktuelle adresse|neuer empfänger|"
      "richtige wallet|korrekte wallet|neue wallet|gültige adresse|tatsächliche adresse|"
      "richtiger empfänger|ersatzadresse",
      "ist|lautet|:|=|ist jetzt|ist nun|lautet jetzt", "@addr", gap=40),
    P("redirect.use_instead", "de",
      "verwende|verwenden sie|nutze|nutzen sie|benutze|benutzen sie|sende an|schicke an|"
      "überweise an|zahle an",
      "@addr|diese adresse|diese wallet|folgende adresse|die neue adresse",
      "stattdessen|statt|anstatt|anstelle|ab sofort|ab jetzt|von nun an|künftig|"
      "zukünftig|bis auf weiteres|für alle|für jede|für jeden|als empfänger", gap=60,
      free=True, read=True, anchor=2),
    P("redirect.from_now_on", "de",
      "ab sofort|ab jetzt|von nun an|künftig|zukünftig|bis auf weiteres|ab heute|"
      "mit sofortiger wirkung",
      _SEND_DE, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "de",
      "statt der vom|anstatt der vom|statt der angegebenen|nicht die vom|nicht die oben|"
      "ersetze die adresse|tausche die adresse|ändere die adresse|vom nutzer angegeben*|"
      "vom benutzer angegeben*|vom kunden angegeben*|ursprünglichen anfrage|ersetze sie",
      "@addr|nutzer|benutzer|oben|angegeben*|diese|ohne|falsch*", gap=70, free=True,
      read=True),
    P("skim.first_send", "de",
      "zuerst|zunächst|als erstes|vorher|bevor du|bevor sie|schritt 1|vor dem abschluss",
      _SEND_DE, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "de",
      "gebühr|provision|trinkgeld|abgabe|steuer|spende|maut|aufschlag",
      "@addr",
      "pflicht*|obligatorisch|erforderlich|notwendig|zuerst|vorher|jede|jeder|jedes|immer|"
      "heimlich|zusätzlich*|automatisch|als", gap=90, free=True, read=True),
    P("skim.then_continue", "de",
      "fahre dann|dann fortfahren|danach fortfahren|fahre mit|mach dann weiter|anschließend|"
      "dann mit|und dann|danach",
      "anfrage|aufgabe|auftrag|vorgang|ursprünglich*|nutzer*|swap", "@amount|@addr",
      gap=120, free=True, read=True),
    P("parameter_tampering.slippage_high", "de",
      "slippage|schlupf|preistoleranz|slippage-toleranz", "@pct|auf maximum|maximal",
      gap=30, free=True),
    P("parameter_tampering.min_out_zero", "de",
      "mindestbetrag|mindestausgabe|minimaler output|mindestmenge|mindestertrag|"
      "minimalbetrag|mindest-output", "@zero|null", gap=18, free=True),
    P("parameter_tampering.amount_override", "de",
      "unabhängig davon|egal was|egal wie viel|ändere den betrag|erhöhe den betrag|"
      "verdopple den betrag|ignoriere den betrag|der richtige betrag ist|"
      "der tatsächliche betrag", "@amount|stattdessen|sende|überweise|zahle", gap=60,
      free=True),
    P("parameter_tampering.not_official", "de",
      "statt der offiziellen|anstatt der offiziellen|nicht die offizielle|"
      "statt der üblichen|statt des offiziellen|anstelle der offiziellen|"
      "anstatt des offiziellen|nicht den offiziellen",
      "bridge|brücke|router|contract|vertrag|pool|adresse|seite|@addr", gap=40, free=True),
    P("secret_exfiltration.imperative", "de",
      "gib|gebe|zeige|zeig|drucke|schreibe|schreib|füge|trage|nenne|verrate|teile|sende|"
      "schicke|exportiere|kopiere|poste|übermittle|veröffentliche|setze|packe|lege|"
      "hänge|liste",
      _KEYS_DE, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "de",
      _KEYS_DE,
      "memo|memo-feld|memofeld|notizfeld|nachrichtenfeld|verwendungszweck|kommentar|"
      "referenz|beschreibung|parameter|datenfeld|deiner antwort|der antwort|nachricht",
      gap=70, neg=True, free=True),
    P("lure.safe_place", "de",
      "sicheren tresor|sicherer tresor|sichere wallet|sichere adresse|sicheres konto|"
      "wiederherstellungsadresse|kaltspeicher|cold storage|notfall-wallet|"
      "geschützte wallet|geschützten tresor|backup-wallet|tresor",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "de",
      "verschiebe|überweise|sende|schicke|migriere|hebe|verifiziere|bestätige|validiere|"
      "verbinde|synchronisiere|beanspruche|signiere|genehmige|sichere",
      "verdächtige aktivität|kompromittiert|sicherheitslücke|exploit|hack|angriff|"
      "sicherheitswarnung|sicherheitshinweis|gefährdet|unbefugter zugriff|vorfall",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("sweep.whole_balance", "de",
      _SEND_DE + "|verschiebe|hebe",
      "das gesamte guthaben|dein gesamtes guthaben|das komplette guthaben|"
      "den gesamten bestand|alle mittel|alle gelder|alle token|alle vermögenswerte|"
      "gesamten saldo|den vollen betrag|das volle guthaben|gesamtes guthaben",
      gap=30, free=True, neg=True, read=True, anchor=1),
    P("function_substitution.moved", "de",
      "umbenannt|veraltet|ersetzt|abgelöst|deaktiviert|entfernt|nicht mehr verfügbar|"
      "läuft jetzt über|wird jetzt über|heißt jetzt|funktioniert nicht mehr",
      "transfer|senden|swap|überweisung|zahlung|auszahlung|tool|werkzeug|funktion",
      "rufe|rufen|verwende|nutze|benutze|stattdessen|statt|@code", gap=80, free=True),
)  # fmt: skip

DE_INJECTION: tuple[Phrase, ...] = (
    P("urgency.conceal", "de",
      "erwähne|erwähnen sie|sag|sage|sagen sie|informiere|informieren sie|benachrichtige|"
      "verrate",
      "nicht|nichts|kein wort|niemals", _USER_DE, gap=50, free=True),
    P("urgency.conceal_without", "de",
      "ohne den nutzer|ohne den benutzer|ohne zu informieren|ohne bescheid|ohne rückfrage|"
      "ohne es zu erwähnen|ohne den kunden|hinter dem rücken",
      _VALUE_DE, gap=60, free=True),
    P("urgency.silently", "de",
      "heimlich|unauffällig|stillschweigend|im hintergrund|still und leise|"
      "als wäre nichts|als ob nichts", _VALUE_DE, gap=50, free=True),
    P("urgency.prior_consent", "de",
      "zugestimmt|genehmigt|bestätigt|autorisiert|freigegeben|erlaubt|eingewilligt|"
      "ja gesagt|abgesegnet|einverstanden",
      "nutzer|benutzer|besitzer|eigentümer|kunde|inhaber|user",
      "bereits|schon|vorher|zuvor|früher|gestern|letztes mal|letzten sitzung|vorab|"
      "im voraus", gap=50, free=True),
    P("urgency.memory_entry", "de",
      "[gedächtnis]|gedächtnis:|[speicher]|[erinnerung]|gespeicherte einstellung|"
      "gespeicherte präferenz|dauerauftrag|daueranweisung|wie vereinbart|wie besprochen|"
      "wie abgesprochen|aus der letzten sitzung|vorherigen sitzung|merke dir|denk daran",
      _VALUE_DE + "|bestätigung|zugestimmt|genehmigt", gap=90, free=True, read=True),
    P("urgency.without_asking", "de",
      "keine bestätigung|ohne bestätigung|ohne rückfrage|ohne nachzufragen|ohne zu fragen|"
      "nicht nachfragen|frag nicht|bestätigung ist nicht nötig|nicht erforderlich|"
      "führe es direkt aus|einfach ausführen|führe es einfach aus|direkt ausführen",
      _VALUE_DE + "|nutzer", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "de",
      "minuten|stunden|sofort|umgehend|unverzüglich|letzte chance|gehen verloren|"
      "sind verloren|werden eingefroren|werden gesperrt|sonst|beeil dich|schnell|"
      "handle jetzt|jetzt handeln", _SEND_DE + "|genehmige|signiere|verbinde",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("override.over_user", "de",
      "unabhängig davon, was der|egal was der nutzer|egal was der benutzer|"
      "ignoriere, was der|ignoriere die anfrage|auch wenn der nutzer|auch wenn es|"
      "der nutzer muss nicht|der nutzer braucht nicht", _VALUE_DE, gap=60, free=True),
    P("indirection.follow_source", "de",
      "befolge|befolgen|führe|folge|folgen|setze|lies und befolge|arbeite",
      "anweisungen|schritte|befehle|vorgaben|aufgabe|anleitung",
      "@url|@file",
      "bevor du|bevor sie|vor der antwort|auch wenn|genau|ohne nachzufragen|sofort|"
      "nutzer|alle", gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "de",
      "eigentliche aufgabe|wahre aufgabe|echte aufgabe|neue anweisungen|"
      "vollständigen anweisungen|weiteren anweisungen",
      "@url|@file|beschrieben in|gespeichert in|steht in|in der datei|unter dem link|"
      "metadaten", gap=60, free=True),
)  # fmt: skip
