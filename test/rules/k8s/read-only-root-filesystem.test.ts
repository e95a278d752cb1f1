import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyTextEdits } from '../../../server/src/engine';
import { lintCase, ruleTester } from '../../harness/ruleTester';

const RULE = 'k8s/read-only-root-filesystem';
const SET_TITLE = 'Set readOnlyRootFilesystem: true';
const TMP_TITLE = 'Set readOnlyRootFilesystem: true and mount a writable emptyDir at /tmp';

ruleTester(RULE, {
  valid: [
    {
      name: 'seed 002 demo: read-only root with an emptyDir at /tmp',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v3
spec:
  template:
    spec:
      volumes:
      - name: tmp-dir
        emptyDir: {}
      containers:
      - name: my-app-v3
        image: my-app:v3
        volumeMounts:
        - mountPath: /tmp
          name: tmp-dir
        securityContext:
          # 将容器层设为只读，防止容器文件被篡改
          readOnlyRootFilesystem: true
`,
    },
    {
      name: 'YAML 1.1 "yes", init container, DaemonSet',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        securityContext: {readOnlyRootFilesystem: true}
      containers:
      - name: agent
        image: agent:1
        securityContext:
          readOnlyRootFilesystem: yes
`,
    },
    {
      name: 'pod-level readOnlyRootFilesystem does not exist, but Windows pods are skipped anyway',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
  - name: app
    image: app:1
`,
    },
    {
      name: 'templated values are not reported',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    securityContext:
      readOnlyRootFilesystem: {{ .Values.readOnly }}
  - name: b
    image: b:1
    securityContext:
      readOnlyRootFilesystem: "{{ .Values.readOnly }}"
  - name: c
    image: c:1
    securityContext: {{ toYaml .Values.securityContext }}
`,
    },
    { name: 'not a workload', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  readOnlyRootFilesystem: "false"\n' },
  ],
  invalid: [
    {
      name: 'volumeMounts as the last key of the container: the new mount continues the list, securityContext follows it',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - mountPath: /data
      name: data
  volumes:
  - name: data
    emptyDir: {}
`,
      errors: [{ line: 7, column: 5 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - mountPath: /data
      name: data
    securityContext:
      readOnlyRootFilesystem: true
  volumes:
  - name: data
    emptyDir: {}
`,
      suggestion: {
        title: 'Set readOnlyRootFilesystem: true and mount a writable emptyDir at /tmp',
        output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - mountPath: /data
      name: data
    - name: tmp
      mountPath: /tmp
    securityContext:
      readOnlyRootFilesystem: true
  volumes:
  - name: data
    emptyDir: {}
  - name: tmp
    emptyDir: {}
`,
      },
    },
    {
      name: 'missing: set in a new container securityContext; both fixes offered',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        # the port nginx listens on
        ports:
        - containerPort: 8080
`,
      errors: [{ line: 9, column: 9, message: 'The container "app" does not set readOnlyRootFilesystem: true.' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        # the port nginx listens on
        ports:
        - containerPort: 8080
        securityContext:
          readOnlyRootFilesystem: true
`,
    },
    {
      name: 'explicit false: reported on the value, flipped, comment kept',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      readOnlyRootFilesystem: false  # app writes to /var/cache
`,
      errors: [{ line: 10, column: 31, message: /sets readOnlyRootFilesystem: false/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    securityContext:
      readOnlyRootFilesystem: true  # app writes to /var/cache
`,
    },
    {
      name: 'something is already mounted at /tmp: only the plain fix; existing securityContext extended',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - name: scratch
      mountPath: /tmp/
    securityContext:
      allowPrivilegeEscalation: false
`,
      errors: [{ line: 10 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - name: scratch
      mountPath: /tmp/
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
`,
    },
    {
      name: 'flow maps, init container first',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: init, image: "busybox:1.36"}\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {}\n',
      errors: [{ line: 6, message: /init container "init"/ }, { line: 8 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: init, image: "busybox:1.36", securityContext: {readOnlyRootFilesystem: true}}\n  containers:\n  - name: app\n    image: app:1\n    securityContext: {readOnlyRootFilesystem: true}\n',
    },
    {
      name: '4-space indentation, CRLF',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   name: app\r\n        image: app:1\r\n        securityContext:\r\n            runAsNonRoot: true\r\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   name: app\r\n        image: app:1\r\n        securityContext:\r\n            runAsNonRoot: true\r\n            readOnlyRootFilesystem: true\r\n',
    },
  ],
});

function secondFix(code: string, index = 0): string {
  const hits = lintCase(RULE, { code }).filter((f) => f.ruleId === RULE);
  const fix = hits[index]?.fixes.find((f) => f.title === TMP_TITLE);
  assert.ok(fix, `the /tmp fix should be offered: ${JSON.stringify(hits.map((h) => h.fixes.map((f) => f.title)))}`);
  assert.equal(fix.isPreferred, false, 'the /tmp fix is not the preferred one');
  const once = applyTextEdits(code, fix.edits);
  assert.deepEqual(
    lintCase(RULE, { code: once }).filter((f) => f.ruleId === RULE && f.range.start.line === hits[index].range.start.line),
    [],
  );
  return once;
}

/** The rule's own fix titles on the first finding (the engine may add a suppression fix; not this rule's). */
function ruleFixTitles(code: string): string[] {
  const hit = lintCase(RULE, { code }).find((f) => f.ruleId === RULE);
  return (hit?.fixes ?? []).map((f) => f.title).filter((t) => !t.startsWith('Suppress '));
}

describe(`${RULE}: the emptyDir /tmp fix`, () => {
  it('is offered beside the plain fix, for a missing field and for an explicit false', () => {
    const pod = (securityContext: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n${securityContext}`;
    assert.deepEqual(ruleFixTitles(pod('')), [SET_TITLE, TMP_TITLE]);
    assert.deepEqual(ruleFixTitles(pod('    securityContext:\n      readOnlyRootFilesystem: false\n')), [SET_TITLE, TMP_TITLE]);
  });

  it('is not offered when something is mounted at /tmp already', () => {
    const code = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  volumes:
  - name: scratch
    emptyDir: {}
  containers:
  - name: app
    image: app:1
    volumeMounts:
    - name: scratch
      mountPath: /tmp/
`;
    assert.deepEqual(ruleFixTitles(code), [SET_TITLE]);
  });

  it('creates volumeMounts and volumes when both are missing (flush sequences)', () => {
    const code = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
`;
    assert.equal(
      secondFix(code),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.25
        securityContext:
          readOnlyRootFilesystem: true
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`,
    );
  });

  it('appends to existing indented sequences and picks a free volume name', () => {
    const code = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: app:1
      securityContext:
        readOnlyRootFilesystem: false
      volumeMounts:
        - name: tmp
          mountPath: /data  # not /tmp
  volumes:
    - name: tmp
      emptyDir: {}
`;
    assert.equal(
      secondFix(code),
      `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: app:1
      securityContext:
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: tmp
          mountPath: /data  # not /tmp
        - name: tmp-dir
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir: {}
    - name: tmp-dir
      emptyDir: {}
`,
    );
  });

  it('explicit false on the last line of the last container: the edits do not collide', () => {
    const code =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      readOnlyRootFilesystem: false\n';
    assert.equal(
      secondFix(code),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    securityContext:\n      readOnlyRootFilesystem: true\n    volumeMounts:\n    - name: tmp\n      mountPath: /tmp\n  volumes:\n  - name: tmp\n    emptyDir: {}\n',
    );
  });

  it('flow-style lists get flow items', () => {
    const code =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes: []\n  containers:\n  - name: app\n    image: app:1\n    volumeMounts: []\n';
    assert.equal(
      secondFix(code),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  volumes: [{name: tmp, emptyDir: {}}]\n  containers:\n  - name: app\n    image: app:1\n    volumeMounts: [{name: tmp, mountPath: /tmp}]\n    securityContext:\n      readOnlyRootFilesystem: true\n',
    );
  });

  it('keeps CRLF and 4-space indentation', () => {
    const code = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n';
    assert.equal(
      secondFix(code),
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n        - name: app\r\n          image: app:1\r\n          securityContext:\r\n              readOnlyRootFilesystem: true\r\n          volumeMounts:\r\n              - name: tmp\r\n                mountPath: /tmp\r\n    volumes:\r\n        - name: tmp\r\n          emptyDir: {}\r\n',
    );
  });

  it('keeps the `-   name:` dash padding of 4-space files', () => {
    const code = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   name: app\r\n        image: app:1\r\n';
    assert.equal(
      secondFix(code),
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n    name: p\r\nspec:\r\n    containers:\r\n    -   name: app\r\n        image: app:1\r\n        securityContext:\r\n            readOnlyRootFilesystem: true\r\n        volumeMounts:\r\n        -   name: tmp\r\n            mountPath: /tmp\r\n    volumes:\r\n    -   name: tmp\r\n        emptyDir: {}\r\n',
    );
  });
});

ruleTester(RULE, {
  valid: [],
  invalid: [
    {
      name: "the VOLUME paths of the image's Dockerfile get an emptyDir too (Kubernetes creates none for them); a path already mounted is left alone",
      files: { '/work/web/Dockerfile': 'FROM nginx:1.27\nVOLUME ["/var/cache/nginx", "/data"]\nVOLUME /var/run\n' },
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: web
    image: registry.example.com/web:2
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: web-data}
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: web
    image: registry.example.com/web:2
    volumeMounts:
    - name: data
      mountPath: /data
    securityContext:
      readOnlyRootFilesystem: true
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: web-data}
`,
      suggestion: {
        title: 'Set readOnlyRootFilesystem: true and mount writable emptyDirs at /tmp, /var/cache/nginx, /var/run',
        output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: web
    image: registry.example.com/web:2
    volumeMounts:
    - name: data
      mountPath: /data
    - name: tmp
      mountPath: /tmp
    - name: nginx
      mountPath: /var/cache/nginx
    - name: run
      mountPath: /var/run
    securityContext:
      readOnlyRootFilesystem: true
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: web-data}
  - name: tmp
    emptyDir: {}
  - name: nginx
    emptyDir: {}
  - name: run
    emptyDir: {}
`,
      },
    },
    {
      name: 'a mount of a parent folder covers the paths below it',
      files: { '/work/web/Dockerfile': 'FROM nginx:1.27\nVOLUME /var/cache/nginx\n' },
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: web:2\n    volumeMounts: [{name: scratch, mountPath: /var/cache/}]\n  volumes: [{name: scratch, emptyDir: {}}]\n',
      errors: [{ line: 7 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: web:2\n    volumeMounts: [{name: scratch, mountPath: /var/cache/}]\n    securityContext:\n      readOnlyRootFilesystem: true\n  volumes: [{name: scratch, emptyDir: {}}]\n',
      suggestion: {
        title: 'Set readOnlyRootFilesystem: true and mount a writable emptyDir at /tmp',
        output:
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: web:2\n    volumeMounts: [{name: scratch, mountPath: /var/cache/}, {name: tmp, mountPath: /tmp}]\n    securityContext:\n      readOnlyRootFilesystem: true\n  volumes: [{name: scratch, emptyDir: {}}, {name: tmp, emptyDir: {}}]\n',
      },
    },
  ],
});
