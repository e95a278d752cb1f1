import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/startup-probe', {
  valid: [
    {
      name: 'short delay',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      initialDelaySeconds: 10
`,
    },
    {
      name: 'long delay but a startupProbe already exists',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
    startupProbe:
      httpGet: {path: /healthz, port: 8080}
      failureThreshold: 30
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      initialDelaySeconds: 60
`,
    },
  ],
  invalid: [
    {
      name: "seed 002's pre-1.18 example: 120 s delay, 5 s period -> failureThreshold 24",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v3
spec:
  template:
    spec:
      containers:
      - name: my-app-v3
        image: xxx.com/app/my-app:v3
        livenessProbe:
          httpGet:
            path: /actuator/health  # spring 的通用健康检查路径
            port: 8080
          initialDelaySeconds: 120  # 前两分钟，都假设服务健康
          periodSeconds: 5
          failureThreshold: 5
        readinessProbe:
          httpGet:
            path: /actuator/health
            port: 8080
          initialDelaySeconds: 3
`,
      errors: [{ line: 15, message: 'The livenessProbe of the container "my-app-v3" waits initialDelaySeconds: 120 instead of using a startupProbe.' }],
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v3
spec:
  template:
    spec:
      containers:
      - name: my-app-v3
        image: xxx.com/app/my-app:v3
        startupProbe:
          httpGet:
            path: /actuator/health
            port: 8080
          periodSeconds: 5
          failureThreshold: 24
        livenessProbe:
          httpGet:
            path: /actuator/health  # spring 的通用健康检查路径
            port: 8080
          # 前两分钟，都假设服务健康
          periodSeconds: 5
          failureThreshold: 5
        readinessProbe:
          httpGet:
            path: /actuator/health
            port: 8080
          initialDelaySeconds: 3
`,
    },
    {
      name: 'default period 10 s, delay 45 -> failureThreshold 5 (rounded up); tcpSocket handler',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    livenessProbe:
      tcpSocket: {port: 5432}
      initialDelaySeconds: 45
`,
      errors: [{ line: 11 }],
      output: `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    startupProbe:
      tcpSocket:
        port: 5432
      failureThreshold: 5
    livenessProbe:
      tcpSocket: {port: 5432}
`,
    },
  ],
});
