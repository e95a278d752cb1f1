// The `Buffer` global for the web server bundle (scripts/bundles.ts injects it): dockerfile-ast encodes one
// character with Buffer.from(char, 'UTF-8') to spot a byte-order mark. Only UTF-8 encoding is there.
export const Buffer = {
  from(text: string, encoding = 'utf8'): Uint8Array {
    if (!/^utf-?8$/i.test(encoding)) throw new Error(`Buffer.from(…, '${encoding}') is not available in the web server`);
    return new TextEncoder().encode(text);
  },
};
