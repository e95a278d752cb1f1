// Documents the LSP tests open.

/** A Deployment without any securityContext: the security-context rules report on its container. */
export const UNHARDENED_DEPLOYMENT = `# web frontend
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web # the only container
          image: nginx:1.27
          ports:
            - containerPort: 8080
`;

export const DOCKERFILE = `FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
`;

export const BROKEN_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: [broken
spec: {
  template: "unterminated
`;

export const RUN_AS_NON_ROOT = 'k8s/run-as-non-root';
export const ALLOW_PRIVILEGE_ESCALATION = 'k8s/allow-privilege-escalation';
