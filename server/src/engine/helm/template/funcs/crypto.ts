// Sprig's generated keys, certificates and hashes of secrets. Helm makes them at random on every render, so no two
// renders agree and nothing rules read depends on their content: each gives a value of the same shape (a PEM block,
// a certificate's Cert and Key, an htpasswd line), the same every time, so that a chart that makes its own TLS
// secret (Bitnami's `genCA`) renders instead of failing.
import { GoStruct } from '../values';
import type { FuncTable } from './define';
import { def, strval } from './define';
import { base64Encode } from '../../../digests';

const PLACEHOLDER_BODY = 'SGFyZGVuIHJlbmRlcnMgdGhpcyBwbGFjZWhvbGRlcjogSGVsbSBtYWtlcyBpdCBhdCByYW5kb20u';

function pem(type: string): string {
  return `-----BEGIN ${type}-----\n${PLACEHOLDER_BODY}\n-----END ${type}-----\n`;
}

/** Sprig's `certificate`: `.Cert` and `.Key`, PEM-encoded. */
function certificate(key = pem('RSA PRIVATE KEY')): GoStruct {
  return new GoStruct('sprig.certificate', { Cert: pem('CERTIFICATE'), Key: key });
}

const PRIVATE_KEY_TYPES: Record<string, string> = { rsa: 'RSA PRIVATE KEY', dsa: 'DSA PRIVATE KEY', ecdsa: 'EC PRIVATE KEY', ed25519: 'PRIVATE KEY' };

export function addCrypto(t: FuncTable): void {
  def(t, 'genPrivateKey', 's', (type: string) => (PRIVATE_KEY_TYPES[type] ? pem(PRIVATE_KEY_TYPES[type]) : `Unknown type ${type}`));
  def(t, 'genCA', 's,a', () => certificate());
  def(t, 'genCAWithKey', 's,a,s', (_cn: string, _days: unknown, key: string) => certificate(key));
  def(t, 'genSelfSignedCert', 's,a,a,a', () => certificate());
  def(t, 'genSelfSignedCertWithKey', 's,a,a,a,s', (_cn: string, _ips: unknown, _dns: unknown, _days: unknown, key: string) => certificate(key));
  def(t, 'genSignedCert', 's,a,a,a,a', () => certificate());
  def(t, 'genSignedCertWithKey', 's,a,a,a,a,s', (_cn: string, _ips: unknown, _dns: unknown, _days: unknown, _ca: unknown, key: string) => certificate(key));
  def(t, 'buildCustomCert', 's,s', () => certificate());
  def(t, 'derivePassword', 'a,s,s,s,s', () => 'placeholder-derived-password');
  def(t, 'encryptAES', 's,s', (_password: string, text: string) => base64Encode(text));
  def(t, 'decryptAES', 's,s', () => '');
  def(t, 'bcrypt', 'a', () => '$2a$10$placeholderplaceholderplaceholderplaceholderplaceh');
  def(t, 'htpasswd', 'a,a', (user: unknown) => `${strval(user)}:$2a$10$placeholderplaceholderplaceholderplaceholderplaceh`);
  def(t, 'randBytes', 'a', (n: unknown) => base64Encode('\0'.repeat(Math.max(0, Number(n) || 0))));
}
