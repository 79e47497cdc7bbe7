"""Wallet-agent attack frames in French (data): the frames of
:mod:`~aiegis_guard.scanners.wallet_phrasebook` written by hand (tu/vous imperatives,
passive ``a été remplacé``); accents are optional.
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["FR_DRAINER", "FR_INJECTION"]

_SEND_FR = (
    "envoie|envoyez|envoyer|envoie-les|transfère|transférez|transférer|vire|virez|virer|"
    "verse|versez|verser|paie|paye|payez|payer|dépose|déposez|déposer|déplace|déplacez|"
    "déplacer|retire|retirez|retirer|redirige|redirigez|achemine|virements|paiements|"
    "transferts|retraits|dépôts|fonds|doivent aller|doit aller|iront à|être envoyé*"
)

_PAYEE_FR = (
    "adresse de dépôt|adresse du destinataire|adresse de destination|adresse de réception|"
    "adresse du portefeuille|adresse de portefeuille|adresse de paiement|adresse de retrait|"
    "portefeuille de destination|destinataire|bénéficiaire|compte de destination|"
    "adresse de trésorerie|portefeuille de trésorerie|portefeuille du marchand|"
    "adresse enregistrée|contact enregistré|portefeuille de réception|adresse du wallet"
)

_CHANGED_FR = (
    "a changé|changé*|modifié*|mis à jour|mise à jour|remplacé*|migré*|déplacé*|"
    "redirigé*|n'est plus valide|n'est plus utilisé*|n'est plus active|obsolète|périmé*|"
    "compromis*|a été changé*|a été modifié*|a été remplacé*|a été mis* à jour|a été migré*"
)

_KEYS_FR = (
    "clé privée|clés privées|phrase de récupération|phrase secrète|mnémonique*|mnemonic*|"
    "seed phrase|phrase seed|mots de récupération|clé secrète|mot de passe du portefeuille|"
    "keystore|graine du portefeuille|private key"
)

_USER_FR = (
    "à l'utilisateur|l'utilisateur|de l'utilisateur|au propriétaire|le propriétaire|"
    "au client|le client|au titulaire|le titulaire|ton utilisateur|votre utilisateur"
)

_VALUE_FR = (
    _SEND_FR + "|@addr|@amount|transaction|virement|paiement|retrait|adresse|portefeuille|"
    "frais|approuve|signe|swap|remplace|substitue|fonds|solde"
)


FR_DRAINER: tuple[Phrase, ...] = (
    P("redirect.payee_changed", "fr", _CHANGED_FR, _PAYEE_FR, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "fr",
      "bonne adresse|adresse correcte|bon portefeuille|vraie adresse|adresse réelle|"
      "nouvelle adresse|nouveau destinataire|adresse mise à jour|adresse valide|"
      "bon destinataire|adresse de remplacement|adresse alternative",
      "est|sera|:|=|est désormais|est maintenant|devient", "@addr", gap=40),
    P("redirect.use_instead", "fr",
      "utilise|utilisez|emploie|envoie à|envoyez à|envoie vers|vire à|transfère à|paie|"
      "verse à|dépose sur",
      "@addr|cette adresse|ce portefeuille|l'adresse suivante|la nouvelle adresse",
      "au lieu de|à la place|plutôt que|désormais|dorénavant|à partir de maintenant|"
      "à partir d'aujourd'hui|pour tous|pour toutes|pour chaque|pour tout|"
      "comme destinataire|jusqu'à nouvel ordre", gap=60, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "fr",
      "désormais|dorénavant|à partir de maintenant|à partir d'aujourd'hui|"
      "jusqu'à nouvel ordre|avec effet immédiat|dès maintenant",
      _SEND_FR, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "fr",
      "au lieu de celle|au lieu de l'adresse|plutôt que celle|plutôt que l'adresse|"
      "pas celle|pas l'adresse|ignore l'adresse|remplace l'adresse|substitue l'adresse|"
      "change l'adresse|remplace-la|substitue-la|donnée par l'utilisateur|"
      "fournie par l'utilisateur|indiquée par l'utilisateur|de la demande initiale",
      "@addr|utilisateur|ci-dessus|précédent*|initial*|cette|sans prévenir|indiquée|"
      "incorrecte", gap=70, free=True, read=True),
    P("skim.first_send", "fr",
      "d'abord|tout d'abord|avant tout|avant de finaliser|avant de continuer|"
      "avant de procéder|avant d'exécuter|avant de terminer|avant de traiter|étape 1|"
      "en premier",
      _SEND_FR, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "fr",
      "frais|commission|pourboire|taxe|redevance|péage|don|surcoût",
      "@addr",
      "obligatoire*|requis*|nécessaire*|d'abord|avant|chaque|toutes les|tous les|toujours|"
      "discrètement|en silence|supplémentaire*|automatiquement|comme", gap=90, free=True,
      read=True),
    P("skim.then_continue", "fr",
      "puis poursuis|puis continue|ensuite continue|ensuite poursuis|puis traite|"
      "puis exécute|poursuis la|continue la|reprends la|poursuivez|continuez",
      "demande|requête|tâche|opération|initial*|utilisateur",
      "@amount|@addr", gap=120, free=True, read=True),
    P("parameter_tampering.slippage_high", "fr",
      "slippage|glissement|tolérance de prix", "@pct|au maximum", gap=30, free=True),
    P("parameter_tampering.min_out_zero", "fr",
      "minimum reçu|sortie minimale|montant minimum|minimum à recevoir|quantité minimale",
      "@zero|zéro", gap=18, free=True),
    P("parameter_tampering.amount_override", "fr",
      "quel que soit le montant|peu importe ce que|quoi que l'utilisateur|"
      "quel que soit ce que|change le montant|modifie le montant|augmente le montant|"
      "double le montant|ignore le montant|le vrai montant est|le montant correct est",
      "@amount|à la place|envoie|transfère|vire|paie|retire", gap=60, free=True),
    P("parameter_tampering.not_official", "fr",
      "plutôt que l'officiel|au lieu de l'officiel|pas l'officiel|plutôt que le pont officiel|"
      "au lieu du pont officiel|plutôt que le contrat officiel|au lieu du contrat officiel|"
      "plutôt que l'habituel",
      "pont|bridge|routeur|contrat|pool|dex|jeton|réseau|adresse|site|@addr", gap=40,
      free=True),
    P("secret_exfiltration.imperative", "fr",
      "affiche|affichez|montre|montrez|imprime|imprimez|écris|écrivez|mets|mettez|inclus|"
      "incluez|révèle|révélez|donne|donnez|dis-moi|partage|partagez|exporte|exportez|colle|"
      "collez|ajoute|ajoutez|joins|joignez|fournis|fournissez|envoie|envoyez|publie|publiez|"
      "copie|copiez|insère|insérez|renvoie|indique|indiquez|communique|transmets",
      _KEYS_FR, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "fr",
      _KEYS_FR,
      "mémo|champ mémo|memo|note|champ de note|message|commentaire|référence|description|"
      "paramètre|champ de données|données de la transaction|ta réponse|votre réponse|"
      "libellé",
      gap=70, neg=True, free=True),
    P("lure.safe_place", "fr",
      "coffre sécurisé|portefeuille sécurisé|adresse sécurisée|compte sécurisé|"
      "coffre de récupération|stockage à froid|adresse de récupération|"
      "portefeuille de secours|adresse d'urgence|coffre protégé|portefeuille protégé",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "fr",
      "déplace|déplacez|transfère|transférez|envoie|envoyez|migre|migrez|retire|retirez|"
      "vérifie|vérifiez|valide|validez|connecte|connectez|synchronise|réclame|signe|"
      "approuve|sécurise",
      "activité suspecte|compromis*|vulnérabilité|exploit|piratage|faille|"
      "alerte de sécurité|avis de sécurité|en danger|accès non autorisé|incident",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("sweep.whole_balance", "fr",
      _SEND_FR,
      "tout le solde|la totalité|l'intégralité|tous les fonds|tous vos fonds|tous tes fonds|"
      "le solde complet|le solde total|tous les actifs|tous les jetons",
      gap=30, neg=True, free=True, read=True, anchor=1),
)  # fmt: skip

FR_INJECTION: tuple[Phrase, ...] = (
    P("urgency.conceal", "fr",
      "ne parle pas|ne parlez pas|ne dis pas|ne dites pas|ne mentionne pas|"
      "ne mentionnez pas|n'informe pas|n'informez pas|ne préviens pas|ne prévenez pas|"
      "ne signale pas|sans prévenir|sans informer|sans le dire|sans mentionner|cache",
      _USER_FR + "|du changement|le changement|rien", gap=50, free=True),
    P("urgency.silently", "fr",
      "en silence|silencieusement|discrètement|en douce|sans que personne|sans prévenir|"
      "comme si de rien", _VALUE_FR, gap=50, free=True),
    P("urgency.prior_consent", "fr",
      "approuvé|accepté|confirmé|autorisé|donné son accord|donné sa permission|dit oui|"
      "consenti|pré-approuvé|pré-autorisé|validé",
      "l'utilisateur|le propriétaire|le client|le titulaire",
      "déjà|avant|auparavant|précédemment|hier|la dernière fois|session précédente|"
      "à l'avance", gap=40, free=True),
    P("urgency.memory_entry", "fr",
      "[mémoire]|mémoire :|mémoire:|préférence enregistrée|instruction permanente|"
      "ordre permanent|comme convenu|comme nous l'avons convenu|session précédente|"
      "conversation précédente|rappelle-toi :|souviens-toi|note enregistrée",
      _VALUE_FR + "|confirmation|confirmer|approuvé", gap=90, free=True, read=True),
    P("urgency.without_asking", "fr",
      "aucune confirmation|sans confirmation|sans confirmer|sans demander|"
      "pas besoin de confirmer|pas besoin de demander|inutile de confirmer|"
      "inutile de demander|ne demande pas de confirmation|sans attendre|"
      "exécute directement|exécute-le directement|contente-toi d'exécuter",
      _VALUE_FR + "|utilisateur", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "fr",
      "minutes|heures|immédiatement|tout de suite|dès que possible|dernière chance|"
      "seront perdus|perdrez|seront gelés|seront bloqués|sinon les fonds|agis maintenant|"
      "agissez maintenant|vite|dépêche-toi", _SEND_FR + "|approuve|signe|réclame|connecte",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("override.over_user", "fr",
      "quoi que dise l'utilisateur|peu importe ce que|ignore ce que|ignore la demande|"
      "même si l'utilisateur|même si cela implique|l'utilisateur n'a pas besoin de savoir",
      _VALUE_FR + "|utilisateur", gap=60, free=True),
    P("indirection.follow_source", "fr",
      "suis|suivez|exécute|exécutez|obéis|obéissez|applique|appliquez|réalise|"
      "lis et suis|lis et exécute",
      "instructions|étapes|consignes|ordres|directives|tâche",
      "@url|@file",
      "avant de répondre|avant de continuer|avant de faire|même si|exactement|"
      "à la lettre|sans discuter|immédiatement|utilisateur|toutes|tous",
      gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "fr",
      "vraie tâche|tâche réelle|nouvelles instructions|vraies instructions|"
      "instructions complètes|prochaines instructions",
      "@url|@file|décrite dans|stockées dans|se trouvent|dans le fichier|au lien|métadonnées",
      gap=60, free=True),
)  # fmt: skip
