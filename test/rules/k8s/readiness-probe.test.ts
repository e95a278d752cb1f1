import { ruleTester } from '../../harness/ruleTester';

const CONTROLLER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bg-controller
  namespace: sys
spec:
  template:
    metadata:
      labels: {app: bg-controller}
    spec:
      containers:
      - name: controller
        image: example/bg:1.0
        ports:
        - {name: metrics, containerPort: 8000}
        - {name: http, containerPort: 8080}
---
apiVersion: v1
kind: Service
metadata:
  name: bg-controller-metrics
  namespace: sys
spec:
  selector: {app: bg-controller}
  ports:
`;

ruleTester('k8s/readiness-probe', {
  valid: [
    {
      // kyverno's background and reports controllers: Prometheus scrapes them, no client calls them.
      name: 'the only Service is a metrics endpoint (ports named metrics, http-metrics, prometheus)',
      code:
        CONTROLLER +
        '  - {name: metrics, port: 8000, targetPort: metrics}\n  - {name: http-metrics, port: 8001, targetPort: 8000}\n  - {name: prometheus, port: 9090, targetPort: 8000}\n',
    },
    {
      name: 'a Service named ...-metrics with one unnamed port',
      code: CONTROLLER + '  - {port: 8000, targetPort: 8000}\n',
    },
    {
      name: 'no declared port and no Service known: nothing says it serves traffic',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:1
`,
    },
    {
      name: 'Services are known, none selects the pod (a worker): no Service traffic to protect',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
      - name: worker
        image: worker:1
        ports:
        - containerPort: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`,
    },
    {
      name: "the Service targets another container's port",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: p}
spec:
  containers:
  - name: app
    image: app:1
    readinessProbe: {tcpSocket: {port: 8080}}
    ports:
    - containerPort: 8080
  - name: metrics
    image: exporter:1
    ports:
    - containerPort: 9100
---
apiVersion: v1
kind: Service
metadata:
  name: p
spec:
  selector: {app: p}
  ports:
  - port: 80
    targetPort: 8080
`,
    },
    {
      name: 'has a readinessProbe',
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
        readinessProbe:
          httpGet: {path: /ready, port: 8080}
`,
    },
    {
      name: 'Jobs and CronJobs are batch: exempt',
      code: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: job
            image: job:2
`,
    },
    {
      name: 'init containers and sidecars do not need probes',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: migrate
    image: migrate:1
  - name: proxy
    image: envoy:1.30
    restartPolicy: Always
  containers:
  - name: app
    image: app:1
    readinessProbe:
      tcpSocket:
        port: 8080
`,
    },
    {
      name: 'templated probe block',
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
        readinessProbe: {{ toYaml .Values.readiness | nindent 10 }}
`,
    },
  ],
  invalid: [
    {
      name: 'a metrics Service that also exposes another port carries traffic',
      code: CONTROLLER + '  - {name: metrics, port: 8000, targetPort: metrics}\n  - {name: http, port: 80, targetPort: http}\n',
      errors: [
        {
          line: 12,
          severity: 'warning',
          message: 'The container "controller" has no readinessProbe: Service "bg-controller-metrics" sends it traffic before it is ready and during overload.',
        },
      ],
      fixTitles: ['Add a httpGet readinessProbe on the first declared port'],
    },
    {
      name: 'a Service named ...-metrics whose port is not named as a metrics port',
      code: CONTROLLER + '  - {name: https, port: 443, targetPort: 8000}\n',
      errors: [{ line: 12, severity: 'warning' }],
    },
    {
      name: 'named HTTP port: httpGet probe by port name, comments kept',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app  # the web tier
        image: app:1
        ports:
        - name: http
          containerPort: 8080
`,
      errors: [
        {
          line: 9,
          column: 9,
          severity: 'info',
          message:
            'The container "app" has no readinessProbe: no Service in the workspace selects this pod, but if one does, it sends traffic before the container is ready.',
        },
      ],
      fixTitles: ['Add a httpGet readinessProbe on the first declared port'],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app  # the web tier
        image: app:1
        ports:
        - name: http
          containerPort: 8080
        readinessProbe:
          httpGet:
            path: /healthz  # adjust to the app's health endpoint
            port: http
`,
    },
    {
      name: 'redis port number: tcpSocket; 4-space indent, CRLF',
      code: 'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: cache\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                -   name: redis\r\n                    image: redis:7.2\r\n                    ports:\r\n                        -   containerPort: 6379\r\n',
      errors: [{ line: 9 }],
      output:
        'apiVersion: apps/v1\r\nkind: StatefulSet\r\nmetadata:\r\n    name: cache\r\nspec:\r\n    template:\r\n        spec:\r\n            containers:\r\n                -   name: redis\r\n                    image: redis:7.2\r\n                    ports:\r\n                        -   containerPort: 6379\r\n                    readinessProbe:\r\n                        tcpSocket:\r\n                            port: 6379\r\n',
    },
    {
      name: 'grpc port name: tcpSocket',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: api
    image: api:2
    ports:
    - name: grpc
      containerPort: 9000
`,
      errors: [{ line: 7 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: api
    image: api:2
    ports:
    - name: grpc
      containerPort: 9000
    readinessProbe:
      tcpSocket:
        port: grpc
`,
    },
    {
      name: 'a Service targets the container: a warning that names it; a port-less container of the pod is not served',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: app:1
        ports:
        - {name: http, containerPort: 8080}
      - name: log-shipper
        image: fluent-bit:3
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - {port: 80, targetPort: http}
`,
      errors: [
        {
          line: 11,
          severity: 'warning',
          message: 'The container "app" has no readinessProbe: Service "web" sends it traffic before it is ready and during overload.',
        },
      ],
    },
    {
      name: 'a Service without ports the pod declares: every container may be served',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: p}
spec:
  containers:
  - name: app
    image: app:1
---
apiVersion: v1
kind: Service
metadata:
  name: p
spec:
  selector: {app: p}
  ports:
  - port: 8080
`,
      errors: [{ line: 8, severity: 'warning' }],
      fixTitles: [],
    },
  ],
});
