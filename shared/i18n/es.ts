/**
 * The Spanish (es-CO) message catalog: every text an agent or a citizen reads.
 * Placeholders are written {name} and filled by translate().
 */
export const es = {
  'app.title': 'Atiende',

  // Activity bar and views.
  'view.chats': 'Chats',
  'view.selftest': 'Verificación de equipos',
  'view.knowledgeBase': 'Base de conocimiento',
  'view.outbox': 'Bandeja de salida',
  'view.settings': 'Configuración',
  'view.notAvailableYet': 'Esta vista todavía no está disponible en esta versión.',

  // First run.
  'firstRun.title': 'Bienvenido a Atiende',
  'firstRun.intro': 'Escriba su nombre y apellido. El saludo institucional lo usa en cada chat.',
  'firstRun.nameLabel': 'Nombre y apellido',
  'firstRun.save': 'Guardar',

  // Agent name validation.
  'agentName.missing': 'Escriba su nombre y apellido.',
  'agentName.tooLong': 'El nombre tiene más de 80 caracteres. Escriba un nombre más corto.',
  'agentName.invalid': 'Escriba al menos un nombre y un apellido, solo con letras.',

  // Queue.
  'queue.title': 'Cola de chats',
  'queue.empty': 'No hay ciudadanos en espera.',
  'queue.takeNext': 'Atender siguiente',
  'queue.waiting': 'En espera {time}',
  'queue.count': '{count} en cola',
  'queue.itemLabel': 'Chat en espera desde hace {time}: {excerpt}',

  // Conversation and composer.
  'chat.none': 'Seleccione un chat o use «Atender siguiente» para tomar el más antiguo.',
  'chat.citizen': 'Ciudadano',
  'chat.agent': 'Usted',
  'chat.system': 'Sistema',
  'chat.header': 'Chat {id}',
  'chat.openChats': 'Chats en curso',
  'chat.conversation': 'Conversación',
  'chat.citizenLeft': 'El ciudadano cerró el chat.',
  'composer.label': 'Respuesta',
  'composer.send': 'Enviar',
  'composer.sending': 'Enviando…',
  'composer.hint': 'Enter envía; Shift+Enter agrega una línea.',

  // Bottom panel.
  'panel.problems': 'Problemas',
  'panel.noProblems': 'No hay problemas en la respuesta.',

  // Status bar.
  'status.agent.available': 'Disponible',
  'status.agent.paused': 'En pausa',
  'status.agent.busy': 'Ocupado',
  'status.hub.connecting': 'Conectando con el hub…',
  'status.hub.connected': 'Hub conectado',
  'status.hub.disconnected': 'Sin conexión',
  'status.headset': 'Diadema: {state}',
  'status.microphone': 'Micrófono: {state}',
  'status.device.pass': 'lista',
  'status.device.warn': 'revisar',
  'status.device.fail': 'no detectado',
  'status.device.unknown': 'sin verificar',

  // Command palette.
  'palette.title': 'Paleta de comandos',
  'palette.placeholder': 'Escriba el nombre de un comando',
  'palette.noMatch': 'Ningún comando coincide.',
  'command.takeNext': 'Chat: Atender siguiente',
  'command.showChats': 'Ver: Chats',
  'command.showSelftest': 'Ver: Verificación de equipos',
  'command.runSelftest': 'Verificación de equipos: Ejecutar de nuevo',
  'command.showKnowledgeBase': 'Ver: Base de conocimiento',
  'command.showOutbox': 'Ver: Bandeja de salida',
  'command.showSettings': 'Ver: Configuración',
  'command.focusComposer': 'Chat: Ir a la respuesta',
  'command.sendReply': 'Chat: Enviar respuesta',
  'command.toggleProblems': 'Ver: Mostrar u ocultar Problemas',
  'command.toggleAutoGreeting': 'Configuración: Enviar el saludo automáticamente',

  // Notifications.
  'notify.newChat.title': 'Nuevo chat en la cola',
  'notify.newChat.body': '{count} ciudadanos en espera.',

  // Self-test.
  'selftest.title': 'Verificación de equipos',
  'selftest.intro': 'Antes de empezar el servicio, verifique el estado de sus equipos.',
  'selftest.running': 'Verificando…',
  'selftest.rerun': 'Verificar de nuevo',
  'selftest.continue': 'Continuar',
  'selftest.status.pass': 'Correcto',
  'selftest.status.warn': 'Revisar',
  'selftest.status.fail': 'Falla',
  'selftest.status.not-configured': 'Sin configurar',
  'selftest.status.error': 'Error',
  'selftest.check.headset': 'Diadema',
  'selftest.check.microphone': 'Micrófono',
  'selftest.check.computer': 'Computador',
  'selftest.check.internet': 'Conexión a internet',
  'selftest.check.lan': 'Red local',
  'selftest.check.hub': 'Servicios de red: hub de chat',
  'selftest.check.smtp': 'Servicios de red: correo',
  'selftest.check.knowledge-base': 'Material institucional',
  'selftest.headset.pass': 'Se detectó una salida de audio: {device}.',
  'selftest.headset.fail': 'No se detectó ninguna diadema ni salida de audio. Conecte la diadema al puerto USB o de audio y vuelva a verificar.',
  'selftest.headset.osList': 'El sistema reporta {count} dispositivos de audio.',
  'selftest.microphone.pass': 'El micrófono {device} capta su voz.',
  'selftest.microphone.silent': 'El micrófono {device} no capta sonido. Revise que no esté silenciado y hable cerca de él.',
  'selftest.microphone.notFound': 'No se detectó ningún micrófono. Conecte la diadema y vuelva a verificar.',
  'selftest.microphone.denied': 'No hay permiso para usar el micrófono. Permita el acceso al micrófono y vuelva a verificar.',
  'selftest.microphone.busy': 'Otro programa está usando el micrófono o el sistema lo bloquea. Cierre ese programa y vuelva a verificar.',
  'selftest.microphone.unsupported': 'Este navegador no permite verificar el micrófono.',
  'selftest.lan.pass': 'La interfaz {iface} está conectada con la dirección {address}.',
  'selftest.lan.fail': 'No hay ninguna interfaz de red conectada. Revise el cable de red o el Wi-Fi.',
  'selftest.lan.error': 'No se pudo leer el estado de la red: {reason}.',
  'selftest.hub.pass': 'El hub de chat responde en {ms} ms.',
  'selftest.hub.fail': 'No se pudo conectar con el hub de chat ({url}): {reason}. Avise a soporte técnico.',
  'selftest.audio.error': 'No se pudo leer la lista de dispositivos de audio: {reason}.',
  'selftest.timeout': 'La verificación no terminó en {seconds} s.',

  // Errors returned by the API.
  'error.internal': 'Ocurrió un error inesperado. Intente de nuevo; si se repite, avise a soporte técnico.',
  'error.unknownMethod': 'La operación {method} no existe.',
  'error.invalidRequest': 'La solicitud {method} no es válida en el campo {field}.',
  'error.invalidField': 'El valor no es válido.',
  'error.queueEmpty': 'No hay ciudadanos en espera.',
  'error.hubUnavailable': 'No hay conexión con el hub de chat. Espere a que se restablezca.',
  'error.agentNameMissing': 'Escriba su nombre y apellido antes de atender chats.',
  'error.unknownChat': 'El chat {chatId} no existe o ya se cerró.',
  'error.sendTimeout': 'El hub no confirmó el mensaje a tiempo. Revise la conexión y envíelo de nuevo.',
  'error.transport': 'Se perdió la conexión con el servicio local. Recargue la página.',

  // Outbox (bandeja de salida).
  'outbox.state.pending': 'Pendiente',
  'outbox.state.sending': 'Enviando',
  'outbox.state.sent': 'Enviado',
  'outbox.state.failed': 'Fallido',
  'outbox.error.invalidAddress': 'La dirección de correo «{address}» no es válida. Escríbala completa, por ejemplo nombre@dominio.gov.co.',
  'outbox.error.subjectMissing': 'Escriba el asunto del correo.',
  'outbox.error.subjectTooLong': 'El asunto tiene más de {max} caracteres. Escriba un asunto más corto.',
  'outbox.error.bodyMissing': 'Escriba el texto del correo.',
  'outbox.error.bodyTooLarge': 'El correo tiene más de {max} caracteres. Divida la respuesta en varios correos.',
  'outbox.error.invalidChatId': 'El identificador del chat tiene más de {max} caracteres.',
  'outbox.error.noSpace':
    'No hay espacio en el disco para guardar el correo en {path}. Libere espacio e intente de nuevo. Los correos que ya estaban en la bandeja de salida se conservan.',
  'outbox.error.notWritable':
    'No se puede escribir en {path}. Revise que la carpeta de datos exista y permita escribir. Los correos que ya estaban en la bandeja de salida se conservan.',
  'outbox.error.storage': 'No se pudo guardar en la bandeja de salida ({path}, {code}). Intente de nuevo; si se repite, avise a soporte técnico.',
  'outbox.error.corrupt': 'El correo guardado en {path} está dañado y no se puede enviar. Se dejó en su lugar para que soporte técnico lo revise.',
  'outbox.error.notFound': 'El correo {id} no está en la bandeja de salida.',
  'outbox.error.locked': 'Otro programa de Atiende (proceso {pid}) está enviando los correos de esta bandeja de salida. Espere a que termine o ciérrelo.',
  'outbox.error.connection': 'No se pudo conectar con el servidor de correo ({code}). Se reintentará automáticamente.',
  'outbox.error.auth': 'El servidor de correo no aceptó el usuario o la contraseña ({code}). Revise la configuración del correo.',
  'outbox.error.temporary': 'El servidor de correo no aceptó el correo por ahora: {reply}. Se reintentará automáticamente.',
  'outbox.error.rejected': 'El servidor de correo rechazó el correo: {reply}',
  'outbox.error.gaveUp': 'No se pudo entregar el correo después de {days} días de intentos. Último error: {detail}',
  'outbox.cli.usage':
    'Uso: npm run outbox -- enqueue --data CARPETA --to DIRECCIÓN --subject TEXTO --body-file ARCHIVO [--html-file ARCHIVO] [--chat ID] [--from DIRECCIÓN] | flush --data CARPETA [--smtp smtp://SERVIDOR:PUERTO] | status --data CARPETA [--json]',
  'outbox.cli.queued': 'Correo {id} guardado en la bandeja de salida con el Message-ID {messageId}.',
  'outbox.cli.flushed': 'Enviados: {sent}. Fallidos: {failed}. Pendientes: {pending}.',
  'outbox.cli.summary': 'Pendientes: {pending}. Enviando: {sending}. Enviados: {sent}. Fallidos: {failed}.',
  'outbox.cli.empty': 'La bandeja de salida está vacía.',
  'outbox.cli.fileUnreadable': 'No se pudo leer el archivo {path} ({code}). Revise la ruta.',
  'outbox.cli.badSmtpUrl': 'La dirección del servidor de correo «{url}» no es válida. Use smtp://SERVIDOR:PUERTO o smtps://SERVIDOR:PUERTO.',
  'outbox.cli.badSettings': 'El archivo de configuración del correo {path} no es válido en el campo {field}.',
  'outbox.column.id': 'Id',
  'outbox.column.state': 'Estado',
  'outbox.column.attempts': 'Intentos',
  'outbox.column.to': 'Para',
  'outbox.column.subject': 'Asunto',
  'outbox.column.lastError': 'Último error',

  // Drafts (borradores).
  'drafts.error.corrupt': 'El borrador guardado en {path} está dañado y no se pudo abrir. Se guardó aparte en {keptAs} para revisarlo.',
  'drafts.error.saveFailed': 'No se pudo guardar el borrador del chat {chatId} en {path} ({code}). Siga escribiendo; se intentará de nuevo en un momento.',
  'drafts.error.invalidState': 'El estado del protocolo del chat {chatId} no se puede guardar como JSON.',
  'drafts.error.tooLong': 'El borrador tiene más de {max} caracteres.',

  // Hub errors.
  'hub.error.invalid-frame': 'El mensaje no tiene el formato esperado.',
  'hub.error.unsupported-version': 'La versión del protocolo no es compatible.',
  'hub.error.not-ready': 'Primero debe abrir la sesión.',
  'hub.error.queue-empty': 'No hay ciudadanos en espera.',
  'hub.error.unknown-chat': 'El chat no existe.',
  'hub.error.not-your-chat': 'Ese chat lo atiende otro agente.',
  'hub.error.chat-closed': 'El chat ya se cerró.',
  'hub.error.resume-rejected': 'No se pudo retomar el chat anterior. Se abrió uno nuevo.',

  // Citizen widget.
  'widget.title': 'Chat de atención al ciudadano',
  'widget.notice.title': 'Aviso de tratamiento de datos personales',
  'widget.notice.body':
    'Para atender su solicitud trataremos los datos personales que usted escriba en este chat, como su nombre y su correo electrónico, conforme a la Ley 1581 de 2012 y a la política de tratamiento de datos de la entidad. Usted puede conocer, actualizar, rectificar y pedir la supresión de sus datos. Si está de acuerdo, oprima «Acepto».',
  'widget.notice.accept': 'Acepto',
  'widget.message': 'Mensaje',
  'widget.send': 'Enviar',
  'widget.connecting': 'Conectando…',
  'widget.position': 'Usted es el número {position} en la fila. Un agente lo atenderá en breve.',
  'widget.agentJoined': '{agentName} se unió al chat.',
  'widget.disconnected': 'Se perdió la conexión. Intentando reconectar…',
  'widget.closed': 'El chat terminó. Gracias por usar nuestro servicio.',
  'widget.you': 'Usted',
  'widget.agent': 'Agente',
  'widget.sendFailed': 'No se pudo enviar su mensaje. Intente de nuevo.',
  'widget.pending': 'Enviando…',
  'widget.leave': 'Terminar el chat',
  'widget.noScript': 'Para usar el chat, active JavaScript en su navegador.',

  // Command line.
  'cli.serve.workstation': 'Puesto de trabajo: {url}',
  'cli.serve.citizen': 'Chat ciudadano: {url}',
  'cli.badArgument': 'Argumento no válido: {argument}. {hint}',
  'cli.hub.portHint': 'Use un número de puerto entero entre 0 y 65535; 0 elige uno libre.',
  'cli.hub.hostHint': 'Use una dirección IP o un nombre de equipo, por ejemplo 127.0.0.1.',
  'cli.hub.dataHint': 'Escriba la carpeta de datos después de --data.',
  'cli.hub.unknownHint': 'Las opciones válidas son --port, --data y --host.',
  'cli.hub.startFailed': 'No se pudo iniciar el hub de chat: {reason}',
  'cli.portInUse': 'El puerto {port} ya está en uso. Cierre el otro programa o use otro puerto con --port.',
  'cli.electronMissing':
    'No se encontró el programa Electron y no se pudo descargar. Use «npm run serve» para abrir el puesto de trabajo en el navegador.',
} as const;

export type MessageKey = keyof typeof es;
