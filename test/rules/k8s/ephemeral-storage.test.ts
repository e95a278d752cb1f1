import { ruleTester } from '../../harness/ruleTester';

const pod = (resources: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
${extra}  containers:
  - name: app
    image: app:1
${resources}`;

const readOnly = (mount: string, volume: string) => pod(`    securityContext:\n      readOnlyRootFilesystem: true\n${mount}`, volume);

ruleTester('k8s/ephemeral-storage', {
  valid: [
    { name: 'limit set', code: pod('    resources:\n      limits:\n        ephemeral-storage: 2Gi\n') },
    {
      name: 'limit and request set',
      code: pod('    resources:\n      requests:\n        ephemeral-storage: 1Gi\n      limits:\n        ephemeral-storage: 2Gi\n'),
    },
    { name: 'flow style', code: pod('    resources: {limits: {memory: 1Gi, ephemeral-storage: "1Gi"}}\n') },
    { name: 'templated resources are unknown, not missing', code: pod('    resources: {{ toYaml .Values.resources | nindent 6 }}\n') },
    { name: 'templated limits', code: pod('    resources:\n      limits: {{ .Values.limits }}\n') },
    {
      name: 'init container with a limit too',
      code: pod(
        '    resources: {limits: {ephemeral-storage: 1Gi}}\n',
        '  initContainers:\n  - name: init\n    image: busybox:1.36\n    resources: {limits: {ephemeral-storage: 100Mi}}\n',
      ),
    },
    { name: 'read-only root file system, nothing mounted', code: readOnly('', '') },
    {
      name: 'read-only root file system, emptyDir without sizeLimit (a pod-level matter, not this rule)',
      code: readOnly('    volumeMounts:\n    - {name: tmp, mountPath: /tmp}\n', '  volumes:\n  - name: tmp\n    emptyDir: {}\n'),
    },
    {
      name: 'read-only root file system, emptyDir with a sizeLimit',
      code: readOnly('    volumeMounts:\n    - {name: tmp, mountPath: /tmp}\n', '  volumes:\n  - name: tmp\n    emptyDir: {sizeLimit: 100Mi}\n'),
    },
    { name: 'templated readOnlyRootFilesystem', code: pod('    securityContext:\n      readOnlyRootFilesystem: {{ .Values.ro }}\n') },
    { name: 'a Service has no containers', code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n' },
  ],
  invalid: [
    {
      name: 'no resources at all',
      code: pod(''),
      errors: [
        {
          line: 7,
          severity: 'info',
          message:
            'The container "app" has no ephemeral-storage limit and a writable root file system: it can fill the node\'s disk, and the kubelet then evicts other pods too.',
        },
      ],
    },
    {
      name: 'a substituted GPU count leaves the other keys known (GKE samples: nvidia.com/gpu: ${ACCELERATOR_QUANTITY})',
      code: pod('    resources:\n      limits:\n        cpu: 500m\n        memory: 500Mi\n        nvidia.com/gpu: ${ACCELERATOR_QUANTITY}\n'),
      errors: [{ line: 7, message: /has no ephemeral-storage limit/ }],
    },
    {
      name: 'cpu and memory limits only',
      code: pod('    resources:\n      limits:\n        cpu: 500m\n        memory: 256Mi\n'),
      errors: [{ line: 7, message: /has no ephemeral-storage limit/ }],
    },
    {
      name: 'a request but no limit',
      code: pod('    resources:\n      requests:\n        ephemeral-storage: 1Gi\n'),
      errors: [{ line: 7, message: /has an ephemeral-storage request but no limit/ }],
    },
    {
      name: 'null limit counts as unset',
      code: pod('    resources:\n      limits:\n        ephemeral-storage:\n'),
      errors: [{ line: 7 }],
    },
    {
      name: 'init containers are checked like the others',
      code: pod('    resources: {limits: {ephemeral-storage: 1Gi}}\n', '  initContainers:\n  - name: init\n    image: busybox:1.36\n'),
      errors: [{ line: 7, message: /init container "init"|container "init"/ }],
    },
    {
      name: 'readOnlyRootFilesystem: false',
      code: pod('    securityContext:\n      readOnlyRootFilesystem: false\n'),
      errors: [{ line: 7, message: /and a writable root file system/ }],
    },
    {
      name: 'every container of a Deployment',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1
      - name: sidecar
        image: proxy:2
        resources: {limits: {ephemeral-storage: 100Mi}}
      - name: logger
        image: fluent-bit:3
`,
      errors: [
        { line: 9, message: /"app"/ },
        { line: 14, message: /"logger"/ },
      ],
    },
  ],
});
