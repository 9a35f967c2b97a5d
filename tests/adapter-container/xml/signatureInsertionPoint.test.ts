import { signatureInsertionPoint } from '../../../adapter-container/xml/signatureInsertionPoint';

/** The text after the insertion point, or what was thrown. */
const after = (xml: string, id: string): string | undefined => {
  const at = signatureInsertionPoint(xml, id);
  return at === undefined ? undefined : xml.slice(at);
};

describe('signatureInsertionPoint', () => {
  it('is the end tag of the parent of the element with the Id, after the siblings that follow it', () => {
    expect(after('<a><b><c Id="X"><d/></c><e>1</e></b><f/></a>', 'X')).toBe('</b><f/></a>');
  });

  it('takes a self-closing element, single quotes and spaces around =, and the first element with the Id', () => {
    expect(after(`<a><b><c Id = 'X'/></b><g><c Id="X"/></g></a>`, 'X')).toBe('</b><g><c Id="X"/></g></a>');
  });

  it('steps over comments, CDATA, processing instructions, a DOCTYPE and a > inside an attribute value', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE a><a><!-- <c Id="X"> --><b note="x > y"><![CDATA[<c Id="X"></b>]]><?pi <c Id="X">?><c Id="X">text</c></b></a>`;

    expect(after(xml, 'X')).toBe('</b></a>');
  });

  it('does not take an id, ID or prefixed Id attribute, nor a longer value', () => {
    expect(after('<a><b id="X" ID="X" p:Id="X" Id="XY"/></a>', 'X')).toBeUndefined();
  });

  it('refuses the root element: its Signature would have no parent to go into', () => {
    expect(() => signatureInsertionPoint('<a Id="X"><b/></a>', 'X')).toThrow('cannot sign: the element with Id "X" is the root, and the Signature goes into its parent');
  });
});
