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
        { line: 3, message: /WORKDIR \.\/build is relative to the previous WORKDIR \(perhaps the base image's\)/ },
      ],
    },
    {
      name: 'after an absolute WORKDIR of the stage (or of the stage it builds FROM): the folder is known and named',
      code: 'FROM gradle:8 AS build\nWORKDIR "/home/gradle"\nWORKDIR project/app\nFROM build AS test\nWORKDIR ../lib\nWORKDIR $HOME/x\nWORKDIR y\n',
      errors: [
        { line: 3, message: 'WORKDIR project/app is relative to the previous WORKDIR /home/gradle: write the absolute path (/home/gradle/project/app).' },
        {
          line: 5,
          message: 'WORKDIR ../lib is relative to the previous WORKDIR /home/gradle/project/app: write the absolute path (/home/gradle/project/lib).',
        },
        { line: 7, message: "WORKDIR y is relative to the previous WORKDIR (perhaps the base image's): write the absolute path." },
      ],
    },
  ],
});
