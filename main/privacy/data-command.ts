/**
 * `atiende datos exportar|eliminar --correo EMAIL [--data DIR] [--salida FILE]`
 * (English aliases `export` and `delete`, `--email`, `--output`): handles a
 * citizen's request under Ley 1581 de 2012 to see or delete their data. Export
 * prints JSON, or writes it to FILE; delete prints what it deleted. Exits 0 on
 * success, 2 on bad arguments. Delete rewrites files that the running workstation
 * and its hub keep open. While they run it throws DataFolderBusyError, whose
 * Spanish message names what to close. Export only reads, so it works meanwhile.
 * DIR is a workstation's data folder or a standalone hub's (see hubFolderOf).
 */
import { stat, writeFile } from 'node:fs/promises';
import type { Logger } from '../../shared/log/logger';
import { citizenEmailSchema } from '../../shared/protocol/citizen-data';
import { parseCommandArgs, UsageError } from '../cli/args';
import { deleteCitizenData, findCitizenData } from './citizen-data';

const USAGE = `Uso: atiende datos <exportar|eliminar> --correo CORREO [--data CARPETA] [--salida ARCHIVO]   (o npx atiende datos ...)
  exportar  imprime en JSON los datos del ciudadano: transcripciones, chats del hub (archivados y del diario de chats abiertos),
            solicitudes de respuesta por correo, borradores, registros de chats abiertos, respuestas en espera de envío y correos
  eliminar  elimina esos mismos datos y muestra cuántos elementos se eliminaron; cierre antes el puesto
            de trabajo o el hub que usa la carpeta de datos
  --correo  correo electrónico del ciudadano (también --email)
  --data    carpeta de datos del puesto de trabajo, o la de un hub independiente (la de "dataDir" en su archivo
            de configuración, con chats/, journal/ y follow-ups.jsonl); ejecute el comando una vez por carpeta
  --salida  escribe la exportación en ARCHIVO en lugar de la salida estándar (también --output)`;

export interface DataCommandIo {
  stdout: { write(text: string): unknown };
  logger: Logger;
  dataDir: string;
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

const ACTIONS: Record<string, 'export' | 'delete'> = { exportar: 'export', export: 'export', eliminar: 'delete', delete: 'delete' };

export async function runDataCommand(argv: string[], io: DataCommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { correo: { type: 'string' }, email: { type: 'string' }, data: { type: 'string' }, salida: { type: 'string' }, output: { type: 'string' } },
    USAGE,
  );
  const action = ACTIONS[positionals[0] ?? ''];
  if (!action || positionals.length > 1) throw new UsageError(`Indique «exportar» o «eliminar».\n${USAGE}`);
  const given = values.correo ?? values.email;
  if (given === undefined) throw new UsageError(`Falta la opción --correo con el correo electrónico del ciudadano.\n${USAGE}`);
  const email = citizenEmailSchema.safeParse(given);
  if (!email.success) throw new UsageError(`El correo «${given}» no es válido. Escríbalo completo, por ejemplo nombre@dominio.gov.co.\n${USAGE}`);
  const dataDir = values.data ?? io.dataDir;
  // A mistyped folder would otherwise export nothing, or get created by the delete's lock.
  if (!(await isFolder(dataDir))) throw new UsageError(`La carpeta de datos «${dataDir}» no existe. Indique con --data la carpeta del puesto de trabajo o la del hub.\n${USAGE}`);
  const logger = io.logger.child({ module: 'privacy' });

  if (action === 'export') {
    const items = await findCitizenData(dataDir, email.data);
    const json = `${JSON.stringify({ email: email.data, exportedAt: new Date().toISOString(), items }, null, 2)}\n`;
    const output = values.salida ?? values.output;
    if (output) await writeFile(output, json, { encoding: 'utf8', mode: 0o600 });
    else io.stdout.write(json);
    logger.info({ items: items.length }, 'citizen data exported on request');
    return 0;
  }

  const deleted = await deleteCitizenData(dataDir, email.data);
  const count = (kind: string) => deleted.filter((item) => item.kind === kind).length;
  io.stdout.write(
    `Datos eliminados: ${count('transcripts')} transcripciones, ${count('hubChats')} chats del hub, ${count('hubJournal')} chats del diario del hub, ` +
      `${count('followUps')} solicitudes por correo, ${count('drafts')} borradores, ${count('chatRecords')} registros de chats abiertos, ${count('sendQueue')} respuestas en espera, ${count('outbox')} correos.\n`,
  );
  logger.info({ items: deleted.length }, 'citizen data deleted on request');
  return 0;
}
