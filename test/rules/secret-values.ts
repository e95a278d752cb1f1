// Fake credentials in the formats the secret rules recognise, built at run time so that this repository
// holds no literal a secret scanner (or a push protection) would flag. None of them is valid anywhere.
const repeat = (chunk: string, length: number) => chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length);
const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');

export const FAKE = {
  password: 'Tr0ub4dor-and-3',
  aws: 'AKIA' + repeat('EXAMPLE7Q', 16),
  github: 'ghp' + '_' + repeat('a1B2c3D4e5', 36),
  gitlab: 'glpat' + '-' + repeat('x9Y8z7W6v5', 20),
  slack: 'xoxb' + '-' + '1234567890-0987654321-' + repeat('AbCdEf12', 24),
  stripe: 'sk' + '_live_' + repeat('4eC39HqLyjWDarjtT1zdp7dc', 24),
  jwt: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'demo' })}.${repeat('SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 43)}`,
  unsignedJwt: `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '1234567890' })}.`,
  pem: ['-----BEGIN', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----'].join(' '),
};
