import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/host-path', {
  valid: [
    {
      name: 'seed 002: emptyDir, configMap, secret and PVC volumes',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app-v3
spec:
  template:
    spec:
      volumes:
      - name: tmp-dir
        emptyDir: {}
      - name: config
        configMap:
          name: my-app-config
      - name: data
        persistentVolumeClaim:
          claimName: data
      containers:
      - name: my-app-v3
        image: my-app:v3
`,
    },
    {
      name: 'a PersistentVolume is not a pod',
      code: `apiVersion: v1
kind: PersistentVolume
metadata:
  name: local
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/data
`,
    },
  ],
  invalid: [
    {
      name: 'seed 003: a hostPath volume, reported at its hostPath key',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: test-pd
spec:
  containers:
  - image: k8s.gcr.io/test-webserver
    name: test-container
    volumeMounts:
    - mountPath: /test-pd
      name: test-volume
  volumes:
  - name: test-volume
    hostPath:
      # chemin du dossier sur l'hôte
      path: /data
      # ce champ est optionnel
      type: Directory
`,
      errors: [{ line: 14, column: 5, endLine: 14, severity: 'warning', message: 'Volume "test-volume" mounts the node\'s path /data (hostPath).' }],
    },
    {
      name: 'several volumes, flow style, DaemonSet, no name or path',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      containers:
      - name: shipper
        image: shipper:1
      volumes:
      - {name: varlog, hostPath: {path: /var/log}}
      - name: tmp
        emptyDir: {}
      - hostPath: {path: "{{ .Values.hostDir }}"}
      - name: sock
        hostPath:
          path: /var/run/docker.sock
          type: Socket
`,
      errors: [
        { line: 12, column: 24, message: 'Volume "varlog" mounts the node\'s path /var/log (hostPath).' },
        { line: 15, message: "Volume mounts the node's file system (hostPath)." },
        { line: 17, message: /"sock" mounts the node's path \/var\/run\/docker.sock/ },
      ],
    },
    {
      name: 'CronJob pod template, CRLF',
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata:\r\n  name: c\r\nspec:\r\n  schedule: "@daily"\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          containers:\r\n          - name: job\r\n            image: job:1\r\n          volumes:\r\n          - name: host\r\n            hostPath:\r\n              path: /\r\n',
      errors: [{ line: 16, message: /path \/ \(hostPath\)/ }],
    },
  ],
});
