import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/cd-in-run', {
  valid: [
    { name: 'WORKDIR', code: 'FROM golang:1.22\nWORKDIR /src\nRUN go build ./...\n' },
    { name: 'make -C instead of cd', code: 'FROM debian:12\nRUN make -C /src install\n' },
    {
      name: 'cd / as the last command returns to the root after a build elsewhere: nothing later runs there',
      code: 'FROM debian:12\nRUN mkdir -p /tmp/b && tar -C /tmp/b -xzf /x.tgz && make -C /tmp/b install && cd /\n',
    },
    {
      name: 'a folder in a variable the RUN sets: WORKDIR cannot expand it (docker-library/postgres, openssl builds)',
      code: 'FROM debian:12\nRUN tempDir="$(mktemp -d)" && cd "$tempDir" && make\nRUN export OPENSSL_PATH=/usr/src/openssl; cd "${OPENSSL_PATH}/crypto" && make\nRUN for d in a b; do cd "/src/$d" && make; done\n',
    },
  ],
  invalid: [
    {
      name: 'cd in a chain',
      code: 'FROM golang:1.22\nRUN cd /src && go build ./...\n',
      errors: [{ line: 2, column: 5, severity: 'info', message: 'cd /src lasts only for this RUN: use WORKDIR /src for the folder later instructions need.' }],
    },
    {
      name: 'a folder from an ARG is named as written',
      code: 'FROM debian:12\nARG SRC=/src\nRUN cd "$SRC" && make\n',
      errors: [{ line: 3, message: 'cd "$SRC" lasts only for this RUN: use WORKDIR <dir> for the folder later instructions need.' }],
    },
    {
      name: 'options before the folder',
      code: 'FROM debian:12\nRUN cd -P /src && make\n',
      errors: [{ line: 2, message: 'cd /src lasts only for this RUN: use WORKDIR /src for the folder later instructions need.' }],
    },
    {
      name: 'cd / after a cd into a temporary folder is the return from it: only the first cd is reported (docker-library/php)',
      code: 'FROM debian:12\nRUN cd /usr/src/php; make -j "$(nproc)"; make install; cd /; docker-php-source delete\n',
      errors: [{ line: 2, column: 5, message: /^cd \/usr\/src\/php lasts/ }],
    },
    {
      name: 'a RUN that only changes to / still expects a later instruction to run there',
      code: 'FROM debian:12\nWORKDIR /app\nRUN cd /\n',
      errors: [{ line: 3, message: 'cd / lasts only for this RUN: use WORKDIR / for the folder later instructions need.' }],
    },
    {
      name: 'cd / before other commands is where they are meant to run',
      code: 'FROM debian:12\nRUN cd / && tar xzf /x.tgz\n',
      errors: [{ line: 2 }],
    },
  ],
});

// A folder the RUN removes afterwards is a temporary build folder, entered on purpose; `cd ..` is no WORKDIR advice.
ruleTester('docker/cd-in-run', {
  valid: [
    {
      name: 'cd into a folder the same RUN removes, and back with cd .. (the return is not reported either)',
      code: 'FROM alpine:3.20\nRUN mkdir /tmp/b && cd /tmp/b && make && cd .. && rm -rf /tmp/b\n',
    },
    {
      name: 'docker-library/python: cd /usr/src/python … rm -rf /usr/src/python',
      code: 'FROM alpine:3.20\nRUN set -eux; mkdir -p /usr/src/x; cd /usr/src/x; ./configure; make install; cd /; rm -rf /usr/src/x\n',
    },
    { name: 'a folder only the shell knows, removed by the same name', code: 'FROM debian:12\nRUN d="$(mktemp -d)"; cd "$d"; make; cd /; rm -rf "$d"\n' },
    { name: 'a parent folder removed', code: 'FROM debian:12\nRUN cd /usr/src/app/build && make && rm -rf /usr/src/app\n' },
  ],
  invalid: [
    {
      name: 'cd .. is not WORKDIR .. advice',
      code: 'FROM debian:12\nRUN cd .. && make\n',
      errors: [{ line: 2, message: 'cd .. lasts only for this RUN: use WORKDIR <dir> for the folder later instructions need.' }],
    },
    {
      name: 'removing something else, or before the cd, does not make the cd deliberate',
      code: 'FROM debian:12\nRUN rm -rf /src && cd /src && rm -rf /src/tmp /\n',
      errors: [{ line: 2, message: /^cd \/src lasts/ }],
    },
  ],
});

// A relative cd is resolved against the folder the RUN is in at that point (its WORKDIR, then its cds), and so is rm.
ruleTester('docker/cd-in-run', {
  valid: [
    {
      name: 'a folder inside one only the shell knows, removed later',
      code: 'FROM debian:12\nRUN tempDir="$(mktemp -d)" \\\n    && cd "$tempDir" \\\n    && tar xzf /src.tgz \\\n    && cd src \\\n    && make install \\\n    && cd / \\\n    && rm -rf "$tempDir"\n',
    },
    {
      name: 'nginxinc/docker-nginx: cd pkg-oss-${REVISION} inside ( cd "$tempDir" … ), rm -rf "$tempDir" after it',
      code: 'FROM alpine:3.20\nRUN set -x && tempDir="$(mktemp -d)" && ( cd "$tempDir" && curl -f -O https://x/${REVISION}.tar.gz && tar xzf ${REVISION}.tar.gz && cd pkg-oss-${REVISION} && make ) && rm -rf "$tempDir"\n',
    },
    { name: 'relative to the WORKDIR', code: 'FROM debian:12\nWORKDIR /tmp\nRUN mkdir b && cd b && make && cd / && rm -rf /tmp/b\n' },
    { name: 'removed by a relative rm', code: 'FROM debian:12\nRUN cd /tmp/b && make && cd .. && rm -rf b\n' },
    { name: 'a quoted absolute folder with a variable, inside one removed', code: 'FROM debian:12\nRUN cd "/usr/src/$name" && make && rm -rf /usr/src\n' },
  ],
  invalid: [
    {
      name: 'a relative cd from a folder the RUN keeps, and rm of the same name elsewhere',
      code: 'FROM debian:12\nRUN cd /opt && cd src && make && cd /tmp && rm -rf src\n',
      errors: [
        { line: 2, message: /^cd \/opt lasts/ },
        { line: 2, message: /^cd src lasts/ },
        { line: 2, message: /^cd \/tmp lasts/ },
      ],
    },
    {
      name: 'a folder above one only the shell knows is not known',
      code: 'FROM debian:12\nRUN d="$(mktemp -d)" && cd "$d" && cd ../src && make && rm -rf "$d"\n',
      errors: [{ line: 2, message: /^cd \.\.\/src lasts/ }],
    },
    {
      name: 'a WORKDIR with a variable is not known',
      code: 'FROM debian:12\nWORKDIR $HOME\nRUN cd b && make && rm -rf /b\n',
      errors: [{ line: 3, message: /^cd b lasts/ }],
    },
  ],
});
