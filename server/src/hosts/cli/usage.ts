// The --help text. Kept beside the option table in args.ts; docs/cli.md says the same at length.
import { DEFAULT_SETTINGS } from '../../engine';

export const USAGE = `Usage: harden lint [options] [<file|dir|glob>...]
       harden rules [--format text|json]
       harden --help | --version

Finds Kubernetes YAML and Dockerfile hardening gaps, and fixes them.

Commands:
  lint     Lint files, directories (walked recursively) and glob patterns (default: .)
  rules    List every rule: id, default severity, whether --fix fixes it, description

Options:
  -f, --format <text|json|sarif>  Report format (default: text)
      --fix                       Apply the safe fix of every finding, writing files in place
      --fix-type <kind>           With --fix: safe or suggestion (fixes that may change what the workload
                                  does), repeatable or comma list (default: safe)
      --fix-rule <id>             With --fix: only this rule's fixes, suggestions included unless
                                  --fix-type says otherwise (repeatable or comma list)
      --fix-category <category>   With --fix: only fixes of security, availability or hygiene rules
      --kubernetes-version <X.Y>  Kubernetes version the manifests target (default: ${DEFAULT_SETTINGS.kubernetesVersion})
      --rule <id>=<severity>      Set a rule's severity: off, info, warning or error (repeatable)
  -c, --config <file>             Use this .harden.yaml for every file (default: the nearest one above each file)
      --max-warnings <N>          Exit with 1 when there are more than N warnings
  -j, --jobs <N>                  Lint with N threads (default: one per CPU, at most one per 2,000 files)
  -q, --quiet                     Report errors only (warnings and info are neither shown nor counted)
  -o, --output <file>             Write the report to <file> instead of stdout
      --no-color                  No colors (colors are only used on a terminal; NO_COLOR is honoured)
  -h, --help                      Show this help
  -v, --version                   Show the version

Exit codes:
  0  no error-severity findings, and warnings within --max-warnings
  1  error-severity findings, or more warnings than --max-warnings
  2  usage or I/O error
`;
