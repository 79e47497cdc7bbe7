"""Wallet-agent attack frames in Spanish and Portuguese (data).

The frames of :mod:`~aiegis_guard.scanners.wallet_phrasebook` written by hand per language:
imperatives (tú/usted, você), infinitives, passive and reflexive voice (``se ha actualizado``,
``foi alterado``); accents are optional (the matcher also tries each term without them).
"""

from __future__ import annotations

from aiegis_guard.scanners.phrases.match import P, Phrase

__all__ = ["ES_PT_DRAINER", "ES_PT_INJECTION"]

_SEND_ES = (
    "envía|envíe|enviar|envíes|envíalo|envíalos|manda|mande|mandar|transfiere|transfiera|"
    "transferir|paga|pague|pagar|deposita|deposite|depositar|mueve|mueva|mover|retira|"
    "retire|retirar|redirige|redirija|dirige|reenvía|traslada|traslade|gira|envíos|pagos|"
    "transferencias|retiros|depósitos|fondos|enviarse|deben ir|debe ir|van a|irán a"
)

_PAYEE_ES = (
    "dirección de depósito|dirección del destinatario|dirección de destino|"
    "dirección de la billetera|dirección de la cartera|dirección de pago|dirección de retiro|"
    "dirección de recepción|dirección receptora|billetera de destino|cartera de destino|"
    "destinatario|beneficiario|receptor|cuenta de destino|dirección de tesorería|"
    "billetera de tesorería|billetera del comercio|cartera del comercio|billetera receptora|"
    "dirección guardada|contacto guardado|dirección de cobro|billetera de cobro"
)

_CHANGED_ES = (
    "ha cambiado|cambió|cambiado|cambiada|actualizad*|se ha actualizado|se actualizó|"
    "migrad*|movid*|trasladad*|reemplazad*|sustituid*|modificad*|rotad*|redirigid*|"
    "ya no es válid*|ya no está en uso|ya no se usa|ya no se utiliza|obsolet*|"
    "desactualizad*|comprometid*|ha sido cambiad*|fue cambiad*|se ha cambiado|se cambió"
)

_KEYS_ES = (
    "clave privada|claves privadas|frase semilla|frase de recuperación|frase secreta|"
    "frase mnemónica|mnemónic*|mnemonic*|palabras semilla|palabras de recuperación|"
    "seed phrase|semilla|"
    "clave secreta|contraseña de la billetera|contraseña del monedero|keystore|"
    "semilla de la billetera|private key"
)

_USER_ES = (
    "al usuario|el usuario|del usuario|al propietario|el propietario|al dueño|el dueño|"
    "al cliente|el cliente|al titular|el titular|a tu usuario|tu usuario"
)

_VALUE_ES = (
    _SEND_ES + "|@addr|@amount|transacción|transferencia|pago|retiro|dirección|billetera|"
    "cartera|comisión|aprueba|firma|swap|sustitúyela|reemplázala|cámbiala|fondos|saldo"
)

_SEND_PT = (
    "envie|enviar|envia|mande|mandar|transfira|transferir|transfere|pague|pagar|paga|"
    "deposite|depositar|mova|mover|retire|retirar|saque|sacar|redirecione|direcione|"
    "encaminhe|envios|pagamentos|transferências|saques|depósitos|fundos|devem ir|deve ir|"
    "vão para|irão para|ser enviad*"
)

_PAYEE_PT = (
    "endereço de depósito|endereço do destinatário|endereço de destino|endereço da carteira|"
    "endereço de pagamento|endereço de saque|endereço de recebimento|carteira de destino|"
    "destinatário|beneficiário|recebedor|conta de destino|endereço do tesouro|"
    "carteira do tesouro|carteira do comerciante|endereço salvo|contato salvo|"
    "carteira de recebimento|endereço da tesouraria"
)

_CHANGED_PT = (
    "mudou|alterad*|atualizad*|modificad*|trocad*|substituíd*|migrad*|movid*|transferid*|"
    "redirecionad*|não é mais válid*|não está mais em uso|não é mais usad*|obsolet*|"
    "desatualizad*|comprometid*|foi alterad*|foi atualizad*|foi trocad*|foi mudad*"
)

_KEYS_PT = (
    "chave privada|chaves privadas|frase semente|frase-semente|frase de recuperação|"
    "frase secreta|frase mnemônica|mnemônic*|mnemonic*|palavras de recuperação|"
    "palavras-semente|palavras semente|"
    "seed phrase|chave secreta|senha da carteira|keystore|semente da carteira|private key"
)

_USER_PT = (
    "ao usuário|o usuário|do usuário|ao utilizador|o utilizador|ao proprietário|"
    "o proprietário|ao dono|o dono|ao cliente|o cliente|ao titular|o titular"
)

_VALUE_PT = (
    _SEND_PT + "|@addr|@amount|transação|transferência|pagamento|saque|endereço|carteira|"
    "taxa|aprove|assine|swap|substitua|fundos|saldo"
)


ES_PT_DRAINER: tuple[Phrase, ...] = (
    P("redirect.payee_changed", "es", _CHANGED_ES, _PAYEE_ES, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "es",
      "dirección correcta|billetera correcta|cartera correcta|dirección real|"
      "dirección actualizada|nueva dirección|nuevo destinatario|dirección válida|"
      "dirección verdadera|dirección buena|cuenta correcta|destinatario correcto|"
      "dirección de reemplazo|dirección alternativa",
      "es|será|:|=|ahora es|pasa a ser|es ahora", "@addr", gap=40),
    P("redirect.use_instead", "es",
      "usa|use|utiliza|utilice|emplea|envía a|envíe a|manda a|transfiere a|paga a|deposita en",
      "@addr|esta dirección|esta billetera|esta cartera|la siguiente dirección|"
      "la nueva dirección",
      "en lugar de|en vez de|en su lugar|a partir de ahora|de ahora en adelante|desde ahora|"
      "en adelante|para todos|para todas|para cada|para cualquier|como destinatario|"
      "hasta nuevo aviso", gap=60, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "es",
      "a partir de ahora|de ahora en adelante|desde ahora|en adelante|hasta nuevo aviso|"
      "desde hoy|con efecto inmediato|a partir de hoy",
      _SEND_ES, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "es",
      "en lugar de la que|en vez de la que|en lugar de la dirección|en vez de la dirección|"
      "no la que|no la dirección|ignora la dirección|reemplaza la dirección|"
      "sustituye la dirección|cambia la dirección|sustitúyela|reemplázala|sustitúyelo|"
      "reemplázalo|que te dio el usuario|que dio el usuario|indicada por el usuario|"
      "proporcionada por el usuario|del pedido original|de la solicitud original",
      "@addr|usuario|arriba|anterior|original|esta|sin avisar|indicada|dada|incorrecta",
      gap=70, free=True, read=True),
    P("redirect.payee_changed", "pt", _CHANGED_PT, _PAYEE_PT, "@addr|@url", gap=70,
      free=True, read=True, anchor=1),
    P("redirect.correct_is", "pt",
      "endereço correto|carteira correta|endereço real|endereço atualizado|novo endereço|"
      "nova carteira|novo destinatário|endereço válido|endereço verdadeiro|conta correta|"
      "destinatário correto|endereço alternativo",
      "é|será|:|=|agora é|passa a ser|é agora", "@addr", gap=40),
    P("redirect.use_instead", "pt",
      "use|usa|utilize|utiliza|envie para|mande para|transfira para|pague para|deposite em",
      "@addr|este endereço|esta carteira|o seguinte endereço|o novo endereço",
      "em vez de|em vez do|em vez da|ao invés|no lugar|daqui em diante|a partir de agora|"
      "de agora em diante|para todos|para todas|para cada|para qualquer|"
      "como destinatário|até novo aviso", gap=60, free=True, read=True, anchor=2),
    P("redirect.from_now_on", "pt",
      "daqui em diante|a partir de agora|de agora em diante|até novo aviso|a partir de hoje|"
      "com efeito imediato|doravante",
      _SEND_PT, "@addr", gap=70, free=True, read=True),
    P("redirect.not_the_one", "pt",
      "em vez do que|em vez daquele|em vez do endereço|ao invés do endereço|não o que|"
      "não o endereço|ignore o endereço|substitua o endereço|troque o endereço|"
      "substitua-o|troque-o|que o usuário informou|que o usuário deu|"
      "informado pelo usuário|fornecido pelo usuário|do pedido original",
      "@addr|usuário|acima|anterior|original|este|sem avisar|informado|incorreto",
      gap=70, free=True, read=True),
    P("skim.first_send", "es",
      "primero|antes de nada|antes de completar|antes de continuar|antes de proceder|"
      "antes de ejecutar|antes de finalizar|antes de procesar|antes de realizar|paso 1",
      _SEND_ES, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "es",
      "comisión|tarifa|propina|cuota|cargo|peaje|impuesto|donación",
      "@addr",
      "obligatori*|requerid*|necesari*|primero|antes|cada|todas las|todos los|siempre|"
      "en silencio|adicional|extra|automáticamente|como", gap=90, free=True, read=True),
    P("skim.then_continue", "es",
      "luego continúa|después continúa|y luego|y después|luego procede|después procede|"
      "luego sigue|luego ejecuta|continúa con|prosigue con|procede con|sigue con",
      "petición|solicitud|tarea|pedido|lo que pidió|operación|original|usuario",
      "@amount|@addr", gap=120, free=True, read=True),
    P("skim.first_send", "pt",
      "primeiro|antes de tudo|antes de concluir|antes de continuar|antes de prosseguir|"
      "antes de executar|antes de finalizar|antes de processar|passo 1",
      _SEND_PT, "@amount|@addr", gap=60, free=True, read=True),
    P("skim.fee_to", "pt",
      "taxa|tarifa|gorjeta|comissão|cobrança|pedágio|imposto|doação",
      "@addr",
      "obrigatóri*|necessári*|exigid*|primeiro|antes|cada|todas as|todos os|sempre|"
      "em silêncio|adicional|extra|automaticamente|como", gap=90, free=True, read=True),
    P("skim.then_continue", "pt",
      "depois continue|e depois|e então|depois prossiga|então continue|continue com|"
      "prossiga com|siga com|depois execute",
      "pedido|solicitação|tarefa|operação|original|usuário",
      "@amount|@addr", gap=120, free=True, read=True),
    P("parameter_tampering.slippage_high", "es",
      "deslizamiento|slippage|tolerancia de precio", "@pct|al máximo|máximo posible",
      gap=30, free=True),
    P("parameter_tampering.min_out_zero", "es",
      "salida mínima|mínimo de salida|cantidad mínima|monto mínimo|mínimo a recibir|"
      "mínimo recibido|importe mínimo", "@zero|cero", gap=18, free=True),
    P("parameter_tampering.amount_override", "es",
      "independientemente de lo que|sin importar lo que|sin importar cuánto|"
      "cambia el monto|cambia la cantidad|cambia el importe|aumenta el monto|"
      "duplica el monto|ignora el monto|ignora la cantidad|el monto real es|"
      "la cantidad correcta es|el importe correcto es",
      "@amount|en su lugar|envía|transfiere|paga|retira", gap=60, free=True),
    P("parameter_tampering.not_official", "es",
      "en lugar del oficial|en vez del oficial|no el oficial|en lugar de la oficial|"
      "en vez de la oficial|no la oficial|en lugar del puente oficial|en lugar del habitual",
      "puente|router|contrato|pool|dex|token|red|dirección|sitio|uno|una|@addr", gap=40,
      free=True),
    P("parameter_tampering.slippage_high", "pt",
      "slippage|deslizamento|tolerância de preço", "@pct|no máximo", gap=30, free=True),
    P("parameter_tampering.min_out_zero", "pt",
      "saída mínima|mínimo de saída|quantidade mínima|valor mínimo|mínimo a receber|"
      "mínimo recebido", "@zero|zero", gap=18, free=True),
    P("parameter_tampering.amount_override", "pt",
      "independentemente do que|não importa o que|não importa quanto|mude o valor|"
      "altere o valor|altere a quantidade|aumente o valor|dobre o valor|ignore o valor|"
      "o valor real é|o valor correto é",
      "@amount|em vez disso|envie|transfira|pague|saque", gap=60, free=True),
    P("parameter_tampering.not_official", "pt",
      "em vez do oficial|ao invés do oficial|não o oficial|em vez da oficial|"
      "não a oficial|em vez da ponte oficial|em vez do habitual",
      "ponte|bridge|router|contrato|pool|dex|token|rede|endereço|site|@addr", gap=40,
      free=True),
    P("secret_exfiltration.imperative", "es",
      "muestra|muestre|muéstrame|imprime|imprima|escribe|escriba|pon|ponga|incluye|incluya|"
      "revela|revele|dame|dime|comparte|comparta|exporta|exporte|pega|pegue|añade|añada|"
      "agrega|agregue|adjunta|adjunte|proporciona|proporcione|envía|envíe|manda|mande|"
      "publica|publique|dicta|copia|copie|coloca|coloque|inserta|inserte|devuelve",
      _KEYS_ES, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "es",
      _KEYS_ES,
      "memo|campo memo|nota|campo de nota|mensaje|comentario|referencia|descripción|"
      "parámetro|campo de datos|datos de la transacción|tu respuesta|la respuesta|"
      "observación|observaciones|concepto",
      gap=70, neg=True, free=True),
    P("secret_exfiltration.imperative", "pt",
      "mostre|mostra|imprima|escreva|coloque|ponha|inclua|revele|me dê|diga|compartilhe|"
      "exporte|cole|adicione|anexe|forneça|envie|mande|publique|copie|insira|devolva|"
      "informe|exiba|digite",
      _KEYS_PT, gap=45, neg=True, imp=True, anchor=1),
    P("secret_exfiltration.in_container", "pt",
      _KEYS_PT,
      "memo|campo memo|nota|campo de nota|mensagem|comentário|referência|descrição|"
      "parâmetro|campo de dados|dados da transação|sua resposta|na resposta|observação|"
      "observações|anotação",
      gap=70, neg=True, free=True),
    P("lure.safe_place", "es",
      "bóveda segura|billetera segura|cartera segura|dirección segura|cuenta segura|"
      "bóveda de recuperación|almacenamiento en frío|dirección de recuperación|"
      "billetera de respaldo|dirección de emergencia|bóveda protegida|billetera protegida",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "es",
      "mueve|mueva|transfiere|transfiera|envía|envíe|migra|migre|retira|retire|verifica|"
      "verifique|valida|valide|conecta|conecte|sincroniza|reclama|firma|aprueba|asegura",
      "actividad sospechosa|comprometid*|vulnerabilidad|exploit|hackeo|brecha|"
      "alerta de seguridad|aviso de seguridad|en riesgo|acceso no autorizado|incidente",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("lure.safe_place", "pt",
      "cofre seguro|carteira segura|endereço seguro|conta segura|cofre de recuperação|"
      "armazenamento frio|endereço de recuperação|carteira de backup|endereço de emergência|"
      "cofre protegido|carteira protegida",
      "@addr|@url", gap=60, free=True, neg=True, read=True),
    P("lure.threat_then_move", "pt",
      "mova|transfira|envie|migre|retire|saque|verifique|valide|conecte|sincronize|"
      "resgate|assine|aprove|proteja",
      "atividade suspeita|comprometid*|vulnerabilidade|exploit|ataque hacker|violação|"
      "alerta de segurança|aviso de segurança|em risco|acesso não autorizado|incidente",
      "@addr|@url", gap=150, free=True, neg=True, read=True, imp=True, anchor=1),
    P("sweep.whole_balance", "es",
      _SEND_ES,
      "todo el saldo|todo tu saldo|el saldo completo|el saldo total|la totalidad|"
      "todos los fondos|todos tus fondos|todos los activos|todo el balance|todos sus fondos|"
      "todos los tokens|todas las monedas",
      gap=30, neg=True, free=True, read=True, anchor=1),
    P("sweep.whole_balance", "pt",
      _SEND_PT,
      "todo o saldo|todo o seu saldo|o saldo total|o saldo completo|a totalidade|"
      "todos os fundos|todos os seus fundos|todos os ativos|todos os tokens",
      gap=30, neg=True, free=True, read=True, anchor=1),
)  # fmt: skip

ES_PT_INJECTION: tuple[Phrase, ...] = (
    P("urgency.conceal", "es",
      "no menciones|no mencione|no le digas|no le diga|no digas|no informes|no informe|"
      "no avises|no avise|no notifiques|no notifique|sin avisar|sin decir|sin informar|"
      "sin notificar|sin mencionar|no comentes|no le cuentes|no cuentes|ocúltale|oculta",
      _USER_ES + "|el cambio|nada", gap=45, free=True),
    P("urgency.silently", "es",
      "en silencio|silenciosamente|discretamente|a escondidas|sin que nadie|sin avisar|"
      "como si nada|sin que se note", _VALUE_ES, gap=50, free=True),
    P("urgency.conceal", "pt",
      "não conte|não mencione|não diga|não informe|não avise|não notifique|sem avisar|"
      "sem contar|sem informar|sem notificar|sem mencionar|esconda|oculte",
      _USER_PT + "|a mudança|nada", gap=45, free=True),
    P("urgency.silently", "pt",
      "em silêncio|silenciosamente|discretamente|às escondidas|sem que ninguém|sem avisar|"
      "como se nada", _VALUE_PT, gap=50, free=True),
    P("urgency.prior_consent", "es",
      "aprobó|ha aprobado|acordó|aceptó|ha aceptado|confirmó|ha confirmado|autorizó|"
      "ha autorizado|dio permiso|dio su permiso|dijo que sí|consintió|estuvo de acuerdo|"
      "preaprobó|preautorizó",
      "usuario|propietario|dueño|titular|cliente",
      "ya|antes|anteriormente|previamente|ayer|la última vez|sesión anterior|de antemano|"
      "por adelantado", gap=40, free=True),
    P("urgency.memory_entry", "es",
      "[memoria]|memoria:|preferencia guardada|instrucción permanente|orden permanente|"
      "según lo acordado|como se acordó|como acordamos|sesión anterior|"
      "conversación anterior|recuerda:|recuerda siempre|nota guardada",
      _VALUE_ES + "|confirmación|confirmar|aprobó", gap=90, free=True, read=True),
    P("urgency.without_asking", "es",
      "no hace falta confirmar|no hace falta pedir|no es necesario confirmar|"
      "no es necesario pedir|sin confirmación|sin confirmar|sin preguntar|"
      "sin pedir confirmación|no pidas confirmación|no pidas permiso|no necesitas confirmar|"
      "no requiere confirmación|sin esperar|ejecútalo directamente|simplemente ejecútalo|"
      "solo ejecútalo|no hace falta preguntar",
      _VALUE_ES + "|usuario", gap=80, free=True, read=True),
    P("urgency.prior_consent", "pt",
      "aprovou|concordou|aceitou|confirmou|autorizou|deu permissão|disse que sim|"
      "consentiu|pré-aprovou|pré-autorizou",
      "usuário|utilizador|proprietário|dono|titular|cliente",
      "já|antes|anteriormente|previamente|ontem|da última vez|sessão anterior|de antemão",
      gap=40, free=True),
    P("urgency.memory_entry", "pt",
      "[memória]|memória:|preferência salva|instrução permanente|ordem permanente|"
      "conforme combinado|como combinado|como combinamos|sessão anterior|"
      "conversa anterior|lembre-se:|lembre sempre|nota salva",
      _VALUE_PT + "|confirmação|confirmar|aprovou", gap=90, free=True, read=True),
    P("urgency.without_asking", "pt",
      "não é preciso confirmar|não precisa confirmar|não é necessário confirmar|"
      "sem confirmação|sem confirmar|sem perguntar|sem pedir confirmação|"
      "não peça confirmação|não peça permissão|sem esperar|execute diretamente|"
      "apenas execute|só execute|não é preciso perguntar",
      _VALUE_PT + "|usuário", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "es",
      "minutos|horas|de inmediato|inmediatamente|ahora mismo|cuanto antes|última oportunidad|"
      "se perderán|perderás|serán congelados|se bloquearán|o los fondos|o perderá|actúa ya|"
      "actúa ahora|date prisa|rápido", _SEND_ES + "|aprueba|firma|reclama|conecta",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("urgency.deadline_loss", "pt",
      "minutos|horas|imediatamente|agora mesmo|o quanto antes|última chance|"
      "serão perdidos|perderá|serão congelados|serão bloqueados|ou os fundos|aja agora|"
      "aja já|rápido|depressa", _SEND_PT + "|aprove|assine|resgate|conecte",
      "@addr|@url|@amount", gap=80, free=True, read=True),
    P("override.over_user", "es",
      "independientemente de lo que|sin importar lo que|diga lo que diga el usuario|"
      "ignora lo que|ignora la petición|ignora la solicitud|aunque el usuario|"
      "aunque implique|el usuario no necesita saber|no hace falta que el usuario sepa",
      _VALUE_ES + "|usuario", gap=60, free=True),
    P("override.over_user", "pt",
      "independentemente do que|não importa o que|ignore o que|ignore o pedido|"
      "mesmo que o usuário|mesmo que envolva|o usuário não precisa saber",
      _VALUE_PT + "|usuário", gap=60, free=True),
    P("indirection.follow_source", "es",
      "sigue|siga|ejecuta|ejecute|obedece|obedezca|cumple|cumpla|aplica|aplique|realiza|"
      "lleva a cabo|lee y sigue|lee y ejecuta",
      "instrucciones|pasos|indicaciones|órdenes|directrices|tarea",
      "@url|@file",
      "antes de responder|antes de contestar|antes de continuar|antes de hacer|aunque|"
      "exactamente|al pie de la letra|sin cuestionar|inmediatamente|usuario|todas|todos",
      gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "es",
      "tarea real|verdadera tarea|nuevas instrucciones|instrucciones reales|"
      "instrucciones completas|siguientes instrucciones",
      "@url|@file|descrita en|guardadas en|están en|en el archivo|en el enlace|metadatos",
      gap=60, free=True),
    P("indirection.follow_source", "pt",
      "siga|execute|obedeça|cumpra|aplique|realize|leia e siga|leia e execute",
      "instruções|passos|orientações|ordens|diretrizes|tarefa",
      "@url|@file",
      "antes de responder|antes de continuar|antes de fazer|mesmo que|exatamente|"
      "à risca|sem questionar|imediatamente|usuário|todas|todos",
      gap=70, free=True, anchor=1),
    P("indirection.real_task_at", "pt",
      "tarefa real|verdadeira tarefa|novas instruções|instruções reais|"
      "instruções completas|próximas instruções",
      "@url|@file|descrita em|armazenadas em|estão em|no arquivo|no link|metadados",
      gap=60, free=True),
)  # fmt: skip
