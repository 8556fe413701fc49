/** The email server: nodemailer's verify() against the configured SMTP server, or "not configured". */
import nodemailer from 'nodemailer';
import type { CheckResult } from '../../shared/selftest/model';
import { checkResult, reasonOf } from './check-result';

export interface SmtpProbeSettings {
  host: string;
  port: number;
  secure?: boolean;
  requireTLS?: boolean;
  user?: string;
  password?: string;
}

export async function checkSmtp(settings: SmtpProbeSettings | undefined, timeoutMs: number): Promise<CheckResult> {
  if (!settings) return checkResult('smtp', 'not-configured', 'selftest.smtp.notConfigured');

  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure ?? false,
    requireTLS: settings.requireTLS ?? false,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const values = { host: settings.host, port: settings.port };
  try {
    await transport.verify();
    return checkResult('smtp', 'pass', 'selftest.smtp.pass', values, { host: settings.host });
  } catch (error) {
    return checkResult('smtp', 'fail', 'selftest.smtp.fail', values, { host: settings.host, reason: reasonOf(error) });
  } finally {
    transport.close();
  }
}
