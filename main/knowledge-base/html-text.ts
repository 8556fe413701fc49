/**
 * Extracts the readable text of an HTML article with htmlparser2. Nothing of the
 * markup survives: scripts, styles, embedded frames and objects are dropped with
 * their content, and remote images or frames are never fetched, so the index holds
 * plain text only. What was dropped is counted, so that it can be reported.
 */
import { Parser } from 'htmlparser2';

export interface HtmlText {
  title: string | null;
  text: string;
  /** Values of <meta name="..."> in lower case: updated, date, keywords, author… */
  meta: Record<string, string>;
  /** Scripts, event-handler attributes and "javascript:" links that were removed. */
  activeContent: number;
  /** Elements that would load something from another host (img, iframe, link, …) that were ignored. */
  remoteContent: number;
}

/** Elements dropped with everything inside them. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'head']);
/** Elements that end a line of text. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'dl', 'hr', 'figure', 'figcaption', 'address',
]);
const REMOTE_ATTRIBUTES = ['src', 'href', 'data', 'poster', 'srcset', 'action'];

const isRemote = (value: string) => /^\s*(?:https?:)?\/\//i.test(value);

export function extractHtmlText(html: string): HtmlText {
  const result: HtmlText = { title: null, text: '', meta: {}, activeContent: 0, remoteContent: 0 };
  const parts: string[] = [];
  let droppedDepth = 0;
  let inTitle = false;
  let titleText = '';
  let firstHeading: string | null = null;
  let headingText: string | null = null;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script') result.activeContent++;
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on') || /^\s*javascript:/i.test(value)) result.activeContent++;
          else if (REMOTE_ATTRIBUTES.includes(attribute) && isRemote(value) && name !== 'a') result.remoteContent++;
        }
        if (name === 'meta' && attributes.name && attributes.content !== undefined) result.meta[attributes.name.toLowerCase()] = attributes.content.trim();
        if (name === 'title') inTitle = true;
        if (DROPPED.has(name)) droppedDepth++;
        if (name === 'h1' && firstHeading === null) headingText = '';
        if (BLOCKS.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (inTitle) titleText += text;
        if (droppedDepth > 0) return;
        if (headingText !== null) headingText += text;
        parts.push(text);
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (DROPPED.has(name)) droppedDepth = Math.max(0, droppedDepth - 1);
        if (name === 'h1' && headingText !== null) {
          firstHeading = headingText.replace(/\s+/g, ' ').trim() || null;
          headingText = null;
        }
        if (BLOCKS.has(name)) parts.push('\n');
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  result.title = titleText.replace(/\s+/g, ' ').trim() || firstHeading;
  result.text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line, index, lines) => line.length > 0 || (index > 0 && lines[index - 1]!.length > 0))
    .join('\n')
    .replace(/\n{2,}/g, '\n\n')
    .trim();
  return result;
}
