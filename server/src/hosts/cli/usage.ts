// The --help text. Kept beside the option table in args.ts; docs/cli.md says the same at length.
import { DEFAULT_SETTINGS } from '../../engine';

export const USAGE = `Usage: harden lint [options] [<file|dir|glob>...]
       harden lint [options] - [--stdin-filename <path>]
       harden rules [--format text|json] | --docs <rule-id>
       harden --help | --version

Finds Kubernetes YAML and Dockerfile hardening gaps, and fixes them.

Commands:
  lint     Lint files, directories (walked recursively) and glob patterns (default: .); - reads stdin
  rules    List every rule: id, default severity, whether --fix fixes it, description;
           --docs <rule-id> prints that rule's documentation

Options:
  -f, --format <format>           Report format: text (default), json, sarif, gitlab (Code Quality), junit
      --fix                       Apply the safe fix of every finding, writing files in place
      --fix-type <kind>           With --fix: safe or suggestion (fixes that may change what the workload
                                  does), repeatable or comma list (default: safe)
      --fix-rule <id>             With --fix: only this rule's fixes, suggestions included unless
                                  --fix-type says otherwise (repeatable or comma list)
      --fix-category <category>   With --fix: only fixes of security, availability or hygiene rules
      --kubernetes-version <X.Y>  Kubernetes version the manifests target (default: ${DEFAULT_SETTINGS.kubernetesVersion})
      --rule <id>=<severity>      Set a rule's severity: off, info, warning (or warn) or error (repeatable)
      --target <stage>            Lint Dockerfiles as built with docker build --target <stage>: that stage is the
                                  final image (the dockerTarget setting; default: .harden.yaml's, else the
                                  target Compose builds, else the last stage)
  -c, --config <file>             Use this .harden.yaml for every file (default: the nearest one above each file)
      --values <file>             Helm charts render with this values file over values.yaml, like helm -f (repeatable)
      --max-warnings <N>          Exit with 1 when there are more than N warnings
  -j, --jobs <N>                  Lint with N threads (default: one per CPU, at most one per 2,000 files)
      --max-file-size <size>      Skip larger files, e.g. 512KB, 8MB; 0 = no limit (default: 4MB)
      --no-schema                 Skip Kubernetes schema validation (unknown fields, wrong types: harden-schema;
                                  --rule harden-schema=off does the same)
      --stdin-filename <path>     With -: lint stdin as this file (language, .harden.yaml, report name)
      --allow-empty               Exit 0 when the paths hold no file to lint (default: exit 2)
  -q, --quiet                     Errors only: warnings and info are neither shown nor counted, no summary
  -o, --output <file>             Write the report to <file> instead of stdout
      --no-color                  No colors (default: on a terminal; NO_COLOR and FORCE_COLOR are honoured)
  -h, --help                      Show this help
  -v, --version                   Show the version

Exit codes:
  0  no error-severity findings, and warnings within --max-warnings
  1  error-severity findings, or more warnings than --max-warnings
  2  usage or I/O error (also: a file that cannot be read, a path that is not a file or directory),
     or no file to lint (see --allow-empty)
`;
