import { ruleTester } from '../../harness/ruleTester';

const service = (name: string, ns = 'prod', ports = '  - name: http\n    port: 80\n    targetPort: 8080\n') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {app: ${name}}
  ports:
${ports}`;

const ingress = (backend: string, ns = 'prod') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: ${ns}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
${backend}`;

const route = (backendRef: string, ns = 'prod') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${ns}
spec:
  parentRefs:
  - name: gateway
    namespace: infra
  rules:
  - backendRefs:
${backendRef}`;

const files = { '/work/svc.yaml': service('web') };

ruleTester('k8s/ingress-backend', {
  valid: [
    { name: 'Service and port number exist', code: ingress('            name: web\n            port:\n              number: 80\n'), files },
    { name: 'port by name', code: ingress('            name: web\n            port:\n              name: http\n'), files },
    {
      name: 'defaultBackend',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: prod}\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}\n',
      files,
    },
    { name: 'file opened alone', code: ingress('            name: nothing\n            port:\n              number: 80\n') },
    {
      name: 'no Service of the namespace in the workspace',
      code: ingress('            name: nothing\n            port:\n              number: 80\n', 'other'),
      files,
    },
    { name: 'templated name', code: ingress('            name: "{{ .Release.Name }}-web"\n            port:\n              number: 80\n'), files },
    {
      name: 'a Service of an operator (named after a custom resource)',
      code: ingress('            name: prometheus-k8s\n            port:\n              number: 9090\n'),
      files: { ...files, '/work/p.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: prod}\n' },
    },
    {
      name: 'a Service without namespace may be applied to the Ingress namespace',
      code: ingress('            name: api\n            port:\n              number: 80\n'),
      files: { ...files, '/work/api.yaml': service('api').replace('  namespace: prod\n', '') },
    },
    {
      name: 'a Service whose ports cannot be read',
      code: ingress('            name: web\n            port:\n              number: 81\n'),
      files: { '/work/svc.yaml': service('web', 'prod', '  - port: "{{ .Values.port }}"\n') },
    },
    { name: 'HTTPRoute to an existing Service and port', code: route('    - name: web\n      port: 80\n'), files },
    { name: 'HTTPRoute to another kind of backend', code: route('    - group: example.com\n      kind: Bucket\n      name: assets\n'), files },
    { name: 'HTTPRoute to a Service of a namespace not in the workspace', code: route('    - name: api\n      namespace: backend\n      port: 80\n'), files },
    {
      name: 'a Component on its own',
      code: ingress('            name: nothing\n            port:\n              number: 80\n'),
      files: { ...files, '/work/c/kustomization.yaml': 'kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\n' },
      path: '/work/c/.harden-kustomize-build.yaml',
    },
    {
      name: 'a Knative Service of that name (it makes the core Service and its ports)',
      code: ingress('            name: hello\n            port:\n              number: 80\n'),
      files: {
        ...files,
        '/work/ksvc.yaml':
          'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello, namespace: prod}\nspec:\n  template:\n    spec:\n      containers:\n      - image: hello:1\n',
      },
    },
    {
      name: 'Services of a Helm chart in the workspace',
      code: ingress('            name: prod-web\n            port:\n              number: 80\n'),
      files: { '/work/chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n', '/work/chart/templates/svc.yaml': service('release-name-web') },
    },
  ],
  invalid: [
    {
      name: 'no such Service',
      code: ingress('            name: wbe\n            port:\n              number: 80\n'),
      files,
      errors: [{ line: 15, message: 'Ingress "web" routes to Service "wbe", which is not in namespace "prod" of the workspace: requests get no backend.' }],
    },
    {
      name: 'the container port instead of the Service port',
      code: ingress('            name: web\n            port:\n              number: 8080\n'),
      files,
      errors: [{ line: 17, message: 'Ingress "web" routes to port 8080 of Service "web", which has no such port (its ports: 80).' }],
    },
    {
      name: 'no port of that name',
      code: ingress('            name: web\n            port:\n              name: https\n'),
      files,
      errors: [{ line: 17, message: /routes to port "https" of Service "web", which has no such port \(its ports' names: http\)/ }],
    },
    {
      name: 'the Service is in another namespace',
      code: ingress('            name: web\n            port:\n              number: 80\n'),
      files: { '/work/svc.yaml': service('web', 'staging'), '/work/api.yaml': service('api') },
      errors: [{ line: 15, message: /not in namespace "prod"/ }],
    },
    {
      name: 'HTTPRoute: no such Service, then a wrong port',
      code: route('    - name: wbe\n      port: 80\n    - name: web\n      port: 8080\n'),
      files,
      errors: [{ line: 12 }, { line: 15, message: /port 8080 of Service "web"/ }],
    },
    {
      name: 'HTTPRoute: cross-namespace backendRef to a namespace the workspace manages',
      code: route('    - name: api\n      namespace: backend\n      port: 80\n'),
      files: { ...files, '/work/b.yaml': service('search', 'backend') },
      errors: [{ line: 12, message: /routes to Service "api", which is not in namespace "backend"/ }],
    },
  ],
});
