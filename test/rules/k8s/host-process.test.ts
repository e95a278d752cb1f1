import { ruleTester } from '../../harness/ruleTester';

ruleTester('k8s/host-process', {
  valid: [
    {
      name: 'hostProcess false or absent; runAsUserName alone',
      code: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  securityContext:
    windowsOptions:
      runAsUserName: ContainerUser
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
    securityContext:
      windowsOptions:
        hostProcess: false
`,
    },
  ],
  invalid: [
    {
      name: 'pod and container level',
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  template:
    spec:
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1.0
        securityContext:
          windowsOptions:
            hostProcess: true
`,
      errors: [
        {
          line: 10,
          column: 24,
          severity: 'error',
          message: "The pod runs as a Windows HostProcess container: it has the node's network, file system and privileges.",
        },
        { line: 18, message: /container "agent" runs as a Windows HostProcess container/ },
      ],
      output: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: win-agent
spec:
  template:
    spec:
      securityContext:
        windowsOptions:
          hostProcess: false
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      hostNetwork: true
      containers:
      - name: agent
        image: agent:1.0
        securityContext:
          windowsOptions:
            hostProcess: false
`,
    },
  ],
});
