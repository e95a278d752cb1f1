// A hardened base Deployment with overlays, as in issue 16, shared by the kustomize lint tests.
export const HARDENED_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: app
        image: registry.example.com/web:1.27
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 128Mi}
        livenessProbe: {httpGet: {path: /healthz, port: 8080}}
        readinessProbe: {httpGet: {path: /ready, port: 8080}}
`;

/** The overlay: replicas and one container's memory limit. */
export const PROD_PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        resources:
          limits: {memory: 256Mi}
`;

export function repo(extra: Record<string, string> = {}): Record<string, string> {
  return {
    '/w/base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
    '/w/base/deployment.yaml': HARDENED_DEPLOYMENT,
    '/w/overlays/prod/kustomization.yaml': 'resources:\n- ../../base\npatches:\n- path: patch.yaml\n',
    '/w/overlays/prod/patch.yaml': PROD_PATCH,
    '/w/overlays/dev/kustomization.yaml': 'resources:\n- ../../base\nnamePrefix: dev-\n',
    ...extra,
  };
}

/** kubebuilder v2's config/default/manager_auth_proxy_patch.yaml, with a privileged sidecar added. */
export const AUTH_PROXY_PATCH = `# This patch injects a sidecar container which is a HTTP proxy for the controller manager.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller-manager
  namespace: system
spec:
  template:
    spec:
      containers:
      - name: kube-rbac-proxy
        image: quay.io/brancz/kube-rbac-proxy:v0.4.0
        securityContext:
          privileged: true
        ports:
        - containerPort: 8443
          name: https
      - name: manager
        args:
        - "--metrics-addr=127.0.0.1:8080"
`;
