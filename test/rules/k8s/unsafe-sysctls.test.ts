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
      name: 'the safe set; 1.29 and 1.32 additions on the default version (1.32)',
      code: pod(`    - name: kernel.shm_rmid_forced
      value: "0"
    - name: net.ipv4.ip_local_port_range
      value: "1024 65535"
    - name: net.ipv4.tcp_keepalive_time
      value: "600"
    - name: net.ipv4.tcp_rmem
      value: "4096 87380 6291456"
    - name: net.ipv4.tcp_wmem
      value: "4096 16384 4194304"
`),
    },
    {
      name: '1.37 additions on a 1.37 cluster',
      settings: { kubernetesVersion: '1.37' },
      code: pod('    - name: net.ipv4.tcp_slow_start_after_idle\n      value: "0"\n    - name: net.ipv4.tcp_notsent_lowat\n      value: "16384"\n'),
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
        {
          line: 8,
          column: 13,
          message:
            'The sysctl net.core.somaxconn is not in the safe set: it can affect the whole node, and the kubelet rejects the pod unless the node allows it.',
        },
        { line: 10, message: /kernel\.msgmax is not in the safe set/ },
      ],
    },
    {
      name: 'a sysctl that became safe in 1.29, on a 1.28 cluster',
      settings: { kubernetesVersion: '1.28' },
      code: pod('    - name: net.ipv4.tcp_fin_timeout\n      value: "30"\n'),
      errors: [
        {
          line: 8,
          message:
            'The sysctl net.ipv4.tcp_fin_timeout is safe only from Kubernetes 1.29 (the target is 1.28): the kubelet rejects the pod unless the node allows it.',
        },
      ],
    },
    {
      name: 'tcp_rmem/tcp_wmem are safe only from 1.32',
      settings: { kubernetesVersion: '1.31' },
      code: pod('    - name: net.ipv4.tcp_rmem\n      value: "4096 87380 6291456"\n    - name: net.ipv4.tcp_wmem\n      value: "4096 16384 4194304"\n'),
      errors: [
        { line: 8, message: /net\.ipv4\.tcp_rmem is safe only from Kubernetes 1\.32 \(the target is 1\.31\)/ },
        { line: 10, message: /net\.ipv4\.tcp_wmem is safe only from Kubernetes 1\.32/ },
      ],
    },
    {
      name: 'tcp_slow_start_after_idle and tcp_notsent_lowat are safe only from 1.37',
      code: pod('    - name: net.ipv4.tcp_slow_start_after_idle\n      value: "0"\n    - name: net.ipv4.tcp_notsent_lowat\n      value: "16384"\n'),
      errors: [
        { line: 8, message: /tcp_slow_start_after_idle is safe only from Kubernetes 1\.37 \(the target is 1\.32\)/ },
        { line: 10, message: /tcp_notsent_lowat is safe only from Kubernetes 1\.37/ },
      ],
    },
    {
      name: 'a safe sysctl written with slashes: admission compares names exactly; the fix writes the dotted name',
      code: pod('    - name: net/ipv4/ip_local_port_range\n      value: "1024 65535"\n'),
      errors: [
        {
          line: 8,
          message:
            'The sysctl net/ipv4/ip_local_port_range is safe, but Pod Security admission compares names exactly and allows only net.ipv4.ip_local_port_range.',
        },
      ],
      output: pod('    - name: net.ipv4.ip_local_port_range\n      value: "1024 65535"\n'),
    },
  ],
});
