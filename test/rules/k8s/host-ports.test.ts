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
      // kube-prometheus nodeExporter-daemonset.yaml: with hostNetwork the API server sets hostPort = containerPort
      // (SetDefaults_PodSpec), so removing it changes nothing; k8s/host-namespaces reports the hostNetwork.
      name: 'a hostNetwork pod: its ports are host ports whatever is written',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      initContainers:
      - name: init
        image: busybox:1.36
        ports: [{containerPort: 53, hostPort: 53}]
      containers:
      - name: exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
        ports:
        - containerPort: 9100
          hostPort: 9100
          name: metrics
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
    {
      name: 'hostNetwork: false still reports',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: false
  containers:
  - name: app
    image: app:1.0
    ports:
    - containerPort: 8080
      hostPort: 80
`,
      errors: [{ line: 12, message: /binds port 80 on the node/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: false
  containers:
  - name: app
    image: app:1.0
    ports:
    - containerPort: 8080
`,
    },
  ],
});
