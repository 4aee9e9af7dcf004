/** The `?` overlay: every key of the screen below, from the key table. Esc or q closes it. */
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import { useScroll } from '../hooks/use-scroll.js';
import { bindingsFor, type ScreenKind } from '../keys/key-map.js';
import type { ScreenProps } from '../screen-props.js';
import type { Line } from '../text/layout.js';

export function HelpScreen({ screen, nav, theme, columns, rows, active }: ScreenProps & { readonly screen: ScreenKind }) {
  const list = bindingsFor(screen, false);
  const width = Math.max(...list.map((b) => b.keys.length));
  const body: Line[] = list.map((b) => [{ text: b.keys.padEnd(width + 2), role: 'accent', bold: true }, { text: b.description }]);
  const scroll = useScroll(body.length, rows);
  const keys = useScreenKeys('help', active, nav, { up: scroll.up, down: scroll.down, help: () => nav.pop() });
  return <Frame title="Keys" body={body} screen="help" theme={theme} columns={columns} rows={rows} scroll={scroll.scroll} message={keys.message} />;
}
