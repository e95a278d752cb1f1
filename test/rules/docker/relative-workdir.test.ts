import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/relative-workdir', {
  valid: [
    {
      name: 'absolute paths, variables, Windows paths',
      code: 'FROM alpine:3.19\nWORKDIR /app\nWORKDIR "/srv/data"\nWORKDIR $HOME/src\nWORKDIR ${APP_DIR}\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n',
    },
  ],
  invalid: [
    {
      name: 'relative paths',
      code: 'FROM node:20\nWORKDIR app\nWORKDIR ./build\n',
      errors: [
        { line: 2, column: 9, message: "WORKDIR app is relative to the previous WORKDIR (perhaps the base image's): write the absolute path." },
        { line: 3, message: /WORKDIR \.\/build is relative/ },
      ],
    },
  ],
});
