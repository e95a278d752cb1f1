// The server's text model. YAML documents are kept as their `---` documents (the engine's SegmentedText): an
// edit replaces the pieces it touches, and linting, schema validation and the size check read the pieces, so
// a keystroke in a 1,000-document file no longer builds a 1.27 MB string (~3.5 ms) nor leaves one for the
// garbage collector (peak memory grew by the file's size per keystroke). What needs the whole text (code
// actions, hover, completion) gets it joined on first need, through an ordinary TextDocument of it.
// Free of Node: the web server shares it.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentsConfiguration } from 'vscode-languageserver';
import { SegmentedText, type YamlSegment } from '../../engine';

export class YamlTextDocument implements TextDocument {
  private whole: TextDocument | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private readonly content: SegmentedText,
  ) {}

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.content.lineCount;
  }

  /** Its `---` documents, as splitDocuments cuts the text. */
  segments(): readonly YamlSegment[] {
    return this.content.segments();
  }

  /** Its length in UTF-16 code units, without joining it. */
  get length(): number {
    return this.content.length;
  }

  getText(range?: Range): string {
    return this.joined().getText(range);
  }

  positionAt(offset: number): Position {
    return this.joined().positionAt(offset);
  }

  getLineRange(line: number): Range {
    return this.joined().getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.joined().getEOLCharacters(line);
  }

  offsetAt(position: Position): number {
    return this.content.offsetAt(position.line, position.character);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        const { start, end } = wellFormed(change.range);
        this.content.replace(this.offsetAt(start), this.offsetAt(end), change.text);
      } else {
        this.content.replace(0, this.content.length, change.text);
      }
    }
    this.currentVersion = version;
    this.whole = undefined;
  }

  private joined(): TextDocument {
    return (this.whole ??= TextDocument.create(this.uri, this.languageId, this.currentVersion, this.content.text()));
  }
}

/** As vscode-languageserver-textdocument takes a range given end first. */
function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** For `new TextDocuments(…)`: YAML documents segmented, the others as usual. */
export const SERVER_TEXT_DOCUMENTS: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) =>
    languageId === 'yaml' ? new YamlTextDocument(uri, languageId, version, new SegmentedText(content)) : TextDocument.create(uri, languageId, version, content),
  update: (document, changes, version) => {
    if (!(document instanceof YamlTextDocument)) return TextDocument.update(document, changes, version);
    document.update(changes, version);
    return document;
  },
};

/** The document's `---` documents when the model keeps them (YAML), without joining its text. */
export function segmentsOf(document: TextDocument): readonly YamlSegment[] | undefined {
  return document instanceof YamlTextDocument ? document.segments() : undefined;
}

/** The document's length in UTF-16 code units, without joining a segmented text. */
export function textLength(document: TextDocument): number {
  return document instanceof YamlTextDocument ? document.length : document.getText().length;
}
