import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/probe-port', {
  valid: [
    {
      name: 'named port is declared; numbers and numeric strings need no declaration',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet: {path: /ready, port: http}
    livenessProbe:
      tcpSocket:
        port: 8080
    startupProbe:
      httpGet: {path: /ready, port: "8080"}
`,
    },
  ],
  invalid: [
    {
      name: 'httpGet and tcpSocket with undeclared names',
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
        ports:
        - name: web
          containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: http
        livenessProbe:
          tcpSocket: {port: admin}
`,
      errors: [
        {
          line: 17,
          column: 19,
          severity: 'error',
          message: 'The readinessProbe of the container "app" uses port "http", which the container does not declare.',
        },
        { line: 19, message: /livenessProbe .* port "admin"/ },
      ],
    },
    {
      name: 'a named port declared by another container does not count; grpc needs a number',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: a:1
    ports:
    - name: metrics
      containerPort: 9090
  - name: b
    image: b:1
    livenessProbe:
      httpGet: {path: /m, port: metrics}
    readinessProbe:
      grpc:
        port: grpc
`,
      errors: [
        { line: 15, message: /container "b" uses port "metrics"/ },
        { line: 18, message: /gRPC probes take a port number/ },
      ],
    },
  ],
});

ruleTester('k8s/probe-port', {
  valid: [
    {
      name: 'a port name that comes from a Helm value is unknown, not undeclared',
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1\n    ports:\n    - name: http\n      containerPort: 8080\n    readinessProbe:\n      httpGet:\n        path: /\n        port: "{{ .Values.probePort }}"\n',
    },
  ],
  invalid: [],
});

const dns = (probe: string, protocol = 'UDP') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns
spec:
  template:
    spec:
      containers:
      - name: dns
        image: coredns:1.11
        ports:
        - name: dns
          containerPort: 53
          protocol: ${protocol}
        livenessProbe:
${probe}`;

ruleTester('k8s/probe-port', {
  valid: [
    { name: 'a TCP port', code: dns('          tcpSocket:\n            port: dns\n', 'TCP') },
    {
      name: 'a port declared for UDP and TCP',
      code: dns('          tcpSocket:\n            port: 53\n').replace(
        '        livenessProbe:',
        '        - name: dns-tcp\n          containerPort: 53\n          protocol: TCP\n        livenessProbe:',
      ),
    },
  ],
  invalid: [
    {
      name: 'tcpSocket on a UDP port, by name',
      code: dns('          tcpSocket:\n            port: dns\n'),
      errors: [
        {
          line: 17,
          message: 'The livenessProbe of the container "dns" connects over TCP to port dns, which the container declares only for UDP: the probe always fails.',
        },
      ],
    },
    {
      name: 'tcpSocket on a UDP port, by number',
      code: dns('          tcpSocket:\n            port: 53\n'),
      errors: [{ line: 17, message: /port 53, which the container declares only for UDP/ }],
    },
    { name: 'httpGet on an SCTP port', code: dns('          httpGet:\n            port: 53\n', 'SCTP'), errors: [{ line: 17, message: /only for SCTP/ }] },
  ],
});
