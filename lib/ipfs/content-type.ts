const BY_EXTENSION: Record<string, string> = {
  wav: 'audio/wav',
  mid: 'audio/midi',
  midi: 'audio/midi',
  mp3: 'audio/mpeg',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The media type of a file inside a pinned folder: by extension, else by its first bytes. */
export function contentTypeFor(fileName: string, head: Uint8Array): string {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const known = BY_EXTENSION[ext];
  if (known) return known;
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(0, 4) === 'MThd') return 'audio/midi';
  if (ascii(0, 4) === '\x89PNG') return 'image/png';
  if (head[0] === 0x7b) return 'application/json';
  return 'application/octet-stream';
}

/**
 * Whether the gateway may let a browser render this type in place. Only passive media qualify: audio, raster images
 * and JSON. HTML, SVG (it can carry script), text and anything unknown are sent as attachments, so a crafted file in
 * a pin can never become a page on our origin. (`<img src=...svg>` ignores the disposition, so covers still show.)
 */
export function isInlineSafe(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('audio/')) return true;
  return ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/json'].includes(type);
}
