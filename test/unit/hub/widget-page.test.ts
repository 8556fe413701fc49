import { describe, expect, it } from 'vitest';
import { renderWidgetPage, WIDGET_CONTENT_SECURITY_POLICY } from '../../../hub/widget-page';
import { es } from '../../../shared/i18n/es';

describe('widget page', () => {
  it('escapes catalog text', () => {
    const html = renderWidgetPage();
    // «Acepto» in the notice is text, and no catalog text opens a tag.
    expect(html).toContain('oprima «Acepto»');
    expect(html).toContain(es['widget.notice.title']);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('hides the new-chat button until a chat ends', () => {
    const html = renderWidgetPage();
    expect(html).toContain('<button type="button" id="new-chat" class="new-chat" hidden>Iniciar un nuevo chat</button>');
  });

  it('allows only files and sockets of its own origin', () => {
    const directives = Object.fromEntries(WIDGET_CONTENT_SECURITY_POLICY.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'base-uri': "'none'",
    });
  });
});
