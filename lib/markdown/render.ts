/**
 * Markdown to HTML for documents Motif publishes (the provenance spec), with the `marked` library (GFM). The text is
 * ours, but the HTML is still made safe as if it were not: raw HTML in the source is shown as text, never passed
 * through; links keep only http(s), mailto, site-absolute and in-page targets (relative ones go through `resolveHref`,
 * anything else loses its link); images become links to their source. Headings get ids for in-page anchors.
 */
import { Marked, type Tokens } from 'marked';

export type RenderMarkdownOptions = {
  /** Maps a relative link (`vectors/x.json`, `other.md`) to a site URL; `undefined` renders the text without a link. */
  resolveHref?: (href: string) => string | undefined;
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** GitHub-style anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingId(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&[a-z0-9#]+;/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The href to emit for a link target, or undefined when the target is not allowed. */
export function safeHref(href: string, resolveHref?: (href: string) => string | undefined): string | undefined {
  const h = href.trim();
  if (h.startsWith('#')) return h;
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//') || h.startsWith('\\')) return undefined; // javascript:, data:, protocol-relative
  if (h.startsWith('/')) return h;
  return resolveHref?.(h);
}

/** Renders `markdown` to an HTML string that is safe to insert into a page. */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): string {
  const marked = new Marked({ gfm: true, async: false });
  const used = new Map<string, number>();
  marked.use({
    renderer: {
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      // a code block scrolls sideways in its own box on a phone: focusable, so the keyboard can scroll it too (axe
      // scrollable-region-focusable)
      code(token: Tokens.Code): string {
        const lang = /^\S+/.exec(token.lang ?? '')?.[0];
        const cls = lang ? ` class="language-${escapeHtml(lang)}"` : '';
        const text = token.escaped ? token.text : escapeHtml(token.text);
        return `<pre tabindex="0"><code${cls}>${text}\n</code></pre>\n`;
      },
      heading(token: Tokens.Heading): string {
        const inner = this.parser.parseInline(token.tokens);
        const base = headingId(inner) || 'section';
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        return `<h${token.depth} id="${escapeHtml(id)}">${inner}</h${token.depth}>\n`;
      },
      link(token: Tokens.Link): string {
        const inner = this.parser.parseInline(token.tokens);
        const href = safeHref(token.href, options.resolveHref);
        if (href === undefined) return inner;
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`;
      },
      image(token: Tokens.Image): string {
        const href = safeHref(token.href, options.resolveHref);
        const text = escapeHtml(token.text || token.href);
        return href === undefined ? text : `<a href="${escapeHtml(href)}">${text}</a>`;
      },
    },
  });
  const html = marked.parse(markdown);
  if (typeof html !== 'string') throw new Error('marked returned a promise in synchronous mode');
  return html;
}
