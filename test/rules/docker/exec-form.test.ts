import { ruleTester } from '../../harness/ruleTester';

ruleTester('docker/exec-form', {
  valid: [
    { code: 'FROM node:20\nCMD ["node", "server.js"]\n' },
    { name: 'builder stage CMD does not run', code: 'FROM node:20 AS b\nCMD node x\nFROM node:20\nCMD ["node"]\n' },
    { name: 'Windows image', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD cmd /c echo hi\n' },
    { name: 'the shell execs the application', code: 'FROM python:3.12\nCMD cd /app && exec gunicorn -b 0.0.0.0:$PORT app:app\n' },
    {
      name: 'an exec-form array continued over a comment line (Docker drops the comment)',
      code: 'FROM node:20\nCMD ["node", \\\n# the server\n    "server.js"]\n',
    },
  ],
  invalid: [
    {
      name: 'simple command: its words',
      code: 'FROM node:20\nCMD node server.js\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'CMD node server.js is in shell form, so /bin/sh is PID 1 and the process never receives SIGTERM; use the exec form ["node", "server.js"].',
        },
      ],
      output: 'FROM node:20\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'quotes and backslashes are JSON-escaped',
      code: 'FROM python:3.12\nENTRYPOINT python -c "print(\\"hi\\")" \'a\\b\'\n',
      errors: [{ line: 2 }],
      output: 'FROM python:3.12\nENTRYPOINT ["python", "-c", "print(\\"hi\\")", "a\\\\b"]\n',
    },
    {
      name: '&& chain keeps the shell and execs the last command',
      code: 'FROM node:20\nCMD cd /app && node server.js --port $PORT\n',
      errors: [{ line: 2 }],
      output: 'FROM node:20\nCMD ["/bin/sh", "-c", "cd /app && exec node server.js --port $PORT"]\n',
    },
    {
      name: 'a pipe keeps sh as PID 1 whatever the form: reported, no fix (wrapping it in sh -c would only hide it)',
      code: 'FROM alpine:3.19\nCMD ./app 2>&1 | tee /log\n',
      errors: [{ line: 2, message: /or `exec` the last command/ }],
      fixTitles: [],
    },
    {
      name: 'a VAR=… prefix: no ["/bin/sh","-c",…] fix, which is the shell form again',
      code: 'FROM node:20\nCMD NODE_ENV=production node server.js\n',
      errors: [{ line: 2 }],
      fixTitles: [],
    },
    {
      name: 'continuations are joined, SHELL is honoured',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nENTRYPOINT ./start.sh \\\n    --verbose\n',
      errors: [{ line: 3, endLine: 4 }],
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nENTRYPOINT ["./start.sh", "--verbose"]\n',
    },
    // Without a shell nothing expands globs, `~` or braces (bash's, and /bin/sh is bash on Red Hat-based images):
    // the program would get `*.conf` or `~/bin/app` as written. Such a command keeps its shell.
    ...['*.conf', '?.conf', '[ab].conf', '{a,b}.conf', 'a=~/x'].map((arg) => ({
      name: `${arg} needs the shell to expand it`,
      code: `FROM alpine:3.20\nCMD app ${arg}\n`,
      errors: [
        {
          line: 2,
          message: `CMD app ${arg} is in shell form, so /bin/sh is PID 1 and the process never receives SIGTERM; use the exec form ["/bin/sh", "-c", "exec app ${arg}"].`,
        },
      ],
      output: `FROM alpine:3.20\nCMD ["/bin/sh", "-c", "exec app ${arg}"]\n`,
    })),
    {
      name: 'a leading ~ needs the shell',
      code: 'FROM alpine:3.20\nCMD ~/bin/app --verbose\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nCMD ["/bin/sh", "-c", "exec ~/bin/app --verbose"]\n',
    },
    {
      name: 'quoted or escaped, a glob character or ~ is plain text',
      code: 'FROM alpine:3.20\nCMD app \'*.conf\' \\?.conf "[ab]" "~"/x [ ]\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nCMD ["app", "*.conf", "?.conf", "[ab]", "~/x", "[", "]"]\n',
    },
    {
      name: 'ENTRYPOINT turned into its words receives the CMD, which its shell form ignored: the title says so',
      code: 'FROM alpine:3.20\nCOPY entry.sh /entry.sh\nENTRYPOINT /entry.sh\nCMD ["--debug"]\n',
      errors: [{ line: 3, message: /use the exec form \["\/entry\.sh"\] \(it then receives CMD \["--debug"\] as arguments\)\.$/ }],
      fixTitles: ['Convert to exec form (it then receives CMD ["--debug"] as arguments)'],
      output: 'FROM alpine:3.20\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\nCMD ["--debug"]\n',
    },
    {
      name: 'ENTRYPOINT resets the CMD it inherits: then only docker run arguments',
      code: 'FROM alpine:3.20 AS base\nCMD ["--old"]\nFROM base\nENTRYPOINT /entry.sh\n',
      errors: [{ line: 4 }],
      fixTitles: ['Convert to exec form (it then receives the docker run arguments)'],
      output: 'FROM alpine:3.20 AS base\nCMD ["--old"]\nFROM base\nENTRYPOINT ["/entry.sh"]\n',
    },
    {
      name: 'ENTRYPOINT kept in sh -c: the arguments stay $0, $1… of the shell, as before',
      code: 'FROM alpine:3.20\nENTRYPOINT cd /app && ./start.sh\nCMD ["--debug"]\n',
      errors: [{ line: 2 }],
      fixTitles: ['Convert to exec form'],
      output: 'FROM alpine:3.20\nENTRYPOINT ["/bin/sh", "-c", "cd /app && exec ./start.sh"]\nCMD ["--debug"]\n',
    },
    // Docker's table "Understand how CMD and ENTRYPOINT interact": after an exec-form ENTRYPOINT, a shell-form CMD
    // is not PID 1 of its own; the ENTRYPOINT runs with `/bin/sh -c <command>` as its arguments.
    {
      name: 'CMD after an exec-form ENTRYPOINT: the ENTRYPOINT receives /bin/sh, -c and the string; the fix hands it the words',
      code: 'FROM python:3.12\nENTRYPOINT ["python", "app.py"]\nCMD --port 8080\n',
      errors: [
        {
          line: 3,
          message:
            'CMD --port 8080 is in shell form, so the exec-form ENTRYPOINT ["python", "app.py"] receives /bin/sh, -c and "--port 8080" as arguments; use the exec form ["--port", "8080"] (the ENTRYPOINT then receives its words as arguments).',
        },
      ],
      fixTitles: ['Convert to exec form (the ENTRYPOINT then receives its words as arguments)'],
      output: 'FROM python:3.12\nENTRYPOINT ["python", "app.py"]\nCMD ["--port", "8080"]\n',
    },
    {
      name: "an ENTRYPOINT set after the CMD in the same stage receives it too, with the stage's SHELL",
      code: 'FROM alpine:3.20 AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nSHELL ["/bin/ash", "-c"]\nCMD cd /app && ./server\nENTRYPOINT ["/sbin/tini", "--"]\n',
      errors: [{ line: 5, message: /the exec-form ENTRYPOINT \["\/sbin\/tini", "--"\] receives \/bin\/ash, -c and "cd \/app && \.\/server" as arguments/ }],
      fixTitles: ['Convert to exec form (the ENTRYPOINT still receives a shell, which then execs the last command)'],
    },
    {
      name: 'ENTRYPOINT [] resets the ENTRYPOINT: the CMD runs in its shell as PID 1',
      code: 'FROM alpine:3.20\nENTRYPOINT ["tini", "--"]\nENTRYPOINT []\nCMD ./server\n',
      errors: [{ line: 4, message: /so \/bin\/sh is PID 1/ }],
      fixTitles: ['Convert to exec form'],
    },
    {
      name: 'escape directive and CRLF',
      code: '# escape=`\r\nFROM debian:12\r\nCMD echo $HOME `\r\n    && sleep 1\r\n',
      errors: [{ line: 3 }],
      output: '# escape=`\r\nFROM debian:12\r\nCMD ["/bin/sh", "-c", "echo $HOME     && exec sleep 1"]\r\n',
    },
  ],
});
