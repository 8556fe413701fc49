/**
 * The citizen's chat page: HTML, stylesheet and the Content-Security-Policy that
 * serves them. The page has no inline script or style, so the policy allows only
 * files of this origin (/widget.js, /widget.css) and WebSocket connections to it.
 */
import { translate, type MessageKey } from '../shared/i18n/catalog';

/**
 * CSP of the page. 'self' in connect-src also matches ws: and wss: on the page's
 * host and port (CSP Level 3, as Chromium implements it), which the widget needs.
 * The page may be framed only by pages of the same origin.
 */
export const WIDGET_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const t = (key: MessageKey): string => escapeHtml(translate('es', key));

/** Builds the page. The notice is shown first; widget.js reveals the chat once the citizen accepts it. */
export function renderWidgetPage(): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('widget.title')}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/widget.css">
<script src="/widget.js" defer></script>
</head>
<body>
<main class="widget">
  <h1>${t('widget.title')}</h1>
  <section id="notice" class="notice" aria-labelledby="notice-title">
    <h2 id="notice-title">${t('widget.notice.title')}</h2>
    <p>${t('widget.notice.body')}</p>
    <button type="button" id="accept">${t('widget.notice.accept')}</button>
  </section>
  <section id="chat" class="chat" aria-label="${t('chat.conversation')}" hidden>
    <p id="status" class="status" role="status"></p>
    <section id="follow-up" class="follow-up" aria-labelledby="follow-up-toggle" hidden>
      <p id="service-notice" class="service-notice"></p>
      <button type="button" id="follow-up-toggle" class="link-button" aria-expanded="false" aria-controls="follow-up-form">${t('widget.followUp.title')}</button>
      <form id="follow-up-form" class="follow-up-form" novalidate hidden>
        <label for="follow-up-email">${t('widget.followUp.email')}</label>
        <input id="follow-up-email" name="email" type="email" autocomplete="email" maxlength="254" required>
        <label for="follow-up-text">${t('widget.followUp.text')}</label>
        <textarea id="follow-up-text" name="request" rows="3" maxlength="4000" required></textarea>
        <p id="follow-up-error" class="follow-up-error" role="alert"></p>
        <button type="submit" id="follow-up-submit">${t('widget.followUp.submit')}</button>
      </form>
    </section>
    <div id="log" class="log" role="log" aria-live="polite" aria-label="${t('chat.conversation')}" tabindex="0"></div>
    <form id="composer" class="composer" novalidate>
      <label for="message">${t('widget.message')}</label>
      <div class="composer-row">
        <textarea id="message" name="message" rows="2" maxlength="4000" autocomplete="off" enterkeyhint="send"></textarea>
        <button type="submit" id="send">${t('widget.send')}</button>
      </div>
    </form>
    <button type="button" id="leave" class="leave">${t('widget.leave')}</button>
    <button type="button" id="new-chat" class="new-chat" hidden>${t('widget.newChat')}</button>
  </section>
  <noscript><p>${t('widget.noScript')}</p></noscript>
</main>
</body>
</html>
`;
}

/** Stylesheet of the page: one column that fills a phone screen, readable at 200 % zoom. */
export const WIDGET_CSS = `*, *::before, *::after { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 100%; color: #1b1b1b; background: #f4f5f7; }
body { margin: 0; }
.widget { display: flex; flex-direction: column; max-width: 40rem; min-height: 100vh; min-height: 100dvh; margin: 0 auto; padding: 1rem; gap: 0.75rem; background: #fff; }
h1 { font-size: 1.25rem; margin: 0; }
h2 { font-size: 1.05rem; margin: 0 0 0.5rem; }
.notice p { line-height: 1.5; }
button { font: inherit; min-height: 2.75rem; padding: 0.5rem 1.25rem; border: 0; border-radius: 0.375rem; background: #004884; color: #fff; cursor: pointer; }
button:disabled { background: #8a8f96; cursor: not-allowed; }
button:focus-visible, textarea:focus-visible, input:focus-visible, .log:focus-visible { outline: 3px solid #f3b700; outline-offset: 2px; }
.chat { display: flex; flex: 1; flex-direction: column; gap: 0.5rem; min-height: 0; }
.chat[hidden], .notice[hidden] { display: none; }
.status { margin: 0; padding: 0.5rem 0.75rem; border-radius: 0.375rem; background: #e8f0f8; min-height: 2.5rem; }
.log { flex: 1; min-height: 12rem; overflow-y: auto; padding: 0.5rem; border: 1px solid #c9ced6; border-radius: 0.375rem; }
.entry { margin: 0 0 0.5rem; padding: 0.5rem 0.75rem; border-radius: 0.5rem; max-width: 85%; white-space: pre-wrap; overflow-wrap: anywhere; }
.entry .author { display: block; font-size: 0.8rem; font-weight: 600; }
.entry.citizen { margin-left: auto; background: #dbe9f6; }
.entry.agent { background: #eef0f2; }
.entry.system { max-width: 100%; background: none; font-style: italic; text-align: center; }
.entry.pending { opacity: 0.7; }
.composer label { font-weight: 600; }
.composer-row { display: flex; gap: 0.5rem; align-items: flex-end; margin-top: 0.25rem; }
textarea { flex: 1; font: inherit; min-height: 2.75rem; padding: 0.5rem; border: 1px solid #6b7280; border-radius: 0.375rem; resize: vertical; }
textarea:disabled { background: #eef0f2; border-color: #c9ced6; cursor: not-allowed; }
.leave, .link-button { align-self: flex-start; background: none; color: #004884; text-decoration: underline; padding: 0.25rem 0; }
.follow-up { display: flex; flex-direction: column; gap: 0.25rem; padding: 0.5rem 0.75rem; border: 1px solid #c9ced6; border-radius: 0.375rem; }
.follow-up[hidden], .follow-up-form[hidden] { display: none; }
.new-chat { align-self: flex-start; }
.follow-up-form { display: flex; flex-direction: column; gap: 0.25rem; }
.follow-up-form label { font-weight: 600; }
.follow-up-form input { font: inherit; min-height: 2.75rem; padding: 0.5rem; border: 1px solid #6b7280; border-radius: 0.375rem; }
.follow-up-form button { align-self: flex-start; }
.follow-up-error { margin: 0; color: #a4000f; }
.service-notice { margin: 0; }
`;

/**
 * Icon of the page, a speech bubble in the stylesheet's blue. The page declares it, so the
 * browser asks for it instead of /favicon.ico, which the hub does not serve.
 */
export const WIDGET_FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#004884" d="M5 4h22a3 3 0 0 1 3 3v13a3 3 0 0 1-3 3H13l-7 6v-6H5a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3z"/></svg>
`;
