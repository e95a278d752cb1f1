import { ruleTester } from '../../harness/ruleTester';

ruleTester('compose/secret-in-env', {
  valid: [
    {
      name: 'interpolated, passed through, empty, or not secret by name',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n      API_TOKEN:\n      LOG_LEVEL: debug\n  app:\n    image: app:1\n    environment:\n      - SECRET_KEY\n      - TOKEN_URL=https://auth.example.com\n      - DB_PASSWORD=$DB_PASSWORD\n',
    },
  ],
  invalid: [
    {
      name: 'map form: read it from the shell or .env instead',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "hunter2" # dev only\n',
      errors: [{ line: 5, column: 26, message: /POSTGRES_PASSWORD to a literal value/ }],
      suggestion: {
        title: 'Read POSTGRES_PASSWORD from the shell or .env (${POSTGRES_PASSWORD:?})',
        output: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD:?}" # dev only\n',
      },
    },
    {
      name: 'list form',
      code: 'services:\n  app:\n    image: app:1\n    environment:\n      - STRIPE_API_KEY=sk_live_123\n',
      errors: [{ line: 5 }],
      suggestion: {
        title: 'Read STRIPE_API_KEY from the shell or .env (${STRIPE_API_KEY:?})',
        output: 'services:\n  app:\n    image: app:1\n    environment:\n      - STRIPE_API_KEY=${STRIPE_API_KEY:?}\n',
      },
    },
  ],
});
