// The stdio writer: each message as the parts encodeMessageParts gives (a publish shares most of its bytes with
// the last one of its file), written in one go. vscode-jsonrpc's StreamMessageWriter wants each message as one
// buffer, which on a large file meant a new multi-megabyte buffer per keystroke, freed only by a full GC.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { encodeMessageParts } from './jsonEncoder';

export class PartsMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly output: NodeJS.WritableStream & { cork(): void; uncork(): void }) {
    super();
    output.on('error', (error: Error) => this.fireError(error));
    output.on('close', () => this.fireClose());
  }

  /** Resolves once the message is written. Messages go out in the order of the calls (the writes are issued at once). */
  write(message: Message): Promise<void> {
    let parts: Buffer[];
    try {
      parts = encodeMessageParts(message);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.fireError(failure);
      return Promise.reject(failure);
    }
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    return new Promise((resolve, reject) => {
      const written = (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      };
      this.output.cork();
      this.output.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
      parts.forEach((part, i) => this.output.write(part, i === parts.length - 1 ? written : undefined));
      this.output.uncork();
    });
  }

  end(): void {
    this.output.end();
  }
}
