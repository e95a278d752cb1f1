import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/host-ports', {
  valid: [
    {
      name: 'containerPort only, hostPort 0, templated hostPort',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 8080
        - containerPort: 9090
          hostPort: 0
        - containerPort: 9091
          hostPort: {{ .Values.hostPort }}
`,
    },
    {
      name: 'a Service port is not a container port',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    hostPort: 80\n',
    },
  ],
  invalid: [
    {
      name: 'DaemonSet and init container host ports; the hostPort line goes, comments stay',
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
        ports: [{containerPort: 53, hostPort: 53}]
      containers:
      - name: agent
        image: agent:1.0
        ports:
        - name: metrics # scraped by Prometheus
          containerPort: 9100
          hostPort: 9100
          protocol: TCP
`,
      errors: [
        {
          line: 11,
          message:
            'The init container "init" binds port 53 on the node (hostPort): it bypasses Services and NetworkPolicies, and only one such pod fits on a node.',
        },
        { line: 18, column: 21, severity: 'warning' },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        ports: [{containerPort: 53}]
      containers:
      - name: agent
        image: agent:1.0
        ports:
        - name: metrics # scraped by Prometheus
          containerPort: 9100
          protocol: TCP
`,
    },
  ],
});
