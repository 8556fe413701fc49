/**
 * Outbox throughput: 1,000 queued emails flushed to an SMTP server on 127.0.0.1
 * (smtp-server, counting Message-IDs without parsing bodies), with the default
 * settings of five pooled connections. Budget: at most 10 s. The flush is abandoned
 * after 60 s by stopping the server, so the benchmark always ends.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Outbox } from '../../main/outbox/outbox';
import { TestSmtpServer } from '../integration/outbox/smtp-test-server';
import type { Figure } from './figure';

const MESSAGES = 1_000;
const FLUSH_BUDGET_S = 10;
const ABANDON_AFTER_MS = 60_000;

export default async function (): Promise<Figure[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atiende-bench-outbox-'));
  const server = new TestSmtpServer({ headersOnly: true });
  let abandon: NodeJS.Timeout | undefined;

  try {
    const port = await server.start();
    const outbox = await Outbox.open({ dataDir, settings: { host: '127.0.0.1', port } });
    const text = 'Buenas tardes.\n\nEn respuesta a su solicitud le informamos que el trámite fue aprobado.\n'.repeat(10);

    const enqueueStarted = performance.now();
    for (let index = 0; index < MESSAGES; index++) {
      await outbox.enqueue({ to: `ciudadano${index}@example.co`, subject: `Respuesta a su solicitud ${index}`, text });
    }
    const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;

    abandon = setTimeout(() => void server.stop(), ABANDON_AFTER_MS);
    const flushStarted = performance.now();
    const summary = await outbox.flush();
    const flushSeconds = (performance.now() - flushStarted) / 1000;

    const distinct = server.countsByMessageId().size;
    if (summary.sent !== MESSAGES || distinct !== MESSAGES) {
      throw new Error(`flush sent ${summary.sent} and the server received ${distinct} distinct messages of ${MESSAGES}`);
    }
    return [
      { name: 'outbox: flush 1,000 emails', value: flushSeconds, unit: 's', budget: FLUSH_BUDGET_S, better: 'lower' },
      { name: 'outbox: enqueue 1,000 emails (reference)', value: enqueueSeconds, unit: 's', budget: null, better: 'lower' },
    ];
  } finally {
    clearTimeout(abandon);
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
