import { ruleTester } from '../../harness/ruleTester';

const deployment = (podSpec: string, ns = 'prod', kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${podSpec}`;

const object = (kind: string, name: string, ns = 'prod') => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

/** The workspace manages each kind in namespace prod (one object of each). */
const managed = {
  '/work/sa.yaml': object('ServiceAccount', 'web'),
  '/work/cm.yaml': object('ConfigMap', 'web-config'),
  '/work/secret.yaml': object('Secret', 'web-secret'),
  '/work/pvc.yaml': object('PersistentVolumeClaim', 'web-data'),
};

const container = (extra: string) => `      containers:
      - name: app
        image: web:1.0
${extra}`;

const allRefs = `      serviceAccountName: web
      volumes:
      - name: config
        configMap: {name: web-config}
      - name: secret
        secret: {secretName: web-secret}
      - name: data
        persistentVolumeClaim: {claimName: web-data}
      - name: projected
        projected:
          sources:
          - configMap: {name: web-config}
          - secret: {name: web-secret}
${container('        envFrom:\n        - configMapRef: {name: web-config}\n        - secretRef: {name: web-secret}\n')}`;

ruleTester('k8s/missing-reference', {
  valid: [
    { name: 'every reference defined in other files', code: deployment(allRefs), files: managed },
    {
      // kubernetes/examples scaleio: the claim's file has a duplicate key, so its objects are unknown, not absent.
      name: 'a claim defined in a document that does not parse (duplicate key) is not called missing',
      code: deployment(`      volumes:\n      - name: d\n        persistentVolumeClaim: {claimName: data}\n${container('')}`),
      files: {
        ...managed,
        '/work/data-pvc.yaml': `${object('PersistentVolumeClaim', 'data')}spec:\n  storageClassName: fast\n  storageClassName: fast\n`,
      },
    },
    {
      name: "a repository of independent examples: Secrets defined in another example's folder say nothing about this one's (kubernetes/examples)",
      path: '/repo/AI/vllm/deployment.yaml',
      code: deployment(container('        envFrom:\n        - secretRef: {name: hf-secret}\n')),
      files: { '/repo/storage/minio/secret.yaml': object('Secret', 'minio-keys') },
    },
    {
      name: 'file opened alone: no ConfigMap, Secret, account or claim of the namespace in the workspace',
      code: deployment(allRefs.replace(/web-/g, 'other-').replace('serviceAccountName: web', 'serviceAccountName: other')),
    },
    {
      name: 'optional references',
      code: deployment(
        `      volumes:\n      - name: c\n        configMap: {name: nope, optional: true}\n${container('        envFrom:\n        - secretRef: {name: nope, optional: true}\n        env:\n        - name: X\n          valueFrom:\n            configMapKeyRef: {name: nope, key: x, optional: true}\n')}`,
      ),
      files: managed,
    },
    {
      name: 'cluster-provided: the default ServiceAccount and kube-root-ca.crt',
      code: deployment(`      serviceAccountName: default\n      volumes:\n      - name: ca\n        configMap: {name: kube-root-ca.crt}\n${container('')}`),
      files: managed,
    },
    { name: 'templated name', code: deployment(`      serviceAccountName: "{{ .Values.sa }}"\n${container('')}`), files: managed },
    {
      name: 'kube-system: the cluster provides its objects',
      code: deployment(`      serviceAccountName: kube-proxy\n${container('')}`, 'kube-system'),
      files: { '/work/sa.yaml': object('ServiceAccount', 'web', 'kube-system') },
    },
    {
      name: 'a Role may create Secrets at run time (argocd-redis: its init container writes the Secret)',
      code: deployment(container('        env:\n        - name: P\n          valueFrom:\n            secretKeyRef: {name: redis-auth, key: auth}\n')),
      files: {
        ...managed,
        '/work/role.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: init, namespace: prod}\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get, create]\n',
      },
    },
    {
      name: 'Secrets beside custom resources (cert-manager writes spec.secretName)',
      code: deployment(`      volumes:\n      - name: tls\n        secret: {secretName: web-tls}\n${container('')}`),
      files: {
        ...managed,
        '/work/cert.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: prod}\nspec: {secretName: web-tls}\n',
      },
    },
    {
      name: 'a StatefulSet claim from volumeClaimTemplates',
      code: deployment(`      volumes:\n      - name: d\n        persistentVolumeClaim: {claimName: data-db-0}\n${container('')}`),
      files: {
        ...managed,
        '/work/db.yaml':
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: prod}\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: data}\n',
      },
    },
    {
      name: 'a ConfigMap written without namespace may be applied to prod',
      code: deployment(`      volumes:\n      - name: c\n        configMap: {name: shared}\n${container('')}`),
      files: { ...managed, '/work/common-config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n' },
    },
    {
      name: 'a Deployment written without namespace may be applied where the ConfigMap is',
      code: deployment(`      volumes:\n      - name: c\n        configMap: {name: team}\n${container('')}`).replace('  namespace: prod\n', ''),
      files: { '/work/a.yaml': object('ConfigMap', 'team', 'team-a'), '/work/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n' },
    },
    {
      name: 'a ConfigMap with a templated name may be the one',
      code: deployment(`      volumes:\n      - name: c\n        configMap: {name: web-settings}\n${container('')}`),
      files: { ...managed, '/work/t.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "{{ .Release.Name }}-settings"\n  namespace: prod\n' },
    },
    {
      name: 'a Component on its own',
      code: deployment(`      serviceAccountName: base-sa\n${container('')}`),
      files: { ...managed, '/work/c/kustomization.yaml': 'kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n' },
      path: '/work/c/.harden-kustomize-build.yaml',
    },
    {
      name: 'a Helm chart (users supply names such as existingSecret)',
      code: deployment(`      serviceAccountName: wbe\n${container('')}`),
      files: {
        ...Object.fromEntries(Object.entries(managed).map(([k, v]) => [k.replace('/work/', '/work/chart/templates/'), v])),
        '/work/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
      },
      path: '/work/chart/templates/deployment.yaml',
    },
    {
      name: "an Ingress's TLS Secret (issued at run time by cert-manager's ingress-shim)",
      code: deployment(`      volumes:\n      - name: tls\n        secret: {secretName: shop-tls}\n${container('')}`),
      files: {
        ...managed,
        '/work/ing.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: prod}\nspec:\n  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls\n',
      },
    },
    ...['beta', 'alpha'].map((version) => ({
      name: `a Service's serving certificate (service.${version}.openshift.io/serving-cert-secret-name: OpenShift's service-ca operator creates it)`,
      code: deployment(`      volumes:\n      - name: tls\n        secret: {secretName: web-serving-cert}\n${container('')}`),
      files: {
        ...managed,
        '/work/svc.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: prod\n  annotations:\n    service.${version}.openshift.io/serving-cert-secret-name: web-serving-cert\nspec:\n  selector: {app: web}\n  ports: [{port: 8443}]\n`,
      },
    })),
    {
      name: 'ConfigMaps of a Helm chart in the workspace (named after the release once installed)',
      code: deployment(`      volumes:\n      - name: c\n        configMap: {name: prod-web-config}\n${container('')}`),
      files: {
        '/work/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
        '/work/chart/templates/cm.yaml': object('ConfigMap', 'release-name-web-config'),
      },
    },
  ],
  invalid: [
    {
      name: "a serving certificate issued for a Service of another namespace is not this namespace's Secret",
      code: deployment(`      volumes:\n      - name: tls\n        secret: {secretName: web-serving-cert}\n${container('')}`),
      files: {
        ...managed,
        '/work/svc.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: staging\n  annotations:\n    service.beta.openshift.io/serving-cert-secret-name: web-serving-cert\nspec:\n  selector: {app: web}\n  ports: [{port: 8443}]\n`,
      },
      errors: [{ line: 15, message: /mounts Secret "web-serving-cert"/ }],
    },
    {
      name: 'a Secret beside the Deployment, in a sibling folder under the same parent (k8s/secrets, k8s/deployments): the name is misspelt',
      path: '/repo/k8s/deployments/web.yaml',
      code: deployment(container('        envFrom:\n        - secretRef: {name: web-secrte}\n')),
      files: { '/repo/k8s/secrets/web.yaml': object('Secret', 'web-secret') },
      errors: [{ line: 17, message: /Secret "web-secrte"/ }],
    },
    {
      name: 'a document that does not parse hides only what it mentions (kind and name)',
      code: deployment(`      volumes:\n      - name: d\n        persistentVolumeClaim: {claimName: logs}\n${container('')}`),
      files: { ...managed, '/work/broken.yaml': `${object('PersistentVolumeClaim', 'data')}spec: [\n` },
      errors: [{ line: 15, message: /PersistentVolumeClaim "logs"/ }],
    },
    {
      name: 'each kind missing, reported once per name',
      code: deployment(allRefs.replace(/web-/g, 'wbe-').replace('serviceAccountName: web', 'serviceAccountName: wbe')),
      files: managed,
      errors: [
        { line: 13, message: 'Deployment "web" runs as ServiceAccount "wbe", which is not in namespace "prod" of the workspace: its pods will not start.' },
        { line: 16, message: /mounts ConfigMap "wbe-config"/ },
        { line: 18, message: /mounts Secret "wbe-secret"/ },
        { line: 20, message: /mounts PersistentVolumeClaim "wbe-data"/ },
      ],
    },
    {
      name: 'env valueFrom and envFrom',
      code: deployment(
        container(
          '        envFrom:\n        - secretRef: {name: api-keys}\n        env:\n        - name: X\n          valueFrom:\n            configMapKeyRef: {name: settings, key: x}\n',
        ),
      ),
      files: managed,
      errors: [
        { line: 17, message: /reads the environment from Secret "api-keys"/ },
        { line: 21, message: /reads a variable from ConfigMap "settings"/ },
      ],
    },
    {
      name: 'the deprecated serviceAccount field',
      code: deployment(`      serviceAccount: wbe\n${container('')}`),
      files: managed,
      errors: [{ line: 13, message: /runs as ServiceAccount "wbe"/ }],
    },
    {
      name: 'defined in another namespace only',
      code: deployment(`      serviceAccountName: web\n${container('')}`),
      files: { '/work/sa.yaml': object('ServiceAccount', 'web', 'staging'), '/work/sa2.yaml': object('ServiceAccount', 'api') },
      errors: [{ line: 13, message: /not in namespace "prod"/ }],
    },
    {
      name: 'a StatefulSet ordinal that is not a claim of the set',
      code: deployment(`      volumes:\n      - name: d\n        persistentVolumeClaim: {claimName: logs-db-0}\n${container('')}`),
      files: {
        ...managed,
        '/work/db.yaml':
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: prod}\nspec:\n  volumeClaimTemplates:\n  - metadata: {name: data}\n',
      },
      errors: [{ line: 15 }],
    },
  ],
});
