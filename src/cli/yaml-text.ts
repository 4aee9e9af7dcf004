/**
 * YAML as examdrill writes it: readable the same by YAML 1.2 (examdrill, the `yaml` library) and
 * YAML 1.1 readers (PyYAML, many editors). A 1.1 reader takes `yes`, `no`, `on`, `off`, `y`, `n`
 * for booleans, `1:30` for 90, `0777` for an octal and `=` for a "value" tag, so such strings are
 * quoted; text is never folded, so each source line stays one line.
 */
import { Scalar, visit, Document } from 'yaml';

/** Plain scalars that a YAML 1.1 reader gives a tag of its own, beyond those its 1.1 schema already quotes. */
const SPECIAL_IN_YAML_11 = /^=$/;

export function yamlText(data: unknown): string {
  const doc = new Document(data, { version: '1.1' });
  visit(doc, {
    Scalar(_, node: Scalar) {
      if (typeof node.value === 'string' && SPECIAL_IN_YAML_11.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
