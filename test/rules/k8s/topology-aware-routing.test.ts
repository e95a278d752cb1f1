import { ruleTester } from '../../harness/ruleTester';

const service = (annotations: string) => `apiVersion: v1
kind: Service
metadata:
  name: my-service
  annotations:
${annotations}spec:
  selector:
    app: web
  ports:
  - port: 80
`;

ruleTester('k8s/topology-aware-routing', {
  valid: [
    { name: 'topology-mode on 1.32', code: service('    service.kubernetes.io/topology-mode: Auto\n') },
    { name: 'topology-aware-hints on 1.26', settings: { kubernetesVersion: '1.26' }, code: service('    service.kubernetes.io/topology-aware-hints: auto\n') },
    {
      name: 'not a Service',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    service.kubernetes.io/topology-aware-hints: auto\n',
    },
  ],
  invalid: [
    {
      name: 'hints on 1.32: renamed to topology-mode: Auto (quotes and comment kept)',
      code: service('    "service.kubernetes.io/topology-aware-hints": "auto"  # same zone first\n'),
      errors: [
        {
          line: 6,
          severity: 'info',
          message:
            'The Service "my-service" uses the deprecated service.kubernetes.io/topology-aware-hints annotation; Kubernetes 1.32 uses service.kubernetes.io/topology-mode.',
        },
      ],
      output: service('    "service.kubernetes.io/topology-mode": "Auto"  # same zone first\n'),
    },
    {
      name: 'mode on 1.25: renamed to topology-aware-hints: auto',
      settings: { kubernetesVersion: '1.25' },
      code: service('    service.kubernetes.io/topology-mode: Auto\n'),
      errors: [{ line: 6, message: /which Kubernetes 1.25 ignores/ }],
      output: service('    service.kubernetes.io/topology-aware-hints: auto\n'),
    },
    {
      name: 'seed 001 writes both: the wrong one is removed',
      code: service(
        '    service.kubernetes.io/topology-mode: Auto # если версия k8s 1.27 и выше\n    service.kubernetes.io/topology-aware-hints: auto # если версия k8s меньше 1.27\n',
      ),
      errors: [{ line: 7 }],
      fixTitles: ['Remove service.kubernetes.io/topology-aware-hints (service.kubernetes.io/topology-mode is already set)'],
      output: service('    service.kubernetes.io/topology-mode: Auto # если версия k8s 1.27 и выше\n    # если версия k8s меньше 1.27\n'),
    },
  ],
});
