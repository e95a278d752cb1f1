import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/combine-run', {
  valid: [
    { code: 'FROM alpine:3.19\nRUN a\nWORKDIR /x\nRUN b\n' },
    {
      name: "a builder stage's layers are discarded (microservices-demo's adservice): only the shipped stages count",
      code: 'FROM gradle:8 AS builder\nRUN chmod +x gradlew\nRUN ./gradlew installDist\n\nFROM eclipse-temurin:21-jre\nCOPY --from=builder /app /app\n',
    },
    { name: 'a --mount on one RUN only', code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN echo b\n' },
    {
      name: 'different --mount flags',
      code: 'FROM alpine:3.19\nRUN --mount=type=cache,target=/root/.cache pip install x\nRUN --mount=type=secret,id=npm npm ci\n',
    },
    { name: 'different --network', code: 'FROM alpine:3.19\nRUN --network=none make\nRUN --network=host make test\n' },
    {
      name: 'user creation stays its own layer',
      code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\n',
    },
    { name: 'across stages', code: 'FROM alpine:3.19\nRUN a\nFROM alpine:3.19\nRUN b\n' },
  ],
  invalid: [
    {
      name: 'a stage the final one is built on ships its layers',
      code: 'FROM debian:12 AS base\nRUN apt-get update\nRUN apt-get install -y ca-certificates\n\nFROM base\nCOPY app /app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12 AS base\nRUN apt-get update \\\n    && apt-get install -y ca-certificates\n\nFROM base\nCOPY app /app\n',
    },
    {
      code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN curl -fsSL https://x -o /x\nRUN chmod +x /x\n',
      errors: [{ line: 3, column: 1, message: 'This RUN directly follows another RUN; merge them with && into one layer.' }, { line: 4 }],
      output: 'FROM alpine:3.19\nRUN apk add --no-cache curl \\\n    && curl -fsSL https://x -o /x \\\n    && chmod +x /x\n',
    },
    {
      name: 'escape directive and CRLF',
      code: '# escape=`\r\nFROM debian:12\r\nRUN echo a `\r\n    && echo b\r\nRUN echo c\r\n',
      errors: [{ line: 5 }],
      output: '# escape=`\r\nFROM debian:12\r\nRUN echo a `\r\n    && echo b `\r\n    && echo c\r\n',
    },
    { name: 'a comment between them: reported, no fix', code: 'FROM alpine:3.19\nRUN a\n# why\nRUN b\n', errors: [{ line: 4 }] },
    {
      name: "the same --mount flags (in any order): merged under the first RUN's flags",
      code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --network=default pip install a\nRUN --network=default --mount=type=cache,target=/root/.cache/pip pip install b\n',
      errors: [{ line: 3 }],
      output: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip --network=default pip install a \\\n    && pip install b\n',
    },
    { name: 'previous RUN ends with ;: no fix', code: 'FROM alpine:3.19\nRUN a;\nRUN b\n', errors: [{ line: 3 }] },
  ],
});
