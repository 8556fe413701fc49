import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubHandle } from '../../../hub/server';
import { occupyPort } from './hub-client';

let hub: HubHandle;
let widgetDir: string;

beforeAll(async () => {
  widgetDir = await mkdtemp(join(tmpdir(), 'atiende-widget-'));
  await writeFile(join(widgetDir, 'widget.js'), 'console.log("widget");\n');
  hub = await startHub({ port: 0, widgetDir });
});

afterAll(async () => {
  await hub.close();
  await rm(widgetDir, { recursive: true, force: true });
});

describe('hub http', () => {
  it('reports its urls', () => {
    expect(hub.port).toBeGreaterThan(0);
    expect(hub.httpUrl).toBe(`http://127.0.0.1:${hub.port}/`);
    expect(hub.citizenUrl).toBe(hub.httpUrl);
    expect(hub.agentUrl).toBe(`ws://127.0.0.1:${hub.port}/ws/agent`);
  });

  it('serves the widget page in Spanish with a strict CSP', async () => {
    const response = await fetch(hub.citizenUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/);
    expect(html).toContain('Ley 1581 de 2012');
    expect(html).toContain('>Acepto</button>');
    expect(html).toContain('<label for="message">Mensaje</label>');
    expect(html).toContain('role="log" aria-live="polite"');
  });

  it('serves the widget script and stylesheet', async () => {
    const script = await fetch(new URL('widget.js', hub.httpUrl));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("widget");\n');

    const style = await fetch(new URL('widget.css', hub.httpUrl));
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await style.text()).toContain('.log');
  });

  it('serves the icon the page declares', async () => {
    const html = await (await fetch(hub.citizenUrl)).text();
    const declared = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(html)?.[1];
    expect(declared).toBe('/favicon.svg');
    const icon = await fetch(new URL(declared!, hub.httpUrl));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('answers the health check', async () => {
    const response = await fetch(new URL('healthz', hub.httpUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    for (const path of ['favicon.ico', 'ws/other', '../package.json', 'widget.js.map']) {
      expect((await fetch(new URL(path, hub.httpUrl))).status).toBe(404);
    }
    const post = await fetch(hub.citizenUrl, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 to an upgrade on another path', async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${hub.port}/ws/other`);
    const failure = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(failure.message).toContain('404');
  });

  it('answers 404 when widget.js was not built', async () => {
    const bare = await startHub({ port: 0, widgetDir: join(widgetDir, 'missing') });
    try {
      expect((await fetch(new URL('widget.js', bare.httpUrl))).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('rejects a port in use with EADDRINUSE', async () => {
    const { port, release } = await occupyPort();
    try {
      await expect(startHub({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await release();
    }
  });
});
