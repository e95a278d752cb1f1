import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/cd-in-run', {
  valid: [
    { name: 'WORKDIR', code: 'FROM golang:1.22\nWORKDIR /src\nRUN go build ./...\n' },
    { name: 'make -C instead of cd', code: 'FROM debian:12\nRUN make -C /src install\n' },
  ],
  invalid: [
    {
      name: 'cd in a chain',
      code: 'FROM golang:1.22\nRUN cd /src && go build ./...\n',
      errors: [{ line: 2, column: 5, severity: 'info', message: 'cd /src lasts only for this RUN: use WORKDIR /src for the folder later instructions need.' }],
    },
  ],
});
