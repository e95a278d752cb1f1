import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  imageFamily,
  runsNonRootByDefault,
  parseDockerfile,
  shellOf,
  stageChain,
  targetStage,
  accountsOf,
  resolveOwner,
} from '../../server/src/engine/testing';

describe('Dockerfile model', () => {
  it('reads exec-form strings as Docker does: blanks, JSON escapes, continued lines, comments inside', () => {
    const json = (text: string) => parseDockerfile(`FROM alpine\n${text}`).stages[0].instructions.map((i) => i.json);
    assert.deepEqual(json('CMD ["sh","-c","echo hello world"]\n'), [['sh', '-c', 'echo hello world']]);
    assert.deepEqual(json('ENTRYPOINT ["printf", "%s\\t\\"a b\\" \\\\ \\u0041"]\n'), [['printf', '%s\t"a b" \\ A']]);
    assert.deepEqual(json('CMD ["sh", "-c", \\\n  "echo a b"]\n'), [['sh', '-c', 'echo a b']]);
    assert.deepEqual(json('CMD ["sh", "-c", "echo a \\\n b"]\n'), [['sh', '-c', 'echo a  b']]);
    assert.deepEqual(json('CMD ["a", \\\n# a comment\n\n  "b c"]\r\n'), [['a', 'b c']]);
    assert.deepEqual(json('COPY ["my file.txt", "/opt/my app/"]\n'), [['my file.txt', '/opt/my app/']]);
    assert.deepEqual(
      parseDockerfile(
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command", `\n  "$ErrorActionPreference = \'Stop\';"]\n',
      ).stages[0].instructions.map((i) => i.json),
      [['powershell', '-Command', "$ErrorActionPreference = 'Stop';"]],
    );
    // No JSON as Docker reads it (a comma missing): shell form.
    assert.deepEqual(json('CMD ["a" "b c"]\n'), [undefined]);
  });

  it('splits stages, resolves ARG defaults in FROM and links stages built on stages', () => {
    const model = parseDockerfile('ARG BASE=node\nARG TAG=20\nFROM ${BASE}:${TAG} AS Build\nRUN npm ci\nFROM build AS test\nFROM $MISSING\n');
    assert.deepEqual(
      model.stages.map((s) => [s.name, s.image]),
      [
        ['build', 'node:20'],
        ['test', 'build'],
        [undefined, undefined],
      ],
    );
    assert.equal(model.stages[1].parent, model.stages[0]);
    assert.deepEqual(
      stageChain(model.stages[1]).map((s) => s.index),
      [0, 1],
    );
    assert.equal(targetStage(model, 'BUILD'), model.stages[0]);
    assert.equal(targetStage(model, undefined), model.stages[2]);
  });

  it('gives exact offsets for instructions, flags and flag values', () => {
    const text = 'FROM alpine:3.19\nCOPY --chown=1:2 --from=x a b\n';
    const copy = parseDockerfile(text).instructions[1];
    assert.equal(text.slice(copy.start, copy.end), 'COPY --chown=1:2 --from=x a b');
    assert.equal(text.slice(copy.start, copy.keywordEnd), 'COPY');
    const chown = copy.flags[0];
    assert.equal(text.slice(chown.valueStart, chown.valueEnd), '1:2');
    assert.equal(text.slice(copy.argsStart, copy.end), 'a b');
  });

  it('parses RUN shell through continuations, comment lines, CRLF and set -eux', () => {
    const text = 'FROM debian:12\r\nRUN set -eux; \\\r\n  # a comment\r\n  adduser --uid 1995 \\\r\n    appuser && chown -R 1995 /opt\r\n';
    const model = parseDockerfile(text);
    const script = shellOf(model, model.instructions[1])!;
    assert.ok(script.parsed);
    assert.deepEqual(
      script.commands.map((c) => c.name),
      ['set', 'adduser', 'chown'],
    );
    const adduser = script.commands[1];
    assert.equal(text.slice(adduser.start, adduser.end), 'adduser --uid 1995 \\\r\n    appuser');
    assert.deepEqual(
      adduser.args.map((a) => text.slice(a.start, a.end)),
      ['--uid', '1995', 'appuser'],
    );
    assert.equal(script.chain.length, 3);
  });

  it('honours the escape directive (backtick continuations, backslashes are literal)', () => {
    const text = '# escape=`\nFROM debian:12\nRUN useradd `\n    -u 7 -d C:\\home app\n';
    const model = parseDockerfile(text);
    assert.equal(model.escapeChar, '`');
    const [useradd] = shellOf(model, model.instructions[1])!.commands;
    assert.deepEqual(
      useradd.args.map((a) => text.slice(a.start, a.end)),
      ['-u', '7', '-d', 'C:\\home', 'app'],
    );
  });

  it('parses heredoc bodies as the script, with file offsets', () => {
    const text = 'FROM alpine:3.19\nRUN <<EOF\nset -e\nadduser -D -u 5 app\nEOF\nRUN python3 <<EOF\nprint(1)\nEOF\n';
    const model = parseDockerfile(text);
    const script = shellOf(model, model.instructions[1])!;
    const adduser = script.commands.find((c) => c.name === 'adduser')!;
    assert.equal(text.slice(adduser.start, adduser.end), 'adduser -D -u 5 app');
    assert.equal(shellOf(model, model.instructions[2]), undefined, 'a heredoc fed to a program is not shell');
  });

  it('maps offsets of non-ASCII scripts (mvdan-sh reports UTF-8 bytes)', () => {
    const text = 'FROM alpine:3.19\nRUN echo "привет" && adduser -D -u 5 app\n';
    const model = parseDockerfile(text);
    const adduser = shellOf(model, model.instructions[1])!.commands[1];
    assert.equal(text.slice(adduser.start, adduser.end), 'adduser -D -u 5 app');
  });

  it('finds pipe operators (|, |&, inside $(…)) with non-ASCII text before them, and whether only echo feeds them', () => {
    const text = 'FROM alpine:3.19\nRUN echo "é" | tee x && v=$(wget -O- u |& jq .a) || true\n';
    const model = parseDockerfile(text);
    const pipes = shellOf(model, model.instructions[1])!.pipes;
    assert.deepEqual(
      pipes.map((p) => [text.slice(p.start, p.end), p.leftCanFail, p.left, p.right]),
      [
        ['|', false, 'echo', 'tee'],
        ['|&', true, 'wget', 'jq'],
      ],
    );
  });

  it('knows Windows stages by image tag, by the stage they are built on and by a Windows SHELL', () => {
    // A Windows stage runs no POSIX shell: its RUN lines (here one before any SHELL) are not parsed as sh scripts.
    const windows = ([before, after]: [string, string?]) => {
      const model = parseDockerfile(`${before}\nRUN a | b\n${after ?? ''}`);
      return (
        shellOf(
          model,
          model.instructions.find((i) => i.keyword === 'RUN')!,
        ) === undefined
      );
    };
    const cases: Array<[string, string?]> = [
      ['FROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022'],
      ['FROM mcr.microsoft.com/dotnet/runtime:8.0-windowsservercore-ltsc2025'],
      ['FROM mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-1809'],
      ['FROM golang:1.22-windowsservercore'],
      ['FROM python:3.12-windowsservercore-ltsc2022@sha256:abc'],
      ['FROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022 AS base\nFROM base'],
      ['FROM example.com/app:1', 'SHELL ["cmd", "/S", "/C"]\n'],
      ['FROM example.com/app:1', 'SHELL ["powershell", "-Command"]\n'],
      ['# escape=`\nFROM example.com/app:1', 'SHELL ["pwsh", "-Command"]\n'],
    ];
    for (const c of cases) assert.ok(windows(c), c.join(' '));
    const linux: Array<[string, string?]> = [
      ['FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy'],
      ['FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04', 'SHELL ["pwsh", "-Command"]\n'],
      ['FROM registry.example.com:5000/windows-tools:1.0'],
      ['FROM node:20-bookworm'],
    ];
    for (const c of linux) assert.ok(!windows(c), c.join(' '));
  });

  it('does not parse PowerShell as POSIX shell', () => {
    const model = parseDockerfile(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN go build .\nFROM debian:12\nSHELL ["powershell", "-Command"]\nRUN make\n',
    );
    assert.equal(shellOf(model, model.instructions[1]), undefined);
    assert.equal(shellOf(model, model.instructions[4]), undefined);
  });

  it('finds commands inside if/for/while/case bodies, subshells, groups and functions', () => {
    const model = parseDockerfile(
      'FROM debian:12\nRUN if [ -n x ]; then adduser -D a; else useradd b; fi; for i in 1; do chown -R x /y; done; while false; do apk add z; done; case $x in a) pip install q;; esac; (cd /x && make); { npm ci; }; f() { go build; }\n',
    );
    assert.deepEqual(
      shellOf(model, model.instructions[1])!.commands.map((c) => c.name),
      ['[', 'adduser', 'useradd', 'chown', 'false', 'apk', 'pip', 'cd', 'make', 'npm', 'go'],
    );
  });

  it('looks through sudo, env, nice and exec with their option values (`sudo -u app git` runs git)', () => {
    const model = parseDockerfile(
      'FROM debian:12\nRUN sudo -u app git pull; sudo -Eu "$U" make; sudo --user app -H npm ci; sudo --user=app -- ls; env -u HOME A=1 id; nice -n 5 tar; exec -a x sleep; sudo -uapp cp; sudo -Egwheel id\n',
    );
    assert.deepEqual(
      shellOf(model, model.instructions[1])!.commands.map((c) => c.name),
      ['git', 'make', 'npm', 'ls', 'id', 'tar', 'sleep', 'cp', 'id'],
    );
  });

  it('knows the pipes inside a command substitution whose status the shell discards', () => {
    // Only a bare assignment's status is its (last) substitution's; an argument's, a redirection's, a prefix
    // assignment's, an export's and a process substitution's are discarded.
    const text =
      'FROM alpine:3.20\nRUN a | b && X=$(c | d) && test "$(e | f)" -eq 2 && echo "$(g | h)" > "$(i | j)" && export Y=$(k | l) && Z=$(m | n) cmd && W=`o | p` && V=$(q | r) U=$(s) && diff <(t | u) x && T="$(echo $(v | w))"\n';
    const model = parseDockerfile(text);
    const pipes = shellOf(model, model.instructions[1])!.pipes;
    assert.deepEqual(
      pipes.map((p) => [p.left, p.statusDiscarded]),
      [
        ['a', false],
        ['c', false],
        ['e', true],
        ['g', true],
        ['i', true],
        ['k', true],
        ['m', true],
        ['o', false],
        ['q', true],
        ['t', true],
        ['v', true],
      ],
    );
  });

  it('does not crash on unparsable shell (word-splitting fallback)', () => {
    const model = parseDockerfile('FROM debian:12\nRUN echo "unterminated && adduser -u 5 x\n');
    const script = shellOf(model, model.instructions[1])!;
    assert.equal(script.parsed, false);
  });
});

describe('accounts', () => {
  const accountsFor = (run: string) => {
    const model = parseDockerfile(`FROM debian:12\nRUN ${run}\n`);
    return accountsOf(model, model.stages[0]);
  };

  it('reads adduser/useradd/addgroup/groupadd in their dialects', () => {
    const cases: Array<[string, string, number | undefined, number | undefined]> = [
      ['adduser --disabled-password --gecos "" --uid 1995 appuser', 'appuser', 1995, 1995],
      ['adduser --uid=1995 --gid 50 appuser', 'appuser', 1995, 50],
      ['addgroup -g 700 grp && adduser -D -u 701 -G grp -g "gecos" svc', 'svc', 701, 700],
      ['adduser -S -u 100 sys', 'sys', 100, undefined],
      ['groupadd -g 3000 web && useradd -r -g web -u 2000 web', 'web', 2000, 3000],
      ['useradd -u1234 -g 5 u', 'u', 1234, 5],
      ['useradd -N -u 9 nogrp', 'nogrp', 9, undefined],
    ];
    for (const [run, name, uid, gid] of cases) {
      const [user] = accountsFor(run).users;
      assert.deepEqual([user?.name, user?.uid, user?.gid], [name, uid, gid], run);
    }
    assert.deepEqual(accountsFor('adduser app docker').users, [], 'adduser USER GROUP adds a membership');
  });

  it('resolves USER values', () => {
    const accounts = accountsFor('groupadd -g 3000 web && useradd -u 2000 -g web web');
    const owner = (spec: string, image = 'debian:12') => {
      const o = resolveOwner(spec, accounts, image);
      return [o.uid, o.gid];
    };
    assert.deepEqual(owner('web'), [2000, 3000]);
    assert.deepEqual(owner('web:root'), [2000, 0]);
    assert.deepEqual(owner('1000'), [1000, undefined]);
    assert.deepEqual(owner('root'), [0, undefined]);
    assert.deepEqual(owner('nonroot', 'gcr.io/distroless/static'), [65532, 65532]);
    assert.deepEqual(owner('ghost'), [undefined, undefined]);
  });
});

describe('base image family', () => {
  const family = (from: string, extra = '') => {
    const model = parseDockerfile(`${from}\n${extra}`);
    return imageFamily(model, model.stages[model.stages.length - 1]);
  };

  it('detects the dialect of common images', () => {
    const cases: Array<[string, string]> = [
      ['FROM node:20', 'debian'],
      ['FROM python:3.11-slim-buster', 'debian'],
      ['FROM node:20-alpine', 'alpine'],
      ['FROM busybox:1.36', 'alpine'],
      ['FROM golang:alpine3.18', 'alpine'],
      ['FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4', 'rhel'],
      ['FROM fedora:40', 'rhel'],
      ['FROM gcr.io/distroless/static-debian12:nonroot', 'distroless'],
      ['FROM scratch', 'scratch'],
      ['FROM ubuntu:24.04', 'debian'],
      ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'windows'],
      ['FROM node:20-alpine AS b\nFROM b', 'alpine'],
      ['FROM example.com/thing:1', 'unknown'],
    ];
    for (const [from, expected] of cases) assert.equal(family(from), expected, from);
    assert.equal(family('FROM example.com/thing:1', 'RUN dnf install -y x'), 'rhel');
  });

  it('knows images that already run as non-root', () => {
    const stage = (from: string) => parseDockerfile(from).stages[0];
    assert.ok(runsNonRootByDefault(stage('FROM gcr.io/distroless/static:nonroot')));
    assert.ok(runsNonRootByDefault(stage('FROM gcr.io/distroless/java17-debian12:debug-nonroot')));
    assert.ok(!runsNonRootByDefault(stage('FROM gcr.io/distroless/static')));
  });
});
