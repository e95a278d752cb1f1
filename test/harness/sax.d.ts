// The part of sax's API that test/harness/xsd.ts uses (sax ships no type declarations).
declare module 'sax' {
  interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  interface SAXParser {
    onerror: (error: Error) => void;
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    write(text: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean }): SAXParser };
  export default sax;
}
