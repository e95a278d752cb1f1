import { FAKE } from '../secret-values';
import { ruleTester } from '../../harness/ruleTester';

const PEM_BASE64 = Buffer.from('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n').toString('base64');

ruleTester('k8s/secret-in-configmap', {
  valid: [
    {
      name: 'ordinary configuration, names that point at secrets, empty values, a public certificate',
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  DATABASE_HOST: db.prod.svc
  PASSWORD_FILE: /run/secrets/db-password
  TOKEN_URL: https://auth.example.com/token
  API_KEY: ""
  ca.crt: |
    -----BEGIN CERTIFICATE-----
    MIIBszCCAVmgAwIBAgIUW
    -----END CERTIFICATE-----
`,
    },
    {
      name: 'a Secret may hold secrets; a Helm value is not a literal',
      code: `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: hunter2
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  password: "{{ .Values.password }}"
`,
    },
  ],
  invalid: [
    {
      name: 'secret-looking keys and a PEM private key, reported on the keys',
      code: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: production
data:
  LOG_LEVEL: info
  # legacy: move to Vault
  DB_PASSWORD: hunter2
  stripe.apiKey: sk_live_123
  tls.key: |
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEA
    -----END RSA PRIVATE KEY-----
`,
      errors: [
        { line: 9, column: 3, endLine: 9, message: 'The ConfigMap key "DB_PASSWORD" looks like a secret: keep it in a Secret, not a ConfigMap.' },
        { line: 10, message: /"stripe\.apiKey" looks like a secret/ },
        { line: 11, message: 'The ConfigMap key "tls.key" holds a PEM private key: keep it in a Secret.' },
      ],
    },
    {
      name: 'binaryData: a base64 PEM private key and a secret-looking key; 4-space indent, CRLF',
      code: `apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n    name: keys\r\nbinaryData:\r\n    id_ed25519: ${PEM_BASE64}\r\n    credentials.bin: AAEC\r\n`,
      errors: [
        { line: 6, message: /"id_ed25519" holds a PEM private key/ },
        { line: 7, message: /"credentials\.bin" looks like a secret/ },
      ],
    },
  ],
});

ruleTester('k8s/secret-in-configmap', {
  valid: [
    {
      name: 'switches under secret-looking keys; a URL without a password or with a placeholder',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ENABLE_TOKEN_AUTH: "yes"\n  TOKEN_TTL: "3600"\n  upstream: https://user@example.com/\n  template: postgres://app:<password>@db/app\n',
    },
  ],
  invalid: [
    {
      name: 'credentials by value under innocent keys, also inside a config file',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  upstream: https://deploy:${FAKE.password}@git.example.com/\n  app.yaml: |\n    slack:\n      token: ${FAKE.slack}\n  key: ${FAKE.stripe}\n`,
      errors: [
        { line: 6, message: 'The ConfigMap key "upstream" holds a URL with a password: keep it in a Secret.' },
        { line: 7, message: /"app\.yaml" holds a Slack token/ },
        { line: 10, message: /"key" holds a Stripe secret key/ },
      ],
    },
  ],
});
