import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/package-cache', {
  valid: [
    { name: 'seed 000', code: 'FROM python:3.12\nRUN pip install --no-cache-dir --requirement requirements.txt \\\n    && rm -rfv requirements.txt\n' },
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { code: 'FROM alpine:3.19\nRUN apk add --no-cache curl\n' },
    { name: 'cache mount', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n' },
    { name: 'PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x\n' },
    { name: 'builder stage caches are thrown away', code: 'FROM python:3.12 AS build\nRUN pip install x\nFROM python:3.12-slim\nCOPY --from=build /x /x\n' },
  ],
  invalid: [
    {
      name: 'pip',
      code: 'FROM python:3.12\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, message: 'pip install without --no-cache-dir keeps the download cache in the layer; add --no-cache-dir.' }],
      output: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'python -m pip after set -eux',
      code: 'FROM python:3.12\nRUN set -eux; python3 -m pip install x\n',
      errors: [{ line: 2 }],
      output: 'FROM python:3.12\nRUN set -eux; python3 -m pip install --no-cache-dir x\n',
    },
    {
      name: 'apt-get: recommends and lists, across continuations',
      code: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
      errors: [{ line: 3, message: /--no-install-recommends/ }, { line: 3, message: /\/var\/lib\/apt\/lists/ }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install --no-install-recommends -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apk add in a heredoc',
      code: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add curl\nEOF\n',
      errors: [{ line: 4 }],
      output: 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get install --no-install-recommends -y curl `\n    && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
