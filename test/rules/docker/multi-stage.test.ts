import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/multi-stage', {
  valid: [
    {
      name: 'seed 004: builder + nginx',
      code: 'FROM node:20-alpine AS builder\nRUN npm run build\n\nFROM nginx:1.25-alpine\nCOPY --from=builder /app/dist /usr/share/nginx/html\n',
    },
    { name: 'no toolchain', code: 'FROM node:20\nRUN npm ci --omit=dev\n' },
    { name: 'toolchain installed and purged in one layer', code: 'FROM debian:12\nRUN apt-get install -y gcc make && make && apt-get purge -y gcc make\n' },
    {
      name: 'version and help checks are smoke tests, not builds',
      code: 'FROM eclipse-temurin:21-jdk\nRUN javac --version && javac -help && gcc --version && gcc -dumpversion && make --version && mvn -v && gradle --version\n',
    },
  ],
  invalid: [
    {
      name: 'a version flag next to real work still builds',
      code: 'FROM gcc:14\nRUN gcc --version && gcc -v -o app main.c\n',
      errors: [{ line: 2, column: 22 }],
    },
    {
      name: 'npm run build',
      code: 'FROM node:20\nRUN npm ci && npm run build\n',
      errors: [
        {
          line: 2,
          column: 15,
          message: 'npm run build builds in the only stage, so the toolchain ships in the image; build in a builder stage and COPY --from it.',
        },
      ],
    },
    { name: 'go build after set -eux, over a continuation', code: 'FROM golang:1.22\nRUN set -eux; \\\n    go build -o /app .\n', errors: [{ line: 3 }] },
    { name: 'heredoc with make', code: 'FROM gcc:13\nRUN <<EOF\n./configure\nmake install\nEOF\n', errors: [{ line: 4 }] },
    {
      name: "a long command over continuations is quoted on one line, cut short (docker-library python's make)",
      code: 'FROM buildpack-deps:bookworm\nRUN ./configure && \\\n  make -j "$nproc" \\\n    "EXTRA_CFLAGS=-O2 -g" \\\n    "LDFLAGS=-Wl,--strip-all"\n',
      errors: [{ line: 3, message: /^make -j "\$nproc" "EXTRA_CFLAGS=-O2 -g" " … builds in the only stage/ }],
    },
  ],
});
