/** How much of an endpoint's answer the decision log keeps. */
export const BODY_EXCERPT_BYTES = 2 * 1024;

/** The first maxBytes of text as UTF-8, never ending inside a multi-byte character. */
export function utf8Excerpt(text: string, maxBytes = BODY_EXCERPT_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // In streaming mode the decoder holds back an incomplete trailing character instead of
  // emitting U+FFFD for it.
  return new TextDecoder('utf-8').decode(bytes.subarray(0, maxBytes), { stream: true });
}
