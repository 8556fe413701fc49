import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_EXIT, runHubCommand } from '../../../hub/cli';
import type { HubHandle } from '../../../hub/server';
import { silentLogger } from '../../../shared/log/logger';
import { HubClient, joinAsCitizen, occupyPort } from './hub-client';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atiende-hub-cli-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function output(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = output();
  const stderr = output();
  const code = await runHubCommand(argv, { logger: silentLogger, defaultDataDir: dataDir, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('hub command', () => {
  it('prints one line and stops on abort', async () => {
    const stdout = output();
    const controller = new AbortController();
    let hub: HubHandle | undefined;
    const exit = runHubCommand(['--port', '0', '--data', dataDir], {
      logger: silentLogger,
      defaultDataDir: join(dataDir, 'unused'),
      stdout,
      signal: controller.signal,
      onStarted: (started) => (hub = started),
    });
    await expect.poll(() => hub, { timeout: 3_000 }).toBeDefined();
    expect(stdout.text).toBe(`Chat ciudadano: ${hub!.citizenUrl}\n`);

    const { citizen } = await joinAsCitizen(`ws://127.0.0.1:${hub!.port}/ws/citizen`);
    citizen.send({ type: 'message', id: 'c1', text: 'Necesito un paz y salvo.' });
    await citizen.next('ack');
    expect(await readdir(join(dataDir, 'journal'))).toEqual(['journal.jsonl']);

    controller.abort();
    expect(await exit).toBe(HUB_EXIT.stopped);
    expect(await citizen.closeCode()).toBe(1001);
  });

  it('adds an agent account and prints its token', async () => {
    const settingsPath = join(dataDir, 'hub.json');
    await writeFile(settingsPath, JSON.stringify({ port: 0, limits: { maxChatsPerAgent: 3 } }));
    const added = await run(['add-agent', '--settings', settingsPath, '--name', 'Ana  Pérez']);
    expect(added.code).toBe(HUB_EXIT.stopped);
    const [line, token] = added.stdout.trimEnd().split('\n');
    expect(line).toBe(`Cuenta de Ana Pérez guardada en ${settingsPath}. Este es su token; entréguelo al agente, no se volverá a mostrar:`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    // The file keeps the other settings and only a hash of the token.
    const saved = JSON.parse(await readFile(settingsPath, 'utf8')) as { limits: unknown; agents: Array<{ name: string; tokenHash: string }> };
    expect(saved.limits).toEqual({ maxChatsPerAgent: 3 });
    expect(saved.agents.map((agent) => agent.name)).toEqual(['Ana Pérez']);
    expect(JSON.stringify(saved)).not.toContain(token!);

    // The hub started with the file accepts the token and rejects a hello without it.
    const stdout = output();
    const controller = new AbortController();
    let hub: HubHandle | undefined;
    const exit = runHubCommand(['--settings', settingsPath, '--data', dataDir], { logger: silentLogger, defaultDataDir: dataDir, stdout, signal: controller.signal, onStarted: (started) => (hub = started) });
    await expect.poll(() => hub, { timeout: 3_000 }).toBeDefined();
    const refused = await HubClient.connect(hub!.agentUrl);
    refused.send({ type: 'hello', v: 1, agentName: 'Ana Pérez' });
    expect(await refused.closeCode()).toBe(4401);
    const accepted = await HubClient.connect(hub!.agentUrl);
    accepted.send({ type: 'hello', v: 1, agentName: 'Ana Pérez', token });
    expect(await accepted.next('welcome')).toMatchObject({ agentName: 'Ana Pérez', maxChats: 3 });
    accepted.close();
    controller.abort();
    expect(await exit).toBe(HUB_EXIT.stopped);

    // Renewing the account replaces the old token.
    const renewed = await run(['add-agent', '--settings', settingsPath, '--name', 'Ana Pérez']);
    const again = JSON.parse(await readFile(settingsPath, 'utf8')) as { agents: Array<{ tokenHash: string }> };
    expect(again.agents).toHaveLength(1);
    expect(renewed.stdout).not.toContain(token!);
  });

  it('rejects an invalid settings file naming the field', async () => {
    const settingsPath = join(dataDir, 'hub.json');
    await writeFile(settingsPath, JSON.stringify({ presence: { heartbeatMs: 10 } }));
    const result = await run(['--settings', settingsPath]);
    expect(result.code).toBe(HUB_EXIT.badArguments);
    expect(result.stderr).toMatch(new RegExp(`^El archivo de configuración del hub ${settingsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} no es válido en el campo presence\\.heartbeatMs: `));
    const missing = await run(['add-agent', '--settings', settingsPath, '--name', 'Ana']);
    expect(missing.code).toBe(HUB_EXIT.badArguments);
    expect(missing.stderr).toContain('Argumento no válido: --name Ana.');
  });

  const badArguments: Array<[string[], string]> = [
    [['--port', 'abc'], 'Argumento no válido: --port abc. Use un número de puerto entero entre 0 y 65535; 0 elige uno libre.'],
    [['--port', '70000'], 'Argumento no válido: --port 70000.'],
    [['--port=-1'], 'Argumento no válido: --port -1.'],
    [['--port'], 'Argumento no válido: --port.'],
    [['--host', 'bad host!'], 'Argumento no válido: --host bad host!. Use una dirección IP o un nombre de equipo'],
    [['--data', ''], 'Argumento no válido: --data. Escriba la carpeta de datos después de --data.'],
    [['--verbose'], 'Argumento no válido: --verbose. Las opciones válidas son --settings, --port, --data y --host.'],
    [['4180'], 'Argumento no válido: 4180.'],
  ];
  for (const [argv, message] of badArguments) {
    it(`rejects ${argv.join(' ') || 'an empty value'} with exit code 2`, async () => {
      const result = await run(argv);
      expect(result.code).toBe(HUB_EXIT.badArguments);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    });
  }

  it('reports a port in use in Spanish', async () => {
    const { port, release } = await occupyPort();
    try {
      const result = await run(['--port', String(port)]);
      expect(result.code).toBe(HUB_EXIT.startFailed);
      expect(result.stderr).toBe(`El puerto ${port} ya está en uso. Cierre el otro programa o use otro puerto con --port.\n`);
      expect(result.stdout).toBe('');
    } finally {
      await release();
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops cleanly on ${signal}`, async () => {
      const script = join(import.meta.dirname, 'run-hub-command.ts');
      const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
      try {
        await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/^Chat ciudadano: http:\/\/127\.0\.0\.1:\d+\/\n$/);
        const url = stdout.slice('Chat ciudadano: '.length).trim();
        expect((await fetch(new URL('healthz', url))).status).toBe(200);
        child.kill(signal);
        const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
        expect(code).toBe(0);
      } finally {
        child.kill('SIGKILL');
      }
    });
  }
});
