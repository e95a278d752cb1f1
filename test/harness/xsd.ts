// A validator for the part of XML Schema (XSD 1.0) that report schemas such as JUnit's use: global and
// local elements (name, ref, type), named and inline complex types (mixed, sequence, choice, attributes
// with use="required"), xs:string, and simple types restricted by a pattern. Anything else in a schema is
// an error, so a schema it cannot fully check is never passed silently. XML is parsed with sax.
import sax from 'sax';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export function parseXml(text: string): XmlNode {
  const parser = sax.parser(true, { xmlns: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.onerror = (error) => {
    throw new Error(`not well-formed XML: ${error.message}`);
  };
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = parser.oncdata = (chunk) => {
    if (stack.length > 0) stack[stack.length - 1].text += chunk;
  };
  parser.write(text).close();
  if (!root) throw new Error('no root element');
  return root;
}

const XS = 'xs:';

export class XsdValidator {
  private readonly elements = new Map<string, XmlNode>();
  private readonly complexTypes = new Map<string, XmlNode>();
  private readonly simpleTypes = new Map<string, RegExp>();

  constructor(schemaText: string) {
    const schema = parseXml(schemaText);
    if (schema.name !== `${XS}schema`) throw new Error('not an xs:schema');
    for (const node of schema.children) {
      const name = node.attributes.name;
      if (node.name === `${XS}element`) this.elements.set(name, node);
      else if (node.name === `${XS}complexType`) this.complexTypes.set(name, node);
      else if (node.name === `${XS}simpleType`) this.simpleTypes.set(name, patternOf(node));
      else throw new Error(`unsupported schema construct ${node.name}`);
    }
  }

  /** Every violation, as `path: problem`; empty when the document is valid. */
  validate(documentText: string): string[] {
    const root = parseXml(documentText);
    const problems: string[] = [];
    const declaration = this.elements.get(root.name);
    if (!declaration) return [`${root.name}: not a global element of the schema`];
    this.element(root, declaration, root.name, problems);
    return problems;
  }

  private element(node: XmlNode, declaration: XmlNode, path: string, problems: string[]): void {
    const type = declaration.attributes.type;
    if (type === `${XS}string` || this.simpleTypes.has(type)) {
      if (node.children.length > 0) problems.push(`${path}: text only, found <${node.children[0].name}>`);
      if (Object.keys(node.attributes).length > 0) problems.push(`${path}: no attributes allowed`);
      const pattern = this.simpleTypes.get(type);
      if (pattern && !pattern.test(node.text)) problems.push(`${path}: '${node.text}' does not match ${pattern}`);
      return;
    }
    const complex = type ? this.complexTypes.get(type) : declaration.children.find((c) => c.name === `${XS}complexType`);
    if (!complex) throw new Error(`${path}: unsupported type ${type ?? '(none)'}`);
    this.complexContent(node, complex, path, problems);
  }

  private complexContent(node: XmlNode, complex: XmlNode, path: string, problems: string[]): void {
    const declared = new Map<string, XmlNode>();
    const particles: XmlNode[] = [];
    for (const child of complex.children) {
      if (child.name === `${XS}attribute`) declared.set(child.attributes.name, child);
      else if (child.name === `${XS}sequence` || child.name === `${XS}choice`) particles.push(child);
      else throw new Error(`unsupported complexType content ${child.name}`);
    }
    for (const [name, attribute] of declared) {
      const value = node.attributes[name];
      if (value === undefined) {
        if (attribute.attributes.use === 'required') problems.push(`${path}: missing required attribute ${name}`);
        continue;
      }
      const pattern = this.simpleTypes.get(attribute.attributes.type);
      if (pattern && !pattern.test(value)) problems.push(`${path}@${name}: '${value}' does not match ${pattern}`);
      else if (!pattern && attribute.attributes.type !== undefined && attribute.attributes.type !== `${XS}string`) {
        throw new Error(`unsupported attribute type ${attribute.attributes.type}`);
      }
    }
    for (const name of Object.keys(node.attributes)) if (!declared.has(name)) problems.push(`${path}: attribute ${name} is not allowed`);
    if (complex.attributes.mixed !== 'true' && node.text.trim() !== '') problems.push(`${path}: text is not allowed`);

    // The content model as a regular expression over the children's names.
    const byName = new Map<string, XmlNode>();
    const model = particles.map((particle) => this.particle(particle, byName)).join('');
    const children = node.children.map((child) => `<${child.name}>`).join('');
    if (!new RegExp(`^${model}$`).test(children)) {
      problems.push(`${path}: children ${node.children.map((c) => c.name).join(', ') || '(none)'} do not match the content model`);
    }
    node.children.forEach((child, i) => {
      const declaration = byName.get(child.name);
      if (declaration) this.element(child, declaration, `${path}/${child.name}[${i}]`, problems);
    });
  }

  private particle(node: XmlNode, byName: Map<string, XmlNode>): string {
    let body: string;
    if (node.name === `${XS}element`) {
      const name = node.attributes.ref ?? node.attributes.name;
      const declaration = node.attributes.ref ? this.elements.get(name) : node;
      if (!declaration) throw new Error(`unknown element ref ${name}`);
      byName.set(name, declaration);
      body = `<${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}>`;
    } else if (node.name === `${XS}sequence`) {
      body = node.children.map((child) => this.particle(child, byName)).join('');
    } else if (node.name === `${XS}choice`) {
      body = node.children.map((child) => this.particle(child, byName)).join('|');
    } else {
      throw new Error(`unsupported particle ${node.name}`);
    }
    const min = node.attributes.minOccurs ?? '1';
    const max = node.attributes.maxOccurs ?? '1';
    return `(?:${body}){${min},${max === 'unbounded' ? '' : max}}`;
  }
}

function patternOf(simpleType: XmlNode): RegExp {
  const restriction = simpleType.children[0];
  const pattern = restriction?.children.find((c) => c.name === `${XS}pattern`);
  if (restriction?.name !== `${XS}restriction` || restriction.attributes.base !== `${XS}string` || !pattern || restriction.children.length !== 1) {
    throw new Error(`unsupported simpleType ${simpleType.attributes.name}`);
  }
  // XSD patterns match the whole value.
  return new RegExp(`^(?:${pattern.attributes.value})$`);
}
