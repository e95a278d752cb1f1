// The "done when" checks of issue 3, through the public Linter with every docker rule enabled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, allRules } from '../../server/src/engine';
import { EVERY_FIX, memoryFs } from '../harness/ruleTester';

const allDockerRules = Object.fromEntries(
  allRules
    .filter((r) => r.meta.id.startsWith('docker/'))
    .map((r) => [r.meta.id, r.meta.defaultSeverity === 'off' ? ('info' as const) : r.meta.defaultSeverity]),
);

// Seed 000's Dockerfile, verbatim.
const SEED_000 = `FROM python:3.11-slim-buster

WORKDIR /opt/apple/myapp

### Создаем пользователя, должно быть ниже чем WORKDIR ###
RUN adduser \\
    --disabled-password \\
    --gecos "" \\
    --home "$(pwd)" \\
    --no-create-home \\
    --uid 1995 \\
    appuser

### В инструкции COPY добавить --chown=1995:1995 ###
COPY --chown=1995:1995 requirements.txt .
RUN pip install --no-cache-dir --requirement requirements.txt \\
    && rm -rfv requirements.txt
COPY --chown=1995:1995 app.py entrypoint.sh ./
COPY --chown=1995:1995 static ./

### Изменяем пользователя с root на appuser ###
RUN chown 1995:1995 -R /opt
USER appuser

ENTRYPOINT ["/bin/sh", "-c", "/entrypoint.sh"]
CMD ["-s", "all"]
`;

const ids = (findings: Array<{ ruleId: string }>) => findings.map((f) => f.ruleId).filter((id) => id.startsWith('docker/'));

describe('Dockerfile rules on the seed Dockerfiles', () => {
  it('seed 000 gets exactly user-numeric (fix USER 1995:1995) and chown-layer', () => {
    const linter = new Linter({ rules: allDockerRules }, memoryFs({ '/work/.dockerignore': '.git\n' }));
    const { findings } = linter.lint({ path: '/work/Dockerfile', text: SEED_000 });
    const docker = findings.filter((f) => f.ruleId.startsWith('docker/') && f.ruleId !== 'docker/image-digest');
    assert.deepEqual(
      docker.map((f) => [f.ruleId, f.range.start.line + 1]),
      [
        ['docker/chown-layer', 22],
        ['docker/user-numeric', 23],
      ],
    );
    const numeric = docker[1];
    assert.equal(numeric.message, 'USER appuser is a name; Kubernetes runAsNonRoot cannot verify it. Use USER 1995:1995.');
    assert.equal(numeric.fixes[0].edits[0].newText, '1995:1995');
    const layer = docker[0];
    assert.match(layer.message, /^chown 1995:1995 -R \/opt /);
    // With default severities nothing else reaches warning.
    const defaults = new Linter({}, memoryFs()).lint({ path: '/work/Dockerfile', text: SEED_000 }).findings;
    assert.deepEqual(
      defaults.filter((f) => f.ruleId.startsWith('docker/') && f.severity !== 'info').map((f) => f.ruleId),
      [],
    );
  });

  it('FROM node:20 + COPY . . + CMD node server.js: reported, then fixed clean', () => {
    const text = 'FROM node:20\nCOPY . .\nCMD node server.js\n';
    const linter = new Linter({ rules: allDockerRules }, memoryFs());
    const before = linter.lint({ path: '/work/Dockerfile', text }).findings;
    for (const id of ['docker/user-missing', 'docker/exec-form', 'docker/dockerignore']) assert.ok(ids(before).includes(id), id);

    const fixed = linter.fixAll({ path: '/work/Dockerfile', text }, EVERY_FIX).text;
    const create = before.find((f) => f.ruleId === 'docker/dockerignore')!.fixes[0].createFiles!;
    const files = Object.fromEntries(create.map((f) => [f.path, f.text]));
    assert.deepEqual(Object.keys(files), ['/work/.dockerignore']);

    // The node image ships user node (UID 1000): the fix runs as it instead of creating a second user.
    assert.doesNotMatch(fixed, /adduser|useradd/);
    const users = fixed.split('\n').filter((l) => l.startsWith('USER '));
    assert.deepEqual(users, ['USER 1000']);
    assert.match(fixed, /CMD \["node", "server\.js"\]\n$/);
    const after = new Linter({ rules: allDockerRules }, memoryFs(files)).lint({ path: '/work/Dockerfile', text: fixed }).findings;
    for (const id of ['docker/user-missing', 'docker/exec-form', 'docker/dockerignore', 'docker/user-numeric', 'docker/user-root']) {
      assert.ok(!ids(after).includes(id), `${id} after fixing:\n${fixed}`);
    }
  });

  it('multi-stage: root builder + non-root final is clean; the reverse is reported', () => {
    const linter = new Linter({}, memoryFs({ '/work/.dockerignore': '.git\n' }));
    const good =
      'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n';
    assert.deepEqual(ids(linter.lint({ path: '/work/Dockerfile', text: good }).findings), []);
    const reverse =
      'FROM golang:1.22 AS build\nRUN useradd -u 10001 builder\nUSER 10001\nRUN go version\n\nFROM debian:12-slim\nCOPY --from=build /go/bin /app\nENTRYPOINT ["/app"]\n';
    const found = linter.lint({ path: '/work/Dockerfile', text: reverse }).findings;
    assert.deepEqual(ids(found), ['docker/user-missing']);
    assert.equal(found[0].range.start.line, 5);
  });
});
