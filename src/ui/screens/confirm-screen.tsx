/** A yes/no question. y confirms; n, q or Esc cancels. */
import { Frame } from '../components/frame.js';
import { useScreenKeys } from '../hooks/use-screen-keys.js';
import type { ScreenProps } from '../screen-props.js';
import { layoutMarkdown } from '../text/layout.js';

export function ConfirmScreen({ message, onYes, nav, theme, columns, rows, active }: ScreenProps & { readonly message: string; readonly onYes: () => void }) {
  const keys = useScreenKeys('confirm', active, nav, {
    yes: () => {
      nav.pop();
      onYes();
    },
    no: () => nav.pop(),
    back: () => nav.pop(),
    interrupt: () => nav.pop(),
  });
  return <Frame title="Confirm" body={[[], ...layoutMarkdown(message, columns - 3), [], [{ text: 'y yes · n no', role: 'accent', bold: true }]]} screen="confirm" theme={theme} columns={columns} rows={rows} message={keys.message} />;
}
