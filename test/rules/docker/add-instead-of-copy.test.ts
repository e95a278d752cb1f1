import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/add-instead-of-copy', {
  valid: [
    { name: 'COPY', code: 'FROM debian:12\nCOPY app.sh /usr/local/bin/\n' },
    { name: 'a local tar archive is extracted: ADD is deliberate', code: 'FROM scratch\nADD rootfs.tar.xz /\n' },
    { name: 'other archive names', code: 'FROM debian:12\nADD app.tgz /opt/\nADD data.tar.zst /data/\nADD *.tar.gz /src/\n' },
    {
      name: "quoted names are read without their quotes, as BuildKit's lexer reads them (hadolint DL3020)",
      code: 'FROM debian:12\nADD "file.tgz" /usr/src/app/\nADD \'data.tar.gz\' "/srv/my data/"\nADD --checksum=sha256:0123abcd "https://example.com/tool" /tmp/\n',
    },
    { name: 'a URL with --checksum', code: 'FROM debian:12\nADD --checksum=sha256:0123abcd https://example.com/tool.tar.gz /tmp/\n' },
    {
      name: 'a download a later RUN checks (sha256sum, gpg --verify)',
      code:
        'FROM debian:12\n' +
        'ADD https://example.com/tool-1.2.tar.gz /tmp/\n' +
        'ADD https://example.com/tool-1.2.tar.gz.asc /tmp/tool.asc\n' +
        'RUN echo "$TOOL_SHA256  /tmp/tool-1.2.tar.gz" | sha256sum -c - && gpg --batch --verify /tmp/tool.asc /tmp/tool-1.2.tar.gz\n',
    },
    {
      name: 'git sources: COPY cannot clone',
      code:
        'FROM golang:1.22\n' +
        'ADD https://github.com/krallin/tini.git?ref=${TINI_VERSION}&keep-git-dir=1 .\n' +
        'ADD git@github.com:moby/buildkit.git#v0.13.0 /src\n' +
        'ADD ssh://git@example.com/repo.git /src\n',
    },
    { name: 'flags only ADD has', code: 'FROM debian:12\nADD --keep-git-dir=true app /src\nADD --unpack=false app.bin /opt/\n' },
    { name: 'a name that cannot be read may be an archive', code: 'FROM debian:12\nARG ARTIFACT\nADD ${ARTIFACT} /app/\nADD app-* /opt/\n' },
  ],
  invalid: [
    {
      name: 'a quoted script name: named without its quotes, the quotes kept in the fix',
      code: 'FROM debian:12\nADD "entrypoint.sh" /usr/local/bin/\n',
      errors: [{ line: 2, message: 'Use COPY for entrypoint.sh: what ADD adds (URL downloads, archive extraction) does not apply here.' }],
      output: 'FROM debian:12\nCOPY "entrypoint.sh" /usr/local/bin/\n',
    },
    {
      name: 'a script: safe, flags and text kept',
      code: 'FROM debian:12\nADD --chown=10001:10001 --chmod=755 --link entrypoint.sh /usr/local/bin/\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'Use COPY for entrypoint.sh: what ADD adds (URL downloads, archive extraction) does not apply here.',
        },
      ],
      output: 'FROM debian:12\nCOPY --chown=10001:10001 --chmod=755 --link entrypoint.sh /usr/local/bin/\n',
    },
    {
      name: 'the build context and a folder: safe',
      code: 'FROM node:20\nADD . /app\nADD src/ /app/src/\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: 'FROM node:20\nCOPY . /app\nCOPY src/ /app/src/\n',
    },
    {
      name: 'exec form, lower case keyword, known extensions after a variable or wildcard',
      code: 'FROM eclipse-temurin:21\nadd ["app.jar", "/app/"]\nADD ${NAME}.jar *.properties /app/\n',
      errors: [{ line: 2 }, { line: 3, message: /Use COPY for \$\{NAME\}\.jar, \*\.properties:/ }],
      output: 'FROM eclipse-temurin:21\ncopy ["app.jar", "/app/"]\nCOPY ${NAME}.jar *.properties /app/\n',
    },
    {
      name: 'a heredoc is written as a file, never extracted',
      code: 'FROM debian:12\nADD <<EOF /etc/app.conf\nport=8080\nEOF\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nCOPY <<EOF /etc/app.conf\nport=8080\nEOF\n',
    },
    {
      name: 'an extensionless name could be a tar archive: a suggestion',
      code: 'FROM debian:12\nADD files /\n',
      errors: [{ line: 2, message: 'Use COPY for files, unless it is a tar archive for ADD to extract (ADD recognises archives by content).' }],
      suggestion: { title: 'Replace ADD with COPY', output: 'FROM debian:12\nCOPY files /\n' },
    },
    {
      name: 'a download without a checksum: no fix',
      code: 'FROM debian:12\nADD --chmod=0644 https://download.example.com/Release.key /etc/apt/trusted.gpg.d/example.asc\n',
      errors: [
        {
          line: 2,
          column: 18,
          message:
            'ADD downloads https://download.example.com/Release.key without --checksum: nothing verifies what the server sends; add --checksum=sha256:<digest>.',
        },
      ],
    },
    {
      name: 'a later RUN that checks another file does not count',
      code: 'FROM debian:12\nADD https://example.com/a.tar.gz /tmp/a.tar.gz\nRUN echo "$SUM  /tmp/b.tar.gz" | sha256sum -c -\n',
      errors: [{ line: 2, message: /ADD downloads https:\/\/example\.com\/a\.tar\.gz without --checksum/ }],
    },
    {
      name: 'a URL beside a local file: the URL is reported, ADD stays',
      code: 'FROM debian:12\nADD https://example.com/a.txt b.txt /x/\n',
      errors: [{ line: 2, message: /ADD downloads https:\/\/example\.com\/a\.txt/ }],
    },
  ],
});
