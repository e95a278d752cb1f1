import { ruleTester } from '../../harness/ruleTester';

const deployment = (labels: string, ns = 'prod', kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
      - name: app
        image: web:1.0
`;

const service = (selector: string, ns = 'prod', extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${ns}
spec:${extra}
  selector: ${selector}
  ports:
  - port: 80
    targetPort: 8080
`;

const job = (name: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: prod
spec:${extra}
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: app
        image: jax:1.0
`;

const unnamespaced = (text: string) => text.replace(/\n {2}namespace: prod/, '');

ruleTester('k8s/service-selector', {
  valid: [
    { name: 'selects the Deployment of the same file', code: `${deployment('{app: web, tier: front}')}---\n${service('{app: web}')}` },
    { name: 'selects a Deployment of another file', code: service('{app: web}'), files: { '/work/deploy.yaml': deployment('{app: web}') } },
    { name: 'selects the pods of a StatefulSet', code: `${deployment('{app: web}', 'prod', 'StatefulSet')}---\n${service('{app: web}')}` },
    {
      name: 'no selector: endpoints managed by hand',
      code: 'apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: prod}\nspec:\n  ports:\n  - port: 80\n',
      files: { '/work/d.yaml': deployment('{app: web}') },
    },
    {
      name: 'ExternalName',
      code: service('{app: nothing}', 'prod', '\n  type: ExternalName\n  externalName: db.example.com'),
      files: { '/work/d.yaml': deployment('{app: web}') },
    },
    { name: 'file opened alone: no pod of the namespace in the workspace', code: service('{app: nothing}') },
    {
      name: 'pods of another namespace only: deployed elsewhere',
      code: service('{app: nothing}'),
      files: { '/work/d.yaml': deployment('{app: web}', 'staging') },
    },
    { name: 'templated selector', code: service('{app: "{{ .Values.app }}"}'), files: { '/work/d.yaml': deployment('{app: web}') } },
    { name: 'templated pod labels may match', code: service('{app: web}'), files: { '/work/d.yaml': deployment('{app: "{{ .Values.app }}"}') } },
    {
      name: 'pods of an operator (app.kubernetes.io/instance names a custom resource of the namespace)',
      code: service('{app.kubernetes.io/name: prometheus, app.kubernetes.io/instance: k8s}'),
      files: {
        '/work/d.yaml': deployment('{app: web}'),
        '/work/p.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: prod}\nspec: {}\n',
      },
    },
    {
      name: "pods of an operator (Strimzi's strimzi.io/cluster names the Kafka resource)",
      code: service('{strimzi.io/cluster: events, strimzi.io/kind: Kafka}'),
      files: {
        '/work/d.yaml': deployment('{app: web}'),
        '/work/k.yaml': 'apiVersion: kafka.strimzi.io/v1beta2\nkind: Kafka\nmetadata: {name: events, namespace: prod}\nspec: {}\n',
      },
    },
    {
      name: 'a Service without namespace may be applied where the pods are',
      code: unnamespaced(service('{app: web}')),
      files: { '/work/d.yaml': deployment('{app: web}', 'team-a'), '/work/e.yaml': unnamespaced(deployment('{app: other}')) },
    },
    {
      name: 'a Deployment without namespace may be applied where the Service is',
      code: service('{app: web}'),
      files: { '/work/d.yaml': unnamespaced(deployment('{app: web}')), '/work/e.yaml': deployment('{app: other}') },
    },
    {
      name: 'a Component on its own (kustomize build) is partial',
      code: service('{app: web}'),
      files: {
        '/work/c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [x.yaml]\n',
        '/work/d.yaml': deployment('{app: other}'),
      },
      path: '/work/c/.harden-kustomize-build.yaml',
    },
    {
      name: 'a Helm chart',
      code: service('{app: web}'),
      files: { '/work/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', '/work/chart/templates/d.yaml': deployment('{app: other}') },
      path: '/work/chart/templates/service.yaml',
    },
    {
      name: 'pods of a Helm chart in the workspace (rendered with default values: their labels may differ once installed)',
      code: service('{app.kubernetes.io/instance: prod-web}'),
      files: {
        '/work/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
        '/work/chart/templates/d.yaml': deployment('{app.kubernetes.io/instance: release-name}'),
      },
    },
    {
      name: 'the pods of a Job, by the job-name label its controller adds (a headless Service for an indexed Job)',
      code: service('{job-name: jax}'),
      files: { '/work/job.yaml': job('jax') },
    },
    { name: 'the same by batch.kubernetes.io/job-name', code: service('{batch.kubernetes.io/job-name: jax}'), files: { '/work/job.yaml': job('jax') } },
    {
      name: 'one StatefulSet pod by the name its controller gives it',
      code: service('{statefulset.kubernetes.io/pod-name: web-0}'),
      files: { '/work/d.yaml': deployment('{app: web}', 'prod', 'StatefulSet') },
    },
    {
      name: "a Deployment's pods by the pod-template-hash of one ReplicaSet (made at run time)",
      code: service('{app: web, pod-template-hash: 5d8f7c9b4}'),
      files: { '/work/d.yaml': deployment('{app: web}') },
    },
    { name: 'a substituted selector value (envsubst, Flux)', code: service('{app: "${APP}"}'), files: { '/work/d.yaml': deployment('{app: web}') } },
    {
      name: "kube-system: kubeadm's static control-plane pods are in no repository (another kube-system workload is)",
      code: service('{component: kube-scheduler, tier: control-plane}', 'kube-system'),
      files: { '/work/metrics.yaml': deployment('{k8s-app: metrics-server}', 'kube-system') },
    },
    {
      name: 'kube-system: a workload of the workspace with tier: control-plane too (a cloud-controller-manager) is not the one selected',
      code: service('{component: kube-controller-manager, tier: control-plane}', 'kube-system'),
      files: { '/work/ccm.yaml': deployment('{component: cloud-controller-manager, tier: control-plane}', 'kube-system', 'DaemonSet') },
    },
    {
      name: "kube-system: a selector sharing no label with the workspace's pods selects pods the cluster runs (CoreDNS, an addon)",
      code: service('{k8s-app: kube-dns}', 'kube-system'),
      files: { '/work/metrics.yaml': deployment('{k8s-app: metrics-server}', 'kube-system') },
    },
  ],
  invalid: [
    {
      name: 'selector typo',
      code: `${deployment('{app: web}')}---\n${service('{app: wbe}')}`,
      errors: [
        { line: 23, message: 'Service "web" selects app=wbe, which no pod template of namespace "prod" in the workspace carries: it has no endpoints.' },
      ],
    },
    {
      name: 'one label too many (a stale version label)',
      code: service('{app: web, version: v2}'),
      files: { '/work/d.yaml': deployment('{app: web, version: v3}') },
      errors: [{ line: 7, message: /selects app=web,version=v2/ }],
    },
    {
      name: 'a Job name misspelt in job-name',
      code: service('{job-name: jxa}'),
      files: { '/work/job.yaml': job('jax') },
      errors: [{ line: 7, message: /selects job-name=jxa/ }],
    },
    {
      name: 'a Job with manualSelector: its controller adds no job-name label',
      code: service('{job-name: jax}'),
      files: { '/work/job.yaml': job('jax', '\n  manualSelector: true\n  selector:\n    matchLabels: {run: jax}') },
      errors: [{ line: 7, message: /selects job-name=jax/ }],
    },
    {
      name: "kube-system: a selector sharing a label with the workspace's own pods there aims at them, and misses",
      code: service('{k8s-app: metrics-server, tier: api}', 'kube-system'),
      files: { '/work/metrics.yaml': deployment('{k8s-app: metrics-server, tier: backend}', 'kube-system') },
      errors: [{ line: 7, message: /selects k8s-app=metrics-server,tier=api, which no pod template of namespace "kube-system"/ }],
    },
    {
      name: 'the matching pods are in another namespace',
      code: service('{app: web}'),
      files: { '/work/d.yaml': deployment('{app: web}', 'staging'), '/work/e.yaml': deployment('{app: api}', 'prod') },
      errors: [{ line: 7, message: /namespace "prod"/ }],
    },
  ],
});
