// Failures that end the run with exit code 2 (usage or I/O), carrying a message meant for the user.
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
