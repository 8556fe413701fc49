/**
 * Usage texts of the subcommands whose parsers live outside main/cli (the hub's,
 * the checker's) or that pass their arguments on (start), printed for --help.
 */

export const MAIN_USAGE = `Uso: atiende <comando> [opciones]   (desde la carpeta del proyecto: npx atiende <comando>)
  serve     puesto de trabajo en el navegador, con el hub incorporado
  start     puesto de trabajo de escritorio (Electron), con el hub incorporado
  hub       hub de chat independiente para un centro de atención; add-agent crea la cuenta de un agente
  check     revisa archivos de texto como respuestas al ciudadano
  outbox    bandeja de salida de correo: enqueue, flush, status
  selftest  verificación de equipos sin intervención del agente
  kb        base de conocimiento: index CARPETA, search CARPETA "consulta"
  datos     datos personales de un ciudadano: exportar o eliminar --correo CORREO
Escriba «atiende <comando> --help» para ver las opciones de cada comando.`;

export const START_USAGE = `Uso: atiende start [--agent "Nombre Apellido"] [--settings ARCHIVO]
  Abre el puesto de trabajo de escritorio (Electron) con el hub incorporado.
  --agent     nombre y apellido del agente para el saludo (si falta, se pide la primera vez)
  --settings  archivo de configuración de la entidad (por omisión ATIENDE_SETTINGS o CARPETA/settings/entidad.json)
  La carpeta de datos es la de la aplicación, o la variable de entorno ATIENDE_DATA_DIR.
  Sin el binario de Electron, use «npm run serve» y abra el puesto de trabajo en el navegador.`;

export const HUB_USAGE = `Uso: atiende hub [--settings ARCHIVO] [--data CARPETA] [--port PUERTO] [--host DIRECCIÓN]
     atiende hub add-agent --settings ARCHIVO --name "Nombre Apellido"
  Inicia el hub de chat independiente de un centro de atención; imprime la dirección del chat ciudadano.
  --settings  archivo JSON de configuración del hub (host, port, dataDir, agents, retentionDays, ...)
  --data      carpeta de datos del hub: chats/, journal/ y follow-ups.jsonl (por omisión la del archivo, "dataDir")
  --port      puerto TCP (por omisión 4180; 0 elige uno libre)
  --host      dirección en la que escucha (por omisión 127.0.0.1; 0.0.0.0 para la red del centro)
  add-agent   crea o renueva la cuenta de un agente en el archivo de configuración e imprime su token una vez`;

export const CHECK_USAGE = `Uso: atiende check ARCHIVO...
  Revisa cada archivo de texto (UTF-8) como una respuesta al ciudadano e imprime una línea JSON por hallazgo.
  Sale con 0 si no hay hallazgos, 1 si los hay y 2 si falta un archivo o no se pudo leer.`;
