/**
 * The PNG share card of a track page (Open Graph / Twitter `summary_large_image`, issue #16): 1200 x 630, the title
 * large, the creator and "Motif" beneath, drawn by next/og (satori + resvg) with the Geist font file that ships
 * inside Next (node_modules). Nothing is fetched from the network: next/og would fetch a font from Google Fonts for a
 * character the font lacks and an emoji from a CDN, so the text is cut to the characters Geist draws first.
 */
import { createElement as h } from 'react';
import { ImageResponse } from 'next/og';

export const SHARE_CARD = { width: 1200, height: 630 } as const;

type ShareCardText = { title: string; creator: string };

/** Characters the bundled Geist font draws: Basic Latin, Latin-1, Latin Extended-A and common punctuation. */
const DRAWN = /[^\u0020-\u007e\u00a0-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/gu;

/**
 * `text` with every character the font cannot draw left out (so no font or emoji is ever fetched), spaces collapsed,
 * cut with an ellipsis past `max` characters so the card never overflows; `fallback` when nothing is left.
 */
export function drawableText(text: string, max: number, fallback: string): string {
  const kept = text.replace(DRAWN, ' ').replace(/\s+/g, ' ').trim();
  if (!kept) return fallback;
  return kept.length > max ? `${kept.slice(0, max - 1)}…` : kept;
}

/** The card as a PNG response (image/png); `headers` are added to it. */
export function shareCardResponse(card: ShareCardText, headers: Record<string, string> = {}): Response {
  const title = drawableText(card.title, 90, 'A track on Motif');
  return new ImageResponse(
    h(
      'div',
      {
        style: {
          width: '100%',
          height: '100%',
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          padding: '72px 80px',
          background: 'linear-gradient(135deg, #101522 0%, #1d2a44 60%, #34215a 100%)',
          color: '#f4f6fb',
        },
      },
      h('div', { style: { display: 'flex', fontSize: 36, color: '#9fb4ff', letterSpacing: 2 } }, 'MOTIF'),
      h(
        'div',
        {
          style: {
            display: 'flex',
            fontSize: title.length > 40 ? 64 : 88,
            lineHeight: 1.1,
            wordBreak: 'break-word',
          },
        },
        title,
      ),
      h(
        'div',
        { style: { display: 'flex', fontSize: 40, color: '#c9d2e8' } },
        `by ${drawableText(card.creator, 50, 'a Motif creator')}`,
      ),
    ),
    { ...SHARE_CARD, headers },
  );
}
