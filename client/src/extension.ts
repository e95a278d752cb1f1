// VS Code entry point: starts the Harden language server, its status bar item and commands. Diagnostics,
// quick fixes and settings flow through the language client.
import { commands, window, type ExtensionContext, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { CLIENT_NAME, MENU_COMMAND, RESTART_COMMAND } from './identifiers';
import { createLanguageClient } from './languageClient';
import { registerKubernetesSnippets } from './snippets';
import { HardenStatusBar, showMenu } from './statusBar';
import { watchRedHatYaml } from './redHatYaml';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel(CLIENT_NAME, { log: true });
  const languageClient = createLanguageClient(context, outputChannel);
  client = languageClient;
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand(RESTART_COMMAND, () => restart(languageClient, outputChannel)),
    watchRedHatYaml(languageClient),
  );
  const statusBar = new HardenStatusBar(languageClient);
  context.subscriptions.push(
    statusBar,
    commands.registerCommand(MENU_COMMAND, () => showMenu(statusBar.checking)),
  );
  registerCommands(context, languageClient, outputChannel, () => statusBar.checking);
  context.subscriptions.push(registerKubernetesSnippets(context));
  try {
    await languageClient.start();
  } catch (error) {
    // Keep the extension (and its restart command) alive: the user can fix the cause and restart.
    reportStartFailure(outputChannel, error);
  }
}

export async function deactivate(): Promise<void> {
  const running = client?.isRunning() ? client : undefined;
  client = undefined;
  await running?.stop();
}

async function restart(languageClient: LanguageClient, outputChannel: LogOutputChannel): Promise<void> {
  outputChannel.info('Restarting the Harden language server…');
  try {
    // A client whose server failed to start cannot be stopped, only started again.
    if (languageClient.isRunning()) await languageClient.restart();
    else await languageClient.start();
  } catch (error) {
    reportStartFailure(outputChannel, error);
  }
}

function reportStartFailure(outputChannel: LogOutputChannel, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  outputChannel.error(`The Harden language server failed to start: ${message}`);
  void window.showErrorMessage(`Harden: the language server failed to start (${message}). See the "Harden" output.`);
}
