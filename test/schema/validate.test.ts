// The schema validator (server/src/services/schema/validate.ts) on the shipped Kubernetes schema. The expected
// messages and ranges are what yaml-language-server 1.x reported for the same documents (Harden validated
// through it before; 458 randomly mutated corpus documents gave identical results when this was written).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/engine';
import { readSchemaFile } from '../../server/src/hosts/node/schemaFile';
import { SchemaData } from '../../server/src/services/schema/data';
import { KindValidator } from '../../server/src/services/schema/validate';
import { FIELD_CHECKS } from '../../server/src/services/schema/apiValidation';

const data = SchemaData.parse(readSchemaFile());
const validator = (key: string) => new KindValidator(data.bundle.definitions[data.bundle.kinds[key]], data.bundle.definitions);

/** `line:col-line:col message`, 0-based, sorted by position. */
function problems(key: string, text: string): string[] {
  const lines = new LineIndex(text);
  return validator(key)
    .validateText(text)
    .map((p) => {
      const start = lines.positionAt(p.start);
      const end = lines.positionAt(p.end);
      return `${start.line}:${start.character}-${end.line}:${end.character} ${p.message}`;
    });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  replicaCount: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: 5
    spec:
      containers:
      - name: web
        image: 5
        ports:
        - containerPort: "80"
        resources:
          limits:
            cpu: true
        securityContext:
          runAsUser: 1.5
          privileged: "yes"
        env:
        - value: x
      - image: y
        preStop: {}
`;

describe('schema validator', () => {
  it('reports unknown fields on the key, wrong types on the value, missing fields where yaml-language-server did', () => {
    assert.deepEqual(problems('apps/v1/Deployment', DEPLOYMENT), [
      '5:12-5:15 Incorrect type. Expected "integer".',
      '6:2-6:14 Property replicaCount is not allowed.',
      '13:13-13:14 Incorrect type. Expected "string".',
      '17:15-17:16 Incorrect type. Expected "string".',
      '19:25-19:29 Incorrect type. Expected "integer".',
      '22:17-22:21 Incorrect type. Expected "string | number".',
      '24:21-24:24 Incorrect type. Expected "integer".',
      '25:22-25:27 Incorrect type. Expected "boolean".',
      '27:10-27:11 Missing property "name".',
      '28:8-28:9 Missing property "name".',
      '28:15-28:16 kubectl apply -f reads y as the boolean true (YAML 1.1), which the API refuses for this string: quote it ("y").',
      '29:8-29:15 Property preStop is not allowed.',
    ]);
  });

  it('names a referenced definition in a type error, reports a missing field on the key of its object', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: 5\nspec:\n  ports:\n  - targetPort: 8080\n  type: ClusterIP\n  selector: 5\n';
    assert.deepEqual(problems('v1/Service', service), [
      '2:10-2:11 Incorrect type. Expected "ObjectMeta".',
      '5:4-5:5 Missing property "port".',
      '7:12-7:13 Incorrect type. Expected "object".',
    ]);
    const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  kind: Role\n  name: r\n';
    assert.deepEqual(problems('rbac.authorization.k8s.io/v1/RoleBinding', binding), ['4:0-4:7 Missing property "apiGroup".']);
  });

  it('accepts what Kubernetes accepts: int-or-string ports, quantities as numbers, labels as strings, unknown keys under maps', () => {
    const ok =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  labels: {app: web, "team": "x"}\n  annotations:\n    anything/goes: "yes"\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: http\n  - port: 81\n    targetPort: 8081\n';
    assert.deepEqual(problems('v1/Service', ok), []);
  });

  it('accepts null anywhere, as the API server does ("unset"): what `kubectl create --dry-run=client -o yaml` writes', () => {
    const generated =
      'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels: null\n  name: s\nspec:\n  type: null\n  selector: ~\n  ports:\n  - port: 80\n    targetPort:\nstatus:\n  loadBalancer: {}\n';
    assert.deepEqual(problems('v1/Service', generated), []);
  });

  describe('lists the API keys by some fields (x-kubernetes-list-map-keys)', () => {
    const pod = (container: string, spec = '') =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n  - name: web\n    image: web:1\n${container}`;
    it('reports an item that repeats an earlier key, on its key (kube-linter duplicate-env-var; the API refuses repeated containers)', () => {
      const env = '    env:\n    - name: PORT\n      value: "80"\n    - name: PORT\n      value: "8080"\n';
      assert.deepEqual(problems('v1/Pod', pod(env)), [
        '11:12-11:16 Duplicate entry: an earlier item of this list has name="PORT". The API keys this list by name: server-side apply refuses the object, and a merge patch keeps one of them.',
      ]);
      assert.deepEqual(
        problems('v1/Pod', pod('  - name: web\n    image: web:2\n')).map((p) => p.split('.')[0]),
        ['8:10-8:13 Duplicate entry: an earlier item of this list has name="web"'],
      );
    });
    it('compares every key field, an absent protocol as the TCP the API server fills in', () => {
      const ports = (second: string) => `    ports:\n    - containerPort: 53\n${second}`;
      assert.equal(problems('v1/Pod', pod(ports('    - containerPort: 53\n      protocol: TCP\n'))).length, 1);
      assert.match(problems('v1/Pod', pod(ports('    - containerPort: 53\n      protocol: TCP\n')))[0], /containerPort="53", protocol="TCP"/);
      assert.deepEqual(problems('v1/Pod', pod(ports('    - containerPort: 53\n      protocol: UDP\n'))), []);
    });
    it("leaves alone items whose key cannot be read, a patch's directives, and a live object's status", () => {
      const unreadable = problems('v1/Pod', pod('    env:\n    - name: {a: b}\n    - name: {a: b}\n    - value: x\n    - value: x\n'));
      assert.equal(unreadable.length, 4); // type errors and missing names, no duplicate
      assert.ok(!unreadable.some((p) => p.includes('Duplicate')));
      assert.deepEqual(
        problems('v1/Pod', pod('  - name: web\n    $patch: delete\n')).filter((p) => p.includes('Duplicate')),
        [],
      );
      const status = 'status:\n  conditions:\n  - type: Ready\n    status: "True"\n  - type: Ready\n    status: "False"\n';
      assert.deepEqual(problems('v1/Pod', pod('') + status), []);
    });
  });

  describe('values the API server refuses though the OpenAPI schema allows them (ports, as core validation checks them)', () => {
    // kube-linter's invalid-target-ports test data, and what the same validation says of container ports and probes.
    const service = (ports: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n${ports}`;
    it('a Service port out of range, a target port out of range or with a name too long, a quoted number as a name', () => {
      assert.deepEqual(
        problems(
          'v1/Service',
          service('  - port: 0\n  - port: 80\n    targetPort: 123456\n  - port: 81\n    targetPort: n234567890123456\n  - port: 82\n    targetPort: "8080"\n'),
        ),
        [
          '6:10-6:11 Invalid value 0: must be between 1 and 65535, inclusive.',
          '8:16-8:22 Invalid value 123456: must be between 1 and 65535, inclusive.',
          '10:16-10:32 Invalid value "n234567890123456": must be no more than 15 characters.',
          '12:16-12:22 Invalid value "8080": must contain at least one letter (a-z).',
        ],
      );
    });
    it('leaves substitutions alone (envsubst, Flux post-build: `${PORT}` is a number once applied)', () => {
      assert.deepEqual(
        problems(
          'v1/Service',
          service('  - port: ${PORT}\n    targetPort: ${GRPC_PORT:-9002}\n    protocol: ${PROTOCOL}\n  - port: 81\n    targetPort: "$PORT"\n'),
        ),
        ['10:16-10:23 Invalid value "$PORT": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-).'],
      );
    });
    it('accepts what the API accepts: numbers in range, IANA names, targetPort 0 (unset: it defaults to port)', () => {
      assert.deepEqual(
        problems('v1/Service', service('  - port: 80\n    targetPort: http-alt\n  - port: 65535\n    targetPort: 0\n  - port: 443\n    targetPort: 8443\n')),
        [],
      );
    });
    it('container port names and numbers, hostPort 0, and probe ports by number or name', () => {
      const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: web:1\n    ports:\n    - name: Web--Port\n      containerPort: 70000\n      hostPort: 0\n    - name: -web\n      containerPort: 8080\n    readinessProbe:\n      httpGet:\n        port: http_web\n    livenessProbe:\n      grpc:\n        port: 0\n    startupProbe:\n      tcpSocket:\n        port: metrics\n`;
      assert.deepEqual(problems('v1/Pod', pod), [
        '9:12-9:21 Invalid value "Web--Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-).',
        '10:21-10:26 Invalid value 70000: must be between 1 and 65535, inclusive.',
        '12:12-12:16 Invalid value "-web": must not begin or end with a hyphen.',
        '16:14-16:22 Invalid value "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-).',
        '19:14-19:15 Invalid value 0: must be between 1 and 65535, inclusive.',
      ]);
    });
  });

  describe("the API's fixed sets of values (+enum types; the shipped OpenAPI v2 schema lists none of them)", () => {
    it('a value outside the set, in the case the API server compares (kube-score pod-topology-spread-constraints-*)', () => {
      const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: always\n  topologySpreadConstraints:\n  - maxSkew: 0\n    minDomains: 0\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSCHEDULE\n  containers:\n  - name: web\n    image: web:1\n    imagePullPolicy: IfNotPresent\n    ports:\n    - containerPort: 53\n      protocol: udp\n    securityContext:\n      seccompProfile:\n        type: RuntimeDefault\n`;
      assert.deepEqual(problems('v1/Pod', pod), [
        '5:17-5:23 Value is not accepted. Valid values: "Always", "OnFailure", "Never".',
        '7:13-7:14 Invalid value 0: must be greater than zero.',
        '8:16-8:17 Invalid value 0: must be greater than zero.',
        '10:23-10:36 Value is not accepted. Valid values: "DoNotSchedule", "ScheduleAnyway".',
        '17:16-17:19 Value is not accepted. Valid values: "TCP", "UDP", "SCTP".',
      ]);
    });
    it('file modes as kubectl reads them: a plain 0644 is octal (YAML 1.1), so 644 is 0o1204 and refused', () => {
      const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: web\n    image: web:1\n  volumes:\n  - name: a\n    secret:\n      secretName: s\n      defaultMode: 0644\n      items:\n      - key: k\n        path: k\n        mode: 755\n  - name: b\n    configMap:\n      name: c\n      defaultMode: 420\n  - name: d\n    projected:\n      defaultMode: 644\n      sources: []\n  - name: e\n    downwardAPI:\n      defaultMode: 0777\n`;
      assert.deepEqual(problems('v1/Pod', pod), [
        '16:14-16:17 Invalid value 755: must be a number between 0 and 0777 (octal), both inclusive.',
        '23:19-23:22 Invalid value 644: must be a number between 0 and 0777 (octal), both inclusive.',
      ]);
    });
    it('names only definitions and fields of the shipped schema (a renamed one would check nothing)', () => {
      for (const [definition, fields] of Object.entries(FIELD_CHECKS)) {
        const schema = data.bundle.definitions[definition] as { properties?: Record<string, unknown> } | undefined;
        assert.ok(schema, definition);
        for (const field of Object.keys(fields)) assert.ok(schema.properties && field in schema.properties, `${definition}.${field}`);
      }
    });
  });

  it('YAML 1.1 booleans (yes, on, n, …, plain): kubectl reads them as booleans, YAML 1.2 tools as strings', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    enabled: on\n    quoted: "on"\n    country: NO\nspec:\n  automountServiceAccountToken: no\n  containers:\n  - name: web\n    image: web:1\n    env:\n    - name: DEBUG\n      value: yes\n    securityContext:\n      runAsNonRoot: true\n      privileged: Off\n';
    assert.deepEqual(problems('v1/Pod', text), [
      '5:13-5:15 kubectl apply -f reads on as the boolean true (YAML 1.1), which the API refuses for this string: quote it ("on").',
      '7:13-7:15 kubectl apply -f reads NO as the boolean false (YAML 1.1), which the API refuses for this string: quote it ("NO").',
      '9:32-9:34 kubectl reads no as false (YAML 1.1), but YAML 1.2 tools such as kustomize read the string "no", which the API refuses here: write false.',
      '15:13-15:16 kubectl apply -f reads yes as the boolean true (YAML 1.1), which the API refuses for this string: quote it ("yes").',
      '18:18-18:21 kubectl reads Off as false (YAML 1.1), but YAML 1.2 tools such as kustomize read the string "Off", which the API refuses here: write false.',
    ]);
    // Other casings are plain strings to go-yaml v2 as well: nothing to say.
    assert.deepEqual(problems('v1/ConfigMap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: oN\n  b: yES\n'), []);
  });

  it('says nothing about a document that does not parse (harden/parse-error does), and skips aliases', () => {
    assert.deepEqual(problems('v1/Service', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n'), []);
    const aliased = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l {a: b}\n  annotations: *l\n';
    assert.deepEqual(problems('v1/ConfigMap', aliased), []);
  });
});
