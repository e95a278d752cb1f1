import { ruleTester } from '../../harness/ruleTester';

const pod = (sysctls: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  securityContext:
    sysctls:
${sysctls}  containers:
  - name: app
    image: app:1
`;

ruleTester('k8s/unsafe-sysctls', {
  valid: [
    {
      name: 'the safe set, dotted or slashed; 1.29 additions on the default version',
      code: pod(`    - name: kernel.shm_rmid_forced
      value: "0"
    - name: net/ipv4/ip_local_port_range
      value: "1024 65535"
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
`),
    },
    { name: 'a templated name', code: pod('    - name: "{{ .Values.sysctl }}"\n      value: "1"\n') },
  ],
  invalid: [
    {
      name: 'unsafe sysctls',
      code: pod(`    - name: net.core.somaxconn
      value: "1024"
    - name: kernel.msgmax
      value: "65536"
`),
      errors: [
        { line: 8, column: 13, message: 'The sysctl net.core.somaxconn is not in the safe set: it can affect the whole node, and the kubelet rejects the pod unless the node allows it.' },
        { line: 10, message: /kernel\.msgmax is not in the safe set/ },
      ],
    },
    {
      name: 'a sysctl that became safe in 1.29, on a 1.28 cluster',
      settings: { kubernetesVersion: '1.28' },
      code: pod('    - name: net.ipv4.tcp_fin_timeout\n      value: "30"\n'),
      errors: [{ line: 8, message: 'The sysctl net.ipv4.tcp_fin_timeout is safe only from Kubernetes 1.29 (the target is 1.28): the kubelet rejects the pod unless the node allows it.' }],
    },
  ],
});
