import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksSecret, secretByName } from '../../../server/src/engine/testing';
import { FAKE } from '../secret-values';
import { ruleTester } from '../../harness/ruleTester';

describe('placeholders are not secrets; weak defaults still are', () => {
  it("silences values written to be replaced, including the variable's own name echoed", () => {
    for (const [name, value] of [
      ['GOOGLE_API_KEY', 'GOOGLE_API_KEY_VAL'], // microservices-demo's shopping assistant, substituted by a script
      ['API_KEY', 'API_KEY'],
      ['DB_PASSWORD', '<db-password>'],
      ['API_TOKEN', 'YOUR_TOKEN_HERE'],
      ['CLIENT_SECRET', 'REPLACE_ME'],
      ['AUTH_TOKEN', 'xxxxxxxx'],
    ])
      assert.equal(secretByName(name, value), false, `${name}=${value}`);
  });

  it('keeps reporting values people deploy as they are', () => {
    for (const [name, value] of [
      ['PASSWORD', 'changeme'],
      ['PASSWORD', 'password'],
      ['PASSWORD', 'password123'],
      ['API_KEY', 'API_KEY_prod_7f3a9c'],
    ])
      assert.equal(secretByName(name, value), true, `${name}=${value}`);
  });
});

describe('file paths are where a secret is, not the secret', () => {
  it('silences absolute paths of two segments or more, a file with an extension, and explicit relative paths', () => {
    for (const [name, value] of [
      ['GOOGLE_APPLICATION_CREDENTIALS', '/var/run/secrets/tokens/gcp-ksa/google-application-credentials.json'], // bank-of-anthos
      ['VAULT_TOKEN', '/var/run/secrets/tokens/vault-token'],
      ['CLIENT_SECRET', '/etc/secrets/'],
      ['GCP_CREDENTIALS', '/credentials.json'],
      ['API_KEY', './config/api-key.txt'],
      ['DB_PASSWORD', '~/db/password'],
    ])
      assert.equal(secretByName(name, value), false, `${name}=${value}`);
  });

  it('keeps reporting short slash values and random-looking ones (base64 may start with a slash)', () => {
    for (const [name, value] of [
      ['PASSWORD', '/abc'],
      ['PASSWORD', '/s3cr3t'],
      ['CLIENT_SECRET', '/9j4AAQSkZJRgABAQ/AAAQABAAD'],
      ['PASSWORD', '/var/lib/pass word'],
      ['TOKEN', '/a/b$c'],
    ])
      assert.equal(secretByName(name, value), true, `${name}=${value}`);
  });
});

describe('secret name heuristics', () => {
  it('matches secret-looking names in any case style', () => {
    for (const name of [
      'PASSWORD',
      'DB_PASSWORD',
      'dbPassword',
      'DBPASSWORD',
      'db.password',
      'MYSQL_ROOT_PASSWD',
      'AUTH_TOKEN',
      'githubToken',
      'REFRESH_TOKEN',
      'CLIENT_SECRET',
      'AWS_SECRET_ACCESS_KEY',
      'SECRET_KEY_BASE',
      'API_KEY',
      'apiKey',
      'APIKEY',
      'STRIPE_API_KEY',
      'x-api-key',
      'PRIVATE_KEY',
      'privateKey',
      'GCP_CREDENTIALS',
      'credentials.json',
      'MYSQL_PWD',
      'db_pwd',
    ]) {
      assert.equal(looksSecret(name), true, name);
    }
  });

  it('ignores names that point at or describe a secret, and ordinary names', () => {
    for (const name of [
      'PASSWORD_FILE',
      'TOKEN_PATH',
      'SECRETS_DIR',
      'TOKEN_URL',
      'OAUTH_TOKEN_URI',
      'VAULT_TOKEN_HOST',
      'REDIS_PASSWORD_PORT',
      'SECRET_NAME',
      'TOKEN_AUTH_ENABLED',
      'TOKEN_ENDPOINT',
      'TOKEN_TTL',
      'TOKEN_TIMEOUT',
      'TOKEN_EXPIRY',
      'MAX_TOKENS',
      'PASSWORD_MIN_LENGTH',
      'MYSQL_ALLOW_EMPTY_PASSWORD',
      'REGISTRY_CREDENTIAL_USERNAME',
      'AIRFLOW__API__SECRET_KEY_CMD',
      'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD',
      'MARIADB_RANDOM_ROOT_PASSWORD',
      'TOKENIZER',
      'SECRETARY_EMAIL',
      'API_KEYCLOAK_REALM',
      'PUBLIC_KEY',
      'DB_USER',
      'LOG_LEVEL',
      'PWD',
      '',
    ]) {
      assert.equal(looksSecret(name), false, name);
    }
  });
});

ruleTester('k8s/secret-in-env', {
  valid: [
    {
      name: 'secretKeyRef, references, empty values, switches, and names that are not the secret',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: web-db
              key: password
        - name: DATABASE_PASSWORD
          value: $(DB_PASSWORD)
        - name: API_TOKEN
          value: ""
        - name: CACHE_TOKEN
        - name: PASSWORD_FILE
          value: /run/secrets/password
        - name: OAUTH_TOKEN_URL
          value: https://auth.example.com/token
        - name: SECRET_NAME
          value: web-db
        - name: TOKEN_AUTH
          value: "true"
        - name: MAX_TOKENS
          value: "4096"
        - name: LOG_LEVEL
          value: debug
`,
    },
    {
      name: 'Helm template values are not literals',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    env:\n    - name: PASSWORD\n      value: "{{ .Values.password }}"\n    - name: API_TOKEN\n      value: {{ .Values.token | quote }}\n',
    },
  ],
  invalid: [
    {
      name: 'literal password: valueFrom.secretKeyRef in block style, trailing comment kept; flush sequences',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: LOG_LEVEL
          value: info
        - name: PASSWORD
          value: hunter2  # rotate me
        - name: PORT
          value: "8080"
`,
      errors: [
        { line: 15, column: 11, message: 'The container "app" sets PASSWORD to a literal value: anyone who can read the manifest can read the secret.' },
      ],
      fixTitles: ['Read PASSWORD from Secret web-secret (remove the literal value)'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - name: LOG_LEVEL
          value: info
        - name: PASSWORD
          valueFrom:  # rotate me
            secretKeyRef:
              name: web-secret
              key: PASSWORD
        - name: PORT
          value: "8080"
`,
    },
    {
      name: 'value before name, flow item, init container, indented sequences',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  initContainers:
    - name: migrate
      image: migrate:3
      env:
        - value: 'p@ss:word'
          name: dbPassword
  containers:
    - name: app
      image: app:1
      env:
        - {name: STRIPE_API_KEY, value: sk_live_123}
`,
      errors: [
        { line: 10, message: /init container "migrate" sets dbPassword/ },
        { line: 16, column: 34 },
      ],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  initContainers:
    - name: migrate
      image: migrate:3
      env:
        - valueFrom:
            secretKeyRef:
              name: api-secret
              key: dbPassword
          name: dbPassword
  containers:
    - name: app
      image: app:1
      env:
        - {name: STRIPE_API_KEY, valueFrom: {secretKeyRef: {name: api-secret, key: STRIPE_API_KEY}}}
`,
    },
    {
      name: '4-space indentation and CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            env:\r\n                -   name: GITHUB_TOKEN\r\n                    value: ghp_abc\r\n',
      errors: [{ line: 11 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        -   name: app\r\n            image: app:1\r\n            env:\r\n                -   name: GITHUB_TOKEN\r\n                    valueFrom:\r\n                        secretKeyRef:\r\n                            name: p-secret\r\n                            key: GITHUB_TOKEN\r\n',
    },
    {
      name: 'CronJob: Secret named after the CronJob; a number is still a literal secret',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: dump
            image: pg:16
            env:
            - name: PGPASSWORD
              value: 123456
            # the bucket
            - name: BUCKET
              value: backups
`,
      errors: [{ line: 17 }],
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: dump
            image: pg:16
            env:
            - name: PGPASSWORD
              valueFrom:
                secretKeyRef:
                  name: backup-secret
                  key: PGPASSWORD
            # the bucket
            - name: BUCKET
              value: backups
`,
    },
  ],
});

const envPod = (env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    env:
${env}`;

ruleTester('k8s/secret-in-env', {
  valid: [
    {
      name: 'switches and settings about tokens; a secretKeyRef (the recommended way); a weak name with a plain word',
      code: envPod(`    - name: ENABLE_TOKEN_AUTH
      value: "yes"
    - name: TOKEN_TTL
      value: "3600"
    - name: CACHE_KEY
      value: sessions
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    - name: DATABASE_URL
      value: postgres://app:$(DB_PASSWORD)@db:5432/app
    - name: SAMPLE_CLAIMS
      value: ${FAKE.unsignedJwt}
`),
    },
    {
      name: 'credentials named by the path of a mounted file (bank-of-anthos)',
      code: envPod(`    - name: GOOGLE_APPLICATION_CREDENTIALS
      value: /var/run/secrets/tokens/gcp-ksa/google-application-credentials.json
    - name: VAULT_TOKEN
      value: /var/run/secrets/tokens/vault-token
`),
    },
  ],
  invalid: [
    {
      name: 'credentials by value, whatever the name; weak names (_KEY, _PAT) with credential-like values; AWS_ACCESS_KEY_ID',
      code: envPod(`    - name: DATABASE_URL
      value: postgres://app:${FAKE.password}@db:5432/app
    - name: GH
      value: ${FAKE.github}
    - name: GITLAB
      value: ${FAKE.gitlab}
    - name: SLACK
      value: ${FAKE.slack}
    - name: STRIPE
      value: ${FAKE.stripe}
    - name: SESSION
      value: ${FAKE.jwt}
    - name: LICENSE_KEY
      value: 7f3e9a2b4c1d8e6f0a5b
    - name: RENOVATE_PAT
      value: 9c8b7a6d5e4f3a2b1c0d
    - name: AWS_ACCESS_KEY_ID
      value: some-key-id
`),
      errors: [
        { line: 11, message: 'The container "app" sets DATABASE_URL to a URL with a password: anyone who can read the manifest can use it.' },
        { line: 13, message: /GH to a GitHub token/ },
        { line: 15, message: /GITLAB to a GitLab token/ },
        { line: 17, message: /SLACK to a Slack token/ },
        { line: 19, message: /STRIPE to a Stripe secret key/ },
        { line: 21, message: /SESSION to a signed JWT/ },
        { line: 23, message: /LICENSE_KEY to a literal value/ },
        { line: 25, message: /RENOVATE_PAT to a literal value/ },
        { line: 27, message: /AWS_ACCESS_KEY_ID to a literal value/ },
      ],
    },
  ],
});
