import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

// A PDB and spread constraints, so that raising replicas introduces no k8s/pdb-missing or k8s/topology-spread.
const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: web
`;

const deployment = (specHead: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${specHead}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: web
      containers:
      - name: app
        image: web:1.0
`;

ruleTester('k8s/replicas', {
  valid: [
    {
      name: 'singleton by design: a StatefulSet of one (a database)',
      code: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: strategy Recreate: never two pods at once',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  strategy:
    type: Recreate
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: a leader-elected controller',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
        args: [--leader-elect=true]
`,
    },
    {
      name: 'singleton by design: a ReadWriteOnce volume claim (unknown claims are ReadWriteOnce)',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      volumes:
      - name: files
        persistentVolumeClaim: {claimName: files}
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: an emptyDir named as a cache',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      volumes:
      - name: redis-data
        emptyDir: {}
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: a load generator',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: loadgenerator
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: annotated harden.dev/singleton',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    harden.dev/singleton: "true"
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
`,
    },
    {
      name: 'singleton by design: a single-node database (a second replica would be a second, empty one)',
      code: deployment('').replace('image: web:1.0', 'image: docker.io/library/postgres:16.4'),
    },
    {
      name: 'the same for MinIO and Bitnami MySQL',
      code: deployment('').replace('image: web:1.0', 'image: quay.io/minio/minio:RELEASE.2024-01-01\n      - name: db\n        image: bitnami/mysql:8.4'),
    },
    // argo-workflows' quick-start databases (manifests/components/{mysql,postgres}): Fedora's builds name the version.
    {
      name: 'a single-node database whose image names its version (quay.io/fedora/mysql-80), no volume',
      code: deployment('').replace(
        'image: web:1.0',
        'image: quay.io/fedora/mysql-80@sha256:4f242c1ea0b77df36293784ed26acc12a1e048457fe6c4037bd5d49a0ec4d186\n        env:\n        - {name: MYSQL_DATABASE, value: argo}',
      ),
    },
    {
      name: 'the same for quay.io/fedora/postgresql-16, sclorg/mariadb-1011-c9s, mongo, redis and mysql/mysql-server',
      code: ['quay.io/fedora/postgresql-16:latest', 'quay.io/sclorg/mariadb-1011-c9s', 'mongo:7.0', 'redis:7.2-alpine', 'mysql/mysql-server:8.0']
        .map((image) => deployment('').replace('image: web:1.0', `image: ${image}`))
        .join('---\n'),
    },
    { name: 'three replicas', code: deployment('  replicas: 3\n') + PDB },
    {
      name: 'an HPA in the same file scales it (judged by k8s/hpa-min-replicas instead)',
      code: `${deployment('')}---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
`,
    },
    { name: 'explicitly scaled to zero', code: deployment('  replicas: 0\n') },
    { name: 'templated replicas', code: deployment('  replicas: {{ .Values.replicas }}\n') },
    {
      name: 'DaemonSet has no replicas',
      code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
    },
    {
      name: 'Job is exempt',
      code: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: a:1\n',
    },
  ],
  invalid: [
    // A store run as a member of a replicated setup is meant to be several pods: it is reported, as any workload.
    ...[
      ['Redis in cluster mode', 'image: redis:7.2\n        args: [--cluster-enabled, "yes"]'],
      ['a MongoDB replica set member', 'image: mongo:7.0\n        command: [mongod, --replSet, rs0]'],
      ['a MongoDB router', 'image: mongo:7.0\n        command: [mongos, --configdb, cfg/cfg-0:27019]'],
      ['Bitnami MySQL in replication mode', 'image: bitnami/mysql:8.4\n        env:\n        - {name: MYSQL_REPLICATION_MODE, value: slave}'],
      [
        'a Redis with a Sentinel beside it',
        'image: redis:7.2\n      - name: sentinel\n        image: redis:7.2\n        command: [redis-sentinel, /etc/sentinel.conf]',
      ],
      ['MariaDB Galera', 'image: bitnami/mariadb-galera:11.4'],
      ['a program named after a store, not the store (mongo-express)', 'image: mongo-express:1.0'],
      ['a program named after a store, not the store (postgres-exporter)', 'image: quay.io/prometheuscommunity/postgres-exporter:v0.15.0'],
    ].map(([name, image]) => ({ name, code: deployment('').replace('image: web:1.0', image) + PDB, errors: [{ line: 4, message: /runs a single pod/ }] })),
    {
      name: 'a ReadWriteMany claim does not make a singleton; an emptyDir scratch volume neither',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      volumes:
      - name: scratch
        emptyDir: {}
      - name: files
        persistentVolumeClaim: {claimName: files}
      containers:
      - name: app
        image: app:1
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: files
spec:
  accessModes: [ReadWriteMany]
`,
      errors: [{ line: 4 }],
    },
    {
      name: 'replicas absent: fix adds replicas: 3 at the top of spec',
      code: deployment('') + PDB,
      errors: [{ line: 4, message: /runs a single pod/ }],
      output: deployment('  replicas: 3\n') + PDB,
    },
    {
      name: 'replicas: 1 with a comment is replaced in place',
      code: deployment('  replicas: 1  # dev sizing\n') + PDB,
      errors: [{ line: 6, message: /only 1 replica/ }],
      output: deployment('  replicas: 3  # dev sizing\n') + PDB,
    },
    {
      name: 'HPA targeting another workload does not count; 4-space indent, CRLF',
      code:
        'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: db\r\nspec:\r\n    serviceName: db\r\n    template:\r\n        spec:\r\n            affinity:\r\n                podAntiAffinity:\r\n                    preferredDuringSchedulingIgnoredDuringExecution: []\r\n            containers:\r\n            -   name: db\r\n                image: db:1\r\n' +
        '---\r\napiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n    name: other\r\nspec:\r\n    scaleTargetRef:\r\n        kind: Deployment\r\n        name: other\r\n    minReplicas: 2\r\n    maxReplicas: 3\r\n',
      errors: [{ line: 4 }],
      output:
        'apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n    name: db\r\nspec:\r\n    replicas: 3\r\n    serviceName: db\r\n    template:\r\n        spec:\r\n            affinity:\r\n                podAntiAffinity:\r\n                    preferredDuringSchedulingIgnoredDuringExecution: []\r\n            containers:\r\n            -   name: db\r\n                image: db:1\r\n' +
        '---\r\napiVersion: autoscaling/v2\r\nkind: HorizontalPodAutoscaler\r\nmetadata:\r\n    name: other\r\nspec:\r\n    scaleTargetRef:\r\n        kind: Deployment\r\n        name: other\r\n    minReplicas: 2\r\n    maxReplicas: 3\r\n',
    },
  ],
});

describe('k8s/replicas: cluster-wide controllers', () => {
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kube-state-metrics\n  namespace: monitoring\nspec:\n  replicas: 1\n  template:\n    spec:\n      serviceAccountName: kube-state-metrics\n      containers:\n      - {name: ksm, image: ksm:2}\n';
  const binding = (namespace: string) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ksm\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ksm}\nsubjects:\n- {kind: ServiceAccount, name: kube-state-metrics, namespace: ${namespace}}\n`;
  const hits = (rbac: string) => {
    const linter = new Linter();
    linter.indexFile({ path: '/w/rbac.yaml', text: rbac });
    return linter.lint({ path: '/w/deploy.yaml', text: deployment }).findings.filter((f) => f.ruleId === 'k8s/replicas');
  };
  it('a Deployment whose ServiceAccount a ClusterRoleBinding binds runs once by design: silent', () => {
    assert.deepEqual(hits(binding('monitoring')), []);
  });
  it("a binding of another namespace's account does not count", () => {
    assert.equal(hits(binding('default')).length, 1);
  });
});
