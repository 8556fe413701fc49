/**
 * A real SMTP server on 127.0.0.1 (smtp-server) that parses every message it accepts
 * with mailparser, for the outbox tests and the outbox benchmark. It can reject chosen
 * recipients with 550, delay each message, and go down and come back on the same port.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMessage {
  messageId: string;
  /** The SMTP envelope sender (MAIL FROM); empty for the null sender. */
  mailFrom: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface TestSmtpServerOptions {
  /** Recipients rejected with "550 5.1.1 Mailbox unavailable". */
  rejectRecipients?: string[];
  /** Recipients deferred with "451 4.3.0 Try again later" the first time each is tried. */
  deferRecipientsOnce?: string[];
  /** Time the server waits before its final OK to each message, in milliseconds. */
  delayMs?: number;
  /** Skips mailparser and records only the Message-ID, for the benchmark. */
  headersOnly?: boolean;
  /** TLS from the first byte, with smtp-server's built-in self-signed certificate for localhost. */
  secure?: boolean;
  /** Offers STARTTLS (with the same certificate); off by default. */
  startTls?: boolean;
  /** Requires AUTH PLAIN or LOGIN with this account; without it, AUTH is not offered. */
  account?: { user: string; password: string };
}

export class TestSmtpServer {
  readonly received: ReceivedMessage[] = [];
  port = 0;
  private server: SMTPServer | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: TestSmtpServerOptions = {}) {}

  /** Starts listening, on the same port as before when it was started once already. */
  async start(): Promise<number> {
    const rejected = new Set((this.options.rejectRecipients ?? []).map((address) => address.toLowerCase()));
    const deferred = new Set((this.options.deferRecipientsOnce ?? []).map((address) => address.toLowerCase()));
    const { account } = this.options;
    const disabledCommands = [...(this.options.startTls ? [] : ['STARTTLS']), ...(account ? [] : ['AUTH'])];
    const server = new SMTPServer({
      secure: this.options.secure ?? false,
      authOptional: account === undefined,
      allowInsecureAuth: true,
      disabledCommands,
      logger: false,
      closeTimeout: 100,
      onAuth: (auth, _session, callback) => {
        if (account && auth.username === account.user && auth.password === account.password) {
          callback(null, { user: auth.username });
          return;
        }
        const error = new Error('5.7.8 Authentication credentials invalid') as Error & { responseCode: number };
        error.responseCode = 535;
        callback(error);
      },
      onRcptTo: (address, _session, callback) => {
        if (rejected.has(address.address.toLowerCase())) {
          const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        if (deferred.delete(address.address.toLowerCase())) {
          const error = new Error('4.3.0 Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const mailFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        void this.receive(stream, mailFrom, session.envelope.rcptTo.map((rcpt) => rcpt.address)).then(
          () => callback(),
          (error: unknown) => callback(error as Error),
        );
      },
    });

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
    const address = server.server.address();
    if (address && typeof address === 'object') this.port = address.port;
    return this.port;
  }

  /** Stops listening and drops open connections; start() brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` messages have arrived, or rejects after timeoutMs. */
  waitForCount(count: number, timeoutMs: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.received.length < count) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`expected ${count} messages within ${timeoutMs} ms, got ${this.received.length}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  /** Counts arrivals per Message-ID. */
  countsByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const message of this.received) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
    return counts;
  }

  private async receive(stream: SMTPServerDataStream, mailFrom: string, to: string[]): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    // A connection cut during DATA ends the stream without the final dot; such a message was never accepted.
    if (stream.sizeExceeded) throw new Error('message too large');
    const raw = Buffer.concat(chunks).toString('utf8');

    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    let message: ReceivedMessage;
    if (this.options.headersOnly) {
      const messageId = /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim() ?? '';
      message = { messageId, mailFrom, to, subject: '', text: '', html: '', raw: '' };
    } else {
      const parsed = await simpleParser(raw);
      message = { messageId: parsed.messageId ?? '', mailFrom, to, subject: parsed.subject ?? '', text: parsed.text ?? '', html: parsed.html || '', raw };
    }
    this.received.push(message);
    for (const listener of [...this.listeners]) listener();
  }
}

/** Returns a loopback port that nothing listens on: a server is started there and stopped. */
export async function closedPort(): Promise<number> {
  const server = new TestSmtpServer();
  const port = await server.start();
  await server.stop();
  return port;
}
