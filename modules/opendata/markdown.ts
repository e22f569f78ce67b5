import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/*
 * Guidance written by tenant administrators: Markdown → HTML with marked, then an allow-list sanitiser, so neither
 * raw HTML in the Markdown nor a crafted link can run script on a public page. Headings are shifted down one level
 * (the page owns its h1) and external links are marked as such.
 */

const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED_TAGS = ['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'blockquote', 'code', 'pre', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

export const MARKDOWN_MAX_LENGTH = 20_000;

export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown.slice(0, MARKDOWN_MAX_LENGTH)) as string;
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], th: ['scope'] },
    allowedSchemes: ['https', 'http', 'mailto', 'tel'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    // Markdown headings # and ## become h2; ### h3; deeper h4 — the page's own title is the only h1.
    transformTags: {
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (tagName, attribs) => {
        const href = attribs.href ?? '';
        const out: Record<string, string> = { href };
        if (/^https?:/i.test(href)) out.rel = 'noopener noreferrer';
        return { tagName, attribs: out };
      },
    },
    // Disallowed tags are dropped with their text kept, except these whose content is never meant to be shown.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  });
}
