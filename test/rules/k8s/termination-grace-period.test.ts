import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/termination-grace-period', {
  valid: [
    {
      name: "seed 002's 15 s sleep under the default 30 s grace period",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
spec:
  template:
    spec:
      containers:
      - name: my-app
        image: my-app:v3
        lifecycle:
          preStop:
            exec:
              command:
              - /bin/sleep
              - "15"
`,
    },
    {
      name: "seed 002's netstat loop is not a fixed wait",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: app:1
    lifecycle:
      preStop:
        exec:
          command:
          - /bin/sh
          - -c
          - "while [ $(netstat -plunt | grep tcp | wc -l | xargs) -ne 0 ]; do sleep 1; done"
`,
    },
    {
      name: 'sleep action below an explicit grace period',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 60
  containers:
  - name: app
    image: app:1
    lifecycle:
      preStop:
        sleep: {seconds: 45}
`,
    },
  ],
  invalid: [
    {
      name: 'sleep action of 30 s with the default grace period: created above containers',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      # the app
      containers:
      - name: app
        image: app:1
        lifecycle:
          preStop:
            sleep:
              seconds: 30  # wait for the load balancer
`,
      errors: [
        {
          line: 15,
          severity: 'warning',
          message:
            'The preStop hook of the container "app" waits 30 s, but terminationGracePeriodSeconds is the default 30: the app gets SIGKILL instead of a graceful SIGTERM.',
        },
      ],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      terminationGracePeriodSeconds: 45
      # the app
      containers:
      - name: app
        image: app:1
        lifecycle:
          preStop:
            sleep:
              seconds: 30  # wait for the load balancer
`,
    },
    {
      name: 'explicit grace period raised; sh -c "sleep 20 && nginx -s quit"',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "sleep 20 && nginx -s quit"]
`,
      errors: [{ line: 13, message: /waits 20 s, but terminationGracePeriodSeconds is 20/ }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 35
  containers:
  - name: nginx
    image: nginx:1.27
    lifecycle:
      preStop:
        exec:
          command: ["sh", "-c", "sleep 20 && nginx -s quit"]
`,
    },
  ],
});
