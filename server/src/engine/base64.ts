// Base64 decoding without Node's Buffer (the engine also runs in the browser, hosts/web). Lenient like
// Buffer.from(text, 'base64'): both alphabets (`+/` and `-_`), characters outside them skipped, decoding stops
// at the first `=`.
const SEXTETS = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (SEXTETS[c.charCodeAt(0)] = i));
SEXTETS['-'.charCodeAt(0)] = 62;
SEXTETS['_'.charCodeAt(0)] = 63;

export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // '='
    const sextet = code < 128 ? SEXTETS[code] : -1;
    if (sextet < 0) continue;
    bits = (bits << 6) | sextet;
    count++;
    if (count === 4) {
      out[length++] = (bits >> 16) & 0xff;
      out[length++] = (bits >> 8) & 0xff;
      out[length++] = bits & 0xff;
      bits = 0;
      count = 0;
    }
  }
  if (count === 2) out[length++] = (bits >> 4) & 0xff;
  else if (count === 3) {
    out[length++] = (bits >> 10) & 0xff;
    out[length++] = (bits >> 2) & 0xff;
  }
  return out.subarray(0, length);
}

/** Buffer.from(text, 'base64').toString('latin1'). */
export function decodeBase64Latin1(text: string): string {
  const bytes = decodeBase64(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** Buffer.from(text, 'base64').toString('utf8'): invalid UTF-8 becomes U+FFFD. */
export function decodeBase64Utf8(text: string): string {
  return new TextDecoder().decode(decodeBase64(text));
}
