import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAKE } from '../secret-values';
import { lintCase, ruleTester } from '../../harness/ruleTester';

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

// Embedded .env, .properties and YAML files: each `name=value` or `name: value` line is judged as a data key is.
const EMBEDDED = `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  app.env: |
    LOG_LEVEL=info
    DB_PASSWORD=hunter2
  application.properties: |
    server.port=\${PORT:8080}
    spring.datasource.password=hunter2
  app.yaml: |
    database:
      password: hunter2   # rotate
  config: DB_PASSWORD:supersecret
`;

ruleTester('k8s/secret-in-configmap', {
  valid: [
    {
      name: 'settings about secrets, switches, empty values, references, placeholders, prose and code in embedded files',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  app.properties: |
    password_min_length=8
    token.enabled=true
    password.label=Password
    REDIS_PASSWORD=
    DB_PASSWORD=\${DB_PASSWORD}
    DB_PASSWORD="$(< "\${DB_PASSWORD_FILE}")"
    API_TOKEN=$1
    API_KEY="<your api key>"
    spring.datasource.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)
    db.password={cipher}682bc583f4641835fa2db009355293665d2647dade3375c0ee201de2a49f7bda
  app.yaml: |
    passwordPolicy: strict
    password: ~
    password: *shared
    token: |
      line
    hint: "Password: at least 8 characters"
    Password: at least 8 characters
  helm: REDIS_PASSWORD={{ .Values.redis.password }}
  superset_config.py: |
    SECRET_KEY = "not judged: code"
`,
    },
  ],
  invalid: [
    {
      name: 'a secret-looking name in a line of a value, on that line',
      code: EMBEDDED,
      errors: [
        { line: 7, column: 5, endLine: 7, message: '"DB_PASSWORD" in the ConfigMap key "app.env" looks like a secret: keep it in a Secret, not a ConfigMap.' },
        { line: 10, column: 5, message: /"spring\.datasource\.password" in the ConfigMap key "application\.properties"/ },
        { line: 13, column: 7, message: /"password" in the ConfigMap key "app\.yaml"/ },
        { line: 14, column: 11, message: /"DB_PASSWORD" in the ConfigMap key "config"/ },
      ],
    },
    {
      name: 'JSON, export, a quoted value with spaces; a key already reported is reported once, on the key',
      code: `apiVersion: v1
kind: ConfigMap
metadata: {name: app}
data:
  settings.json: |
    {"user": "app",
     "password": "correct horse battery staple"}
  run.env: |
    export API_TOKEN='t0k3n'
  DB_PASSWORD: |
    PASSWORD=hunter2
`,
      errors: [
        { line: 7, column: 6 },
        { line: 9, column: 12 },
        { line: 10, message: /^The ConfigMap key "DB_PASSWORD" looks like a secret/ },
      ],
    },
  ],
});

test('a secret in a line of a value is reported on exactly the assignment', () => {
  const lines = EMBEDDED.split('\n');
  const shown = lintCase('k8s/secret-in-configmap', { code: EMBEDDED }).map(({ range: { start, end } }) => {
    assert.equal(start.line, end.line);
    return lines[start.line].slice(start.character, end.character);
  });
  assert.deepEqual(shown, ['DB_PASSWORD=hunter2', 'spring.datasource.password=hunter2', 'password: hunter2', 'DB_PASSWORD:supersecret']);
});
