import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/volume-types', {
  valid: [
    {
      name: 'every allowed type; hostPath is left to k8s/host-path',
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
      volumes:
      - name: a
        configMap: {name: a}
      - name: b
        secret: {secretName: b}
      - name: c
        emptyDir: {}
      - name: d
        persistentVolumeClaim: {claimName: d}
      - name: e
        projected: {sources: []}
      - name: f
        downwardAPI: {items: []}
      - name: g
        csi: {driver: x}
      - name: h
        ephemeral: {volumeClaimTemplate: {spec: {}}}
      - name: i
        hostPath: {path: /var/log}
`,
    },
    {
      name: 'a PersistentVolume may use nfs: it is not a pod',
      code: 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv\nspec:\n  nfs:\n    server: nfs.example.com\n    path: /exports\n',
    },
  ],
  invalid: [
    {
      name: 'nfs, gitRepo and iscsi inline',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: app:1
  volumes:
  - name: shared
    nfs:
      server: nfs.example.com
      path: /exports
  - gitRepo:
      repository: https://example.com/repo.git
    name: source
  - {name: disk, iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.x", lun: 0}}
`,
      errors: [
        {
          line: 11,
          column: 5,
          severity: 'info',
          message: 'Volume "shared" mounts nfs storage inline: the restricted Pod Security Standard rejects it; use a PersistentVolumeClaim (or a CSI volume).',
        },
        {
          line: 14,
          column: 5,
          severity: 'warning',
          message: 'Volume "source" is a gitRepo volume: deprecated, it runs git on the node; clone in an init container into an emptyDir instead.',
        },
        { line: 17, message: /Volume "disk" mounts iscsi storage inline/ },
      ],
    },
  ],
});
