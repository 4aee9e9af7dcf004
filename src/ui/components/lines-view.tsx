/** Draws laid-out lines with Ink, colouring by role through the theme. */
import { Text } from 'ink';
import type { Line } from '../text/layout.js';
import type { Theme } from '../theme.js';

export interface LinesViewProps {
  readonly lines: readonly Line[];
  readonly theme: Theme;
}

export function LinesView({ lines, theme }: LinesViewProps) {
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((s, k) => (
                <Text key={k} color={s.role ? theme.colour(s.role) : undefined} bold={s.bold} italic={s.italic} inverse={s.inverse} dimColor={s.role === 'dim' && theme.name === 'none'}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </>
  );
}
