import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIX_KINDS, Linter } from '../../../server/src/engine';
import { ruleTester } from '../../harness/ruleTester';

const MERGE = 'Merge the next RUN into this one with && \\';
const stale = (update: string, install: string, line: number, noun = 'package lists') =>
  `${update} has no install after it in its RUN: the ${install} on line ${line} installs from the ${noun} it leaves, stale whenever the build cache reuses this RUN. Update in the RUN that installs (${update} && ${install} …).`;

ruleTester('docker/update-alone', {
  valid: [
    {
      name: "Docker's best practice: update and install in the same RUN",
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'update then upgrade, and nothing installs later: the upgrade uses the lists',
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\nUSER 10001\n',
    },
    {
      name: 'a builder stage: nothing installs from the lists, and its layers are thrown away',
      code: 'FROM debian:12 AS build\nRUN apt-get update\nRUN make\nFROM debian:12\nCOPY --from=build /out /out\n',
    },
    {
      name: 'the lists removed in the same RUN stay out of the image',
      code: 'FROM debian:12\nRUN apt-get update && apt-cache policy curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a cache mount keeps the lists out of the layer, and nothing installs from them',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n',
    },
    {
      name: 'a builder stage whose later install updates first (apk add -U refreshes the index)',
      code: 'FROM alpine:3.19 AS build\nRUN apk update\nRUN apk add -U gcc\nFROM alpine:3.19\nCOPY --from=build /out /out\n',
    },
    {
      name: "Checkov's passing file: apk update --no-cache keeps no index",
      code: 'FROM alpine:3.19\nRUN apk update --no-cache && apk upgrade --no-cache\nRUN apk --update add moo\n',
    },
    {
      name: 'yum update upgrades packages, dnf makecache and zypper refresh are refreshed by the install itself: not reported',
      code: 'FROM fedora:40\nRUN yum update -y\nRUN dnf makecache\nRUN zypper refresh\nRUN dnf install -y curl\n',
    },
    { name: 'update-locale is no update', code: 'FROM debian:12\nRUN update-locale LANG=en_US.UTF-8\n' },
    {
      name: "an install behind a wrapper: sudo, tonistiigi/xx's xx-apt-get",
      code: 'FROM debian:12\nRUN apt-get update && sudo -E apt-get install -y curl\nRUN apt-get update && xx-apt-get install -y gcc\n',
    },
  ],
  invalid: [
    {
      name: "Docker's example: the install reads the lists of the update's layer; merged into one RUN",
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, message: stale('apt-get update', 'apt-get install', 3), severity: 'warning' }],
      fixTitles: [MERGE],
      output: 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n',
    },
    {
      name: 'update and upgrade, then an install further down: reported, not moved past the COPY',
      code: 'FROM debian:12\nRUN apt-get -qq update && apt-get upgrade -y\nCOPY sources.list /etc/apt/sources.list\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, message: stale('apt-get update', 'apt-get install', 4) }],
      fixTitles: [],
    },
    {
      name: 'the install in a stage built on this one',
      code: 'FROM debian:12 AS base\nRUN apt update\nFROM base\nRUN apt install -y curl\n',
      errors: [{ line: 2, message: stale('apt update', 'apt install', 4) }],
      fixTitles: [],
    },
    {
      name: 'in a builder stage too: a stale list breaks its build as well',
      code: 'FROM debian:12 AS build\nRUN apt-get update\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12 AS build\nRUN apt-get update \\\n    && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
    {
      name: 'a cache mount on both: the install still reads the lists of an update the build cache skipped',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\nRUN --mount=type=cache,target=/var/lib/apt apt-get install -y curl\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update \\\n    && apt-get install -y curl\n',
    },
    {
      name: 'other flags on the install: no merge (the network is for that step only)',
      code: 'FROM debian:12\nRUN apt-get update\nRUN --network=host apt-get install -y curl\n',
      errors: [{ line: 2 }],
      fixTitles: [],
    },
    {
      name: "the update RUN's export would carry over: a suggestion that says so",
      code: 'FROM debian:12\nRUN export DEBIAN_FRONTEND=noninteractive && apt-get update\nRUN apt-get install -y tzdata\n',
      errors: [{ line: 2 }],
      suggestion: {
        title: `${MERGE} (carries this RUN's \`export DEBIAN_FRONTEND=noninteractive\` over to the next RUN's commands)`,
        output: 'FROM debian:12\nRUN export DEBIAN_FRONTEND=noninteractive && apt-get update \\\n    && apt-get install -y tzdata\n',
      },
    },
    {
      name: 'an install RUN that is a list: grouped, as a suggestion',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl; echo done\n',
      errors: [{ line: 2 }],
      suggestion: {
        title: 'Merge the next RUN into this one as && { …; } (grouped, so that it runs only if this RUN succeeds)',
        output: 'FROM debian:12\nRUN apt-get update \\\n    && { apt-get install -y curl; echo done; }\n',
      },
    },
    {
      name: 'apk: an add without --no-cache reads the index the update left',
      code: 'FROM alpine:3.19\nRUN apk update\nRUN apk add curl\n',
      errors: [{ line: 2, message: stale('apk update', 'apk add', 3, 'package index') }],
      output: 'FROM alpine:3.19\nRUN apk update \\\n    && apk add curl\n',
    },
    {
      name: "Checkov's failing file: apk update alone, and nothing adds from it",
      code: 'FROM alpine:3.19\nRUN apk update\n',
      errors: [
        {
          line: 2,
          severity: 'info',
          message:
            'apk update has no install after it in its RUN, nor does a later RUN install from its package index: the package index stays in the image for nothing, stale for the images built on it; remove it: `apk add --no-cache` fetches a fresh index itself and keeps none.',
        },
      ],
    },
    {
      name: 'apk add --no-cache reads no index: the update is for nothing',
      code: 'FROM alpine:3.19\nRUN apk update\nCOPY . /app\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, severity: 'info' }],
    },
    {
      name: 'an update after the install of its RUN',
      code: 'FROM debian:12\nRUN apt-get install -y curl && \\\n    apt-get update\n',
      errors: [
        {
          line: 3,
          severity: 'info',
          message:
            'apt-get update has no install after it in its RUN, nor does a later RUN install from its package lists: the package lists stay in the image for nothing, stale for the images built on it; remove it, or update in the RUN that installs.',
        },
      ],
    },
    {
      name: 'behind sudo too',
      code: 'FROM debian:12\nRUN sudo apt-get update\nRUN sudo apt-get install -y curl\n',
      errors: [{ line: 2, message: stale('apt-get update', 'apt-get install', 3) }],
      output: 'FROM debian:12\nRUN sudo apt-get update \\\n    && sudo apt-get install -y curl\n',
    },
    {
      name: 'a later RUN that updates again: the first lists stay in their layer for nothing',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, severity: 'info' }],
    },
  ],
});

// docker/package-cache reports an apk update only where an add follows in its RUN: the two rules never report the same
// update, and their fixes converge: the merge brings the update to the add, package-cache then drops it for --no-cache.
describe('docker/update-alone and docker/package-cache on apk update', () => {
  const linter = new Linter({});
  const both = { kinds: FIX_KINDS, rules: ['docker/update-alone', 'docker/package-cache'] };
  const file = (text: string) => ({ path: '/work/Dockerfile', text });
  const ruleIds = (text: string) => linter.lint(file(text)).findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`);

  it('each reports its own updates', () => {
    const code = 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl\nRUN apk update && apk add --no-cache git\nUSER 1000\n';
    assert.deepEqual(
      ruleIds(code).filter((r) => /update-alone|package-cache/.test(r)),
      ['2 docker/update-alone', '3 docker/package-cache', '4 docker/package-cache'],
    );
  });

  it('fixing both ends with apk add --no-cache and no update', () => {
    const code = 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl\nUSER 1000\n';
    const fixed = linter.fixAll(file(code), both).text;
    assert.equal(fixed, 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1000\n');
    assert.deepEqual(
      ruleIds(fixed).filter((r) => /update-alone|package-cache/.test(r)),
      [],
    );
  });
});
