/**
 * Builds the complete RFC 5322 message of one outbox entry with nodemailer's
 * MailComposer: a plain-text part and an HTML part, with the Message-ID and Date
 * fixed when the message is queued, so every resend carries the same ones.
 */
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { ApiError } from '../../shared/api/result';

export const MAX_SUBJECT_LENGTH = 200;
/** Upper bound of the plain text of one message, in characters. */
export const MAX_BODY_LENGTH = 200_000;
const MAX_ADDRESS_LENGTH = 254;

/**
 * An addr-spec with a dot-atom local part and a domain of at least two labels, close
 * to the HTML email input rule but with a top-level domain required, because a
 * citizen's address always has one.
 */
const ADDRESS_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Returns the trimmed address with an internationalized domain in its ASCII (punycode)
 * form, or throws ApiError "outbox.error.invalidAddress" naming the address as typed.
 */
export function validateAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const ascii = at > 0 ? `${trimmed.slice(0, at)}@${domainToASCII(trimmed.slice(at + 1))}` : trimmed;
  if (ascii.length > MAX_ADDRESS_LENGTH || !ADDRESS_PATTERN.test(ascii)) {
    throw new ApiError('outbox.error.invalidAddress', { address: trimmed.slice(0, MAX_ADDRESS_LENGTH) });
  }
  return ascii;
}

/** Returns the bare address of a sender written as "address" or "Name <address>", validated. */
export function senderAddress(from: string): string {
  const [parsed] = addressparser(from, { flatten: true });
  const address = parsed?.address ?? '';
  // The sender may be a local name such as atiende@localhost, so only the shape is checked here.
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) throw new ApiError('outbox.error.invalidAddress', { address: from });
  return address;
}

/**
 * Returns the bare address of the From header of a composed message, or null when the
 * header is missing or contains no address. Messages queued by another process (for example
 * `outbox enqueue --from`) carry their own sender, so the SMTP envelope takes it from here.
 */
export function headerSenderAddress(raw: Buffer): string | null {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  // Folded header lines continue with whitespace; unfolding them keeps a long From on one line.
  const headers = (headerEnd === -1 ? text : text.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ');
  const from = /^From:[ \t]*(.*)$/im.exec(headers)?.[1];
  if (!from) return null;
  const [parsed] = addressparser(from, { flatten: true });
  const address = parsed?.address ?? '';
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : null;
}

export interface MessageInput {
  to: string;
  subject: string;
  text: string;
  /** HTML part; without it, one is made from the text, paragraph by paragraph. */
  html?: string;
}

export function validateMessage(input: MessageInput): MessageInput {
  const to = validateAddress(input.to);

  const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
  if (subject.length === 0) throw new ApiError('outbox.error.subjectMissing');
  if (subject.length > MAX_SUBJECT_LENGTH) throw new ApiError('outbox.error.subjectTooLong', { max: MAX_SUBJECT_LENGTH });

  if (input.text.trim().length === 0) throw new ApiError('outbox.error.bodyMissing');
  if (input.text.length > MAX_BODY_LENGTH || (input.html?.length ?? 0) > 2 * MAX_BODY_LENGTH) {
    throw new ApiError('outbox.error.bodyTooLarge', { max: MAX_BODY_LENGTH });
  }

  return { to, subject, text: input.text, html: input.html };
}

/**
 * Creates a queue id that sorts by creation time (so the folder listing is the
 * arrival order) and is unique without coordination between processes.
 */
let queueIdSequence = 0;

export function createQueueId(now: number): string {
  // "2026-12-04T19:54:36.123Z" becomes "20261204T195436123"; the sequence keeps one process's ids in order within a millisecond.
  const stamp = new Date(now).toISOString().replace(/[-:.Z]/g, '');
  queueIdSequence = (queueIdSequence + 1) % 1_679_616;
  return `${stamp}-${queueIdSequence.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}

export function createMessageId(queueId: string, from: string): string {
  const domain = senderAddress(from).split('@')[1];
  return `<${queueId}.atiende@${domain}>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Renders plain text as HTML paragraphs: a blank line starts a paragraph, a single newline is a line break. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`);
  return `<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8"></head><body>\n${paragraphs.join('\n')}\n</body></html>\n`;
}

export interface ComposeOptions extends MessageInput {
  from: string;
  messageId: string;
  date: Date;
}

export async function composeMessage(options: ComposeOptions): Promise<Buffer> {
  const composer = new MailComposer({
    from: options.from,
    to: options.to,
    subject: options.subject,
    text: options.text,
    html: options.html ?? textToHtml(options.text),
    messageId: options.messageId,
    date: options.date,
  });
  return composer.compile().build();
}
