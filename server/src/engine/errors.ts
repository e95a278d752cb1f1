// A rule that throws must not take the linter (and the editor's language server) down with it.
// The host decides what to do with the error; by default it goes to stderr.
export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

let handler: RuleErrorHandler = (ruleId, error) => {
  console.error(`harden: rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
};

export function setRuleErrorHandler(next: RuleErrorHandler): void {
  handler = next;
}

export function reportRuleError(ruleId: string, error: unknown): void {
  handler(ruleId, error);
}
